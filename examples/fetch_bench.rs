//! Fetch benchmark, entirely on 127.0.0.1: a local server with HOSTS host
//! names (pinned with `FetchOptions::resolve`) serves N article pages; the
//! fetcher fetches and extracts them all. Prints pages/s and the peak memory
//! (VmHWM) of the whole process, server included.
//!
//!   cargo run --release --example fetch_bench -- [N] [HOSTS] [PER_HOST]
//!   cargo run --release --example fetch_bench -- serve [HOSTS]   # server only, for the CLI
//!
//! The URL list is generated lazily, so N can be large: memory should not
//! grow with it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/fetch_server/mod.rs"]
mod fetch_server;

#[path = "support/mod.rs"]
mod support;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use fetch_server::{Resp, Server};
use futures_util::StreamExt;
use gleaner::{FetchOptions, Fetcher};

fn page(n: &str) -> String {
    let para = "The council met on Tuesday to discuss the new budget, which includes funds for \
                roads, schools and the library. Residents spoke for and against the plan. ";
    let mut body = String::new();
    for i in 0..12 {
        body.push_str(&format!("<p>{para}{i}</p>\n"));
    }
    format!(
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>Story {n}</title>\
         <meta property=og:site_name content=Bench><meta name=author content=\"A. Writer\"></head>\
         <body><nav><a href=/>Home</a><a href=/news>News</a></nav><article><h1>Story {n}</h1>\
         <time datetime=2024-05-01T10:00:00Z>May 1</time>{body}</article><footer>© Bench</footer></body></html>"
    )
}

async fn start_server() -> Server {
    Server::start_with(
        |r| match r.path.as_str() {
            "/robots.txt" => Resp::new(200, "text/plain", "User-agent: *\nDisallow: /private\n"),
            p => Resp::html(page(p)),
        },
        false,
    )
    .await
    .unwrap()
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("serve") {
        let server = start_server().await;
        println!("{}", server.port());
        tokio::signal::ctrl_c().await.ok();
        return;
    }
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let hosts: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let per_host: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(2);
    let server = start_server().await;
    let names: Vec<String> = (0..hosts).map(|i| format!("host{i}.bench")).collect();
    let mut o = FetchOptions::default();
    o.delay = Duration::ZERO;
    o.per_host = per_host;
    o.concurrency = 64;
    o.resolve = names
        .iter()
        .map(|h| (h.clone(), SocketAddr::from(([127, 0, 0, 1], 0))))
        .collect();
    let fetcher = Fetcher::new(o).unwrap();
    let port = server.port();
    let urls = (0..n).map(move |i| format!("http://host{}.bench:{port}/story/{i}", i % hosts));
    let started = Instant::now();
    let mut stream = fetcher.fetch_many(urls, false);
    let (mut ok, mut failed) = (0usize, 0usize);
    let mut first_error = None;
    while let Some(a) = stream.next().await {
        match a.error {
            None => ok += 1,
            Some(e) => {
                failed += 1;
                first_error.get_or_insert(e.message);
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "urls={n} hosts={hosts} per_host={per_host} ok={ok} failed={failed} time={secs:.2}s pages/s={:.0} peak_rss(VmHWM)={:.1}MiB served={}",
        n as f64 / secs,
        support::peak_rss_kib() as f64 / 1024.0,
        server.served()
    );
    if let Some(e) = first_error {
        println!("first error: {e}");
    }
}
