//! The golden fixtures: every folder under `fixtures/` holds `page.html` and
//! `expected.json`. Each key of `expected.json` is compared with the record
//! `gleaner::extract` makes of the page (a key that is absent is not
//! checked), except these, which are checks rather than fields:
//!   `body_contains`: strings the body must contain;
//!   `body_excludes`: strings the body must not contain.
//! The page URL is the expected `url` when one is given.
//!
//! A folder may also hold `expected.md`: the page is then extracted with
//! Markdown on, and `body_markdown` must equal the file (trailing newlines
//! aside). The other keys are checked on that same record, so they also
//! show that turning Markdown on changes nothing else.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::path::Path;

use serde_json::Value;

fn check_case(dir: &Path) -> Vec<String> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut failures = Vec::new();
    let page = match std::fs::read(dir.join("page.html")) {
        Ok(p) => p,
        Err(e) => return vec![format!("{name}: cannot read page.html: {e}")],
    };
    let expected: Value = match std::fs::read_to_string(dir.join("expected.json"))
        .map_err(|e| e.to_string())
        .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
    {
        Ok(v) => v,
        Err(e) => return vec![format!("{name}: bad expected.json: {e}")],
    };
    let url = expected.get("url").and_then(Value::as_str);
    let expected_md = std::fs::read_to_string(dir.join("expected.md")).ok();
    let mut options = gleaner::Options::default();
    options.markdown = expected_md.is_some();
    let article = match gleaner::extract_with(&page, url, &options) {
        Ok(a) => a,
        Err(e) => return vec![format!("{name}: extraction failed: {e}")],
    };
    if let Some(want) = &expected_md {
        let got = article.body_markdown.as_deref().unwrap_or("");
        if got.trim_end_matches('\n') != want.trim_end_matches('\n') {
            failures.push(format!(
                "{name}: body_markdown differs from expected.md\n--- got ---\n{got}\n--- expected ---\n{want}"
            ));
        }
    }
    let record = serde_json::to_value(&article).unwrap_or(Value::Null);
    let body = article.body.as_str();
    let Some(map) = expected.as_object() else {
        return vec![format!("{name}: expected.json is not an object")];
    };
    for (key, want) in map {
        match key.as_str() {
            "body_contains" => {
                for s in want
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    if !body.contains(s) {
                        failures.push(format!("{name}: body lacks {s:?}\n--- body ---\n{body}\n"));
                    }
                }
            }
            "body_excludes" => {
                for s in want
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    if body.contains(s) {
                        failures.push(format!(
                            "{name}: body contains {s:?}\n--- body ---\n{body}\n"
                        ));
                    }
                }
            }
            "attribution" => {
                for (k, w) in want.as_object().into_iter().flatten() {
                    let got = record
                        .get("attribution")
                        .and_then(|a| a.get(k))
                        .unwrap_or(&Value::Null);
                    if got != w {
                        failures.push(format!("{name}: attribution.{k} is {got}, expected {w}"));
                    }
                }
            }
            _ => {
                let got = record.get(key).unwrap_or(&Value::Null);
                if got != want {
                    failures.push(format!("{name}: {key} is {got}\n   expected {want}"));
                }
            }
        }
    }
    failures
}

#[test]
fn golden_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.join("page.html").exists())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    assert!(
        dirs.len() >= 12,
        "expected at least 12 fixtures, found {}",
        dirs.len()
    );
    let failures: Vec<String> = dirs.iter().flat_map(|d| check_case(d)).collect();
    assert!(
        failures.is_empty(),
        "{} fixture checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
