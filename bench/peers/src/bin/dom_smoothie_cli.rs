//! dom_smoothie with its documented default call: `Readability::new(html,
//! None, None)?.parse()` (no URL, default Config). dom_smoothie takes a
//! `&str`, so the bytes are read as UTF-8 (lossy).

fn main() -> std::process::ExitCode {
    gleaner_peerbench::run(|bytes| {
        let html = String::from_utf8_lossy(bytes);
        let mut r =
            dom_smoothie::Readability::new(html.as_ref(), None, None).map_err(|e| e.to_string())?;
        let a = r.parse().map_err(|e| e.to_string())?;
        Ok((a.title, a.text_content.to_string()))
    })
}
