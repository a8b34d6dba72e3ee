//! Arbitrary bytes through the whole extractor, with every output on.
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
    if let Ok(article) = gleaner::extract(data, Some("https://example.com/a/b"), &options) {
        // Strings are valid UTF-8 by type; serialising checks the record is whole.
        let _ = serde_json::to_string(&article);
    }
});
