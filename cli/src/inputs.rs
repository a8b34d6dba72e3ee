//! What the user gave: paths, `-`, URLs, input-list lines (plain or JSONL),
//! WARC files; and the split of inputs into shards. Every input becomes
//! exactly one record, whose `source` is the input as given.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};

use gleaner::{Error, ErrorInfo, PageInput, WarcItem, WarcReader};

/// One input as the user gave it.
#[derive(Debug, Clone)]
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
    Page(Box<PageInput<'static>>),
    /// An input that failed before it could be read (a malformed JSONL
    /// line, a WARC file cut off, a line that is neither a path nor a URL);
    /// it becomes an error record.
    Failed {
        /// The record's `source`.
        source: String,
        /// The page URL, when known.
        url: Option<String>,
        /// Why.
        error: ErrorInfo,
    },
}

impl Input {
    /// The input as given (the record's `source`).
    pub fn source(&self) -> &str {
        match self {
            Input::File { path, .. } => path,
            Input::Stdin { .. } => "-",
            Input::Url(u) => u,
            Input::Page(page) => page.source.as_deref().unwrap_or(""),
            Input::Failed { source, .. } => source,
        }
    }

    /// Classify a command-line argument: `-` is stdin, a text with a scheme
    /// (`http://`, `ftp://`) is a URL, anything else a path.
    pub fn parse(arg: &str, url: Option<String>) -> Input {
        if arg == "-" {
            Input::Stdin { url }
        } else if has_scheme(arg) {
            Input::Url(arg.to_string())
        } else {
            Input::File {
                path: arg.to_string(),
                url,
            }
        }
    }

    /// Parse one line of an input list. The line, trimmed, is the input;
    /// blank lines and `#` comments give `None`. A line that goes on, after
    /// whitespace, with an absolute http(s) URL is a path and the page's
    /// original URL (`PATH URL`): the path, which may hold spaces, is the
    /// input then. Any other line is one input as a whole: `-`, a URL
    /// (fetched, or an `invalid_url` record), or a path (an `io` record if
    /// there is no such file).
    pub fn from_list_line(line: &str) -> Option<Input> {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        if let Some((path, url)) = split_path_url(line) {
            return Some(Input::File {
                path: path.to_string(),
                url: Some(url.to_string()),
            });
        }
        Some(Input::parse(line, None))
    }
}

/// `PATH URL`: the first field after whitespace that starts with `http://`
/// or `https://` begins the URL (which runs to the end of the line, spaces
/// and all: some lists carry URLs with unescaped spaces), when what follows
/// is an absolute http(s) URL and something comes before it.
fn split_path_url(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    let mut from = 0;
    while let Some(rel) = line[from..].find(char::is_whitespace) {
        let at = from + rel;
        let rest = line[at..].trim_start();
        let start = line.len() - rest.len();
        let head = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
        if head.starts_with("http://") || head.starts_with("https://") {
            let path = line[..at].trim_end();
            if !path.is_empty() && is_http_url(rest) {
                return Some((path, rest));
            }
        }
        from = start.max(at + 1);
        if from >= bytes.len() {
            break;
        }
    }
    None
}

/// An absolute http(s) URL with a host.
pub fn is_http_url(text: &str) -> bool {
    url::Url::parse(text).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
    })
}

/// Whether the text starts with a URL scheme and `://` (other schemes than
/// http(s) are URLs too, and fail clearly as `invalid_url`).
fn has_scheme(text: &str) -> bool {
    match text.find("://") {
        Some(i) if i > 0 => text[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.'),
        _ => false,
    }
}

/// Read at most `limit` bytes from a reader; more is a `too_large` error
/// that reports the size when `known_size` gives it.
pub fn read_limited(
    reader: impl Read,
    limit: usize,
    name: &str,
    known_size: Option<u64>,
) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|source| io_error(name, source))?;
    if buf.len() > limit {
        return Err(gleaner_too_large(name, known_size, limit as u64));
    }
    Ok(buf)
}

/// A `too_large` error for `name`.
fn gleaner_too_large(name: &str, size: Option<u64>, limit: u64) -> Error {
    Error::TooLarge {
        subject: name.to_string(),
        size,
        limit,
    }
}

fn io_error(path: &str, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_string(),
        source,
    }
}

/// Read a local file with the size cap (gzip is undone by the pipeline).
pub fn read_file(path: &str, limit: usize) -> Result<Vec<u8>, Error> {
    let p = Path::new(path);
    let meta = std::fs::metadata(p).map_err(|source| io_error(path, source))?;
    if meta.is_dir() {
        let source = std::io::Error::new(std::io::ErrorKind::InvalidInput, "is a directory");
        return Err(io_error(path, source));
    }
    if meta.is_file() && meta.len() > limit as u64 {
        return Err(gleaner_too_large(path, Some(meta.len()), limit as u64));
    }
    let file = std::fs::File::open(p).map_err(|source| io_error(path, source))?;
    read_limited(file, limit, path, meta.is_file().then_some(meta.len()))
}

/// Read standard input with the size cap.
pub fn read_stdin(limit: usize) -> Result<Vec<u8>, Error> {
    read_limited(std::io::stdin().lock(), limit, "standard input", None)
}

/// Every file under `dirs` whose name ends in one of `exts` (or that plus
/// `.gz`), depth first, each directory's entries in sorted order, so the
/// same tree always gives the same inputs in the same order. Symlinked
/// directories are not followed (no loops); unreadable directories become
/// `io` records.
pub fn walk_dirs(dirs: Vec<String>, exts: Vec<String>) -> impl Iterator<Item = Input> + Send {
    let exts: Vec<String> = exts
        .iter()
        .map(|e| e.trim().trim_start_matches('.').to_ascii_lowercase())
        .filter(|e| !e.is_empty())
        .collect();
    let wanted = move |name: &str| {
        let lower = name.to_ascii_lowercase();
        let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
        exts.iter().any(|e| {
            lower
                .strip_suffix(e.as_str())
                .is_some_and(|stem| stem.ends_with('.'))
        })
    };
    // A stack of directories still to read, and the files of the one read.
    let mut stack: Vec<std::path::PathBuf> = dirs.into_iter().rev().map(Into::into).collect();
    let mut files: std::collections::VecDeque<Input> = Default::default();
    std::iter::from_fn(move || {
        loop {
            if let Some(input) = files.pop_front() {
                return Some(input);
            }
            let dir = stack.pop()?;
            let entries = match std::fs::read_dir(&dir) {
                Ok(e) => e,
                Err(source) => {
                    let path = dir.display().to_string();
                    return Some(Input::Failed {
                        error: ErrorInfo::from(&io_error(&path, source)),
                        source: path,
                        url: None,
                    });
                }
            };
            let mut children: Vec<(std::path::PathBuf, bool)> = entries
                .flatten()
                .filter_map(|e| {
                    let kind = e.file_type().ok()?;
                    Some((e.path(), kind.is_dir()))
                })
                .collect();
            children.sort();
            // Subdirectories are visited in order, after this one's files.
            for (path, is_dir) in children.iter().rev() {
                if *is_dir {
                    stack.push(path.clone());
                }
            }
            for (path, is_dir) in children {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                if !is_dir && name.as_deref().is_some_and(&wanted) {
                    files.push_back(Input::File {
                        path: path.display().to_string(),
                        url: None,
                    });
                }
            }
        }
    })
}

/// Records of WARC files that did not become pages, by why (see
/// [`WarcItem::Skipped`]). Shared between the thread that reads inputs and
/// the one that reports.
#[derive(Debug, Clone, Default)]
pub struct Skips(Arc<Mutex<BTreeMap<String, usize>>>);

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
pub fn expand(input: Input, limit: usize, skips: &Skips) -> Box<dyn Iterator<Item = Input> + Send> {
    let path = match &input {
        Input::File { path, .. } if gleaner::is_warc_file(path) => path.clone(),
        _ => return Box::new(std::iter::once(input)),
    };
    let reader = match WarcReader::open(&path, limit) {
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
        Ok(WarcItem::Page(page)) => Some(Input::Page(Box::new(page))),
        Ok(WarcItem::Skipped(why)) => {
            skips.add(why);
            None
        }
        Ok(WarcItem::Failed { source, url, error }) => Some(Input::Failed {
            source,
            url,
            error: ErrorInfo::from(&error),
        }),
        Ok(_) => None,
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
    let failed = |source: String, url: Option<String>, message: String| Input::Failed {
        source,
        url,
        error: ErrorInfo::from(&Error::InvalidInput(message)),
    };
    let parsed: Line = match serde_json::from_str(text) {
        Ok(l) => l,
        Err(e) => {
            return Some(failed(
                format!("line {line_no}"),
                None,
                format!("line {line_no} is not a JSON object: {e}"),
            ));
        }
    };
    let source = parsed
        .source
        .clone()
        .or_else(|| parsed.url.clone())
        .unwrap_or_else(|| format!("line {line_no}"));
    let page = match (parsed.html, parsed.html_base64) {
        // JSON text is UTF-8, whatever the page's own <meta> says.
        (Some(html), _) => {
            PageInput::bytes(html.into_bytes()).with_content_type("text/html; charset=utf-8")
        }
        (None, Some(b64)) => match data_encoding::BASE64.decode(b64.trim().as_bytes()) {
            Ok(bytes) => PageInput::bytes(bytes),
            Err(e) => {
                let message = format!("line {line_no}: html_base64 is not base64: {e}");
                return Some(failed(source, parsed.url, message));
            }
        },
        (None, None) => {
            return Some(match parsed.url {
                Some(url) => Input::Url(url),
                None => failed(
                    source,
                    None,
                    format!("line {line_no} has none of \"url\", \"html\", \"html_base64\""),
                ),
            });
        }
    };
    let mut page = page.with_source(source);
    page.url = parsed.url;
    Some(Input::Page(Box::new(page)))
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

    fn file(path: &str, url: Option<&str>) -> Option<(String, Option<String>)> {
        Some((path.to_string(), url.map(str::to_string)))
    }

    fn as_file(input: Option<Input>) -> Option<(String, Option<String>)> {
        match input? {
            Input::File { path, url } => Some((path, url)),
            _ => None,
        }
    }

    #[test]
    fn list_lines_carry_an_optional_url() {
        assert_eq!(
            as_file(Input::from_list_line("a/b.html.gz https://example.com/x")),
            file("a/b.html.gz", Some("https://example.com/x"))
        );
        assert!(Input::from_list_line("  # note").is_none());
        assert!(matches!(
            Input::from_list_line("https://e.com/a"),
            Some(Input::Url(u)) if u == "https://e.com/a"
        ));
        assert!(matches!(
            Input::from_list_line("-"),
            Some(Input::Stdin { url: None })
        ));
    }

    #[test]
    fn a_path_with_spaces_is_one_input() {
        assert_eq!(
            as_file(Input::from_list_line("my page.html")),
            file("my page.html", None)
        );
        assert_eq!(
            as_file(Input::from_list_line("my page.html https://e.com/p")),
            file("my page.html", Some("https://e.com/p"))
        );
        // A URL with an unescaped space is still the URL.
        assert_eq!(
            as_file(Input::from_list_line("a.html https://e.com/p q=1")),
            file("a.html", Some("https://e.com/p q=1"))
        );
    }

    #[test]
    fn a_line_that_is_no_url_is_not_split() {
        // "htp:/not a url": no http(s) URL at the end, so the whole line is
        // the input (a missing file), not a path and a URL.
        let input = Input::from_list_line("htp:/not a url");
        assert_eq!(input.as_ref().map(Input::source), Some("htp:/not a url"));
        let input = Input::from_list_line("ftp://host/x");
        assert!(matches!(input, Some(Input::Url(_))));
    }

    #[test]
    fn input_dirs_are_walked_in_a_stable_order_by_extension() {
        let dir = std::env::temp_dir().join(format!("gleaner-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for sub in ["b", "a/deep"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        for f in [
            "z.html",
            "a.htm.gz",
            "notes.txt",
            "b/x.HTML",
            "a/deep/y.html",
            "a/c.html.bak",
        ] {
            std::fs::write(dir.join(f), "<p>x</p>").unwrap();
        }
        let found: Vec<String> = walk_dirs(
            vec![dir.display().to_string()],
            vec!["html".into(), "htm".into()],
        )
        .map(|i| {
            i.source()
                .trim_start_matches(&dir.display().to_string())
                .to_string()
        })
        .collect();
        assert_eq!(
            found,
            ["/a.htm.gz", "/z.html", "/a/deep/y.html", "/b/x.HTML"]
        );
        std::fs::remove_dir_all(&dir).unwrap();
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
            Some(Input::Page(p)) => {
                assert_eq!(p.source.as_deref(), Some("https://e.com/a"));
                assert_eq!(p.len(), "<p>é</p>".len());
            }
            other => panic!("{other:?}"),
        }
        let input = from_jsonl_line(
            r#"{"url": "https://e.com/a", "html_base64": "PHA+aGk8L3A+", "source": "k1"}"#,
            2,
        );
        match input {
            Some(Input::Page(p)) => {
                assert_eq!(p.source.as_deref(), Some("k1"));
                assert_eq!(p.len(), b"<p>hi</p>".len());
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            from_jsonl_line(r#"{"url": "https://e.com/b"}"#, 3),
            Some(Input::Url(u)) if u == "https://e.com/b"
        ));
        assert!(from_jsonl_line("  ", 4).is_none());
        for bad in ["not json", r#"{"html_base64": "@@@"}"#, "{}"] {
            match from_jsonl_line(bad, 5) {
                Some(Input::Failed { error, .. }) => {
                    assert_eq!(error.kind, gleaner::ErrorKind::InvalidInput)
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
    }
}
