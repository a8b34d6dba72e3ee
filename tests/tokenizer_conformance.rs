//! html5lib's tokenizer conformance tests (`../shared/html5lib-tests/tokenizer`,
//! JSON) against gleaner's own tokenizer (`src/parse/tokenizer.rs`).
//!
//! Every test runs in each of its initial states and must produce exactly
//! the expected tokens (parse errors are not reported, so not compared).
//! The only tests not run are those whose input holds a lone UTF-16
//! surrogate, which no Rust string (and no decoded page) can hold.
//!
//! Without `../shared` the test says it is skipped; with
//! `GLEANER_REQUIRE_SHARED=1` (set by CI) a missing `../shared` fails it.

use std::path::PathBuf;

use gleaner::_internal::parse::tokenizer::{State, Token, Tokenizer};
use serde_json::{Map, Value, json};

fn tests_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/html5lib-tests/tokenizer");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("GLEANER_REQUIRE_SHARED").is_none(),
        "{} is missing and GLEANER_REQUIRE_SHARED is set",
        dir.display()
    );
    eprintln!("SKIPPED: {} not found", dir.display());
    None
}

/// The input stream preprocessing: CR LF and CR become LF.
fn preprocess(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// `\uXXXX` escapes of a `doubleEscaped` test; `None` for a lone surrogate.
fn unescape(s: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&'u') {
            chars.next();
            let hex: String = chars.by_ref().take(4).collect();
            let mut code = u32::from_str_radix(&hex, 16).ok()?;
            if (0xD800..0xDC00).contains(&code) {
                // A surrogate pair spelled as two escapes.
                let rest: String = chars.clone().take(6).collect();
                let low = rest
                    .strip_prefix("\\u")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .filter(|l| (0xDC00..0xE000).contains(l))?;
                for _ in 0..6 {
                    chars.next();
                }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            }
            out.push(char::from_u32(code)?);
        } else {
            out.push(c);
        }
    }
    Some(out)
}

fn unescape_value(v: &Value) -> Option<Value> {
    Some(match v {
        Value::String(s) => Value::String(unescape(s)?),
        Value::Array(a) => Value::Array(a.iter().map(unescape_value).collect::<Option<_>>()?),
        Value::Object(o) => {
            let mut m = Map::new();
            for (k, v) in o {
                m.insert(unescape(k)?, unescape_value(v)?);
            }
            Value::Object(m)
        }
        v => v.clone(),
    })
}

fn state(name: &str) -> State {
    match name {
        "PLAINTEXT state" => State::Plaintext,
        "RCDATA state" => State::Rcdata,
        "RAWTEXT state" => State::Rawtext,
        "Script data state" => State::ScriptData,
        "CDATA section state" => State::CdataSection,
        _ => State::Data,
    }
}

/// The tokens as html5lib writes them, characters merged.
fn tokenize(input: &str, initial: State, last_start: Option<&str>) -> Vec<Value> {
    let mut t = Tokenizer::new(input);
    t.set_state(initial);
    if let Some(name) = last_start {
        t.set_last_start_tag(name);
    }
    let mut out: Vec<Value> = Vec::new();
    let mut text = String::new();
    loop {
        let token = t.next_token();
        let is_text = matches!(token, Token::Text(_) | Token::Null);
        if !is_text && !text.is_empty() {
            out.push(json!(["Character", std::mem::take(&mut text)]));
        }
        match token {
            Token::Text(s) => text.push_str(t.text(s)),
            Token::Null => text.push('\0'),
            Token::StartTag { name, self_closing } => {
                let mut attrs = Map::new();
                for a in t.attrs() {
                    attrs.insert(t.text(a.name).to_string(), json!(t.text(a.value)));
                }
                let mut tag = vec![json!("StartTag"), json!(t.text(name)), Value::Object(attrs)];
                if self_closing {
                    tag.push(json!(true));
                }
                out.push(Value::Array(tag));
            }
            Token::EndTag { name } => out.push(json!(["EndTag", t.text(name)])),
            Token::Comment(s) => out.push(json!(["Comment", t.text(s)])),
            Token::Doctype(d) => out.push(json!([
                "DOCTYPE",
                d.name.map(|s| t.text(s)),
                d.public_id.map(|s| t.text(s)),
                d.system_id.map(|s| t.text(s)),
                !d.force_quirks
            ])),
            Token::Eof => break,
        }
    }
    out
}

#[test]
fn html5lib_tokenizer_tests_pass() {
    let Some(dir) = tests_dir() else { return };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "test"));
    files.sort();
    assert!(!files.is_empty(), "no .test files in {}", dir.display());
    let (mut ran, mut unrepresentable) = (0, 0);
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let json: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        let tests = json
            .get("tests")
            .or_else(|| json.get("xmlViolationTests"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let xml = json.get("xmlViolationTests").is_some();
        for test in tests {
            // The XML-violation tests describe an XML-compatible
            // tokenizer's output; the HTML tokenizer's is elsewhere.
            if xml {
                continue;
            }
            let double = test.get("doubleEscaped") == Some(&Value::Bool(true));
            let raw_input = test["input"].as_str().unwrap_or_default();
            let (input, expected) = if double {
                match (unescape(raw_input), unescape_value(&test["output"])) {
                    (Some(i), Some(o)) => (i, o),
                    _ => {
                        unrepresentable += 1;
                        continue;
                    }
                }
            } else {
                (raw_input.to_string(), test["output"].clone())
            };
            let input = preprocess(&input);
            let states: Vec<String> = test
                .get("initialStates")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_else(|| vec!["Data state".to_string()]);
            let last = test.get("lastStartTag").and_then(Value::as_str);
            for s in states {
                ran += 1;
                let got = Value::Array(tokenize(&input, state(&s), last));
                if got != expected {
                    failures.push(format!(
                        "{} / {} [{s}]\n  input    {:?}\n  expected {expected}\n  got      {got}",
                        file.file_name().unwrap_or_default().to_string_lossy(),
                        test["description"].as_str().unwrap_or_default(),
                        input
                    ));
                }
            }
        }
    }
    eprintln!(
        "html5lib tokenizer tests: {ran} runs, {} failed, {unrepresentable} not run (lone surrogates)",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(ran > 6000, "only {ran} runs");
}
