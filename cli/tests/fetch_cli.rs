//! The `gleaner` binary fetching from a server this test starts on
//! 127.0.0.1 (host names pinned with `--resolve`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../tests/fetch_server/mod.rs"]
mod fetch_server;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use fetch_server::{Resp, Server};
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn page(title: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>Enough words in this paragraph to make it the body of an article for the extractor to keep.</p>\
         </article></body></html>"
    )
}

async fn server(slow: Duration) -> std::io::Result<Server> {
    Server::start(move |r| match r.path.as_str() {
        "/robots.txt" => Resp::status(404),
        "/missing" => Resp::status(404),
        p => Resp::html(page(&format!("Title {p}"))).delayed(slow),
    })
    .await
}

fn gleaner(args: &[&str]) -> Command {
    fetch_server::gleaner_cli(args)
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gleaner-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn records(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn run(c: &mut Command) -> Output {
    c.stdin(Stdio::null()).output().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_single_url_prints_its_record() -> TestResult {
    let s = server(Duration::ZERO).await?;
    let out = run(&mut gleaner(&[
        &s.url("a.test", "/one"),
        "--format",
        "jsonl",
    ]));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&String::from_utf8(out.stdout)?);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["headline"], "Title /one");
    assert_eq!(recs[0]["source"], s.url("a.test", "/one"));
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_input_list_mixes_urls_and_files_and_resumes() -> TestResult {
    let s = server(Duration::ZERO).await?;
    let dir = tmp("list");
    let local = dir.join("local.html");
    std::fs::write(&local, page("Local"))?;
    let mut lines = vec![
        format!("{}", local.display()),
        "# a comment".to_string(),
        String::new(),
    ];
    for i in 0..12 {
        lines.push(s.url(
            if i % 2 == 0 { "a.test" } else { "b.test" },
            &format!("/p{i}"),
        ));
    }
    lines.push(s.url("a.test", "/missing"));
    let list = dir.join("urls.txt");
    std::fs::write(&list, lines.join("\n"))?;
    let out_path = dir.join("out.jsonl");
    let args = [
        "--input-list",
        list.to_str().unwrap(),
        "--output",
        out_path.to_str().unwrap(),
        "--ordered",
    ];
    let out = run(&mut gleaner(&args));
    assert_eq!(out.status.code(), Some(1), "one page failed");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("13 ok, 1 failed (http_status: 1)"),
        "{stderr}"
    );
    let recs = records(&std::fs::read_to_string(&out_path)?);
    assert_eq!(recs.len(), 14);
    assert_eq!(recs[0]["headline"], "Local");
    assert_eq!(
        recs[1]["source"],
        s.url("a.test", "/p0"),
        "--ordered keeps input order"
    );
    assert_eq!(recs[13]["error"]["status"], 404);

    // Keep 5 records and a torn sixth line, as a crash would leave them.
    let text = std::fs::read_to_string(&out_path)?;
    let kept: Vec<&str> = text.lines().take(5).collect();
    std::fs::write(
        &out_path,
        format!("{}\n{{\"source\":\"http://a.t", kept.join("\n")),
    )?;
    let out = run(&mut gleaner(&[&args[..4], &["--resume"]].concat()));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("8 ok, 1 failed") && stderr.contains("5 skipped"),
        "{stderr}"
    );
    let recs = records(&std::fs::read_to_string(&out_path)?);
    assert_eq!(recs.len(), 14, "every input once, the torn line gone");
    let mut sources: Vec<&str> = recs.iter().map(|r| r["source"].as_str().unwrap()).collect();
    sources.sort();
    sources.dedup();
    assert_eq!(sources.len(), 14);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_can_come_from_stdin() -> TestResult {
    use std::io::Write;
    let s = server(Duration::ZERO).await?;
    let mut child = gleaner(&["--input-list", "-", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    let list = format!("{}\n{}\n", s.url("a.test", "/x"), s.url("b.test", "/y"));
    child.stdin.take().unwrap().write_all(list.as_bytes())?;
    let out = child.wait_with_output()?;
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(records(&String::from_utf8(out.stdout)?).len(), 2);
    assert!(out.stderr.is_empty(), "--quiet");
    Ok(())
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["--resume", "x"][..],
        &[][..],
        &["--concurrency", "0", "x"][..],
        &["--resolve", "nohost", "x"][..],
    ] {
        let out = run(Command::new(env!("CARGO_BIN_EXE_gleaner")).args(args));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_stops_cleanly_with_valid_output() -> TestResult {
    let s = server(Duration::from_millis(200)).await?;
    let dir = tmp("sigint");
    let list: Vec<String> = (0..200)
        .map(|i| s.url("a.test", &format!("/p{i}")))
        .collect();
    let list_path = dir.join("urls.txt");
    std::fs::write(&list_path, list.join("\n"))?;
    let out_path = dir.join("out.jsonl");
    let child = gleaner(&[
        "--input-list",
        list_path.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ])
    .stdin(Stdio::null())
    .stderr(Stdio::piped())
    .spawn()?;
    // Wait until some records are written (to the temporary file beside
    // the output), then interrupt.
    let written = || {
        std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| {
                e.file_name().to_string_lossy().contains("out.jsonl")
                    && std::fs::read_to_string(e.path())
                        .map(|t| t.lines().count() >= 2)
                        .unwrap_or(false)
            })
    };
    for _ in 0..100 {
        if written() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()?;
    let out = child.wait_with_output()?;
    assert_eq!(out.status.code(), Some(130));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let recs = records(&std::fs::read_to_string(&out_path)?);
    assert!(!recs.is_empty() && recs.len() < 200);
    assert!(
        stderr.contains(&format!("interrupted, {} inputs left", 200 - recs.len())),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

/// A server that fails every way a crawl meets: the run writes one record
/// per input, each with its input as the source, whatever went wrong.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_input_one_record_against_a_faulty_server() -> TestResult {
    use fetch_server::Body;
    let s = Server::start(|r| match r.path.as_str() {
        "/robots.txt" => Resp::status(404),
        "/ok" => Resp::html(page("Fine")),
        "/500" => Resp::status(500),
        "/404" => Resp::status(404),
        "/pdf" => Resp::new(200, "application/pdf", "%PDF-1.4"),
        "/junk" => Resp::new(200, "text/html", vec![0u8, 159, 146, 150, 0, 1, 2, 3]),
        "/empty" => Resp::html(""),
        "/loop" => Resp::redirect(302, "/loop2"),
        "/loop2" => Resp::redirect(302, "/loop"),
        "/slow" => Resp::html(page("Slow")).delayed(Duration::from_secs(5)),
        "/drop" => {
            let mut r = Resp::html("");
            r.body = Body::DropAfter(b"<html><body><p>cut".to_vec());
            r
        }
        "/endless" => {
            let mut r = Resp::html("");
            r.body = Body::Endless;
            r
        }
        _ => Resp::status(410),
    })
    .await?;
    let dir = tmp("faulty");
    let mut lines = Vec::new();
    for path in [
        "/ok", "/500", "/404", "/pdf", "/junk", "/empty", "/loop", "/slow", "/drop", "/endless",
    ] {
        lines.push(s.url("a.test", path));
    }
    lines.extend(
        [
            "htp:/not a url",
            "ftp://a.test/file",
            "my page.html",
            "http:// spaced out",
        ]
        .map(String::from),
    );
    let list = dir.join("list.txt");
    std::fs::write(&list, lines.join("\n"))?;
    let out = run(&mut gleaner(&[
        "--input-list",
        list.to_str().unwrap(),
        "--format",
        "jsonl",
        "-q",
        "--timeout",
        "1s",
        "--max-body",
        "1M",
    ]));
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&String::from_utf8(out.stdout)?);
    let mut got: Vec<&str> = recs.iter().map(|r| r["source"].as_str().unwrap()).collect();
    let mut want: Vec<&str> = lines.iter().map(String::as_str).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "one record per input, its source as given");
    let kind_of = |path: &str| {
        let url = s.url("a.test", path);
        recs.iter()
            .find(|r| r["source"] == url.as_str())
            .map(|r| r["error"]["kind"].as_str().unwrap_or("ok").to_string())
            .unwrap()
    };
    assert_eq!(kind_of("/ok"), "ok");
    assert_eq!(kind_of("/500"), "http_status");
    assert_eq!(kind_of("/pdf"), "unsupported_type");
    assert_eq!(kind_of("/loop"), "redirect");
    assert_eq!(kind_of("/slow"), "timeout");
    assert_eq!(kind_of("/endless"), "too_large");
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
