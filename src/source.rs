//! Where a page's bytes come from: a local file (plain or gzip, detected by
//! content), standard input, or — with the `fetch` feature — a URL. Also the
//! parsing of input-list lines.

use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crate::{Article, Error, Options, extract};

/// One input as the user gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A local file, with the page's original URL when the list line or
    /// `--url` gave one.
    File {
        /// The path as given.
        path: String,
        /// The page's original URL.
        url: Option<String>,
    },
    /// Standard input.
    Stdin {
        /// The page's original URL.
        url: Option<String>,
    },
    /// An address to fetch.
    Url(String),
}

impl Input {
    /// The input as given (the record's `source`).
    pub fn source(&self) -> &str {
        match self {
            Input::File { path, .. } => path,
            Input::Stdin { .. } => "-",
            Input::Url(u) => u,
        }
    }

    /// Classify an argument: `-` is stdin, `scheme://` is a URL, anything
    /// else a path.
    pub fn parse(arg: &str, url: Option<String>) -> Input {
        if arg == "-" {
            Input::Stdin { url }
        } else if looks_like_url(arg) {
            Input::Url(arg.to_string())
        } else {
            Input::File {
                path: arg.to_string(),
                url,
            }
        }
    }

    /// Parse one line of an input list: an input, optionally followed by
    /// whitespace and the page's original URL. Blank lines and `#` comments
    /// give `None`.
    pub fn from_list_line(line: &str) -> Option<Input> {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let mut parts = line.splitn(2, char::is_whitespace);
        let first = parts.next()?;
        let rest = parts.next().map(str::trim).filter(|s| !s.is_empty());
        if looks_like_url(first) {
            return Some(Input::Url(first.to_string()));
        }
        Some(Input::parse(first, rest.map(str::to_string)))
    }
}

/// Whether the text is an absolute http(s) URL or something with a scheme.
pub fn looks_like_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || {
        // other schemes (ftp://, file://) are URLs too, and fail clearly later
        match text.find("://") {
            Some(i) if i > 0 => text[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.'),
            _ => false,
        }
    }
}

/// Read at most `limit` bytes from a reader, refusing more.
pub fn read_limited(reader: impl Read, limit: usize, name: &str) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|source| Error::Io {
            path: name.to_string(),
            source,
        })?;
    if buf.len() > limit {
        return Err(Error::TooLarge {
            size: buf.len() as u64,
            limit: limit as u64,
        });
    }
    Ok(buf)
}

/// Undo gzip when the bytes are gzip (by their magic number), keeping the
/// decompressed size under `limit`.
pub fn gunzip_if_needed(bytes: Vec<u8>, limit: usize, name: &str) -> Result<Vec<u8>, Error> {
    if bytes.starts_with(&[0x1F, 0x8B]) {
        let decoder = flate2::read::MultiGzDecoder::new(&bytes[..]);
        let mut out = Vec::with_capacity(bytes.len() * 4);
        let n = decoder
            .take(limit as u64 + 1)
            .read_to_end(&mut out)
            .map_err(|e| Error::Decode(format!("{name}: bad gzip data: {e}")))?;
        if n > limit {
            return Err(Error::TooLarge {
                size: n as u64,
                limit: limit as u64,
            });
        }
        Ok(out)
    } else {
        Ok(bytes)
    }
}

/// Read a local file (gzip or plain) with the size cap.
pub fn read_file(path: &str, limit: usize) -> Result<Vec<u8>, Error> {
    let p = Path::new(path);
    let meta = std::fs::metadata(p).map_err(|source| Error::Io {
        path: path.to_string(),
        source,
    })?;
    if meta.is_dir() {
        return Err(Error::Io {
            path: path.to_string(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "is a directory"),
        });
    }
    let file = std::fs::File::open(p).map_err(|source| Error::Io {
        path: path.to_string(),
        source,
    })?;
    let bytes = read_limited(file, limit, path)?;
    gunzip_if_needed(bytes, limit, path)
}

/// Read standard input (gzip or plain) with the size cap.
pub fn read_stdin(limit: usize) -> Result<Vec<u8>, Error> {
    let bytes = read_limited(std::io::stdin().lock(), limit, "-")?;
    gunzip_if_needed(bytes, limit, "-")
}

/// Turn one local input into its record. Never panics: a panic inside
/// extraction is caught here and reported as an `internal` error record. A
/// URL input gives a `fetch_unavailable` record: fetching is the fetcher's.
pub fn process(input: &Input, options: &Options) -> Article {
    let source = input.source().to_string();
    let (bytes, url) = match input {
        Input::File { path, url } => (read_file(path, options.max_input_bytes), url.clone()),
        Input::Stdin { url } => (read_stdin(options.max_input_bytes), url.clone()),
        Input::Url(u) => {
            let err =
                Error::FetchUnavailable(format!("cannot fetch {u}: this build has no fetcher"));
            return Article::failed(source, Some(u.clone()), &err);
        }
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(err) => return Article::failed(source, url, &err),
    };
    guarded(source, url.clone(), || {
        extract(&bytes, url.as_deref(), options)
    })
}

/// Run one page's extraction so that whatever happens it gives a record: an
/// error or a panic becomes an error record (`internal` for a panic).
fn guarded(
    source: String,
    url: Option<String>,
    work: impl FnOnce() -> Result<Article, Error>,
) -> Article {
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(Ok(mut article)) => {
            article.source = source;
            article
        }
        Ok(Err(err)) => Article::failed(source, url, &err),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            Article::failed(
                source,
                url,
                &Error::Internal(format!("extraction panicked: {what}")),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_lines_carry_an_optional_url() {
        assert_eq!(
            Input::from_list_line("a/b.html.gz https://example.com/x"),
            Some(Input::File {
                path: "a/b.html.gz".into(),
                url: Some("https://example.com/x".into())
            })
        );
        assert_eq!(Input::from_list_line("  # note"), None);
        assert_eq!(
            Input::from_list_line("https://e.com/a"),
            Some(Input::Url("https://e.com/a".into()))
        );
        assert_eq!(Input::from_list_line("-"), Some(Input::Stdin { url: None }));
    }

    #[test]
    #[allow(clippy::panic)] // a panicking page is what is being tested
    fn a_panic_in_extraction_becomes_an_internal_error_record() {
        let record = guarded("a.html".into(), Some("https://e.com/a".into()), || {
            panic!("boom at node 7")
        });
        let (kind, message) = record
            .error
            .map(|e| (e.kind, e.message))
            .unwrap_or_default();
        assert_eq!(kind, "internal");
        assert!(message.contains("boom at node 7"), "{message}");
        assert_eq!(record.source, "a.html");
        assert_eq!(record.url.as_deref(), Some("https://e.com/a"));
        // A formatted panic message (a String payload) is kept too.
        let record = guarded("b".into(), None, || panic!("index {} out of range", 3));
        let message = record.error.map(|e| e.message).unwrap_or_default();
        assert!(message.contains("index 3 out of range"), "{message}");
    }

    #[test]
    fn an_extraction_error_becomes_its_error_record() {
        let record = guarded("c".into(), None, || Err(Error::Empty));
        assert_eq!(record.error.map(|e| e.kind), Some("empty".to_string()));
    }

    #[test]
    fn gzip_is_detected_by_content() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"<p>hello</p>").ok();
        let gz = enc.finish().unwrap_or_default();
        assert_eq!(
            gunzip_if_needed(gz, 1000, "x").ok(),
            Some(b"<p>hello</p>".to_vec())
        );
        assert_eq!(
            gunzip_if_needed(b"plain".to_vec(), 1000, "x").ok(),
            Some(b"plain".to_vec())
        );
    }

    #[test]
    fn gzip_bomb_is_capped() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![b'a'; 100_000]).ok();
        let gz = enc.finish().unwrap_or_default();
        assert!(matches!(
            gunzip_if_needed(gz, 1000, "x"),
            Err(Error::TooLarge { .. })
        ));
    }
}
