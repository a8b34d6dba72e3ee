//! Print, for every page of a list, the elements cleaning drops and why, as
//! JSON lines: `cargo run --release --example drops -- LIST` (LIST: one
//! `path` or `path url` a line, as `../shared/bench/list.py` writes).
use std::io::{BufRead, Write};

fn main() {
    let Some(list) = std::env::args().nth(1) else {
        eprintln!("usage: drops LIST");
        std::process::exit(2);
    };
    let Ok(file) = std::fs::File::open(&list) else {
        eprintln!("cannot open {list}");
        std::process::exit(1);
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::BufReader::new(file).lines().map_while(Result::ok) {
        let Some(path) = line.split(' ').next() else {
            continue;
        };
        let Ok(bytes) = gleaner::_internal::read_page(path, 64 << 20) else {
            continue;
        };
        // The explanation's list: what cleaning dropped, as extraction does.
        let Ok(explained) = gleaner::explain(bytes.as_slice(), None, &gleaner::Options::default())
        else {
            continue;
        };
        let drops: Vec<_> = explained
            .dropped
            .iter()
            .map(|d| serde_json::json!({"path": d.element, "why": d.reason, "text": d.text}))
            .collect();
        let rec = serde_json::json!({"source": path, "drops": drops});
        let _ = writeln!(out, "{rec}");
    }
}
