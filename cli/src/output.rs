//! Record sinks: how records are written for people and for programs.

use std::io::{self, Write};

use gleaner::Article;

/// Output format of the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One compact JSON record per line.
    Jsonl,
    /// Pretty-printed JSON: one object for one input, an array of them
    /// for several (one valid JSON document either way).
    Json,
    /// Headline, date, byline, a blank line, the body.
    Text,
    /// A YAML front matter block (title, date, authors, publisher, url),
    /// then the body as Markdown (`body_markdown`; extraction must have
    /// `Options::markdown` on, else the plain body is written, escaped).
    Markdown,
}

/// Writes the records of one run in one format: JSON arrays are opened,
/// separated and closed, documents of the text formats set apart.
#[derive(Debug)]
pub struct Writer {
    format: Format,
    /// Several records may come: JSON is an array then.
    several: bool,
    written: usize,
}

impl Writer {
    /// A writer for `format`; `several` when the run may write more than
    /// one record.
    pub fn new(format: Format, several: bool) -> Writer {
        Writer {
            format,
            several,
            written: 0,
        }
    }

    /// Write one record.
    pub fn write(&mut self, out: &mut impl Write, article: &Article) -> io::Result<()> {
        if self.format == Format::Json && self.several {
            out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
            serde_json::to_writer_pretty(&mut *out, article)?;
        } else {
            write_record(out, article, self.format)?;
        }
        self.written += 1;
        Ok(())
    }

    /// End the run's output (closes a JSON array).
    pub fn finish(&mut self, out: &mut impl Write) -> io::Result<()> {
        if self.format == Format::Json && self.several {
            out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        Ok(())
    }
}

/// Write one record in `format`.
pub fn write_record(out: &mut impl Write, article: &Article, format: Format) -> io::Result<()> {
    match format {
        Format::Jsonl => {
            serde_json::to_writer(&mut *out, article)?;
            out.write_all(b"\n")
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, article)?;
            out.write_all(b"\n")
        }
        Format::Text => write_text(out, article),
        Format::Markdown => write_markdown(out, article),
    }
}

/// A YAML scalar: JSON strings are valid double-quoted YAML.
fn yaml(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

fn write_markdown(out: &mut impl Write, a: &Article) -> io::Result<()> {
    writeln!(out, "---")?;
    if let Some(err) = &a.error {
        writeln!(out, "source: {}", yaml(&a.source))?;
        writeln!(out, "error: {}", yaml(err.kind.as_str()))?;
        writeln!(out, "message: {}", yaml(&err.message))?;
        writeln!(out, "---")?;
        return writeln!(out);
    }
    if let Some(h) = &a.headline {
        writeln!(out, "title: {}", yaml(h))?;
    }
    if let Some(d) = &a.published {
        writeln!(out, "date: {}", yaml(d))?;
    }
    if !a.attribution.authors.is_empty() {
        writeln!(out, "authors:")?;
        for name in &a.attribution.authors {
            writeln!(out, "  - {}", yaml(name))?;
        }
    }
    if let Some(p) = &a.attribution.publisher {
        writeln!(out, "publisher: {}", yaml(p))?;
    }
    if let Some(u) = a.url.as_ref().or(a.attribution.canonical_url.as_ref()) {
        writeln!(out, "url: {}", yaml(u))?;
    }
    writeln!(out, "---")?;
    writeln!(out)?;
    match &a.body_markdown {
        Some(md) => writeln!(out, "{md}")?,
        // Extraction runs with Markdown on for this format; a record
        // without it has only its plain text.
        None => writeln!(out, "{}", a.body)?,
    }
    writeln!(out)
}

fn write_text(out: &mut impl Write, a: &Article) -> io::Result<()> {
    if let Some(err) = &a.error {
        writeln!(out, "{}: error ({}): {}", a.source, err.kind, err.message)?;
        return writeln!(out);
    }
    if let Some(h) = &a.headline {
        writeln!(out, "{h}")?;
    }
    let mut line = Vec::new();
    if let Some(p) = &a.published {
        line.push(p.clone());
    }
    if !a.attribution.authors.is_empty() {
        line.push(format!("by {}", a.attribution.authors.join(", ")));
    }
    if let Some(p) = &a.attribution.publisher {
        line.push(p.clone());
    }
    if !line.is_empty() {
        writeln!(out, "{}", line.join(" · "))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", a.body)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_has_front_matter() {
        let mut a = Article::default();
        a.headline = Some("A \"quoted\" title: yes".into());
        a.published = Some("2024-01-02".into());
        a.url = Some("https://example.com/a".into());
        a.attribution.authors = vec!["Ann Lee".into(), "Bo Ek".into()];
        a.attribution.publisher = Some("Example".into());
        a.body = "x".into();
        a.body_markdown = Some("## Head\n\nText".into());
        let mut buf = Vec::new();
        write_record(&mut buf, &a, Format::Markdown).ok();
        let s = String::from_utf8(buf).unwrap_or_default();
        assert_eq!(
            s,
            "---\ntitle: \"A \\\"quoted\\\" title: yes\"\ndate: \"2024-01-02\"\nauthors:\n  - \"Ann Lee\"\n  - \"Bo Ek\"\npublisher: \"Example\"\nurl: \"https://example.com/a\"\n---\n\n## Head\n\nText\n\n"
        );
    }

    #[test]
    fn json_for_several_inputs_is_one_array() {
        let mut a = Article::default();
        a.source = "a.html".into();
        for n in [0usize, 1, 3] {
            let mut w = Writer::new(Format::Json, true);
            let mut buf = Vec::new();
            for _ in 0..n {
                w.write(&mut buf, &a).ok();
            }
            w.finish(&mut buf).ok();
            let v: serde_json::Value = serde_json::from_slice(&buf).unwrap_or_default();
            assert_eq!(v.as_array().map(Vec::len), Some(n), "{n} records");
        }
        let mut w = Writer::new(Format::Json, false);
        let mut buf = Vec::new();
        w.write(&mut buf, &a).ok();
        w.finish(&mut buf).ok();
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap_or_default();
        assert_eq!(v["source"], "a.html");
    }

    #[test]
    fn jsonl_is_one_line_with_contract_fields() {
        let mut a = Article::default();
        a.source = "x.html".into();
        a.body = "a\n\nb".into();
        let mut buf = Vec::new();
        write_record(&mut buf, &a, Format::Jsonl).ok();
        let s = String::from_utf8(buf).unwrap_or_default();
        assert_eq!(s.matches('\n').count(), 1);
        let v: serde_json::Value = serde_json::from_str(&s).unwrap_or_default();
        for key in [
            "source",
            "url",
            "headline",
            "published",
            "modified",
            "body",
            "attribution",
            "language",
            "description",
            "image",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
        for key in ["authors", "publisher", "canonical_url"] {
            assert!(
                v["attribution"].get(key).is_some(),
                "missing attribution.{key}"
            );
        }
    }
}
