//! Print, for every page of a list, what the page-type stage sees (its
//! features, the type chosen) and the body each path gives, as JSON lines: `cargo run --release --example candidates -- LIST`, where LIST
//! has one `path` or `path url` a line.
use std::io::{BufRead, Write};

fn main() {
    let Some(list) = std::env::args().nth(1) else {
        eprintln!("usage: candidates LIST");
        std::process::exit(2);
    };
    let Ok(file) = std::fs::File::open(&list) else {
        eprintln!("cannot open {list}");
        std::process::exit(1);
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::BufReader::new(file).lines().map_while(Result::ok) {
        let mut parts = line.splitn(2, ' ');
        let Some(path) = parts.next() else { continue };
        let url = parts.next().and_then(|u| url::Url::parse(u).ok());
        let Ok(bytes) = gleaner::_internal::read_page(path, 64 << 20) else {
            continue;
        };
        let text = gleaner::_internal::decode::decode(&bytes, None).text;
        let study = gleaner::_internal::extract::study(&text, url.as_ref());
        let map: serde_json::Map<String, serde_json::Value> = study
            .bodies
            .into_iter()
            .map(|(k, v)| (k.to_string(), serde_json::Value::String(v)))
            .collect();
        let rec = serde_json::json!({
            "source": path,
            "bodies": map,
            "features": study.features,
            "thin": study.thin,
            "page_type": study.page_type,
        });
        let _ = writeln!(out, "{rec}");
    }
}
