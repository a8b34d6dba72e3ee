//! Record sinks: how records are written for people and for programs.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

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
    /// `--explain`: why each page gives its record, instead of the record
    /// (see [`Writer::write_explanation`]).
    Explain,
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

    /// Write one record. In the formats people read (text, Markdown), a
    /// failed input is reported on standard error, not mixed into the
    /// documents; with several inputs each text document opens with
    /// `==> SOURCE <==`, as `head` and `tail` mark files.
    pub fn write(&mut self, out: &mut dyn Write, article: &Article) -> io::Result<()> {
        let for_people = matches!(
            self.format,
            Format::Text | Format::Markdown | Format::Explain
        );
        if let (true, Some(err)) = (for_people, &article.error) {
            eprintln!(
                "gleaner: {}: {} ({})",
                article.source, err.message, err.kind
            );
            return Ok(());
        }
        match self.format {
            Format::Json if self.several => {
                out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
                serde_json::to_writer_pretty(&mut *out, article)?;
            }
            Format::Text | Format::Explain if self.several => {
                self.header(out, article)?;
                write_record(out, article, self.format)?;
            }
            _ => write_record(out, article, self.format)?,
        }
        self.written += 1;
        Ok(())
    }

    /// Write why a page gave its record (`--explain`): the explanation in
    /// place of the record, set apart as text documents are; a failed
    /// input is reported on standard error, as in the text format.
    pub fn write_explanation(
        &mut self,
        out: &mut dyn Write,
        article: &Article,
        explanation: &str,
    ) -> io::Result<()> {
        if article.error.is_some() {
            return self.write(out, article);
        }
        if self.several {
            self.header(out, article)?;
        }
        out.write_all(explanation.as_bytes())?;
        self.written += 1;
        Ok(())
    }

    /// `==> SOURCE <==` above a document, after a blank line from the one
    /// before, as `head` and `tail` mark files.
    fn header(&self, out: &mut dyn Write, article: &Article) -> io::Result<()> {
        if self.written > 0 {
            writeln!(out)?;
        }
        writeln!(out, "==> {} <==", article.source)
    }

    /// End the run's output (closes a JSON array).
    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.format == Format::Json && self.several {
            out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        Ok(())
    }
}

/// Where records go when `-o PATH` is given.
pub struct OutputFile {
    /// The writer (buffered).
    pub writer: Box<dyn Write>,
    /// A temporary file to rename over the real one when the run ends.
    rename: Option<(PathBuf, PathBuf)>,
}

impl OutputFile {
    /// Open `path` for a run. A regular file, or a path that does not exist
    /// yet, is written under a temporary name beside it (beside the file a
    /// symlink points to) and renamed into place when the run ends, so a run
    /// killed half-way never leaves half a file under the real name; with
    /// `append` (`--resume`) it is appended to in place. Anything else — a
    /// device such as `/dev/null`, a FIFO, a pipe from process substitution
    /// — is written directly: renaming over it would replace it.
    pub fn open(path: &Path, append: bool) -> io::Result<OutputFile> {
        let meta = std::fs::metadata(path);
        let regular_or_new = match &meta {
            Ok(m) => m.is_file(),
            Err(e) => e.kind() == io::ErrorKind::NotFound,
        };
        if !regular_or_new {
            if append {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "--resume needs a regular file to read and append to",
                ));
            }
            let file = std::fs::OpenOptions::new().write(true).open(path)?;
            return Ok(OutputFile {
                writer: Box::new(io::BufWriter::new(file)),
                rename: None,
            });
        }
        if append {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)?;
            return Ok(OutputFile {
                writer: Box::new(io::BufWriter::new(file)),
                rename: None,
            });
        }
        // Through a symlink, the file it points to is the one replaced.
        let target = if meta.is_ok() {
            std::fs::canonicalize(path)?
        } else {
            path.to_path_buf()
        };
        let tmp = temp_name(&target);
        let file = std::fs::File::create(&tmp)?;
        Ok(OutputFile {
            writer: Box::new(io::BufWriter::new(file)),
            rename: Some((tmp, target)),
        })
    }

    /// Flush, and put the file in place.
    pub fn commit(mut self) -> io::Result<()> {
        self.writer.flush()?;
        drop(self.writer);
        if let Some((tmp, target)) = self.rename.take() {
            std::fs::rename(&tmp, &target)?;
        }
        Ok(())
    }

    /// Give up: remove the temporary file.
    pub fn discard(self) {
        if let Some((tmp, _)) = &self.rename {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// `.NAME.PID.tmp` in the directory of `path`.
fn temp_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Write one record in `format`.
pub fn write_record(out: &mut dyn Write, article: &Article, format: Format) -> io::Result<()> {
    match format {
        Format::Jsonl => {
            serde_json::to_writer(&mut *out, article)?;
            out.write_all(b"\n")
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, article)?;
            out.write_all(b"\n")
        }
        // A record without its explanation is shown as text.
        Format::Text | Format::Explain => write_text(out, article),
        Format::Markdown => write_markdown(out, article),
    }
}

/// A YAML scalar: JSON strings are valid double-quoted YAML.
fn yaml(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

fn write_markdown(out: &mut dyn Write, a: &Article) -> io::Result<()> {
    writeln!(out, "---")?;
    if let Some(err) = &a.error {
        writeln!(out, "source: {}", yaml(&a.source))?;
        writeln!(out, "error: {}", yaml(err.kind.as_str()))?;
        writeln!(out, "message: {}", yaml(&err.message))?;
        writeln!(out, "---")?;
        return writeln!(out);
    }
    writeln!(out, "source: {}", yaml(&a.source))?;
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

fn write_text(out: &mut dyn Write, a: &Article) -> io::Result<()> {
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
    // "by RT · RT" says the same twice.
    if let Some(p) = &a.attribution.publisher {
        let is_author = a
            .attribution
            .authors
            .iter()
            .any(|name| name.eq_ignore_ascii_case(p));
        if !is_author {
            line.push(p.clone());
        }
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
            "---\nsource: \"\"\ntitle: \"A \\\"quoted\\\" title: yes\"\ndate: \"2024-01-02\"\nauthors:\n  - \"Ann Lee\"\n  - \"Bo Ek\"\npublisher: \"Example\"\nurl: \"https://example.com/a\"\n---\n\n## Head\n\nText\n\n"
        );
    }

    #[test]
    fn the_byline_does_not_repeat_the_publisher() {
        let mut a = Article::default();
        a.headline = Some("H".into());
        a.attribution.authors = vec!["RT".into()];
        a.attribution.publisher = Some("RT".into());
        let mut buf = Vec::new();
        write_record(&mut buf, &a, Format::Text).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.contains("by RT\n"), "{text}");
        a.attribution.publisher = Some("The Daily".into());
        let mut buf = Vec::new();
        write_record(&mut buf, &a, Format::Text).unwrap();
        assert!(
            String::from_utf8(buf)
                .unwrap()
                .contains("by RT · The Daily")
        );
    }

    #[test]
    fn text_documents_are_set_apart_and_errors_kept_out() {
        let mut a = Article::default();
        a.source = "a.html".into();
        a.body = "Body A.".into();
        let mut failed = Article::default();
        failed.source = "b.html".into();
        failed.error = Some(
            serde_json::from_str(r#"{"kind":"empty","message":"the input is empty"}"#).unwrap(),
        );
        let mut w = Writer::new(Format::Text, true);
        let mut buf = Vec::new();
        for r in [&a, &failed, &a] {
            w.write(&mut buf, r).unwrap();
        }
        w.finish(&mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert_eq!(text.matches("==> a.html <==").count(), 2, "{text}");
        assert!(!text.contains("b.html"), "{text}");
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
