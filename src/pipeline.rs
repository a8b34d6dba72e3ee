//! The one route from a page to its record. Files, standard input, input
//! lists, WARC records, fetched pages and the Python package all hand a
//! [`PageInput`] to [`extract_page`], which undoes the HTTP framing, checks
//! the type and the size, decodes the charset, extracts, and fills in the
//! record once: its `source`, `url`, `fetched` and `warnings` are set here
//! and nowhere else.

use std::borrow::Cow;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::deadline::Deadline;

use chrono::{DateTime, Utc};
use url::Url;

use crate::{
    Article, Error, Explanation, Options, Warning, WarningKind, decode, decompress, extract as body,
};

/// A page handed to [`extract()`]: raw bytes (charset detected, gzip undone)
/// or text that is already decoded.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Page<'a> {
    /// Bytes as read from a file or the network.
    Bytes(&'a [u8]),
    /// Text that is already decoded.
    Text(&'a str),
}

impl<'a> From<&'a [u8]> for Page<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        Page::Bytes(bytes)
    }
}

impl<'a, const N: usize> From<&'a [u8; N]> for Page<'a> {
    fn from(bytes: &'a [u8; N]) -> Self {
        Page::Bytes(bytes)
    }
}

impl<'a> From<&'a Vec<u8>> for Page<'a> {
    fn from(bytes: &'a Vec<u8>) -> Self {
        Page::Bytes(bytes)
    }
}

impl<'a> From<&'a str> for Page<'a> {
    fn from(text: &'a str) -> Self {
        Page::Text(text)
    }
}

impl<'a> From<&'a String> for Page<'a> {
    fn from(text: &'a String) -> Self {
        Page::Text(text)
    }
}

/// The payload of a page: bytes still to be decoded, or text.
#[derive(Debug, Clone)]
enum Payload<'a> {
    Bytes(Cow<'a, [u8]>),
    Text(Cow<'a, str>),
}

/// One page as it reaches the extractor, from wherever it came: its bytes
/// (or text), the page's address, what HTTP said about it, and when it was
/// fetched. Built with [`PageInput::bytes`] or [`PageInput::text`] and the
/// `with_*` methods; handed to [`extract_page`].
///
/// ```
/// let page = gleaner::PageInput::bytes(&b"<h1>Hi</h1><p>A short page.</p>"[..])
///     .with_source("page.html")
///     .with_url("https://example.com/hi");
/// let record = gleaner::extract_page(&page, &gleaner::Options::default());
/// assert_eq!(record.source, "page.html");
/// assert!(record.error.is_none());
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PageInput<'a> {
    payload: Payload<'a>,
    /// The record's `source`: the input as the user gave it (a path, a URL,
    /// `file.warc.gz#<record id>`). Default: the URL, else empty.
    pub source: Option<String>,
    /// The page's address (the final URL after redirects when fetched).
    pub url: Option<String>,
    /// The HTTP `Content-Type`, when a server or an archive gave one: its
    /// charset is used, and a type that is not HTML is refused.
    pub content_type: Option<String>,
    /// The HTTP `Content-Encoding` (gzip, deflate, br, zstd), undone here.
    pub content_encoding: Option<String>,
    /// The payload still has chunked transfer coding (archives keep it).
    pub chunked: bool,
    /// When the page was fetched (a WARC record's WARC-Date): the
    /// reference day for dates, and the record's `fetched`.
    pub fetched: Option<DateTime<Utc>>,
    /// The framing is undone already ([`PageInput::unframed`]).
    unframed: bool,
}

impl<'a> PageInput<'a> {
    /// A page given as bytes: compressed or not, in any charset.
    pub fn bytes(bytes: impl Into<Cow<'a, [u8]>>) -> Self {
        PageInput::with_payload(Payload::Bytes(bytes.into()))
    }

    /// A page given as text that is already decoded.
    pub fn text(text: impl Into<Cow<'a, str>>) -> Self {
        PageInput::with_payload(Payload::Text(text.into()))
    }

    fn with_payload(payload: Payload<'a>) -> Self {
        PageInput {
            payload,
            source: None,
            url: None,
            content_type: None,
            content_encoding: None,
            chunked: false,
            fetched: None,
            unframed: false,
        }
    }

    /// The page with its framing undone now: chunked transfer coding
    /// joined, the `Content-Encoding` decoded, a gzip file unpacked, within
    /// `options`' size cap. A batch runner calls this on its reading thread
    /// so that the extraction threads only extract; the record is the same
    /// either way. A page whose framing cannot be undone is returned as it
    /// was, and extracting it gives the error.
    pub fn unframed(mut self, options: &Options) -> Self {
        let Payload::Bytes(bytes) = &self.payload else {
            return self;
        };
        if let Ok(Cow::Owned(plain)) = unframe(bytes, &self, options.max_input_bytes) {
            self.payload = Payload::Bytes(Cow::Owned(plain));
            self.unframed = true;
        }
        self
    }

    /// Set [`source`](Self::source).
    pub fn with_source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// Set [`url`](Self::url).
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// Set [`content_type`](Self::content_type).
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// Set [`content_encoding`](Self::content_encoding).
    pub fn with_content_encoding(mut self, coding: impl Into<String>) -> Self {
        self.content_encoding = Some(coding.into());
        self
    }

    /// Set [`chunked`](Self::chunked).
    pub fn with_chunked(mut self, chunked: bool) -> Self {
        self.chunked = chunked;
        self
    }

    /// Set [`fetched`](Self::fetched).
    pub fn with_fetched(mut self, fetched: DateTime<Utc>) -> Self {
        self.fetched = Some(fetched);
        self
    }

    /// The payload's size in bytes, as held.
    pub fn len(&self) -> usize {
        match &self.payload {
            Payload::Bytes(b) => b.len(),
            Payload::Text(t) => t.len(),
        }
    }

    /// Whether the payload holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The payload as held, before any decoding (still compressed when
    /// it came so).
    pub fn raw(&self) -> &[u8] {
        match &self.payload {
            Payload::Bytes(b) => b,
            Payload::Text(t) => t.as_bytes(),
        }
    }

    /// The record's `source`: as given, else the URL, else empty.
    fn source_name(&self) -> String {
        self.source
            .clone()
            .or_else(|| self.url.clone())
            .unwrap_or_default()
    }
}

/// Extract the article from one page with the default [`Options`].
///
/// `html` is the page as bytes (gzip undone, charset detected) or as text;
/// `url` is the page's address, used to resolve relative links and as the
/// record's `url`. No I/O happens here. The record's `source` is the URL
/// when one is given, else empty.
pub fn extract<'a>(html: impl Into<Page<'a>>, url: Option<&str>) -> Result<Article, Error> {
    extract_with(html, url, &Options::default())
}

/// Like [`extract()`], with options.
pub fn extract_with<'a>(
    html: impl Into<Page<'a>>,
    url: Option<&str>,
    options: &Options,
) -> Result<Article, Error> {
    let mut page = match html.into() {
        Page::Bytes(b) => PageInput::bytes(b),
        Page::Text(t) => PageInput::text(t),
    };
    page.url = url.map(str::to_string);
    run(&page, options)
}

/// The record of one page, whatever became of it: a failure is a record
/// whose `error` is set (its `source` and `url` kept), and a panic inside
/// extraction, which would be a bug, is caught and reported as an
/// `internal` error record instead of taking the caller down.
pub fn extract_page(page: &PageInput<'_>, options: &Options) -> Article {
    match catch_unwind(AssertUnwindSafe(|| run(page, options))) {
        Ok(Ok(article)) => article,
        Ok(Err(err)) => Article::failed(page.source_name(), page.url.clone(), &err),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            let err = Error::Internal(format!("extraction panicked: {what}"));
            Article::failed(page.source_name(), page.url.clone(), &err)
        }
    }
}

/// Why [`extract_with`] gives the record it gives for this page: the same
/// decoding and stages, their decisions kept (see [`Explanation`]).
pub fn explain<'a>(
    html: impl Into<Page<'a>>,
    url: Option<&str>,
    options: &Options,
) -> Result<Explanation, Error> {
    let mut page = match html.into() {
        Page::Bytes(b) => PageInput::bytes(b),
        Page::Text(t) => PageInput::text(t),
    };
    page.url = url.map(str::to_string);
    explain_page(&page, options)
}

/// Why [`extract_page`] gives the record it gives for this page. A page
/// that fails (too large, not HTML, empty) has nothing to explain: its
/// error is returned, the one the record would carry.
pub fn explain_page(page: &PageInput<'_>, options: &Options) -> Result<Explanation, Error> {
    let explained = catch_unwind(AssertUnwindSafe(|| {
        run_with(page, options, body::explain::explain_text)
    }));
    match explained {
        Ok(Ok((record, trace))) => Ok(Explanation {
            record,
            route: trace.route,
            dropped: trace.dropped,
            candidates: trace.candidates,
            roots: trace.roots,
            blocks: trace.blocks,
        }),
        Ok(Err(err)) => Err(err),
        Err(_) => Err(Error::Internal("explaining the page panicked".into())),
    }
}

/// Undo the framing, decode, extract, and fill in the record.
pub(crate) fn run(page: &PageInput<'_>, options: &Options) -> Result<Article, Error> {
    run_with(page, options, |text, url, options, deadline| {
        body::extract_text(text, url, options, deadline).map(|a| (a, ()))
    })
    .map(|(article, ())| article)
}

/// [`run`], with the body stage given: `stage` turns the decoded text into
/// the record and whatever else it reports.
fn run_with<T>(
    page: &PageInput<'_>,
    options: &Options,
    stage: impl FnOnce(&str, Option<&Url>, &Options, &Deadline) -> Result<(Article, T), Error>,
) -> Result<(Article, T), Error> {
    let deadline = Deadline::after(options.deadline);
    let page_url = match page.url.as_deref() {
        Some(u) => Some(Url::parse(u.trim()).map_err(|e| Error::InvalidUrl {
            url: u.to_string(),
            reason: e.to_string(),
        })?),
        None => None,
    };
    if let Some(ct) = page.content_type.as_deref() {
        if !decode::is_html_type(ct) {
            return Err(Error::UnsupportedType(format!(
                "the content type is {:?}",
                ct.trim()
            )));
        }
    }
    let limit = options.max_input_bytes;
    let mut warnings = Vec::new();
    let payload: Cow<'_, [u8]> = match &page.payload {
        Payload::Text(t) => {
            if t.len() > limit {
                return Err(Error::too_large(
                    "the input",
                    Some(t.len() as u64),
                    limit as u64,
                ));
            }
            Cow::Borrowed(t.as_bytes())
        }
        Payload::Bytes(b) if page.unframed => Cow::Borrowed(&b[..]),
        Payload::Bytes(b) => unframe(b, page, limit)?,
    };
    let decoded;
    let text: &str = match &page.payload {
        Payload::Text(t) => t,
        Payload::Bytes(_) => {
            if payload.is_empty() {
                return Err(Error::Empty);
            }
            decode::check_html(&payload)?;
            let charset = page.content_type.as_deref().and_then(decode::charset_param);
            decoded = decode::decode(&payload, charset.as_deref());
            if decoded.source == decode::CharsetSource::Detected {
                warnings.push(Warning::new(
                    WarningKind::CharsetDetected,
                    format!("charset not declared; detected {}", decoded.encoding.name()),
                ));
            }
            if decoded.had_errors {
                warnings.push(Warning::new(
                    WarningKind::MalformedBytes,
                    format!("malformed {} bytes replaced", decoded.encoding.name()),
                ));
            }
            &decoded.text
        }
    };
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    deadline.check("decoding")?;
    let fetched_day;
    let options = match (page.fetched, options.reference_date) {
        (Some(at), None) => {
            let mut o = options.clone();
            o.reference_date = Some(at.date_naive());
            fetched_day = o;
            &fetched_day
        }
        _ => options,
    };
    let (mut article, extra) = stage(text, page_url.as_ref(), options, &deadline)?;
    article.warnings.splice(0..0, warnings);
    article.source = page.source_name();
    // The page's address: the final URL when fetched, else the one given,
    // else the canonical URL the page states.
    if article.url.is_none() {
        article.url = article.attribution.canonical_url.clone();
    }
    article.language = crate::language::language(article.language.as_deref(), &article.body);
    article.fetched = page
        .fetched
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, false));
    Ok((article, extra))
}

/// The payload as the page's bytes: chunks joined, `Content-Encoding`
/// undone, a gzip file (by its magic number) unpacked, each within `limit`.
fn unframe<'b>(
    bytes: &'b [u8],
    page: &PageInput<'_>,
    limit: usize,
) -> Result<Cow<'b, [u8]>, Error> {
    if page.content_encoding.is_none() && !page.chunked && bytes.len() > limit {
        return Err(Error::too_large(
            "the input",
            Some(bytes.len() as u64),
            limit as u64,
        ));
    }
    let unchunked = page
        .chunked
        .then(|| decompress::dechunk(bytes, limit))
        .flatten();
    let payload: Cow<'b, [u8]> = match unchunked {
        Some(joined) => Cow::Owned(joined),
        None => Cow::Borrowed(bytes),
    };
    match page.content_encoding.as_deref() {
        Some(coding) if decompress::is_identity(coding) => {}
        Some(coding) => {
            return match decompress::decode_body(&payload, coding, limit) {
                Ok(body) => Ok(Cow::Owned(body)),
                // Some archives store the payload decoded but keep the header.
                Err(Error::Decode(_)) if decode::check_html(&payload).is_ok() => Ok(payload),
                Err(e) => Err(e),
            };
        }
        None => {}
    }
    if payload.starts_with(&[0x1F, 0x8B]) {
        return decompress::gunzip(&payload, limit).map(Cow::Owned);
    }
    if payload.len() > limit {
        return Err(Error::too_large(
            "the input",
            Some(payload.len() as u64),
            limit as u64,
        ));
    }
    Ok(payload)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn gzip(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let _ = enc.write_all(data);
        enc.finish().unwrap_or_default()
    }

    const PAGE: &[u8] = b"<html><head><title>T</title></head><body><h1>T</h1>\
        <p>A paragraph that is long enough to be the body of this small page, surely.</p></body></html>";

    #[test]
    fn gzip_bytes_are_unpacked_as_the_command_does() {
        let plain = extract(PAGE, None).map(|a| a.body).unwrap_or_default();
        let packed = extract(&gzip(PAGE), None)
            .map(|a| a.body)
            .unwrap_or_default();
        assert!(!plain.is_empty());
        assert_eq!(plain, packed);
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_size_limit() {
        let bomb = gzip(&vec![b' '; 2_000_000]);
        let options = Options::default().with_max_input_bytes(100_000);
        let err = extract_with(&bomb, None, &options).err();
        assert_eq!(err.map(|e| e.kind()), Some(ErrorKind::TooLarge));
    }

    #[test]
    fn a_too_large_page_reports_its_real_size() {
        let options = Options::default().with_max_input_bytes(100);
        let err = extract_with(PAGE, None, &options).err();
        let message = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message.contains(&format!("{} bytes", PAGE.len())),
            "{message}"
        );
    }

    #[test]
    fn a_type_that_is_not_html_is_refused() {
        let page = PageInput::bytes(PAGE).with_content_type("application/pdf");
        let record = extract_page(&page, &Options::default());
        assert_eq!(
            record.error.map(|e| e.kind),
            Some(ErrorKind::UnsupportedType)
        );
        let page = PageInput::bytes(PAGE).with_content_type("text/html; charset=utf-8");
        assert!(extract_page(&page, &Options::default()).error.is_none());
    }

    #[test]
    fn the_record_is_filled_in_once_from_the_input() {
        let at = DateTime::parse_from_rfc3339("2024-05-06T07:08:09Z")
            .map(|d| d.with_timezone(&Utc))
            .ok();
        let mut page = PageInput::bytes(gzip(PAGE))
            .with_source("crawl.warc.gz#<urn:uuid:1>")
            .with_url("https://example.com/a")
            .with_content_encoding("gzip");
        page.fetched = at;
        let record = extract_page(&page, &Options::default());
        assert_eq!(record.source, "crawl.warc.gz#<urn:uuid:1>");
        assert_eq!(record.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(record.fetched.as_deref(), Some("2024-05-06T07:08:09+00:00"));
        assert!(record.error.is_none(), "{:?}", record.error);
    }

    #[test]
    fn a_failure_keeps_source_and_url() {
        let page = PageInput::bytes(&b""[..])
            .with_source("empty.html")
            .with_url("https://example.com/e");
        let record = extract_page(&page, &Options::default());
        assert_eq!(record.source, "empty.html");
        assert_eq!(record.url.as_deref(), Some("https://example.com/e"));
        assert_eq!(record.error.map(|e| e.kind), Some(ErrorKind::Empty));
    }

    #[test]
    fn chunked_payloads_are_joined() {
        let mut framed = format!("{:x}\r\n", PAGE.len()).into_bytes();
        framed.extend_from_slice(PAGE);
        framed.extend_from_slice(b"\r\n0\r\n\r\n");
        let page = PageInput::bytes(framed).with_chunked(true);
        let record = extract_page(&page, &Options::default());
        let plain = extract(PAGE, None).map(|a| a.body).unwrap_or_default();
        assert_eq!(record.body, plain);
    }
}
