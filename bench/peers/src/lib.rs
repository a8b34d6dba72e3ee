//! Shared input/output for the peer command-line wrappers.

use std::io::{Read, Write};

/// Reads a page file, gunzipping it when its name ends in `.gz`.
pub fn read_page(path: &str) -> std::io::Result<Vec<u8>> {
    let raw = std::fs::read(path)?;
    if path.ends_with(".gz") {
        let mut out = Vec::with_capacity(raw.len() * 4);
        flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

/// Runs `extract` over every path on the command line and writes one JSON
/// line (`path`, `title`, `text`) per page to stdout. A page that fails
/// gives a line with an `error` and counts in the exit status.
pub fn run(extract: impl Fn(&[u8]) -> Result<(String, String), String>) -> std::process::ExitCode {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    for path in std::env::args().skip(1) {
        let line = match read_page(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| extract(&b))
        {
            Ok((title, text)) => serde_json::json!({"path": path, "title": title, "text": text}),
            Err(e) => {
                failed += 1;
                serde_json::json!({"path": path, "error": e})
            }
        };
        if writeln!(out, "{line}").is_err() {
            return std::process::ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() {
        return std::process::ExitCode::FAILURE;
    }
    if failed > 0 {
        eprintln!("{failed} page(s) failed");
    }
    std::process::ExitCode::SUCCESS
}
