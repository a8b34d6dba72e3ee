//! The `gleaner` binary on bad usage (a clear message on standard error
//! and exit status 2, no records) and on bad inputs inside a batch (an
//! error record each, the run goes on, exit status 1). Nothing here touches
//! the network: every URL fails to parse before any request.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = match Command::new(env!("CARGO_BIN_EXE_gleaner"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => unreachable!("cannot start gleaner: {e}"),
    };
    if let Some(mut input) = child.stdin.take() {
        use std::io::Write;
        let _ = input.write_all(stdin.as_bytes());
    }
    match child.wait_with_output() {
        Ok(o) => o,
        Err(e) => unreachable!("gleaner did not finish: {e}"),
    }
}

/// Exit status 2, nothing on standard output, and a message on standard
/// error that contains `needle`.
fn assert_usage_error(args: &[&str], needle: &str) {
    let out = run(args, "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?} wrote records");
    assert!(
        stderr.contains(needle),
        "{args:?}: {needle:?} not in {stderr}"
    );
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

fn kind(record: &Value) -> &str {
    record["error"]["kind"].as_str().unwrap_or("ok")
}

/// A scratch directory of this test's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gleaner-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::create_dir_all(&dir);
    dir
}

fn fixture(name: &str) -> String {
    format!(
        "{}/../fixtures/{name}/page.html",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn an_unreadable_input_list_is_a_usage_error() {
    let missing = scratch("list").join("no-such-list.txt");
    let missing = missing.to_string_lossy();
    assert_usage_error(&["--input-list", &missing], "cannot read input list");
    assert_usage_error(&["--input-list", &missing], "no-such-list.txt");
}

#[test]
fn a_directory_as_input_list_is_a_usage_error() {
    let dir = scratch("listdir");
    assert_usage_error(&["--input-list", &dir.to_string_lossy()], "is a directory");
}

#[test]
fn a_directory_as_input_is_a_usage_error() {
    let dir = scratch("inputdir");
    let dir = dir.to_string_lossy();
    assert_usage_error(&[&dir], "is a directory");
    // Even next to a good input: nothing runs.
    assert_usage_error(&[&fixture("ads"), &dir], "is a directory");
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    assert_usage_error(&["--format", "xml", &fixture("ads")], "'xml'");
    assert_usage_error(&["--body", "pdf", &fixture("ads")], "'pdf'");
}

#[test]
fn no_inputs_and_unknown_flags_are_usage_errors() {
    assert_usage_error(&[], "no inputs");
    assert_usage_error(&["--no-such-flag", &fixture("ads")], "--no-such-flag");
    assert_usage_error(&["--jobs", "0", &fixture("ads")], "--jobs");
    assert_usage_error(&["--jobs", "many", &fixture("ads")], "many");
    assert_usage_error(&["--timeout", "-1", &fixture("ads")], "-1");
}

#[test]
fn conflicting_options_are_usage_errors() {
    let ads = fixture("ads");
    let seed = fixture("seed-rt");
    assert_usage_error(&["--url", "https://e.com/a", &ads, &seed], "single input");
    assert_usage_error(
        &["--url", "https://e.com/a", "--input-list", &ads],
        "single input",
    );
    assert_usage_error(&["--input-list", "-", "-"], "standard input");
    assert_usage_error(&["--resume", &ads], "--output");
    let out = scratch("resume").join("out.json");
    assert_usage_error(
        &[
            "--resume",
            "-o",
            &out.to_string_lossy(),
            "--format",
            "json",
            &ads,
        ],
        "--resume needs the jsonl format",
    );
}

#[test]
fn a_malformed_url_is_an_invalid_url_record() {
    for url in [
        "http://",
        "https://exa mple.com/",
        "https://example.com:99999/",
    ] {
        let out = run(&["-q", "--format", "jsonl", url], "");
        assert_eq!(out.status.code(), Some(1), "{url}");
        let recs = records(&out);
        assert_eq!(recs.len(), 1, "{url}");
        assert_eq!(kind(&recs[0]), "invalid_url", "{url}: {}", recs[0]);
        assert_eq!(recs[0]["source"], url);
    }
    // The page URL given with --url is checked the same way.
    let out = run(&["-q", "--url", "not a url", &fixture("ads")], "");
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs.first().map(kind), Some("invalid_url"));
}

#[test]
fn one_bad_input_in_a_batch_is_one_error_record_and_the_run_goes_on() {
    let dir = scratch("batch");
    let binary = dir.join("image.png");
    let _ = std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    let empty = dir.join("empty.html");
    let _ = std::fs::write(&empty, b"");
    let missing = dir.join("missing.html");
    let sub = dir.join("a-directory");
    let _ = std::fs::create_dir_all(&sub);
    let mut list: Vec<u8> = Vec::new();
    for line in [
        fixture("ads"),
        missing.to_string_lossy().to_string(),
        binary.to_string_lossy().to_string(),
        empty.to_string_lossy().to_string(),
        sub.to_string_lossy().to_string(),
        "http://".to_string(),
    ] {
        list.extend_from_slice(line.as_bytes());
        list.push(b'\n');
    }
    // A line that is not UTF-8 fails on its own; it does not end the list.
    list.extend_from_slice(b"bad-\xff\xfe-name.html\n");
    list.extend_from_slice(fixture("seed-rt").as_bytes());
    list.push(b'\n');
    let list_path = dir.join("list.txt");
    let _ = std::fs::write(&list_path, &list);

    let out = run(
        &[
            "-q",
            "--ordered",
            "--input-list",
            &list_path.to_string_lossy(),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    let kinds: Vec<&str> = recs.iter().map(kind).collect();
    assert_eq!(
        kinds,
        [
            "ok",
            "io",
            "unsupported_type",
            "empty",
            "io",
            "invalid_url",
            "io",
            "ok"
        ],
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(recs[7]["body"].as_str().is_some_and(|b| !b.is_empty()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn json_with_several_inputs_is_one_array_and_with_one_an_object() {
    let (ads, seed) = (fixture("ads"), fixture("seed-rt"));
    let out = run(&["--format", "json", "-q", &ads, &seed], "");
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    let out = run(&["--format", "json", "-q", &ads], "");
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert!(v.is_object());
}

#[test]
fn sizes_and_durations_take_units_and_nonsense_is_refused() {
    let ads = fixture("ads");
    let out = run(
        &[
            "--max-bytes",
            "50M",
            "--timeout",
            "30s",
            "--delay",
            "500ms",
            "-q",
            &ads,
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let out = run(&["--max-bytes", "1K", "--format", "jsonl", "-q", &ads], "");
    let recs = records(&out);
    assert_eq!(kind(&recs[0]), "too_large");
    let size = std::fs::metadata(&ads).unwrap().len();
    let message = recs[0]["error"]["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("{size} bytes")),
        "the real size: {message}"
    );
    assert_usage_error(&["--timeout", "0", &ads], "more than zero");
    assert_usage_error(&["--connect-timeout", "0s", &ads], "more than zero");
    assert_usage_error(&["--max-bytes", "0", &ads], "at least one byte");
    assert_usage_error(&["--max-bytes", "lots", &ads], "not a size");
    assert_usage_error(&["--delay", "5 parsecs", &ads], "unit");
    assert_usage_error(&["-", "-"], "standard input");
}

#[test]
fn a_page_without_a_body_is_warned_and_counted_apart() {
    let dir = scratch("nobody");
    let page = dir.join("nav.html");
    std::fs::write(
        &page,
        "<html><head><title>Menu</title></head><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav></body></html>",
    )
    .unwrap();
    let out = run(
        &["--format", "jsonl", page.to_str().unwrap(), &fixture("ads")],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "not a failure");
    let recs = records(&out);
    let nobody = recs
        .iter()
        .find(|r| r["source"] == page.to_str().unwrap())
        .unwrap();
    assert_eq!(nobody["warnings"][0]["kind"], "no_body", "{nobody}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 ok, 1 without a body, 0 failed"),
        "{stderr}"
    );
}

#[test]
fn url_falls_back_to_the_canonical_url() {
    let dir = scratch("canonical");
    let page = dir.join("c.html");
    std::fs::write(
        &page,
        "<html><head><link rel='canonical' href='https://example.com/story'></head>\
         <body><article><h1>Story</h1><p>A paragraph long enough to be the article's own text here.</p></article></body></html>",
    )
    .unwrap();
    let out = run(&["--format", "jsonl", page.to_str().unwrap()], "");
    let recs = records(&out);
    assert_eq!(recs[0]["url"], "https://example.com/story");
    // A URL given with the page wins.
    let out = run(
        &[
            "--format",
            "jsonl",
            "--url",
            "https://mirror.example/s",
            page.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(records(&out)[0]["url"], "https://mirror.example/s");
}

#[test]
fn input_dir_takes_page_files_recursively_in_order() {
    let dir = scratch("inputdir-walk");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let text = std::fs::read_to_string(fixture("ads")).unwrap();
    for name in ["b.html", "a.htm", "sub/c.html", "notes.txt"] {
        std::fs::write(dir.join(name), &text).unwrap();
    }
    let out = run(
        &[
            "--input-dir",
            dir.to_str().unwrap(),
            "--format",
            "jsonl",
            "-q",
            "-j",
            "1",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let sources: Vec<String> = records(&out)
        .iter()
        .map(|r| {
            r["source"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(sources, ["a.htm", "b.html", "c.html"]);
    assert_usage_error(&["--input-dir", &fixture("ads")], "not a directory");
}

#[test]
fn retry_failed_runs_the_failed_inputs_again_and_keeps_one_record_each() {
    let dir = scratch("retry");
    let late = dir.join("late.html");
    let list = dir.join("list.txt");
    let ads = fixture("ads");
    std::fs::write(&list, format!("{ads}\n{}\n", late.display())).unwrap();
    let out_path = dir.join("out.jsonl");
    let args = [
        "--input-list",
        list.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
        "-q",
    ];
    let first = run(&args, "");
    assert_eq!(first.status.code(), Some(1), "late.html is missing");
    // The missing page appears; a plain --resume skips it, --retry-failed not.
    std::fs::write(&late, std::fs::read(&ads).unwrap()).unwrap();
    run(&[&args[..], &["--resume"]].concat(), "");
    let text = std::fs::read_to_string(&out_path).unwrap();
    assert_eq!(text.lines().filter(|l| l.contains("\"error\"")).count(), 1);
    let again = run(&[&args[..], &["--resume", "--retry-failed"]].concat(), "");
    assert_eq!(again.status.code(), Some(0), "{again:?}");
    let text = std::fs::read_to_string(&out_path).unwrap();
    let recs: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recs.len(), 2, "one record per input: {text}");
    assert!(recs.iter().all(|r| r["error"].is_null()), "{text}");
}

#[test]
fn text_output_keeps_errors_on_stderr() {
    let dir = scratch("text-errors");
    let missing = dir.join("missing.html");
    let out = run(
        &[
            "--format",
            "text",
            &fixture("ads"),
            missing.to_str().unwrap(),
        ],
        "",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stdout.contains("missing.html"), "{stdout}");
    assert!(
        stderr.contains("missing.html") && stderr.contains("(io)"),
        "{stderr}"
    );
    assert!(stdout.starts_with("==> "), "{stdout}");
}

#[test]
fn completions_and_the_manual_page_come_from_the_flags() {
    let out = run(&["--completions", "bash"], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("--input-list"));
    let out = run(&["--man"], "");
    assert_eq!(out.status.code(), Some(0));
    let man = String::from_utf8_lossy(&out.stdout);
    assert!(man.contains(".TH") && man.contains("input\\-list"), "{man}");
}

#[test]
fn a_page_over_the_page_timeout_is_a_timeout_record_and_the_run_goes_on() {
    let dir = scratch("page-timeout");
    let big = dir.join("big.html");
    let mut page = String::from("<html><body><article>");
    while page.len() < 4 << 20 {
        page.push_str("<section><h2>Part</h2><p>The council met on Tuesday evening to discuss the budget.</p></section>");
    }
    page.push_str("</article></body></html>");
    std::fs::write(&big, page).unwrap();
    let missing = dir.join("missing.html");
    let out = run(
        &[
            "--format",
            "jsonl",
            "--jobs",
            "1",
            "--page-timeout",
            "1ms",
            big.to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
        "",
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 2, "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(kind(&recs[0]), "timeout");
    assert_eq!(recs[0]["source"], big.to_str().unwrap());
    // The worker moved on to the next input.
    assert_eq!(kind(&recs[1]), "io");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_zero_or_malformed_page_timeout_is_a_usage_error() {
    assert_usage_error(&["--page-timeout", "0", "x.html"], "more than zero");
    assert_usage_error(&["--page-timeout", "soon", "x.html"], "not a duration");
}
