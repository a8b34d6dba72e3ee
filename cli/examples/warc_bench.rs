//! WARC throughput: builds a WARC file (gzip per record, a response and a
//! request record per page) from the benchmark pages in ../shared/data,
//! with their URLs from `../shared/bench/list.py`, then runs the `gleaner`
//! command built beside this example over it (one reader thread streaming
//! records into the bounded queue, extraction on `--jobs` threads) with 1
//! and 2 jobs. Prints pages/s, MB/s of HTML and of WARC file, and the
//! command's peak memory (`/usr/bin/time`).
//!
//!   cargo build --release && cargo run --release -p gleaner-cli --example warc_bench -- [DATA_DIR] [REPEAT]
//!
//! DATA_DIR defaults to ../shared/data (every data set in it); REPEAT
//! writes the pages that many times, for a larger file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use gleaner::{Exchange, WarcWriter};

/// `(path, url)` of every page of every data set under `data`.
fn pages(data: &Path) -> Vec<(PathBuf, String)> {
    let list_py = data.join("../bench/list.py");
    let mut sets: Vec<PathBuf> = std::fs::read_dir(data)
        .expect("data directory")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("truth.jsonl").exists())
        .collect();
    sets.sort();
    let mut out = Vec::new();
    for set in sets {
        let listed = std::process::Command::new("python3")
            .arg(&list_py)
            .arg(&set)
            .output()
            .expect("python3 ../shared/bench/list.py");
        for line in String::from_utf8_lossy(&listed.stdout).lines() {
            let mut parts = line.splitn(2, ' ');
            let path = PathBuf::from(parts.next().unwrap_or(""));
            let url = parts.next().unwrap_or("").trim().to_string();
            if path.exists() && !url.is_empty() {
                out.push((path, url));
            }
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data = PathBuf::from(args.first().map_or("../shared/data", String::as_str));
    let repeat: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(1);
    let pages = pages(&data);
    assert!(!pages.is_empty(), "no pages under {}", data.display());

    let warc_path =
        std::env::temp_dir().join(format!("gleaner-bench-{}.warc.gz", std::process::id()));
    let file = std::fs::File::create(&warc_path).unwrap();
    let mut writer = WarcWriter::new(io::BufWriter::new(file));
    let date = chrono::Utc::now();
    let mut html_bytes = 0u64;
    let started = Instant::now();
    for round in 0..repeat {
        for (path, url) in &pages {
            let mut html = Vec::new();
            flate2::read::MultiGzDecoder::new(std::fs::File::open(path).unwrap())
                .read_to_end(&mut html)
                .unwrap();
            html_bytes += html.len() as u64;
            let url = if round == 0 {
                url.clone()
            } else {
                format!("{url}#r{round}")
            };
            let target = url::Url::parse(&url).ok();
            let request = format!(
                "GET {} HTTP/1.1\r\nHost: {}\r\n\r\n",
                target.as_ref().map_or("/", |u| u.path()),
                target.as_ref().and_then(|u| u.host_str()).unwrap_or("")
            );
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n",
                html.len()
            );
            writer
                .write_exchange(&Exchange::new(
                    &url,
                    date,
                    request.as_bytes(),
                    response.as_bytes(),
                    &html,
                ))
                .unwrap();
        }
    }
    writer.flush().unwrap();
    drop(writer);
    let warc_size = std::fs::metadata(&warc_path).unwrap().len();
    let n = pages.len() * repeat;
    let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
    println!(
        "built {}: {n} pages, {:.1} MiB of HTML, {:.1} MiB of WARC (gzip per record) in {:.1}s",
        warc_path.display(),
        mib(html_bytes),
        mib(warc_size),
        started.elapsed().as_secs_f64()
    );

    // The command sits beside the examples folder of the same profile.
    let exe = std::env::current_exe().unwrap();
    let bin = exe.parent().and_then(Path::parent).unwrap().join("gleaner");
    assert!(bin.exists(), "build the command first: {}", bin.display());
    for jobs in [1, 2] {
        let started = Instant::now();
        let out = std::process::Command::new("/usr/bin/time")
            .args(["-f", "%M"])
            .arg(&bin)
            .args(["--quiet", "--jobs", &jobs.to_string(), "--format", "jsonl"])
            .arg(&warc_path)
            .stdout(std::process::Stdio::piped())
            .output()
            .unwrap();
        let secs = started.elapsed().as_secs_f64();
        let done = out.stdout.iter().filter(|&&b| b == b'\n').count();
        assert_eq!(done, n, "one record per page");
        let peak_kib: u64 = String::from_utf8_lossy(&out.stderr)
            .lines()
            .last()
            .and_then(|l| l.trim().parse().ok())
            .unwrap_or(0);
        println!(
            "--jobs {jobs}: {done} pages in {secs:.1}s = {:.0} pages/s, {:.1} MiB/s of HTML, \
             {:.1} MiB/s of WARC; peak memory {:.0} MiB",
            done as f64 / secs,
            mib(html_bytes) / secs,
            mib(warc_size) / secs,
            peak_kib as f64 / 1024.0
        );
        io::stdout().flush().ok();
    }
    std::fs::remove_file(&warc_path).ok();
}
