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
        let text = gleaner::_internal::decode::decode(&bytes, None).text;
        let drops: Vec<_> = gleaner::_internal::extract::drops(&text)
            .into_iter()
            .map(|(p, w, t)| serde_json::json!({"path": p, "why": w, "text": t}))
            .collect();
        let rec = serde_json::json!({"source": path, "drops": drops});
        let _ = writeln!(out, "{rec}");
    }
}
