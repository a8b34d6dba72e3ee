//! The fast parse path against html5ever on every page of every dataset in
//! `../shared/data`: wherever the fast path builds a tree it must be
//! html5ever's, node for node (names, attributes, text, structure), on the
//! text the extractor parses (after the pre-parse scan). Identical trees
//! make identical records. The pages the fast path leaves to html5ever are
//! counted by reason and printed.
//!
//! A debug build checks every 16th page (unoptimised, all of them take
//! minutes); CI runs `cargo test --release --test parser_differential`,
//! which checks them all. Without `../shared` the test says it is skipped;
//! with `GLEANER_REQUIRE_SHARED=1` (set by CI) a missing `../shared` fails.

use std::collections::BTreeMap;
use std::path::PathBuf;

use gleaner::_internal::parse::{Parser, fast, parse_with};

fn data_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("GLEANER_REQUIRE_SHARED").is_none(),
        "{} is missing and GLEANER_REQUIRE_SHARED is set",
        dir.display()
    );
    eprintln!("SKIPPED: {} not found", dir.display());
    None
}

fn pages(dir: &PathBuf) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let sets = std::fs::read_dir(dir).map(|d| d.filter_map(Result::ok).map(|e| e.path()));
    for set in sets.into_iter().flatten() {
        let html = set.join("html");
        let files = std::fs::read_dir(&html).map(|d| d.filter_map(Result::ok).map(|e| e.path()));
        out.extend(files.into_iter().flatten().filter(|p| {
            let n = p.to_string_lossy();
            n.ends_with(".html.gz") || n.ends_with(".html")
        }));
    }
    out.sort();
    out
}

#[test]
fn fast_path_trees_are_html5evers_on_every_dataset_page() {
    let Some(dir) = data_dir() else { return };
    let all = pages(&dir);
    assert!(
        all.len() > 3000,
        "only {} pages in {}",
        all.len(),
        dir.display()
    );
    let step = if cfg!(debug_assertions) { 16 } else { 1 };
    let mut checked = 0;
    let mut fallbacks: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut differ = Vec::new();
    for path in all.iter().step_by(step) {
        let name = path.to_string_lossy().to_string();
        let bytes = gleaner::_internal::read_page(&name, 256 << 20);
        assert!(bytes.is_ok(), "{name}: {:?}", bytes.err());
        let bytes = bytes.unwrap_or_default();
        let text = gleaner::_internal::decode::decode(&bytes, None).text;
        let page =
            gleaner::_internal::prestrip::strip(&text, gleaner::Options::default().max_depth);
        checked += 1;
        match fast(&page, usize::MAX) {
            Err(why) => fallbacks.entry(why.name()).or_default().push(name),
            Ok(doc) => {
                let oracle = parse_with(&page, Parser::Html5ever, usize::MAX);
                let (a, b) = (doc.outline(), oracle.outline());
                if a != b {
                    let line = a.lines().zip(b.lines()).position(|(x, y)| x != y);
                    differ.push(format!("{name}: first difference at node {line:?}"));
                }
            }
        }
    }
    let total: usize = fallbacks.values().map(Vec::len).sum();
    eprintln!(
        "{checked} pages (1 in {step}): {} built by the fast path, {total} left to html5ever",
        checked - total
    );
    for (why, names) in &fallbacks {
        eprintln!("  {why}: {}", names.len());
    }
    assert!(differ.is_empty(), "trees differ:\n{}", differ.join("\n"));
    // The fast path is the rule, html5ever the exception.
    assert!(total * 20 < checked, "{total} of {checked} pages fell back");
}
