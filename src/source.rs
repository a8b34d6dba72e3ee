//! Where a page's bytes come from: a local file (plain or gzip, detected by
//! content), standard input, a WARC file's records, a JSONL line that holds
//! the page, or — with the `fetch` feature — a URL. Also the parsing of
//! input-list lines and the split of inputs into shards.

use std::collections::BTreeMap;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crate::{Article, Error, ErrorInfo, Options, extract};

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
    /// A page whose bytes are already at hand: a WARC record, or a JSONL
    /// input line that carried the HTML.
    Held(Box<HeldPage>),
    /// An input that failed before it could be read (a malformed JSONL
    /// line, a WARC file cut off); it becomes an error record.
    Failed {
        /// The record's `source`.
        source: String,
        /// The page URL, when known.
        url: Option<String>,
        /// Why.
        error: ErrorInfo,
    },
}

/// A page handed over with its bytes, as an HTTP payload may carry them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldPage {
    /// The record's `source` (for WARC: `<file>#<WARC-Record-ID>`).
    pub source: String,
    /// The page URL.
    pub url: Option<String>,
    /// The payload as stored.
    pub body: Vec<u8>,
    /// The payload still has chunked transfer coding.
    pub chunked: bool,
    /// The payload's `Content-Encoding` (gzip, deflate, br, zstd), undone
    /// before extraction.
    pub content_encoding: Option<String>,
    /// The charset declared by the HTTP `Content-Type`.
    pub charset: Option<String>,
    /// When the page was fetched (WARC-Date): the reference day for dates
    /// and the record's `fetched`.
    pub fetched: Option<chrono::DateTime<chrono::Utc>>,
}

impl Input {
    /// The input as given (the record's `source`).
    pub fn source(&self) -> &str {
        match self {
            Input::File { path, .. } => path,
            Input::Stdin { .. } => "-",
            Input::Url(u) => u,
            Input::Held(page) => &page.source,
            Input::Failed { source, .. } => source,
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
        Input::Held(page) => return process_held(page, options),
        Input::Failed { source, url, error } => {
            return Article {
                source: source.clone(),
                url: url.clone(),
                error: Some(error.clone()),
                ..Article::default()
            };
        }
        Input::File { path, url } => (read_file(path, options.max_input_bytes), url.clone()),
        Input::Stdin { url } => (read_stdin(options.max_input_bytes), url.clone()),
        Input::Url(u) => {
            let err =
                Error::FetchUnavailable(format!("cannot fetch {u}: this build has no fetcher"));
            return Article::failed(source, Some(u.clone()), &err);
        }
    };
    let bytes = match bytes {
        // WARC files are read record by record from their path (see
        // `expand`); read whole from a pipe they would be one odd page.
        Ok(b) if matches!(input, Input::Stdin { .. }) && b.starts_with(b"WARC/") => {
            let err = Error::Warc("read WARC files by path, not from standard input".into());
            return Article::failed(source, url, &err);
        }
        Ok(b) => b,
        Err(err) => return Article::failed(source, url, &err),
    };
    guarded(source, url.clone(), || {
        extract(&bytes, url.as_deref(), options)
    })
}

/// A held page: undo the HTTP framing, then extract with the charset the
/// HTTP header declared and the fetch day as the reference for dates.
fn process_held(page: &HeldPage, options: &Options) -> Article {
    let mut options = options.clone();
    if let Some(day) = page.fetched {
        options.reference_date = Some(day.date_naive());
    }
    let limit = options.max_input_bytes;
    let unchunked = page
        .chunked
        .then(|| crate::decompress::dechunk(&page.body, limit))
        .flatten();
    let payload = unchunked.as_deref().unwrap_or(&page.body);
    let mut article = guarded(page.source.clone(), page.url.clone(), || {
        let body = match crate::decompress::decode_body(
            payload.to_vec(),
            page.content_encoding.as_deref(),
            limit,
        ) {
            Ok(body) => body,
            // Some archives store the payload decoded but keep the header.
            Err(e) if e.kind() == "decode" && crate::decode::check_html(payload).is_ok() => {
                payload.to_vec()
            }
            Err(e) => return Err(e),
        };
        crate::extract_with_charset(
            &body,
            page.url.as_deref(),
            page.charset.as_deref(),
            &options,
        )
    });
    article.fetched = page
        .fetched
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, false));
    article
}

/// Run one extraction, turning an error or a panic into an error record.
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

/// Records of WARC files that did not become pages, by why (see
/// [`crate::warc::Item::Skipped`]). Shared between the thread that reads
/// inputs and the one that reports.
#[derive(Debug, Clone, Default)]
pub struct Skips(std::sync::Arc<std::sync::Mutex<BTreeMap<String, usize>>>);

impl Skips {
    fn add(&self, reason: &str) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *map.entry(reason.to_string()).or_default() += 1;
    }

    /// The counts so far.
    pub fn counts(&self) -> BTreeMap<String, usize> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// One input as the inputs it stands for: a WARC file (detected by content)
/// is its pages, read lazily, one record at a time, with the other records
/// counted in `skips`; anything else is itself.
pub fn expand(
    input: Input,
    options: &Options,
    skips: &Skips,
) -> Box<dyn Iterator<Item = Input> + Send> {
    let path = match &input {
        Input::File { path, .. } if crate::warc::is_warc_file(path) => path.clone(),
        _ => return Box::new(std::iter::once(input)),
    };
    let reader = match crate::warc::WarcReader::open(&path, options.max_input_bytes) {
        Ok(r) => r,
        Err(err) => {
            return Box::new(std::iter::once(Input::Failed {
                source: path,
                url: None,
                error: ErrorInfo::from(&err),
            }));
        }
    };
    let skips = skips.clone();
    Box::new(reader.filter_map(move |item| match item {
        Ok(crate::warc::Item::Page(page)) => Some(Input::Held(Box::new(page))),
        Ok(crate::warc::Item::Skipped(why)) => {
            skips.add(why);
            None
        }
        Ok(crate::warc::Item::Failed { source, url, error }) => Some(Input::Failed {
            source,
            url,
            error: ErrorInfo::from(&error),
        }),
        Err(error) => Some(Input::Failed {
            source: path.clone(),
            url: None,
            error: ErrorInfo::from(&error),
        }),
    }))
}

/// One line of a JSONL input list: `{"url": …, "html": …}` or
/// `{"url": …, "html_base64": …}` hand over a page the caller already holds
/// (an optional `"source"` names the record; else the URL does); a line
/// with only `"url"` is fetched. `line_no` (from 1) names lines that are not
/// understood. Blank lines give `None`.
pub fn from_jsonl_line(line: &str, line_no: u64) -> Option<Input> {
    #[derive(serde::Deserialize)]
    struct Line {
        url: Option<String>,
        html: Option<String>,
        html_base64: Option<String>,
        source: Option<String>,
    }
    let text = line.trim();
    if text.is_empty() {
        return None;
    }
    let failed = |message: String| Input::Failed {
        source: format!("line {line_no}"),
        url: None,
        error: ErrorInfo::from(&Error::InvalidInput(message)),
    };
    let parsed: Line = match serde_json::from_str(text) {
        Ok(l) => l,
        Err(e) => return Some(failed(format!("line {line_no} is not a JSON object: {e}"))),
    };
    let source = parsed
        .source
        .clone()
        .or_else(|| parsed.url.clone())
        .unwrap_or_else(|| format!("line {line_no}"));
    let (body, charset) = match (parsed.html, parsed.html_base64) {
        (Some(html), _) => (html.into_bytes(), Some("utf-8".to_string())),
        (None, Some(b64)) => match data_encoding::BASE64.decode(b64.trim().as_bytes()) {
            Ok(bytes) => (bytes, None),
            Err(e) => {
                return Some(Input::Failed {
                    source,
                    url: parsed.url,
                    error: ErrorInfo::from(&Error::InvalidInput(format!(
                        "line {line_no}: html_base64 is not base64: {e}"
                    ))),
                });
            }
        },
        (None, None) => {
            return Some(match parsed.url {
                Some(url) => Input::Url(url),
                None => failed(format!(
                    "line {line_no} has none of \"url\", \"html\", \"html_base64\""
                )),
            });
        }
    };
    Some(Input::Held(Box::new(HeldPage {
        source,
        url: parsed.url,
        body,
        chunked: false,
        content_encoding: None,
        charset,
        fetched: None,
    })))
}

/// Shard `index` of `count` (`--shard I/N`, `I` from 0): local inputs and
/// list lines are dealt out by position, URLs by a hash of their host, so
/// that each host — and its politeness state — lives in one shard. The
/// shards together hold every input exactly once, and the split is the
/// same on every machine and every run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, `0..count`.
    pub index: u64,
    /// How many shards.
    pub count: u64,
}

impl Shard {
    /// Parse `I/N` with `0 <= I < N`.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let (i, n) = text
            .split_once('/')
            .ok_or_else(|| format!("--shard {text:?}: expected I/N, e.g. 0/8"))?;
        let index: u64 = i
            .trim()
            .parse()
            .map_err(|_| format!("--shard {text:?}: I is not a number"))?;
        let count: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("--shard {text:?}: N is not a number"))?;
        if count == 0 || index >= count {
            return Err(format!(
                "--shard {text:?}: needs 0 <= I < N (shards are numbered from 0)"
            ));
        }
        Ok(Shard { index, count })
    }

    /// Whether the input at `position` (its place among all inputs, from 0)
    /// belongs to this shard.
    pub fn keeps(&self, position: u64, input: &Input) -> bool {
        let key = match input {
            Input::Url(u) => host_hash(u),
            _ => position,
        };
        key % self.count == self.index
    }
}

/// FNV-1a (64 bit) of the URL's host, lower-cased: a fixed algorithm, so
/// every machine and every run agrees (std's hasher is seeded per process).
fn host_hash(url: &str) -> u64 {
    let host = url::Url::parse(url.trim())
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .unwrap_or_else(|| url.trim().to_ascii_lowercase());
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in host.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
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

    #[test]
    fn shards_cover_every_input_once_and_keep_hosts_together() {
        let inputs: Vec<Input> = (0..200)
            .map(|i| match i % 3 {
                0 => Input::Url(format!("https://h{}.example/p{i}", i % 17)),
                1 => Input::Url(format!("https://H{}.example:8080/q{i}", i % 5)),
                _ => Input::File {
                    path: format!("f{i}.html"),
                    url: None,
                },
            })
            .collect();
        for n in [1u64, 2, 3, 7] {
            let mut seen = vec![0; inputs.len()];
            let mut host_shard: BTreeMap<String, u64> = BTreeMap::new();
            for index in 0..n {
                let shard = Shard { index, count: n };
                for (pos, input) in inputs.iter().enumerate() {
                    if shard.keeps(pos as u64, input) {
                        seen[pos] += 1;
                        if let Input::Url(u) = input {
                            let host = url::Url::parse(u)
                                .ok()
                                .and_then(|u| u.host_str().map(String::from));
                            let prev = host_shard.insert(host.unwrap_or_default(), index);
                            assert!(prev.is_none_or(|p| p == index), "{u} split across shards");
                        }
                    }
                }
            }
            assert!(seen.iter().all(|&c| c == 1), "n={n}: {seen:?}");
        }
        // The hash is fixed: the same host lands in the same shard forever.
        assert_eq!(host_hash("https://example.com/a"), 0x5768_4663_4e27_14c6);
        assert_eq!(host_hash("http://EXAMPLE.com:81/b"), 0x5768_4663_4e27_14c6);
        assert_eq!(Shard::parse("2/8"), Ok(Shard { index: 2, count: 8 }));
        assert!(Shard::parse("8/8").is_err());
        assert!(Shard::parse("1/0").is_err());
        assert!(Shard::parse("x").is_err());
    }

    #[test]
    fn jsonl_lines() {
        let input = from_jsonl_line(r#"{"url": "https://e.com/a", "html": "<p>é</p>"}"#, 1);
        match input {
            Some(Input::Held(p)) => {
                assert_eq!(p.source, "https://e.com/a");
                assert_eq!(p.body, "<p>é</p>".as_bytes());
            }
            other => assert!(matches!(other, Some(Input::Held(_))), "{other:?}"),
        }
        let input = from_jsonl_line(
            r#"{"url": "https://e.com/a", "html_base64": "PHA+aGk8L3A+", "source": "k1"}"#,
            2,
        );
        match input {
            Some(Input::Held(p)) => {
                assert_eq!(p.source, "k1");
                assert_eq!(p.body, b"<p>hi</p>");
            }
            other => assert!(matches!(other, Some(Input::Held(_))), "{other:?}"),
        }
        assert_eq!(
            from_jsonl_line(r#"{"url": "https://e.com/b"}"#, 3),
            Some(Input::Url("https://e.com/b".into()))
        );
        assert_eq!(from_jsonl_line("  ", 4), None);
        for bad in ["not json", r#"{"html_base64": "@@@"}"#, "{}"] {
            match from_jsonl_line(bad, 5) {
                Some(Input::Failed { error, .. }) => assert_eq!(error.kind, "invalid_input"),
                other => assert!(
                    matches!(other, Some(Input::Failed { .. })),
                    "{bad}: {other:?}"
                ),
            }
        }
    }
}
