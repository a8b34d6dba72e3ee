//! `explain_page` goes through the same decoding and stages as
//! `extract_page`: its record is the very record, on every fixture page,
//! and what it says agrees with that record.

use gleaner::{Options, PageInput};

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let page = entry.path().join("page.html");
        if let Ok(bytes) = std::fs::read(&page) {
            out.push((page.display().to_string(), bytes));
        }
    }
    out.sort();
    assert!(out.len() > 40, "fixtures not found in {dir}");
    out
}

#[test]
fn the_explanation_carries_the_record_extraction_gives() {
    for options in [
        Options::default(),
        Options::default()
            .with_markdown(true)
            .with_list_markers(true),
    ] {
        for (name, bytes) in fixtures() {
            let page = PageInput::bytes(&bytes[..])
                .with_source(name.clone())
                .with_url("https://example.com/news/story.html");
            let record = gleaner::extract_page(&page, &options);
            let why = match gleaner::explain_page(&page, &options) {
                Ok(why) => why,
                Err(e) => unreachable!("{name}: {e}"),
            };
            assert_eq!(why.record, record, "{name}");
            // The blocks it calls kept are the body's (unless the body is
            // the JSON-LD text, which the explanation then says).
            if record.has_warning(gleaner::WarningKind::BodyFromJsonLd) {
                assert!(why.route.contains("JSON-LD"), "{name}");
                continue;
            }
            let body = record.body.split_whitespace().collect::<Vec<_>>().join(" ");
            let kept: Vec<&str> = why
                .blocks
                .iter()
                .filter(|b| b.kept)
                .map(|b| b.text.as_str())
                .collect();
            for text in &kept {
                let start: String = text.trim_end_matches('…').chars().take(40).collect();
                assert!(
                    body.contains(start.trim()),
                    "{name}: {start:?} not in the body"
                );
            }
            assert_eq!(kept.is_empty(), record.body.is_empty(), "{name}");
        }
    }
}

#[test]
fn a_page_that_fails_has_its_error_to_explain() {
    let err = gleaner::explain(&b""[..], None, &Options::default()).err();
    assert_eq!(err.map(|e| e.kind()), Some(gleaner::ErrorKind::Empty));
}
