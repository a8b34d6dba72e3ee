//! Arbitrary bytes through the whole extractor, with every output on.
//! Besides not panicking, the body must be drawn from the page's own text:
//! its visible characters, in order, are a subsequence of the text nodes
//! of the page as parsed without the pre-parse scan (checked on pages too
//! small to nest past the depth cap, whose body is not JSON-LD's).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut options = gleaner::Options::default();
    options.markdown = true;
    options.html = true;
    // The first byte picks a few option variations so the fuzzer also
    // reaches the table-less and caption paths.
    if let Some(&b) = data.first() {
        options.include_tables = b & 1 == 0;
        options.include_captions = b & 2 != 0;
        options.markdown_links = b & 4 == 0;
        options.markdown_images = b & 8 == 0;
    }
    let Ok(article) = gleaner::extract_with(data, Some("https://example.com/a/b"), &options) else {
        return;
    };
    let _ = serde_json::to_string(&article);
    let shallow = memchr_count(b'<', data) < options.max_depth;
    let from_ld = article.has_warning(gleaner::WarningKind::BodyFromJsonLd);
    if shallow && !from_ld {
        let decoded = gleaner::_internal::decode::decode(data, None);
        let parsed = gleaner::_internal::dom::parse(&decoded.text);
        let page = gleaner::_internal::dom::Dom::build(&parsed, usize::MAX).text();
        let drawn = gleaner::_internal::text::is_drawn_from(&article.body, &page);
        assert!(drawn, "body not drawn from the page's text: {:?}", article.body);
    }
});

fn memchr_count(byte: u8, data: &[u8]) -> usize {
    data.iter().filter(|&&b| b == byte).count()
}
