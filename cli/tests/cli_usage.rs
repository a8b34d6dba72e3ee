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
