//! How often the detected language agrees with the one a page declares.
//! Reads records (JSON Lines) made by a build without the
//! `detect-language` feature, so that `language` is what each page
//! declares; detects the language of each body; compares primary subtags.
//!
//!   cargo run --release --features detect-language --example language_check -- RECORDS.jsonl...
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use gleaner::_internal::language::{detect, normalize};

fn main() {
    let (mut total, mut declared, mut both, mut agree, mut filled) = (0, 0, 0, 0, 0);
    for path in std::env::args().skip(1) {
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let r: serde_json::Value = serde_json::from_str(line).unwrap();
            total += 1;
            let body = r["body"].as_str().unwrap_or("");
            let given = r["language"].as_str().and_then(normalize);
            let found = detect(body);
            match (&given, &found) {
                (Some(g), Some(f)) => {
                    declared += 1;
                    both += 1;
                    let primary = |t: &str| t.split('-').next().unwrap_or("").to_string();
                    agree += usize::from(primary(g) == primary(f));
                }
                (Some(_), None) => declared += 1,
                (None, Some(_)) => filled += 1,
                (None, None) => {}
            }
        }
    }
    println!(
        "{total} records: {declared} declare a language; {filled} more get one by detection; \
         where both are known ({both}), they agree on {agree} ({:.1}%)",
        100.0 * agree as f64 / both.max(1) as f64
    );
}
