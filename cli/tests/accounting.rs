//! Every input accounted for exactly as given: for any input list (paths,
//! paths with spaces, `path URL` lines, URLs nobody answers, other schemes,
//! junk, blank lines, comments, bytes that are not UTF-8), the command
//! writes exactly one record per line that is not blank or a comment, and
//! each record's `source` is its line, trimmed — or, for a `PATH URL` line,
//! its path (the URL is the page's address, not the input).
//!
//! Lines that are not UTF-8 are read lossily (U+FFFD for each bad
//! sequence): a JSON string cannot hold them byte for byte.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../tests/fetch_server/mod.rs"]
mod fetch_server;

use std::path::PathBuf;
use std::process::Stdio;

use proptest::prelude::*;

/// One list line and the source its record must carry (`None`: no record).
#[derive(Debug, Clone)]
struct Line {
    bytes: Vec<u8>,
    source: Option<String>,
}

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gleaner-accounting-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["a.html", "with space.html"] {
        std::fs::write(
            dir.join(name),
            "<html><body><article><p>A page that exists, with enough words to keep.</p></article></body></html>",
        )
        .unwrap();
    }
    dir
}

fn line(dir: &std::path::Path) -> impl Strategy<Value = Line> {
    let d = dir.display().to_string();
    let pad = prop::sample::select(vec!["", " ", "  ", "\t"]);
    let kind = prop_oneof![
        Just(0u8),
        Just(1),
        Just(2),
        Just(3),
        Just(4),
        Just(5),
        Just(6),
        Just(7),
        Just(8),
        Just(9),
    ];
    // No ":" in junk: it never names a host to look up.
    let junk = "[a-zA-Z0-9/._~%?&=é-]{1,24}";
    (kind, pad.clone(), pad, junk, 0u16..500).prop_map(move |(kind, left, right, junk, n)| {
        let (text, source) = match kind {
            // A file that exists, alone or with its URL.
            0 => (format!("{d}/a.html"), Some(format!("{d}/a.html"))),
            1 => (
                format!("{d}/with space.html  http://127.0.0.1:1/p{n}"),
                Some(format!("{d}/with space.html")),
            ),
            2 => (
                format!("{d}/with space.html"),
                Some(format!("{d}/with space.html")),
            ),
            // A file that does not exist.
            3 => (
                format!("{d}/missing {n}.html"),
                Some(format!("{d}/missing {n}.html")),
            ),
            // A URL nobody answers (a closed port on this machine).
            4 => (
                format!("http://127.0.0.1:1/x{n}"),
                Some(format!("http://127.0.0.1:1/x{n}")),
            ),
            // Schemes and near-URLs that cannot be fetched.
            5 => (
                format!("ftp://host/{junk}"),
                Some(format!("ftp://host/{junk}")),
            ),
            6 => (
                "htp:/not a url".to_string(),
                Some("htp:/not a url".to_string()),
            ),
            // Junk, blank lines and comments.
            7 => (junk.clone(), Some(junk.clone())),
            8 => (String::new(), None),
            _ => (format!("# note {junk}"), None),
        };
        Line {
            bytes: format!("{left}{text}{right}").into_bytes(),
            source,
        }
    })
}

fn not_utf8() -> impl Strategy<Value = Line> {
    (prop::collection::vec(0x80u8..=0xFF, 1..6), "[a-z]{1,8}").prop_map(|(bad, tail)| {
        let mut bytes = bad;
        bytes.extend_from_slice(tail.as_bytes());
        let source = String::from_utf8_lossy(&bytes).into_owned();
        Line {
            bytes,
            source: Some(source),
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn one_record_per_line_with_the_line_as_its_source(
        lines in prop::collection::vec(prop_oneof![8 => line(&scratch()), 1 => not_utf8()], 1..24)
    ) {
        let dir = scratch();
        let list = dir.join(format!("list-{}.txt", std::process::id()));
        let mut bytes = Vec::new();
        for l in &lines {
            bytes.extend_from_slice(&l.bytes);
            bytes.push(b'\n');
        }
        std::fs::write(&list, &bytes).unwrap();
        let out = fetch_server::gleaner_cli(&[
            "--input-list", list.to_str().unwrap(), "--format", "jsonl", "-q",
            "--connect-timeout", "2s", "--timeout", "5s",
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
        prop_assert!(matches!(out.status.code(), Some(0 | 1)), "{:?}", out);
        let mut got: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["source"].as_str().unwrap().to_string()
            })
            .collect();
        let mut want: Vec<String> = lines.iter().filter_map(|l| l.source.clone()).collect();
        got.sort();
        want.sort();
        prop_assert_eq!(got, want);
    }
}
