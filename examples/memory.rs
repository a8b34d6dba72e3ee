//! Peak memory of one extraction per page shape and size, each in a child
//! process of its own (VmHWM), with the node budget (`Options::max_nodes`)
//! at its default: `cargo run --release --example memory [MIB...]`
//! (default 1 10 50). Prints peak MiB and peak over page size.
//!
//! The shapes are the ones that cost most per byte: a flood of empty
//! paragraphs, nesting as deep as it goes, one wide table row, one huge
//! text node, and elements carrying megabyte attributes.

#[path = "support/mod.rs"]
mod support;

use std::process::Command;

const SHAPES: [&str; 6] = [
    "p_flood",
    "deep_nesting",
    "wide_table",
    "huge_text",
    "megabyte_attributes",
    "many_attributes",
];

/// A page of `shape` about `bytes` long.
fn page(shape: &str, bytes: usize) -> String {
    let fill = |unit: &str, head: &str, tail: &str| {
        let mut s = String::with_capacity(bytes + 64);
        s.push_str(head);
        while s.len() + unit.len() + tail.len() <= bytes {
            s.push_str(unit);
        }
        s.push_str(tail);
        s
    };
    match shape {
        "p_flood" => fill("<p>", "<html><body>", "</body></html>"),
        "deep_nesting" => fill("<div>", "<html><body>", "text</body></html>"),
        "wide_table" => fill(
            "<td>x</td>",
            "<html><body><table><tr>",
            "</tr></table></body></html>",
        ),
        "huge_text" => fill("word ", "<html><body><p>", "</p></body></html>"),
        "megabyte_attributes" => {
            // A megabyte each, or a quarter of a smaller page.
            let value = "v".repeat((1 << 20).min(bytes / 4));
            fill(
                &format!("<div class=\"{value}\" title=\"{value}\">x</div>"),
                "<html><body>",
                "</body></html>",
            )
        }
        _ => fill(
            "<i class=a id=b title=c lang=d>x</i>",
            "<html><body><p>",
            "</p></body></html>",
        ),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--one") {
        let shape = args.get(2).cloned().unwrap_or_default();
        let mib: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
        let page = page(&shape, mib << 20);
        let bytes = page.into_bytes();
        let before = support::peak_rss_kib();
        let result = gleaner::extract_with(&bytes, None, &gleaner::Options::default());
        let truncated = result
            .as_ref()
            .map(|a| a.has_warning(gleaner::WarningKind::Truncated))
            .unwrap_or(false);
        println!(
            "{} {before} {} {truncated}",
            bytes.len(),
            support::peak_rss_kib()
        );
        return;
    }
    let sizes: Vec<usize> = if args.len() > 1 {
        args[1..].iter().filter_map(|s| s.parse().ok()).collect()
    } else {
        vec![1, 10, 50]
    };
    let Ok(exe) = std::env::current_exe() else {
        eprintln!("cannot find myself");
        return;
    };
    println!("| shape | page MiB | peak MiB | peak / page | truncated |\n|---|---|---|---|---|");
    for shape in SHAPES {
        for &mib in &sizes {
            let out = Command::new(&exe)
                .args(["--one", shape, &mib.to_string()])
                .output();
            let text = match out {
                Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).to_string(),
                Ok(o) => {
                    println!("| {shape} | {mib} | failed: {} | | |", o.status);
                    continue;
                }
                Err(e) => {
                    println!("| {shape} | {mib} | cannot run: {e} | | |");
                    continue;
                }
            };
            let v: Vec<&str> = text.split_whitespace().collect();
            if let [bytes, _before, peak, truncated] = v[..] {
                let bytes: f64 = bytes.parse().unwrap_or(1.0);
                let peak: f64 = peak.parse().unwrap_or(0.0);
                println!(
                    "| {shape} | {mib} | {:.0} | {:.1} | {truncated} |",
                    peak / 1024.0,
                    peak * 1024.0 / bytes
                );
            }
        }
    }
}
