//! Reading WARC files as a stream of pages.
//!
//! A file is read record by record through one buffered reader, gzip or
//! not (multi-member gzip, one member per record, is what crawlers write,
//! and a whole-file gzip member reads the same way). Only the record being
//! looked at is held, and only when it is a page: memory does not grow with
//! the file. Blocks that are skipped are read past, never stored.

use std::io::{self, BufRead, BufReader, Read};

use chrono::{DateTime, Utc};

use crate::Error;
use crate::PageInput;

/// One record of a WARC file, as gleaner sees it.
#[derive(Debug)]
#[non_exhaustive]
pub enum Item {
    /// A `response` record with HTTP status 200 and an HTML payload, ready
    /// for [`extract_page`](crate::extract_page): its `source` is
    /// `<file>#<WARC-Record-ID>`, its `fetched` the WARC-Date.
    Page(PageInput<'static>),
    /// Any other record, with why it is not a page: its WARC-Type
    /// (`warcinfo`, `request`, `metadata`, `revisit`, `resource`, …) or, for
    /// responses, `not_http`, `not_200` or `not_html`.
    Skipped(&'static str),
    /// A page that cannot be read (over the size limit): its record is
    /// reported as failed and the file goes on.
    Failed {
        /// `<file>#<record id>`.
        source: String,
        /// WARC-Target-URI.
        url: Option<String>,
        /// Why.
        error: Error,
    },
}

/// Header lines longer than this, or heads larger than
/// [`MAX_HEAD`], mean the data is not WARC (or is hostile).
const MAX_LINE: usize = 64 * 1024;
const MAX_HEAD: usize = 256 * 1024;

/// Reads the records of one WARC file in order. Yields `Err` once, for data
/// that is not WARC or is cut off, and then ends.
pub struct WarcReader<R> {
    input: R,
    name: String,
    limit: usize,
    /// Offset in the uncompressed stream, for records without an id and
    /// for error messages.
    pos: u64,
    stopped: bool,
}

impl<R> std::fmt::Debug for WarcReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarcReader")
            .field("name", &self.name)
            .field("pos", &self.pos)
            .finish_non_exhaustive()
    }
}

/// Whether the file at `path` is a WARC file (plain or gzip), by its first
/// bytes. Unreadable files are not.
pub fn is_warc_file(path: &str) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut file = BufReader::with_capacity(512, file);
    let gzip = file.fill_buf().is_ok_and(|b| b.starts_with(&[0x1F, 0x8B]));
    let mut head = Vec::with_capacity(8);
    let read = if gzip {
        flate2::bufread::MultiGzDecoder::new(file)
            .take(5)
            .read_to_end(&mut head)
    } else {
        file.take(5).read_to_end(&mut head)
    };
    read.is_ok() && head == b"WARC/"
}

impl WarcReader<Box<dyn BufRead + Send>> {
    /// Open a WARC file, gzip or plain (detected by content). Pages larger
    /// than `limit` bytes become [`Item::Failed`].
    pub fn open(path: &str, limit: usize) -> Result<Self, Error> {
        let io_err = |source| Error::Io {
            path: path.to_string(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io_err)?;
        let mut file = BufReader::with_capacity(64 * 1024, file);
        let gzip = file.fill_buf().map_err(io_err)?.starts_with(&[0x1F, 0x8B]);
        let input: Box<dyn BufRead + Send> = if gzip {
            Box::new(BufReader::with_capacity(
                64 * 1024,
                flate2::bufread::MultiGzDecoder::new(file),
            ))
        } else {
            Box::new(file)
        };
        Ok(WarcReader::new(input, path, limit))
    }
}

impl<R: BufRead> WarcReader<R> {
    /// Read records from uncompressed WARC data; `name` goes into each
    /// page's `source`.
    pub fn new(input: R, name: impl Into<String>, limit: usize) -> Self {
        WarcReader {
            input,
            name: name.into(),
            limit,
            pos: 0,
            stopped: false,
        }
    }

    fn bad(&self, what: &str) -> Error {
        Error::Warc(format!("{}: {what} at byte {}", self.name, self.pos))
    }

    fn next_record(&mut self) -> Result<Option<Item>, Error> {
        let mut line = Vec::new();
        // Records end with two CRLFs; tolerate more or fewer.
        let start = loop {
            line.clear();
            let at = self.pos;
            let n = read_line(&mut self.input, &mut line)
                .map_err(|e| self.bad(&format!("unreadable data ({e})")))?;
            if n == 0 {
                return Ok(None);
            }
            self.pos += n as u64;
            if !line.trim_ascii().is_empty() {
                break at;
            }
        };
        if !line.starts_with(b"WARC/") {
            self.pos = start;
            return Err(self.bad("no WARC record"));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut head_bytes = 0usize;
        loop {
            line.clear();
            let n = read_line(&mut self.input, &mut line)
                .map_err(|e| self.bad(&format!("unreadable record header ({e})")))?;
            if n == 0 {
                return Err(self.bad("file ends inside a record header"));
            }
            self.pos += n as u64;
            head_bytes += n;
            if head_bytes > MAX_HEAD {
                return Err(self.bad("record header too large"));
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            if text.starts_with([' ', '\t']) {
                // A folded continuation of the previous header.
                if let Some((_, value)) = headers.last_mut() {
                    value.push(' ');
                    value.push_str(text.trim());
                }
            } else if let Some((name, value)) = text.split_once(':') {
                headers.push((name.trim().to_string(), value.trim().to_string()));
            }
        }
        let header = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        let Some(length) = header("Content-Length").and_then(|v| v.parse::<u64>().ok()) else {
            return Err(self.bad("record without a valid Content-Length"));
        };
        let kind = header("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let id = header("WARC-Record-ID")
            .map(|v| v.trim_start_matches('<').trim_end_matches('>').to_string())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| start.to_string());
        let source = format!("{}#{id}", self.name);
        let mut block = (&mut self.input).take(length);
        let item = if kind == "response" {
            let meta = ResponseMeta {
                source,
                url: header("WARC-Target-URI")
                    .map(|v| v.trim_start_matches('<').trim_end_matches('>').to_string()),
                date: header("WARC-Date").and_then(parse_date),
                block_type: header("Content-Type").map(str::to_ascii_lowercase),
                identified: header("WARC-Identified-Payload-Type").map(str::to_ascii_lowercase),
            };
            read_response(&mut block, meta, self.limit)
        } else {
            Ok(Item::Skipped(type_name(&kind)))
        };
        // Whatever of the block was not read is read past.
        let drained = io::copy(&mut block, &mut io::sink());
        let left = block.limit();
        self.pos += length - left;
        match (item, drained) {
            (Ok(item), Ok(_)) if left == 0 => Ok(Some(item)),
            (Err(e), _) | (_, Err(e)) => Err(self.bad(&format!("unreadable record block ({e})"))),
            (Ok(_), Ok(_)) => Err(self.bad(&format!(
                "file ends inside a record block ({left} of {length} bytes missing)"
            ))),
        }
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<Item, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.stopped {
            return None;
        }
        match self.next_record() {
            Ok(Some(item)) => Some(Ok(item)),
            Ok(None) => {
                self.stopped = true;
                None
            }
            Err(e) => {
                self.stopped = true;
                Some(Err(e))
            }
        }
    }
}

/// A line up to `\n`, at most [`MAX_LINE`] bytes.
fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<usize> {
    let n = input.take(MAX_LINE as u64).read_until(b'\n', line)?;
    if n == MAX_LINE && !line.ends_with(b"\n") {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "line longer than 64 KiB",
        ));
    }
    Ok(n)
}

fn type_name(kind: &str) -> &'static str {
    match kind {
        "warcinfo" => "warcinfo",
        "request" => "request",
        "metadata" => "metadata",
        "revisit" => "revisit",
        "resource" => "resource",
        "conversion" => "conversion",
        "continuation" => "continuation",
        _ => "other",
    }
}

/// WARC-Date: `2024-05-02T09:00:00Z`, with or without fractions of a second.
fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

struct ResponseMeta {
    source: String,
    url: Option<String>,
    date: Option<DateTime<Utc>>,
    block_type: Option<String>,
    identified: Option<String>,
}

/// The HTTP message in a response block: status line and headers are read
/// here; the payload is kept only for a 200 with an HTML type.
fn read_response(block: &mut impl BufRead, meta: ResponseMeta, limit: usize) -> io::Result<Item> {
    if meta
        .block_type
        .as_deref()
        .is_some_and(|t| !t.contains("application/http"))
    {
        return Ok(Item::Skipped("not_http"));
    }
    let mut line = Vec::new();
    read_line(block, &mut line)?;
    let status_line = String::from_utf8_lossy(&line);
    let mut parts = status_line.split_ascii_whitespace();
    if !parts.next().is_some_and(|p| p.starts_with("HTTP/")) {
        return Ok(Item::Skipped("not_http"));
    }
    let status = parts.next().and_then(|s| s.parse::<u16>().ok());
    let mut content_type = None;
    let mut chunked = false;
    let mut content_encoding = None;
    let mut head_bytes = 0usize;
    loop {
        line.clear();
        let n = read_line(block, &mut line)?;
        head_bytes += n;
        if n == 0 || head_bytes > MAX_HEAD {
            // A head that never ends is not an HTTP message gleaner reads.
            return Ok(Item::Skipped("not_http"));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        let Some((name, value)) = text.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(value.to_string()),
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => content_encoding = Some(value.to_string()),
            _ => {}
        }
    }
    if status != Some(200) {
        return Ok(Item::Skipped("not_200"));
    }
    let html = match content_type.as_deref() {
        Some(ct) => crate::decode::is_html_type(ct),
        // No type: trust the archive's own identification when it made one.
        None => meta
            .identified
            .as_deref()
            .is_none_or(crate::decode::is_html_type),
    };
    if !html {
        return Ok(Item::Skipped("not_html"));
    }
    let mut body = Vec::new();
    let n = block.take(limit as u64 + 1).read_to_end(&mut body)?;
    if n > limit {
        return Ok(Item::Failed {
            source: meta.source,
            url: meta.url,
            error: Error::too_large("the page", None, limit as u64),
        });
    }
    let mut page = PageInput::bytes(body)
        .with_source(meta.source)
        .with_chunked(chunked);
    page.url = meta.url;
    page.content_type = content_type;
    page.content_encoding = content_encoding;
    page.fetched = meta.date;
    Ok(Item::Page(page))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, id: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\n\
             WARC-Target-URI: http://a.test/{id}\r\nWARC-Date: 2020-03-04T05:06:07Z\r\n\
             Content-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn read_all(data: &[u8]) -> Vec<Result<Item, Error>> {
        WarcReader::new(data, "x.warc", 1000).collect()
    }

    #[test]
    fn pages_and_skips() {
        let mut data = record("request", "1", b"GET / HTTP/1.1\r\n\r\n");
        data.extend(record(
            "response",
            "2",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<p>hi</p>",
        ));
        data.extend(record(
            "response",
            "3",
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\nnope",
        ));
        data.extend(record(
            "response",
            "4",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        let items = read_all(&data);
        assert_eq!(items.len(), 4);
        assert!(matches!(items[0], Ok(Item::Skipped("request"))));
        match &items[1] {
            Ok(Item::Page(p)) => {
                assert_eq!(p.source.as_deref(), Some("x.warc#urn:uuid:2"));
                assert_eq!(p.url.as_deref(), Some("http://a.test/2"));
                assert_eq!(p.raw(), b"<p>hi</p>");
                assert!(
                    p.content_type
                        .as_deref()
                        .is_some_and(|t| t.contains("ISO-8859-1"))
                );
                assert_eq!(
                    p.fetched.map(|d| d.to_rfc3339()),
                    Some("2020-03-04T05:06:07+00:00".to_string())
                );
            }
            other => assert!(matches!(other, Ok(Item::Page(_))), "{other:?}"),
        }
        assert!(matches!(items[2], Ok(Item::Skipped("not_200"))));
        assert!(matches!(items[3], Ok(Item::Skipped("not_html"))));
    }

    #[test]
    fn a_cut_off_file_ends_with_one_error() {
        let data = record(
            "response",
            "1",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hello</p>",
        );
        let cut = &data[..data.len() - 10];
        let items = read_all(cut);
        assert_eq!(items.len(), 1);
        assert_eq!(
            items[0].as_ref().err().map(|e| e.kind()),
            Some(crate::ErrorKind::Warc),
            "{items:?}"
        );
        let items = read_all(b"not a warc at all");
        assert_eq!(items.len(), 1);
        assert!(items[0].is_err());
    }

    #[test]
    fn large_pages_fail_and_the_file_goes_on() {
        let mut big = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
        big.extend(vec![b'a'; 2000]);
        let mut data = record("response", "1", &big);
        data.extend(record("metadata", "2", b"x: y\r\n"));
        let items = read_all(&data);
        assert_eq!(items.len(), 2);
        assert!(matches!(
            &items[0],
            Ok(Item::Failed {
                error: Error::TooLarge { .. },
                ..
            })
        ));
        assert!(matches!(items[1], Ok(Item::Skipped("metadata"))));
    }
}
