//! Where the fast parse path and html5ever disagree on one file (debugging
//! aid for the `parse` fuzz target's finds): `cargo run --release --example
//! parsediff -- page.html`. Prints, for the page as given and after the
//! pre-parse scan, "same", "declined" (with why) or the first differing nodes.
use gleaner::_internal::parse::{Parser, fast, parse_with};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parsediff FILE");
        return;
    };
    let Ok(data) = std::fs::read(&path) else {
        eprintln!("parsediff: cannot read {path}");
        return;
    };
    let text = String::from_utf8_lossy(&data).to_string();
    let stripped = gleaner::_internal::prestrip::strip(&text, 512).to_string();
    for (label, page) in [("as given", &text), ("pre-stripped", &stripped)] {
        let oracle = parse_with(page, Parser::Html5ever, usize::MAX).outline();
        let ours = match fast(page, usize::MAX) {
            Err(why) => {
                println!("{label}: declined ({})", why.name());
                continue;
            }
            Ok(doc) => doc.outline(),
        };
        if ours == oracle {
            println!("{label}: same");
            continue;
        }
        let (a, b): (Vec<&str>, Vec<&str>) = (ours.lines().collect(), oracle.lines().collect());
        let at = a
            .iter()
            .zip(&b)
            .position(|(x, y)| x != y)
            .unwrap_or(a.len().min(b.len()));
        println!(
            "{label}: differ at node {at} ({} against {} nodes)",
            a.len(),
            b.len()
        );
        for line in a.iter().skip(at.saturating_sub(3)).take(6) {
            println!("  fast      {line}");
        }
        for line in b.iter().skip(at.saturating_sub(3)).take(6) {
            println!("  html5ever {line}");
        }
    }
}
