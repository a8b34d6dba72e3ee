//! rs-trafilatura with its documented default call for raw bytes:
//! `extract_bytes(html)` (default Options, charset from the page's meta tags,
//! no URL).

fn main() -> std::process::ExitCode {
    gleaner_peerbench::run(|bytes| {
        let r = rs_trafilatura::extract_bytes(bytes).map_err(|e| e.to_string())?;
        Ok((r.metadata.title.unwrap_or_default(), r.content_text))
    })
}
