//! No output or file is ever lost: `-o` into devices, FIFOs, symlinks and
//! process substitution; SIGTERM in the middle of a run, then `--resume`,
//! with neither the JSONL nor the WARC file holding a record twice or
//! missing one.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../tests/fetch_server/mod.rs"]
mod fetch_server;

use std::collections::BTreeMap;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fetch_server::{Resp, Server};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_gleaner");

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gleaner-safety-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn fixture() -> String {
    format!(
        "{}/../fixtures/seed-rt/page.html",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn records(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn page(title: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>Enough words in this paragraph to make it the body of an article for the extractor to keep.</p>\
         </article></body></html>"
    )
}

#[test]
fn output_to_dev_null_leaves_the_device_in_place() {
    let out = Command::new(BIN)
        .args([&fixture(), "-q", "-o", "/dev/null"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device(), "/dev/null was replaced");
}

#[test]
fn output_to_a_fifo_is_written_through_it() {
    let dir = tmp("fifo");
    let fifo = dir.join("records.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = Command::new("cat")
        .arg(&fifo)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let out = Command::new(BIN)
        .args([&fixture(), "-q", "--format", "jsonl", "-o"])
        .arg(&fifo)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let read = reader.wait_with_output().unwrap();
    let recs = records(&String::from_utf8(read.stdout).unwrap());
    assert_eq!(recs.len(), 1);
    let meta = std::fs::symlink_metadata(&fifo).unwrap();
    assert!(
        meta.file_type().is_fifo(),
        "the FIFO was replaced by a file"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn output_through_a_symlink_writes_its_target() {
    let dir = tmp("symlink");
    let target = dir.join("target.jsonl");
    let link = dir.join("link.jsonl");
    std::fs::write(&target, "old\n").unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = Command::new(BIN)
        .args([&fixture(), "-q", "--format", "jsonl", "-o"])
        .arg(&link)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink(), "the symlink was replaced");
    let recs = records(&std::fs::read_to_string(&target).unwrap());
    assert_eq!(recs.len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn output_to_process_substitution_works() {
    let dir = tmp("procsub");
    let out_file = dir.join("out.jsonl");
    let script = format!(
        "{BIN} {} -q --format jsonl -o >(cat > {}); sleep 0.2",
        fixture(),
        out_file.display()
    );
    let status = Command::new("bash").args(["-c", &script]).status().unwrap();
    assert!(status.success());
    // The substituted process may finish just after the shell.
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut text = String::new();
    while Instant::now() < deadline {
        text = std::fs::read_to_string(&out_file).unwrap_or_default();
        if text.ends_with('\n') {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(records(&text).len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Wait until the run's temporary output in `dir` holds `n` records.
fn wait_for_records(dir: &Path, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let lines = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .map(|e| std::fs::read(e.path()).unwrap_or_default())
            .map(|b| b.iter().filter(|&&c| c == b'\n').count())
            .max()
            .unwrap_or(0);
        if lines >= n {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("no {n} records after a minute");
}

fn sigterm(pid: u32) {
    let status = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Every response record's target URI in a WARC file, with how often.
fn warc_pages(path: &Path) -> BTreeMap<String, usize> {
    let mut seen = BTreeMap::new();
    for item in gleaner::WarcReader::open(path.to_str().unwrap(), 1 << 20).unwrap() {
        if let gleaner::WarcItem::Page(p) = item.unwrap() {
            *seen.entry(p.url.clone().unwrap()).or_default() += 1;
        }
    }
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_then_resume_loses_nothing_and_repeats_nothing() {
    // Slow pages, so the signal lands while many are in flight.
    let server = Server::start(|r| match r.path.as_str() {
        "/robots.txt" => Resp::status(404),
        p => Resp::html(page(&format!("Page {p}"))).delayed(Duration::from_millis(150)),
    })
    .await
    .unwrap();
    let dir = tmp("sigterm");
    let n = 60;
    let urls: Vec<String> = (0..n)
        .map(|i| {
            server.url(
                if i % 2 == 0 { "a.test" } else { "b.test" },
                &format!("/p{i}"),
            )
        })
        .collect();
    let list = dir.join("urls.txt");
    std::fs::write(&list, urls.join("\n")).unwrap();
    let (out, warc) = (dir.join("out.jsonl"), dir.join("crawl.warc.gz"));
    let args = |resume: bool| {
        let mut c = fetch_server::gleaner_cli(&[
            "--input-list",
            list.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--warc-out",
            warc.to_str().unwrap(),
            "--per-host",
            "4",
            "-q",
        ]);
        if resume {
            c.arg("--resume");
        }
        c
    };
    let child = args(false).stdin(Stdio::null()).spawn().unwrap();
    // Stop it once some records are out (in the temporary file beside
    // out.jsonl), well before the end: the pages take 150 ms each.
    wait_for_records(&dir, 5);
    sigterm(child.id());
    let first = child.wait_with_output().unwrap();
    assert_eq!(first.status.code(), Some(130), "{first:?}");
    let written = records(&std::fs::read_to_string(&out).unwrap());
    assert!(
        !written.is_empty() && written.len() < n,
        "stopped after {} of {n}",
        written.len()
    );
    // Whatever the first run archived, it also wrote as a record.
    let archived = warc_pages(&warc);
    assert_eq!(archived.len(), written.len(), "WARC and JSONL agree");

    let second = args(true).stdin(Stdio::null()).output().unwrap();
    assert_eq!(second.status.code(), Some(0), "{second:?}");
    let all = records(&std::fs::read_to_string(&out).unwrap());
    let mut sources: Vec<&str> = all.iter().map(|r| r["source"].as_str().unwrap()).collect();
    sources.sort();
    let mut want: Vec<&str> = urls.iter().map(String::as_str).collect();
    want.sort();
    assert_eq!(sources, want, "every input once in the JSONL");
    let archived = warc_pages(&warc);
    assert_eq!(archived.len(), n, "every page in the WARC");
    assert!(
        archived.values().all(|&c| c == 1),
        "a page archived twice: {archived:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sigterm_on_local_files_leaves_valid_output_in_place() {
    let dir = tmp("sigterm-local");
    let text = std::fs::read_to_string(fixture()).unwrap();
    let mut lines = Vec::new();
    for i in 0..400 {
        let path = dir.join(format!("p{i}.html"));
        std::fs::write(&path, &text).unwrap();
        lines.push(path.display().to_string());
    }
    let list = dir.join("list.txt");
    std::fs::write(&list, lines.join("\n")).unwrap();
    let out = dir.join("out.jsonl");
    let run = |resume: bool| {
        let mut c = Command::new(BIN);
        c.args([
            "--input-list",
            list.to_str().unwrap(),
            "-q",
            "-j",
            "1",
            "-o",
        ])
        .arg(&out);
        if resume {
            c.arg("--resume");
        }
        c
    };
    let child = run(false).spawn().unwrap();
    wait_for_records(&dir, 5);
    sigterm(child.id());
    let first = child.wait_with_output().unwrap();
    let done = records(&std::fs::read_to_string(&out).unwrap()).len();
    if first.status.code() == Some(130) {
        assert!(done < lines.len(), "{done}");
    } else {
        // A fast machine finished first: nothing to stop.
        assert_eq!(first.status.code(), Some(0));
    }
    let second = run(true).output().unwrap();
    assert_eq!(second.status.code(), Some(0), "{second:?}");
    let all = records(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(all.len(), lines.len());
    let mut sources: Vec<&str> = all.iter().map(|r| r["source"].as_str().unwrap()).collect();
    sources.sort();
    sources.dedup();
    assert_eq!(sources.len(), lines.len(), "no record twice");
    std::fs::remove_dir_all(&dir).unwrap();
}
