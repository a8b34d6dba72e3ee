//! Time and peak memory of extraction on generated adversarial pages at
//! growing sizes, to catch work that grows faster than the page.
//!
//! ```sh
//! cargo run --release --example scaling                 # every pattern at 1x, 4x, 16x
//! cargo run --release --example scaling -- deep_nesting # only patterns whose name contains this
//! ```
//!
//! Each case runs in a child process so its peak memory (VmHWM) is its own.
//! `parse` is the pre-parse scan and html5ever; `ours` is the rest of the
//! extraction (total minus parse). The ratios are time per byte at 16x over time per byte at
//! 1x and at 4x: about 1 is linear, 4 (16x/4x) is quadratic. Small pages
//! run from cache, so 16x/1x overstates a little; a pattern is flagged when
//! 16x/4x is over 2. Times are the best of three runs (one at 16x); times
//! under 5 ms count as 5 ms. On a busy machine rerun a flagged pattern
//! alone, and at `--one NAME 64` to see whether it really grows.

#[path = "../tests/adversarial/mod.rs"]
mod adversarial;

#[path = "support/mod.rs"]
mod support;

use std::process::Command;
use std::time::Instant;

use adversarial::PATTERNS;

const SCALES: [usize; 3] = [1, 4, 16];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--one") {
        let name = args.get(2).cloned().unwrap_or_default();
        let scale: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
        one(&name, scale);
        return;
    }
    let filter = args.get(1).cloned().unwrap_or_default();
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("cannot find myself: {e}");
            return;
        }
    };
    println!(
        "| pattern | scale | bytes | parse ms | ours ms | total ms | peak MiB |\n|---|---|---|---|---|---|---|"
    );
    let mut summary = Vec::new();
    for p in PATTERNS.iter().filter(|p| p.name.contains(&filter)) {
        let mut rows = Vec::new();
        for scale in SCALES {
            let out = Command::new(&exe)
                .args(["--one", p.name, &scale.to_string()])
                .output();
            let text = match out {
                Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).to_string(),
                Ok(o) => {
                    println!("| {} | {scale}x | failed: {} | | | | |", p.name, o.status);
                    continue;
                }
                Err(e) => {
                    println!("| {} | {scale}x | cannot run: {e} | | | | |", p.name);
                    continue;
                }
            };
            let v: Vec<f64> = text
                .split_whitespace()
                .filter_map(|t| t.parse().ok())
                .collect();
            if let [bytes, parse, total, peak] = v[..] {
                println!(
                    "| {} | {scale}x | {bytes:.0} | {parse:.1} | {:.1} | {total:.1} | {:.0} |",
                    p.name,
                    total - parse,
                    peak / 1024.0
                );
                rows.push((bytes, parse, total));
            }
        }
        if let (Some(first), Some(last)) = (rows.first(), rows.last()) {
            // Below a few milliseconds a ratio is noise: clamp to 5 ms.
            let per_byte = |t: f64, b: f64| t.max(5.0) / b;
            let ratio = |a: &(f64, f64, f64), b: &(f64, f64, f64)| {
                (
                    per_byte(b.2, b.0) / per_byte(a.2, a.0),
                    per_byte(b.1, b.0) / per_byte(a.1, a.0),
                    per_byte(b.2 - b.1, b.0) / per_byte(a.2 - a.1, a.0),
                )
            };
            let mid = rows.get(rows.len().saturating_sub(2)).unwrap_or(first);
            summary.push((p.name, ratio(first, last), ratio(mid, last)));
        }
    }
    println!(
        "\nper-byte time ratios (1 = linear; 16x/4x = 4 is quadratic)\n\n| pattern | total 16x/1x | total 16x/4x | parse 16x/4x | ours 16x/4x | |\n|---|---|---|---|---|---|"
    );
    for (name, (total, _, _), (total4, parse4, ours4)) in summary {
        let flag = if ours4 > 2.0 {
            "SUPER-LINEAR (ours)"
        } else if parse4 > 2.0 {
            "super-linear (parser)"
        } else {
            ""
        };
        println!("| {name} | {total:.2} | {total4:.2} | {parse4:.2} | {ours4:.2} | {flag} |");
    }
}

/// Run one case and print `bytes parse_ms total_ms peak_kib`.
fn one(name: &str, scale: usize) {
    let Some(p) = PATTERNS.iter().find(|p| p.name == name) else {
        eprintln!("no pattern {name}");
        std::process::exit(2);
    };
    let page = (p.page)(p.base * scale);
    let runs = if scale >= 16 { 1 } else { 3 };
    let mut options = gleaner::Options::default();
    options.markdown = true;
    options.html = true;
    let (mut parse, mut total) = (f64::MAX, f64::MAX);
    for _ in 0..runs {
        let started = Instant::now();
        let stripped = gleaner::_internal::prestrip::strip(&page, options.max_depth);
        let parsed = gleaner::_internal::parse::parse(&stripped, options.max_nodes);
        parse = parse.min(started.elapsed().as_secs_f64() * 1000.0);
        drop(parsed);
        let started = Instant::now();
        let result = gleaner::extract_with(page.as_str(), Some("https://example.com/a"), &options);
        total = total.min(started.elapsed().as_secs_f64() * 1000.0);
        if let Err(e) = result {
            eprintln!("{name}: {e}");
        }
    }
    println!("{} {parse} {total} {}", page.len(), support::peak_rss_kib());
}
