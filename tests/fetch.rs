//! The fetcher against a server this test starts on 127.0.0.1. Host names
//! (`a.test`, `b.test`, …) are pinned to it with `FetchOptions::resolve`,
//! so nothing leaves the machine. Delays and timeouts are short; no test
//! asserts speed, only behaviour (and politeness lower bounds).
#![cfg(feature = "fetch")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod fetch_server;

use std::collections::HashMap;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use fetch_server::{Body, Req, Resp, Server};
use futures_util::StreamExt;
use gleaner::Article;
use gleaner::{ErrorKind, FetchOptions, Fetcher};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const HOSTS: &[&str] = &["a.test", "b.test", "c.test", "d.test"];

fn article_html(title: &str, text: &str) -> String {
    format!(
        "<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>{text} This paragraph is long enough to be kept as the body of the article by the extractor.</p>\
         <p>{text} A second paragraph follows, again with enough words to count as real prose here.</p>\
         </article></body></html>"
    )
}

fn options() -> FetchOptions {
    let mut o = FetchOptions::default();
    o.delay = Duration::ZERO;
    o.timeout = Duration::from_secs(3);
    o.connect_timeout = Duration::from_secs(1);
    o.backoff_base = Duration::from_millis(10);
    o.backoff_max = Duration::from_millis(40);
    o.max_retry_after = Duration::from_secs(2);
    o.extract_jobs = 2;
    o.resolve = HOSTS
        .iter()
        .map(|h| (h.to_string(), SocketAddr::from(([127, 0, 0, 1], 0))))
        .collect();
    o
}

/// A handler from a path → response table; robots.txt is 404 unless given.
fn routes(
    table: impl Fn(&Req) -> Option<Resp> + Send + Sync + 'static,
) -> impl Fn(&Req) -> Resp + Send + Sync {
    move |req| table(req).unwrap_or_else(|| Resp::status(404))
}

async fn fetch(server: &Server, o: FetchOptions, path: &str) -> Article {
    let f = Fetcher::new(o).unwrap();
    f.fetch_record(&server.url("a.test", path)).await
}

fn kind(a: &Article) -> Option<&str> {
    a.error.as_ref().map(|e| e.kind.as_str())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetches_a_page_with_a_polite_user_agent() -> TestResult {
    let server = Server::start(routes(|r| {
        (r.path == "/a").then(|| Resp::html(article_html("Hello", "Words.")))
    }))
    .await?;
    let a = fetch(&server, options(), "/a").await;
    assert_eq!(a.error, None);
    assert_eq!(a.headline.as_deref(), Some("Hello"));
    assert!(a.body.contains("long enough"));
    assert_eq!(a.source, server.url("a.test", "/a"));
    let hit = server.hits().into_iter().find(|h| h.path == "/a").unwrap();
    assert!(hit.user_agent.starts_with("gleaner/"), "{}", hit.user_agent);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follows_redirect_chains_and_reports_the_final_url() -> TestResult {
    let server = Server::start(routes(|r| match r.path.as_str() {
        "/start" => Some(Resp::redirect(301, "/middle")),
        "/middle" => Some(Resp::redirect(
            302,
            "http://b.test:PORT/end"
                .replace("PORT", r.headers["host"].rsplit(':').next()?)
                .as_str(),
        )),
        "/end" => Some(Resp::html(article_html("End", "Arrived."))),
        _ => None,
    }))
    .await?;
    let a = fetch(&server, options(), "/start").await;
    assert_eq!(a.error, None, "{a:?}");
    assert_eq!(a.url, Some(server.url("b.test", "/end")));
    assert_eq!(a.source, server.url("a.test", "/start"));
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirect_loops_and_long_chains_fail() -> TestResult {
    let server = Server::start(routes(|r| match r.path.as_str() {
        "/loop1" => Some(Resp::redirect(302, "/loop2")),
        "/loop2" => Some(Resp::redirect(302, "/loop1")),
        p if p.starts_with("/chain") => {
            let n: usize = p.trim_start_matches("/chain").parse().ok()?;
            Some(Resp::redirect(301, &format!("/chain{}", n + 1)))
        }
        _ => None,
    }))
    .await?;
    let a = fetch(&server, options(), "/loop1").await;
    assert_eq!(kind(&a), Some("redirect"));
    assert!(a.error.as_ref().unwrap().message.contains("loop"));
    let mut o = options();
    o.max_redirects = 3;
    let a = fetch(&server, o, "/chain0").await;
    assert_eq!(kind(&a), Some("redirect"));
    assert_eq!(server.count("/chain4"), 0, "no request past the limit");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_responses_time_out() -> TestResult {
    let calls = Arc::new(AtomicUsize::new(0));
    let c = calls.clone();
    let server = Server::start(routes(move |_| {
        c.fetch_add(1, Ordering::SeqCst);
        Some(Resp::html(article_html("Slow", "x")).delayed(Duration::from_secs(3)))
    }))
    .await?;
    let mut o = options();
    o.timeout = Duration::from_millis(300);
    o.retries = 1;
    o.obey_robots = false;
    let a = fetch(&server, o, "/slow").await;
    assert_eq!(kind(&a), Some("timeout"), "{a:?}");
    assert_eq!(calls.load(Ordering::SeqCst), 2, "a timeout is retried");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_after_is_honoured_on_429() -> TestResult {
    let calls = Arc::new(AtomicUsize::new(0));
    let c = calls.clone();
    let server = Server::start(routes(move |r| match r.path.as_str() {
        "/busy" => Some(if c.fetch_add(1, Ordering::SeqCst) == 0 {
            Resp::status(429).header("Retry-After", "1")
        } else {
            Resp::html(article_html("Busy", "Now free."))
        }),
        "/never" => Some(Resp::status(429).header("Retry-After", "3600")),
        _ => None,
    }))
    .await?;
    let began = std::time::Instant::now();
    let a = fetch(&server, options(), "/busy").await;
    assert_eq!(a.error, None, "{a:?}");
    let hits: Vec<_> = server
        .hits()
        .into_iter()
        .filter(|h| h.path == "/busy")
        .collect();
    assert_eq!(hits.len(), 2);
    // The retry waited the second Retry-After asks for, counted from before
    // the first request was sent (arrivals can only come later than sends).
    let waited = hits[1].start.duration_since(began);
    assert!(waited >= Duration::from_secs(1), "retried after {waited:?}");

    // Over the cap: fail at once rather than hammer or wait an hour.
    let a = fetch(&server, options(), "/never").await;
    assert_eq!(kind(&a), Some("http_status"));
    assert_eq!(a.error.as_ref().unwrap().status, Some(429));
    assert_eq!(server.count("/never"), 1);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transient_5xx_is_retried_then_succeeds() -> TestResult {
    let calls = Arc::new(AtomicUsize::new(0));
    let c = calls.clone();
    let server = Server::start(routes(move |r| match r.path.as_str() {
        "/flaky" => Some(if c.fetch_add(1, Ordering::SeqCst) == 0 {
            Resp::status(503)
        } else {
            Resp::html(article_html("Flaky", "Recovered."))
        }),
        "/down" => Some(Resp::status(500)),
        _ => None,
    }))
    .await?;
    let a = fetch(&server, options(), "/flaky").await;
    assert_eq!(a.error, None);
    assert_eq!(server.count("/flaky"), 2);
    let a = fetch(&server, options(), "/down").await;
    assert_eq!(kind(&a), Some("http_status"));
    assert_eq!(a.error.as_ref().unwrap().status, Some(500));
    assert_eq!(server.count("/down"), 3, "retries + 1 attempts");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_errors_are_not_retried() -> TestResult {
    let server = Server::start(routes(|r| (r.path == "/gone").then(|| Resp::status(410)))).await?;
    let a = fetch(&server, options(), "/missing").await;
    assert_eq!(kind(&a), Some("http_status"));
    assert_eq!(a.error.as_ref().unwrap().status, Some(404));
    assert_eq!(server.count("/missing"), 1);
    let a = fetch(&server, options(), "/gone").await;
    assert_eq!(a.error.as_ref().unwrap().status, Some(410));
    assert_eq!(server.count("/gone"), 1);
    Ok(())
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        w.write_all(data).unwrap();
    }
    out
}

/// A zstd frame of raw (stored) blocks: exercises the decoder without a
/// zstd compressor among the dev-dependencies.
fn zstd_raw(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x28, 0xB5, 0x2F, 0xFD];
    out.push(0x00); // no checksum, no content size, not single-segment
    out.push(7 << 3); // window 2^17
    let chunks: Vec<&[u8]> = data.chunks(100_000).collect();
    for (i, chunk) in chunks.iter().enumerate() {
        let last = u32::from(i + 1 == chunks.len());
        let header = last | ((chunk.len() as u32) << 3); // block type 0: raw
        out.extend_from_slice(&header.to_le_bytes()[..3]);
        out.extend_from_slice(chunk);
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compressed_bodies_are_decoded() -> TestResult {
    let page = article_html("Squeezed", "Compressed.");
    let (g, b, z) = (
        gzip(page.as_bytes()),
        brotli(page.as_bytes()),
        zstd_raw(page.as_bytes()),
    );
    let server = Server::start(routes(move |r| {
        let enc = r
            .headers
            .get("accept-encoding")
            .cloned()
            .unwrap_or_default();
        assert!(
            enc.contains("gzip") && enc.contains("br") && enc.contains("zstd"),
            "{enc}"
        );
        let (body, coding) = match r.path.as_str() {
            "/gz" => (g.clone(), "gzip"),
            "/br" => (b.clone(), "br"),
            "/zst" => (z.clone(), "zstd"),
            _ => return None,
        };
        Some(Resp::new(200, "text/html", body).header("Content-Encoding", coding))
    }))
    .await?;
    for path in ["/gz", "/br", "/zst"] {
        let a = fetch(&server, options(), path).await;
        assert_eq!(a.error, None, "{path}: {a:?}");
        assert_eq!(a.headline.as_deref(), Some("Squeezed"), "{path}");
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn size_caps_hold() -> TestResult {
    let bomb = gzip(&vec![b' '; 4 << 20]);
    let server = Server::start(routes(move |r| match r.path.as_str() {
        "/endless" => Some(Resp {
            body: Body::Endless,
            ..Resp::html("")
        }),
        "/big" => Some(Resp::html(vec![b'a'; 300_000])),
        "/bomb" => {
            Some(Resp::new(200, "text/html", bomb.clone()).header("Content-Encoding", "gzip"))
        }
        _ => None,
    }))
    .await?;
    let mut o = options();
    o.max_body_bytes = 100_000;
    o.max_decoded_bytes = 1 << 20;
    for path in ["/endless", "/big", "/bomb"] {
        let a = fetch(&server, o.clone(), path).await;
        assert_eq!(kind(&a), Some("too_large"), "{path}: {a:?}");
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_dropped_mid_body_is_a_connect_error_and_retried() -> TestResult {
    let server = Server::start(routes(|r| {
        (r.path == "/cut").then(|| Resp {
            body: Body::DropAfter(b"<html><p>half".to_vec()),
            ..Resp::html("")
        })
    }))
    .await?;
    let a = fetch(&server, options(), "/cut").await;
    assert_eq!(kind(&a), Some("connect"), "{a:?}");
    assert_eq!(server.count("/cut"), 3);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_connections_and_bad_urls() -> TestResult {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0")?;
        l.local_addr()?.port()
    };
    let mut o = options();
    o.retries = 0;
    let f = Fetcher::new(o)?;
    let a = f.fetch_record(&format!("http://a.test:{port}/x")).await;
    assert_eq!(kind(&a), Some("connect"), "{a:?}");
    for bad in ["not a url", "ftp://a.test/x", "mailto:x@y"] {
        let a = f.fetch_record(bad).await;
        assert_eq!(kind(&a), Some("invalid_url"), "{bad}");
        assert_eq!(a.source, bad);
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_html_is_extracted() -> TestResult {
    let server = Server::start(routes(|r| match r.path.as_str() {
        "/doc.pdf" => Some(Resp::new(200, "application/pdf", b"%PDF-1.4 ...".to_vec())),
        "/img.png" => Some(Resp::new(200, "image/png", b"\x89PNG....".to_vec())),
        "/data.json" => Some(Resp::new(200, "application/json", b"{\"a\":1}".to_vec())),
        "/xhtml" => Some(Resp::new(
            200,
            "application/xhtml+xml",
            article_html("X", "Xhtml."),
        )),
        "/untyped.pdf" => Some(Resp {
            headers: vec![],
            ..Resp::html(b"%PDF-1.4 ...".to_vec())
        }),
        _ => None,
    }))
    .await?;
    for path in ["/doc.pdf", "/img.png", "/data.json", "/untyped.pdf"] {
        let a = fetch(&server, options(), path).await;
        assert_eq!(kind(&a), Some("unsupported_type"), "{path}: {a:?}");
    }
    let a = fetch(&server, options(), "/xhtml").await;
    assert_eq!(a.error, None);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn charsets_are_decoded_without_mojibake() -> TestResult {
    let page = |text: &str, meta: &str| {
        format!(
            "<html><head>{meta}<title>{text}</title></head><body><article><h1>{text}</h1><p>{text} {text} {text} {text} {text} {text}.</p><p>{text} {text} {text} {text}.</p></article></body></html>"
        )
    };
    let enc = |e: &'static encoding_rs::Encoding, s: &str| e.encode(s).0.into_owned();
    let ru = "Привет, мир! Это статья о погоде в Москве";
    let ja = "こんにちは世界、これは日本語の記事です";
    let zh = "你好世界，这是一篇关于天气的中文文章";
    // No " — " in it: a dash in a <title> reads as a site-name separator.
    let fr = "Café crème, déjà vu, l’été à Noël";
    let cases: Vec<(&str, &str, Vec<u8>, &str)> = vec![
        (
            "/1251",
            "text/html; charset=windows-1251",
            enc(encoding_rs::WINDOWS_1251, &page(ru, "")),
            ru,
        ),
        (
            "/sjis-meta",
            "text/html",
            enc(
                encoding_rs::SHIFT_JIS,
                &page(ja, "<meta charset=\"shift_jis\">"),
            ),
            ja,
        ),
        (
            "/gb18030",
            "text/html; charset=GB18030",
            enc(encoding_rs::GB18030, &page(zh, "")),
            zh,
        ),
        (
            "/latin1",
            "text/html; charset=ISO-8859-1",
            enc(encoding_rs::WINDOWS_1252, &page(fr, "")),
            fr,
        ),
        // The header lies: says windows-1252, the bytes are UTF-8.
        (
            "/lie-utf8",
            "text/html; charset=windows-1252",
            page(ru, "").into_bytes(),
            ru,
        ),
        // The header lies: says UTF-8, the bytes are windows-1251.
        (
            "/lie-1251",
            "text/html; charset=utf-8",
            enc(encoding_rs::WINDOWS_1251, &page(ru, "")),
            ru,
        ),
        // No declaration at all: detected.
        (
            "/none-sjis",
            "text/html",
            enc(encoding_rs::SHIFT_JIS, &page(ja, "")),
            ja,
        ),
    ];
    let table: HashMap<String, (String, Vec<u8>)> = cases
        .iter()
        .map(|(p, ct, body, _)| (p.to_string(), (ct.to_string(), body.clone())))
        .collect();
    let server = Server::start(routes(move |r| {
        table
            .get(&r.path)
            .map(|(ct, body)| Resp::new(200, ct, body.clone()))
    }))
    .await?;
    for (path, _, _, text) in &cases {
        let a = fetch(&server, options(), path).await;
        assert_eq!(a.error, None, "{path}");
        assert_eq!(a.headline.as_deref(), Some(*text), "{path}");
        assert!(a.body.contains(text), "{path}: {}", a.body);
        assert!(!a.body.contains('\u{FFFD}'), "{path}");
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn robots_txt_is_obeyed_and_fetched_once() -> TestResult {
    let server = Server::start(routes(|r| match (r.host.as_str(), r.path.as_str()) {
        ("a.test", "/robots.txt") => Some(Resp::new(
            200,
            "text/plain",
            "User-agent: *\nDisallow: /private\n",
        )),
        ("b.test", "/robots.txt") => Some(Resp::status(503)),
        ("c.test", "/robots.txt") => Some(Resp::status(404)),
        (_, p) if p.starts_with("/p") && !p.starts_with("/private") => {
            Some(Resp::html(article_html("Page", "Public.")))
        }
        _ => None,
    }))
    .await?;
    let f = Fetcher::new(options())?;
    let urls: Vec<String> = (0..4)
        .map(|i| server.url("a.test", &format!("/p{i}")))
        .chain([
            server.url("a.test", "/private/x"),
            server.url("b.test", "/p1"),
            server.url("c.test", "/p1"),
        ])
        .collect();
    let records: Vec<Article> = f.fetch_many(urls.clone(), true).collect().await;
    assert_eq!(records.len(), urls.len());
    for (r, u) in records.iter().zip(&urls) {
        assert_eq!(&r.source, u, "input order");
    }
    assert!(records[..4].iter().all(|r| r.error.is_none()));
    assert_eq!(kind(&records[4]), Some("robots_denied"));
    assert_eq!(
        kind(&records[5]),
        Some("robots_denied"),
        "5xx robots.txt means disallow"
    );
    assert_eq!(records[6].error, None, "404 robots.txt means allow");
    let hits = server.hits();
    let robots = |host: &str| {
        hits.iter()
            .filter(|h| h.host == host && h.path == "/robots.txt")
            .count()
    };
    assert_eq!(robots("a.test"), 1, "fetched once per host");
    assert_eq!(robots("b.test"), 3, "5xx retried");
    assert!(
        !hits.iter().any(|h| h.path.starts_with("/private")),
        "disallowed page never requested"
    );
    assert!(
        !hits
            .iter()
            .any(|h| h.host == "b.test" && h.path != "/robots.txt")
    );

    // --ignore-robots
    let mut o = options();
    o.obey_robots = false;
    let a = Fetcher::new(o)?
        .fetch_record(&server.url("a.test", "/private/x"))
        .await;
    assert_eq!(
        kind(&a),
        Some("http_status"),
        "requested despite robots.txt"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crawl_delay_spaces_requests() -> TestResult {
    let server = Server::start(routes(|r| match r.path.as_str() {
        "/robots.txt" => Some(Resp::new(
            200,
            "text/plain",
            "User-agent: gleaner\nCrawl-delay: 0.3\n",
        )),
        _ => Some(Resp::html(article_html("P", "Delay."))),
    }))
    .await?;
    let f = Fetcher::new(options())?;
    let urls: Vec<String> = (0..4)
        .map(|i| server.url("a.test", &format!("/p{i}")))
        .collect();
    let began = std::time::Instant::now();
    let records: Vec<Article> = f.fetch_many(urls, false).collect().await;
    assert!(records.iter().all(|r| r.error.is_none()));
    let mut starts: Vec<_> = server
        .hits()
        .into_iter()
        .filter(|h| h.path != "/robots.txt")
        .map(|h| h.start)
        .collect();
    starts.sort();
    // The i-th request cannot be sent before i crawl delays have passed
    // since the run began; a loaded machine only makes it later.
    for (i, start) in starts.iter().enumerate() {
        let at = start.duration_since(began);
        assert!(
            at >= Duration::from_millis(300) * i as u32,
            "request {i} at {at:?}"
        );
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn per_host_limit_and_delay_hold_while_hosts_run_in_parallel() -> TestResult {
    let server = Server::start(routes(|r| match r.path.as_str() {
        "/robots.txt" => None,
        _ => Some(Resp::html(article_html("P", "Limit.")).delayed(Duration::from_millis(120))),
    }))
    .await?;
    let mut o = options();
    o.per_host = 2;
    o.delay = Duration::from_millis(50);
    o.concurrency = 32;
    let f = Fetcher::new(o)?;
    let urls: Vec<String> = (0..8)
        .flat_map(|i| ["a.test", "b.test", "c.test"].map(|h| server.url(h, &format!("/p{i}"))))
        .collect();
    let n = urls.len();
    let began = std::time::Instant::now();
    let records: Vec<Article> = f.fetch_many(urls, false).collect().await;
    assert_eq!(records.len(), n);
    assert!(records.iter().all(|r| r.error.is_none()));
    let hits = server.hits();
    for host in ["a.test", "b.test", "c.test"] {
        let mine: Vec<_> = hits
            .iter()
            .filter(|h| h.host == host && h.path != "/robots.txt")
            .collect();
        assert_eq!(mine.len(), 8, "{host}");
        let most = mine.iter().map(|h| h.open_at_start).max().unwrap();
        assert!(most <= 2, "{host}: {most} requests open at once");
        let mut starts: Vec<_> = mine.iter().map(|h| h.start).collect();
        starts.sort();
        // Request i to a host starts at least i delays after the run began.
        for (i, start) in starts.iter().enumerate() {
            let at = start.duration_since(began);
            assert!(
                at >= Duration::from_millis(50) * i as u32,
                "{host}: request {i} at {at:?}"
            );
        }
    }
    // Hosts are not serialised behind each other: some requests to
    // different hosts overlapped.
    let overlapped = hits.iter().any(|x| {
        hits.iter()
            .any(|y| x.host != y.host && x.start < y.end && y.start < x.end)
    });
    assert!(overlapped);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetch_article_returns_errors_as_errors() -> TestResult {
    let server = Server::start(routes(|r| {
        (r.path == "/ok").then(|| Resp::html(article_html("Ok", "Fine.")))
    }))
    .await?;
    let f = Fetcher::new(options())?;
    let a = f.fetch_article(&server.url("a.test", "/ok")).await?;
    assert_eq!(a.headline.as_deref(), Some("Ok"));
    let e = f
        .fetch_article(&server.url("a.test", "/nope"))
        .await
        .err()
        .unwrap();
    assert_eq!(e.kind(), ErrorKind::HttpStatus);
    assert_eq!(e.status(), Some(404));
    let page = f.fetch_page(&server.url("a.test", "/ok")).await?;
    assert_eq!(page.charset.as_deref(), Some("utf-8"));
    Ok(())
}
