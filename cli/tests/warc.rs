//! WARC files in and out through the `gleaner` binary: files built here
//! record by record, and files the fetcher writes with `--warc-out` from a
//! server on 127.0.0.1, read back by gleaner and by warcio.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../tests/fetch_server/mod.rs"]
mod fetch_server;
mod python;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use fetch_server::{Resp, Server};
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gleaner-warc-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn gleaner(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gleaner"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn article(title: &str, published: &str) -> String {
    format!(
        "<html><head><title>{title}</title>\
         <meta property=\"article:published_time\" content=\"{published}\"></head>\
         <body><article><h1>{title}</h1>\
         <p>Enough words in this paragraph to make it the body of an article, café included.</p>\
         <p>A second paragraph follows with more words so the extractor keeps it too.</p>\
         </article></body></html>"
    )
}

/// One WARC record: version, type, id, URI, date, then the block.
fn record(version: &str, kind: &str, id: &str, uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
    let msg = if kind == "request" {
        "request"
    } else {
        "response"
    };
    let mut r = format!(
        "{version}\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\n\
         WARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
         Content-Type: application/http; msgtype={msg}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut h = format!("HTTP/1.1 {status}\r\n");
    for line in headers {
        h.push_str(line);
        h.push_str("\r\n");
    }
    h.push_str("\r\n");
    let mut out = h.into_bytes();
    out.extend_from_slice(body);
    out
}

/// A crawl-like file: a page of each kind gleaner must read, and the
/// records it must skip.
fn crawl_records() -> Vec<Vec<u8>> {
    let plain = article("Plain page", "2020-03-01T10:00:00Z");
    let latin = article("Latin-1 page", "2020-03-01T10:00:00Z");
    let latin_bytes: Vec<u8> = latin.chars().map(|c| c as u32 as u8).collect();
    let zipped = gzip(article("Chunked gzip page", "2020-03-01T10:00:00Z").as_bytes());
    let mut chunked = Vec::new();
    for part in zipped.chunks(50) {
        chunked.extend(format!("{:x}\r\n", part.len()).into_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    // Published after the crawl: not a believable publication date then.
    let future = article("Future-dated page", "2020-06-01T10:00:00Z");
    let date = "2020-03-02T00:00:00Z";
    vec![
        b"WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:0>\r\nContent-Length: 8\r\n\r\nformat: \r\n\r\n".to_vec(),
        record("WARC/1.0", "request", "1", "http://a.test/plain", date, b"GET /plain HTTP/1.1\r\n\r\n"),
        record(
            "WARC/1.0",
            "response",
            "2",
            "http://a.test/plain",
            date,
            &http("200 OK", &["Content-Type: text/html; charset=utf-8"], plain.as_bytes()),
        ),
        record(
            "WARC/1.1",
            "response",
            "3",
            "http://a.test/latin",
            date,
            &http("200 OK", &["Content-Type: text/html; charset=ISO-8859-1"], &latin_bytes),
        ),
        record(
            "WARC/1.1",
            "response",
            "4",
            "http://a.test/chunked",
            date,
            &http(
                "200 OK",
                &[
                    "Content-Type: text/html",
                    "Transfer-Encoding: chunked",
                    "Content-Encoding: gzip",
                ],
                &chunked,
            ),
        ),
        record(
            "WARC/1.1",
            "response",
            "5",
            "http://a.test/moved",
            date,
            &http("301 Moved Permanently", &["Location: /plain"], b""),
        ),
        record(
            "WARC/1.1",
            "response",
            "6",
            "http://a.test/logo.png",
            date,
            &http("200 OK", &["Content-Type: image/png"], b"\x89PNG\r\n"),
        ),
        record("WARC/1.1", "metadata", "7", "http://a.test/plain", date, b"fetchTimeMs: 12\r\n"),
        record(
            "WARC/1.1",
            "response",
            "8",
            "http://a.test/future",
            date,
            &http("200 OK", &["Content-Type: text/html"], future.as_bytes()),
        ),
    ]
}

fn write_warc(path: &Path, gzip_each: bool) {
    let mut bytes = Vec::new();
    for r in crawl_records() {
        if gzip_each {
            bytes.extend(gzip(&r));
        } else {
            bytes.extend(r);
        }
    }
    std::fs::write(path, bytes).unwrap();
}

fn check_crawl(out: &Output, name: &str) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(out);
    let heads: Vec<&str> = recs
        .iter()
        .map(|r| r["headline"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        heads,
        [
            "Plain page",
            "Latin-1 page",
            "Chunked gzip page",
            "Future-dated page"
        ]
    );
    assert_eq!(recs[0]["source"], format!("{name}#urn:uuid:2"));
    assert_eq!(recs[0]["url"], "http://a.test/plain");
    assert_eq!(recs[0]["fetched"], "2020-03-02T00:00:00+00:00");
    assert_eq!(recs[0]["published"], "2020-03-01T10:00:00+00:00");
    assert!(
        recs[1]["body"].as_str().unwrap().contains("café"),
        "{}",
        recs[1]
    );
    assert!(
        recs[1]["warnings"].is_null(),
        "the charset came from the header"
    );
    assert!(recs[2]["body"].as_str().unwrap().contains("café"));
    assert_eq!(
        recs[3]["published"],
        Value::Null,
        "dates after the crawl date are not publication dates"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("4 ok, 0 failed")
            && stderr.contains(
                "5 WARC records not pages (metadata: 1, not_200: 1, not_html: 1, request: 1, warcinfo: 1)"
            ),
        "{stderr}"
    );
}

#[test]
fn warc_files_are_read_gzip_per_record_or_plain() {
    let dir = tmp("read");
    let gz = dir.join("crawl.warc.gz");
    write_warc(&gz, true);
    let name = gz.to_str().unwrap();
    check_crawl(&gleaner(&[name, "--ordered", "--format", "jsonl"]), name);
    // Parallel extraction, same records.
    let out = gleaner(&[name, "--ordered", "--jobs", "2", "--format", "jsonl"]);
    check_crawl(&out, name);

    let plain = dir.join("crawl.warc");
    write_warc(&plain, false);
    let name = plain.to_str().unwrap();
    check_crawl(&gleaner(&[name, "--ordered", "--format", "jsonl"]), name);

    // One gzip member for the whole file, and no telling name.
    let whole = dir.join("crawl.bin");
    std::fs::write(&whole, gzip(&std::fs::read(&plain).unwrap())).unwrap();
    let name = whole.to_str().unwrap();
    check_crawl(&gleaner(&[name, "--ordered", "--format", "jsonl"]), name);

    // The same file without its crawl date: the future date is taken.
    let page = dir.join("future.html");
    std::fs::write(&page, article("Future-dated page", "2020-06-01T10:00:00Z")).unwrap();
    let out = gleaner(&[page.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(records(&out)[0]["published"], "2020-06-01T10:00:00+00:00");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_cut_off_warc_keeps_its_pages_and_reports_one_error() {
    let dir = tmp("cut");
    let path = dir.join("cut.warc.gz");
    let mut bytes = Vec::new();
    for r in crawl_records().into_iter().take(3) {
        bytes.extend(gzip(&r));
    }
    let last = gzip(&crawl_records()[3]);
    bytes.extend_from_slice(&last[..last.len() / 2]);
    std::fs::write(&path, bytes).unwrap();
    let out = gleaner(&[path.to_str().unwrap(), "--ordered", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs.len(), 2, "{recs:?}");
    assert_eq!(recs[0]["headline"], "Plain page");
    assert_eq!(recs[1]["error"]["kind"], "warc");
    assert_eq!(recs[1]["source"], path.to_str().unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn warc_on_standard_input_is_refused_clearly() {
    let dir = tmp("stdin");
    let plain = dir.join("crawl.warc");
    write_warc(&plain, false);
    let out = Command::new(env!("CARGO_BIN_EXE_gleaner"))
        .args(["-", "--format", "jsonl"])
        .stdin(std::fs::File::open(&plain).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs[0]["error"]["kind"], "warc");
    assert!(
        recs[0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("by path")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn resume_skips_warc_records_already_written() {
    let dir = tmp("resume");
    let gz = dir.join("crawl.warc.gz");
    write_warc(&gz, true);
    let out_path = dir.join("out.jsonl");
    let name = gz.to_str().unwrap();
    let o = out_path.to_str().unwrap();
    assert_eq!(
        gleaner(&[name, "-o", o, "--ordered"]).status.code(),
        Some(0)
    );
    let text = std::fs::read_to_string(&out_path).unwrap();
    let first_two: Vec<&str> = text.lines().take(2).collect();
    std::fs::write(&out_path, format!("{}\n", first_two.join("\n"))).unwrap();
    let out = gleaner(&[name, "-o", o, "--resume"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 ok, 0 failed, 2 skipped"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&out_path).unwrap().lines().count(),
        4
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

fn page(title: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>Enough words in this paragraph to make it the body of an article for the extractor to keep.</p>\
         <p>Ein zweiter Absatz: Grüße aus Köln, damit auch Umlaute dabei sind.</p>\
         </article></body></html>"
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn warc_out_reads_back_in_gleaner_and_warcio() -> TestResult {
    let s = Server::start(|r| match r.path.as_str() {
        "/robots.txt" => Resp::status(404),
        "/missing" => Resp::status(404),
        "/old" => Resp::redirect(301, "/zipped"),
        "/zipped" => Resp::new(
            200,
            "text/html; charset=utf-8",
            gzip(page("Zipped").as_bytes()),
        )
        .header("Content-Encoding", "gzip"),
        p => Resp::html(page(&format!("Title {p}"))),
    })
    .await?;
    let dir = tmp("out");
    let warc = dir.join("crawl.warc.gz");
    let urls: Vec<String> = ["/a", "/b", "/old", "/missing"]
        .iter()
        .map(|p| s.url("a.test", p))
        .chain([s.url("b.test", "/c")])
        .collect();
    let list = dir.join("urls.txt");
    std::fs::write(&list, urls.join("\n"))?;
    let online = fetch_server::gleaner_cli(&[])
        .args([
            "--ordered",
            "--format",
            "jsonl",
            "--input-list",
            list.to_str().unwrap(),
            "--warc-out",
            warc.to_str().unwrap(),
        ])
        .stdin(Stdio::null())
        .output()?;
    assert_eq!(online.status.code(), Some(1), "/missing fails");
    let online = records(&online);
    assert_eq!(online.len(), 5);

    // Offline: every page that was extracted comes back the same from the
    // archive, only its source and fetch date differ.
    let offline = gleaner(&[warc.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(
        offline.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&offline.stderr)
    );
    let stderr = String::from_utf8_lossy(&offline.stderr);
    assert!(
        stderr.contains("4 ok, 0 failed")
            && stderr.contains("(not_200: 2, request: 6, warcinfo: 1)"),
        "{stderr}"
    );
    let mut offline = records(&offline);
    for r in &mut offline {
        assert!(r["fetched"].is_string());
        assert!(r["source"].as_str().unwrap().contains("#urn:uuid:"));
        r.as_object_mut().unwrap().remove("fetched");
        r.as_object_mut().unwrap().remove("source");
    }
    for r in online.iter().filter(|r| r["error"].is_null()) {
        let mut r = r.clone();
        r.as_object_mut().unwrap().remove("source");
        assert!(offline.contains(&r), "{r} not read back from the WARC");
    }

    // The stored payload is the server's bytes, still gzip-compressed.
    let reader = gleaner::WarcReader::open(warc.to_str().unwrap(), 1 << 20)?;
    let zipped: Vec<_> = reader
        .filter_map(|item| match item {
            Ok(gleaner::WarcItem::Page(p))
                if p.url.as_deref() == Some(&s.url("a.test", "/zipped")) =>
            {
                Some(p)
            }
            _ => None,
        })
        .collect();
    assert_eq!(zipped.len(), 1);
    assert_eq!(zipped[0].raw(), gzip(page("Zipped").as_bytes()));
    assert_eq!(zipped[0].content_encoding.as_deref(), Some("gzip"));
    assert!(
        zipped[0]
            .content_type
            .as_deref()
            .is_some_and(|t| t.contains("utf-8"))
    );

    // A standard reader agrees: record types, targets, digests.
    if let Some(py) = python::with_modules(&["warcio"]) {
        let script = r#"
import sys, json
from warcio.archiveiterator import ArchiveIterator
out = []
with open(sys.argv[1], 'rb') as f:
    for rec in ArchiveIterator(f, check_digests='raise'):
        item = {"type": rec.rec_type, "uri": rec.rec_headers.get_header('WARC-Target-URI')}
        if rec.rec_type == 'response':
            item["status"] = rec.http_headers.get_statuscode()
            item["encoding"] = rec.http_headers.get_header('Content-Encoding')
            item["body"] = len(rec.content_stream().read())
            item["digest"] = rec.rec_headers.get_header('WARC-Payload-Digest')
        if rec.rec_type == 'request':
            item["to"] = rec.rec_headers.get_header('WARC-Concurrent-To')
        out.append(item)
print(json.dumps(out))
"#;
        let out = Command::new(&py)
            .args(["-c", script, warc.to_str().unwrap()])
            .output()?;
        assert!(
            out.status.success(),
            "warcio: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let items: Vec<Value> = serde_json::from_slice(&out.stdout)?;
        let kinds: Vec<&str> = items.iter().map(|i| i["type"].as_str().unwrap()).collect();
        assert_eq!(kinds.iter().filter(|k| **k == "warcinfo").count(), 1);
        assert_eq!(kinds.iter().filter(|k| **k == "response").count(), 6);
        assert_eq!(kinds.iter().filter(|k| **k == "request").count(), 6);
        let zipped = items
            .iter()
            .find(|i| i["type"] == "response" && i["uri"].as_str().unwrap().ends_with("/zipped"))
            .unwrap();
        assert_eq!(zipped["status"], "200");
        assert_eq!(zipped["encoding"], "gzip");
        assert!(zipped["digest"].as_str().unwrap().starts_with("sha1:"));
        // warcio undoes the Content-Encoding: the page's full length.
        assert_eq!(zipped["body"], page("Zipped").len());
        for i in items.iter().filter(|i| i["type"] == "request") {
            assert!(i["to"].as_str().unwrap().starts_with("<urn:uuid:"));
        }
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn files_written_by_warcio_read_in_gleaner() {
    let Some(py) = python::with_modules(&["warcio"]) else {
        return;
    };
    let dir = tmp("warcio");
    let path = dir.join("w.warc.gz");
    let script = r#"
import sys, io, gzip
from warcio.warcwriter import WARCWriter
from warcio.statusandheaders import StatusAndHeaders
page = sys.argv[2].encode("utf-8")
with open(sys.argv[1], "wb") as f:
    w = WARCWriter(f, gzip=True)
    w.write_record(w.create_warcinfo_record("w.warc.gz", {"software": "warcio"}))
    h = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                    ("Content-Encoding", "gzip")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("https://w.example/a", "response",
                                        payload=io.BytesIO(gzip.compress(page)), http_headers=h))
    w.write_record(w.create_warc_record("https://w.example/a", "request",
                                        payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n")))
"#;
    let status = Command::new(py)
        .args(["-c", script, path.to_str().unwrap(), &page("From warcio")])
        .status()
        .unwrap();
    assert!(status.success());
    let out = gleaner(&[path.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["headline"], "From warcio");
    assert_eq!(recs[0]["url"], "https://w.example/a");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("(request: 1, warcinfo: 1)"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}
