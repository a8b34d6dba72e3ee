//! Record sinks: how records are written for people and for programs.

use std::io::{self, Write};

use crate::Article;

/// Output format of the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One compact JSON record per line.
    Jsonl,
    /// Pretty-printed JSON records, one after another (a JSON stream, as jq prints).
    Json,
    /// Headline, date, byline, a blank line, the body.
    Text,
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
    }
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
    fn jsonl_is_one_line_with_contract_fields() {
        let a = Article {
            source: "x.html".into(),
            body: "a\n\nb".into(),
            ..Article::default()
        };
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
