//! The contract gleaner keeps with the engines that run it (Spark, Slurm,
//! xargs…): inputs on stdin, one JSON line per input on stdout, pages
//! handed over as JSONL, input order on request, shards that cover every
//! input once, output files that appear whole or not at all — and the
//! repository's PySpark and Slurm examples, run for real.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../tests/fetch_server/mod.rs"]
mod fetch_server;
mod python;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use fetch_server::{Resp, Server};
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const BIN: &str = env!("CARGO_BIN_EXE_gleaner");

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gleaner-engine-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn page(title: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>Enough words in this paragraph to make it the body of an article for the extractor to keep.</p>\
         </article></body></html>"
    )
}

fn records(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Run gleaner with `stdin` as its standard input.
fn with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let text = stdin.to_string();
    // Written from a thread: gleaner answers while it reads.
    let writer = std::thread::spawn(move || input.write_all(text.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

/// `n` HTML files in `dir`, as list lines `PATH URL`.
fn files(dir: &Path, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let path = dir.join(format!("p{i}.html"));
            std::fs::write(&path, page(&format!("Page {i}"))).unwrap();
            format!("{} https://site{}.example/p{i}", path.display(), i % 4)
        })
        .collect()
}

#[test]
fn stdin_list_in_one_json_line_per_input_out_in_order() {
    let dir = tmp("stdin");
    let mut lines = files(&dir, 24);
    lines.push(dir.join("missing.html").display().to_string());
    let out = with_stdin(
        &[
            "--input-list",
            "-",
            "--format",
            "jsonl",
            "--ordered",
            "--jobs",
            "2",
        ],
        &lines.join("\n"),
    );
    assert_eq!(out.status.code(), Some(1), "one input is missing");
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 25);
    for (i, r) in recs.iter().take(24).enumerate() {
        assert_eq!(
            r["headline"],
            format!("Page {i}"),
            "--ordered keeps input order"
        );
        assert_eq!(r["url"], format!("https://site{}.example/p{i}", i % 4));
    }
    assert_eq!(recs[24]["error"]["kind"], "io");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn jsonl_inputs_hand_over_pages() {
    let b64 = data_encoding_free_base64(page("Base64 page").as_bytes());
    let lines = [
        serde_json::json!({"url": "https://a.example/one", "html": page("Inline page")})
            .to_string(),
        serde_json::json!({"url": "https://a.example/two", "html_base64": b64, "source": "key-2"})
            .to_string(),
        String::new(),
        "{not json".to_string(),
        serde_json::json!({"html": page("No URL")}).to_string(),
    ];
    let out = with_stdin(
        &[
            "--input-list",
            "-",
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            "--ordered",
        ],
        &lines.join("\n"),
    );
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 4, "{recs:?}");
    assert_eq!(recs[0]["source"], "https://a.example/one");
    assert_eq!(recs[0]["headline"], "Inline page");
    assert_eq!(recs[1]["source"], "key-2");
    assert_eq!(recs[1]["url"], "https://a.example/two");
    assert_eq!(recs[1]["headline"], "Base64 page");
    assert_eq!(recs[2]["source"], "line 4");
    assert_eq!(recs[2]["error"]["kind"], "invalid_input");
    assert_eq!(recs[3]["headline"], "No URL");
    assert_eq!(out.status.code(), Some(1));
}

/// Standard base64, so the test does not lean on the code under test.
fn data_encoding_free_base64(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shards_cover_every_input_once_and_keep_hosts_together() -> TestResult {
    let s = Server::start(|r| match r.path.as_str() {
        "/robots.txt" => Resp::status(404),
        p => Resp::html(page(&format!("{} {p}", r.host))),
    })
    .await?;
    let dir = tmp("shards");
    let mut lines = files(&dir, 10);
    let hosts = ["a.test", "b.test", "c.test", "d.test", "e.test"];
    for i in 0..15 {
        lines.push(s.url(hosts[i % hosts.len()], &format!("/u{i}")));
    }
    let list = dir.join("list.txt");
    std::fs::write(&list, lines.join("\n"))?;
    let sources = |l: &String| l.split_whitespace().next().unwrap().to_string();
    let mut expected: Vec<String> = lines.iter().map(sources).collect();
    expected.sort();
    let mut all = Vec::new();
    let mut host_shard: BTreeMap<String, usize> = BTreeMap::new();
    let n = 3;
    for i in 0..n {
        let mut c = Command::new(BIN);
        for h in hosts {
            c.args(["--resolve", &format!("{h}:127.0.0.1")]);
        }
        let out = c
            .args(["--delay", "0", "--format", "jsonl", "--input-list"])
            .arg(&list)
            .args(["--shard", &format!("{i}/{n}")])
            .stdin(Stdio::null())
            .output()?;
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for r in records(&out.stdout) {
            let source = r["source"].as_str().unwrap().to_string();
            if let Some(host) = source.strip_prefix("http://") {
                let host = host.split(':').next().unwrap().to_string();
                let prev = host_shard.insert(host.clone(), i);
                assert!(prev.is_none_or(|p| p == i), "{host} in two shards");
            }
            all.push(source);
        }
    }
    all.sort();
    assert_eq!(all, expected, "the shards together hold every input once");
    // Local files are dealt out by position: 10 files over 3 shards.
    let again = Command::new(BIN)
        .args(["--format", "jsonl", "--shard", "1/3", "--input-list"])
        .arg(&list)
        .args(["--resolve", "a.test:127.0.0.1", "--delay", "0"])
        .output()?;
    let files_in_1 = records(&again.stdout)
        .iter()
        .filter(|r| r["source"].as_str().unwrap().ends_with(".html"))
        .count();
    assert_eq!(files_in_1, 3, "positions 1, 4, 7");
    let bad = Command::new(BIN)
        .args(["x.html", "--shard", "3/3"])
        .output()?;
    assert_eq!(bad.status.code(), Some(2));
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn output_appears_whole_under_its_name_or_not_at_all() -> TestResult {
    let s = Server::start(|r| match r.path.as_str() {
        "/robots.txt" => Resp::status(404),
        p => Resp::html(page(p)).delayed(Duration::from_millis(300)),
    })
    .await?;
    let dir = tmp("output");
    let out_path = dir.join("part-0.jsonl");
    let urls: Vec<String> = (0..4).map(|i| s.url("a.test", &format!("/p{i}"))).collect();
    let mut child = Command::new(BIN)
        .args([
            "--resolve",
            "a.test:127.0.0.1",
            "--delay",
            "0",
            "--per-host",
            "1",
            "-q",
        ])
        .args(&urls)
        .arg("-o")
        .arg(&out_path)
        .stdin(Stdio::null())
        .spawn()?;
    // While the run goes on, records go to a hidden file beside the output.
    let mut seen_temp = false;
    while child.try_wait()?.is_none() {
        let names: Vec<String> = std::fs::read_dir(&dir)?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        if names.iter().any(|n| n.starts_with(".part-0.jsonl.")) {
            assert!(!out_path.exists(), "the output appears only when whole");
            seen_temp = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let out = child.wait_with_output()?;
    assert_eq!(out.status.code(), Some(0));
    assert!(seen_temp);
    assert_eq!(records(&std::fs::read(&out_path)?).len(), 4);
    let names: Vec<_> = std::fs::read_dir(&dir)?
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn the_slurm_array_script_covers_every_input_once() {
    let dir = tmp("slurm");
    let mut lines = files(&dir, 11);
    lines.insert(3, "# a comment".to_string());
    let list = dir.join("list.txt");
    std::fs::write(&list, lines.join("\n")).unwrap();
    let out_dir = dir.join("out");
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/slurm/gleaner.sbatch"
    );
    let n = 4;
    for i in 0..n {
        let out = Command::new("bash")
            .arg(script)
            .arg(&list)
            .arg(&out_dir)
            .env("GLEANER", BIN)
            .env("SLURM_ARRAY_TASK_ID", i.to_string())
            .env("SLURM_ARRAY_TASK_COUNT", n.to_string())
            .env("SLURM_CPUS_PER_TASK", "2")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut sources = Vec::new();
    for i in 0..n {
        let part = out_dir.join(format!("part-{i:05}.jsonl"));
        for r in records(&std::fs::read(&part).unwrap()) {
            sources.push(r["source"].as_str().unwrap().to_string());
        }
    }
    sources.sort();
    let mut expected: Vec<String> = lines
        .iter()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    expected.sort();
    assert_eq!(sources, expected);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_pyspark_example_returns_every_input_once() {
    let Some(python) = python::with_modules(&["pyspark"]) else {
        return;
    };
    if !python::have("java", "-version") {
        return;
    }
    let dir = tmp("spark");
    let lines = files(&dir, 40);
    let list = dir.join("list.txt");
    std::fs::write(&list, lines.join("\n")).unwrap();
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/spark/gleaner_spark.py"
    );
    let out = Command::new(python)
        .arg(script)
        .args(["--master", "local[2]", "--partitions", "4", "--check"])
        .arg("--gleaner")
        .arg(BIN)
        .arg("--inputs")
        .arg(&list)
        .arg("--output")
        .arg(dir.join("out"))
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("check ok: 40 records for 40 inputs, 0 failed"),
        "{stdout}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
