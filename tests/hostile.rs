//! Hostile and broken pages: every generated adversarial pattern at a
//! modest size, the inputs that are not pages at all, and the crashing
//! inputs kept from fuzzing (`tests/hostile/*`). Nothing here is timed:
//! `cargo run --release --example scaling` measures growth.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

mod adversarial;

use gleaner::{Options, extract_with};

fn all_outputs() -> Options {
    let mut options = Options::default();
    options.markdown = true;
    options.html = true;
    options
}

#[test]
fn every_adversarial_pattern_extracts_sanely() {
    for p in adversarial::PATTERNS {
        // A tenth of the scaling example's 1x: fast in debug builds.
        let page = (p.page)((p.base / 10).max(50));
        let result = extract_with(page.as_str(), Some("https://example.com/a"), &all_outputs());
        assert!(result.is_ok(), "{}: {:?}", p.name, result.err());
        let article = result.expect("extracts");
        assert!(
            serde_json::to_string(&article).is_ok(),
            "{}: record does not serialise",
            p.name
        );
        // Whatever was kept came from the page: no markup leaks into text.
        assert!(
            !article.body.contains('<') && !article.body.contains('>'),
            "{}: markup in the body",
            p.name
        );
        assert_eq!(
            article.word_count,
            gleaner::_internal::text::word_count(&article.body),
            "{}",
            p.name
        );
        // Every pattern but the metadata-only ones has visible prose.
        if !matches!(p.name, "many_meta_authors" | "jsonld_graph") {
            assert!(!article.body.is_empty(), "{}: empty body", p.name);
        }
    }
}

#[test]
fn patterns_keep_their_text() {
    let get = |name: &str, n: usize| {
        let p = adversarial::PATTERNS
            .iter()
            .find(|p| p.name == name)
            .map(|p| (p.page)(n))
            .unwrap_or_default();
        extract_with(p.as_str(), None, &Options::default())
            .map(|a| a.body)
            .unwrap_or_default()
    };
    assert!(get("deep_nesting", 300).contains("deep text."));
    assert!(get("nested_inline", 300).contains("inline text."));
    assert!(get("nested_tables", 200).contains("cell, text."));
    let long = get("long_word", 100_000);
    assert!(long.contains(&format!("{}.", "x".repeat(100_000))));
    let rows = get("huge_table", 100);
    let full_rows = rows
        .lines()
        .filter(|l| l.split('\t').filter(|c| *c == "cell, 1").count() == 12)
        .count();
    assert_eq!(full_rows, 100, "{}", &rows[..rows.len().min(300)]);
    let tiny = get("tiny_paragraphs", 1_000);
    assert!(
        tiny.contains("A b.\n\nA b."),
        "{}",
        &tiny[..tiny.len().min(200)]
    );
}

#[test]
fn a_hundred_thousand_open_tags_do_not_overflow_the_stack() {
    // Mostly <b>/<i>, which html5ever handles linearly (the formatting list
    // is capped), plus divs: the flat tree and every pass stay iterative.
    let mut page = String::from("<p>start, here.");
    for i in 0..50_000 {
        page.push_str(if i % 2 == 0 { "<b>" } else { "<i>" });
    }
    page.push_str("deep formatted text.");
    let a = extract_with(page.as_str(), None, &all_outputs());
    let body = a.expect("extracts").body;
    assert!(body.contains("deep formatted text."), "{body}");
}

#[test]
fn a_hundred_thousand_siblings_are_fine() {
    let page = format!(
        "<article><p>Opening paragraph, with words.</p>{}</article>",
        "<span>w</span>".repeat(100_000)
    );
    let a = extract_with(page.as_str(), None, &Options::default());
    assert!(a.is_ok_and(|a| a.body.starts_with("Opening paragraph")));
}

#[test]
fn inputs_that_are_not_pages_are_refused_with_their_kind() {
    let kind = |bytes: &[u8]| match extract_with(bytes, None, &Options::default()) {
        Ok(_) => "ok".to_string(),
        Err(e) => e.kind().to_string(),
    };
    assert_eq!(kind(b""), "empty");
    assert_eq!(kind(b"   \n\t  "), "empty");
    assert_eq!(
        kind(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"),
        "unsupported_type"
    );
    assert_eq!(kind(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "unsupported_type");
    assert_eq!(kind(b"\xFF\xD8\xFF\xE0\0\x10JFIF"), "unsupported_type");
    assert_eq!(kind(b"GIF89a\x01\0\x01\0"), "unsupported_type");
    assert_eq!(kind(&[0u8; 4096]), "unsupported_type");
    assert_eq!(kind(b"{\"json\": true}"), "unsupported_type");
    // Text with a few NULs is still a page.
    assert_eq!(kind(b"<p>a\0b, a sentence with a NUL in it.</p>"), "ok");
}

#[test]
fn invalid_and_truncated_utf8_decodes_with_replacements() {
    let mut page = b"<html><body><p>Caf\xC3\xA9 and na\xEF\xBF".to_vec();
    page.extend_from_slice(b" more text, in a sentence.</p><p>trunc\xE2\x82");
    let a = extract_with(&page, None, &Options::default());
    let body = a.expect("extracts").body;
    assert!(body.contains("more text, in a sentence."), "{body}");
}

#[test]
fn pages_over_the_size_cap_are_refused_before_parsing() {
    let mut options = Options::default();
    options.max_input_bytes = 1_000;
    let page = "<p>x</p>".repeat(200);
    let err = extract_with(page.as_str(), None, &options).err();
    assert_eq!(err.map(|e| e.kind()), Some(gleaner::ErrorKind::TooLarge));
    let err = extract_with(page.as_bytes(), None, &options).err();
    assert_eq!(err.map(|e| e.kind()), Some(gleaner::ErrorKind::TooLarge));
}

#[test]
fn fuzzing_finds_stay_fixed() {
    // Inputs that once crashed or hung the extractor, kept as found.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let entries = std::fs::read_dir(&dir).expect("tests/hostile");
    let mut seen = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("a kept input");
        let result = extract_with(&bytes, Some("https://example.com/a/b"), &all_outputs());
        if let Ok(a) = result {
            assert!(serde_json::to_string(&a).is_ok(), "{}", path.display());
            // As in the fuzzer: pages that nest past the depth cap, or whose
            // body is JSON-LD's, may rightly hold text in another order.
            let shallow =
                bytes.iter().filter(|&&b| b == b'<').count() < Options::default().max_depth;
            let from_ld = a.has_warning(gleaner::WarningKind::BodyFromJsonLd);
            assert!(
                !shallow || from_ld || drawn_from_page_text(&bytes, &a.body),
                "{}: body not drawn from the page's text: {:?}",
                path.display(),
                a.body
            );
        }
        seen += 1;
    }
    assert!(seen > 0, "no inputs in {}", dir.display());
}

/// The fuzzer's oracle: the body is drawn from the page's text nodes as
/// html5ever parses the page without the pre-parse scan. A leak past
/// `prestrip` breaks it.
fn drawn_from_page_text(bytes: &[u8], body: &str) -> bool {
    let decoded = gleaner::_internal::decode::decode(bytes, None);
    let parsed = gleaner::_internal::dom::parse(&decoded.text);
    let page = gleaner::_internal::dom::Dom::build(&parsed, usize::MAX).text();
    gleaner::_internal::text::is_drawn_from(body, &page)
}
