//! One page: robots check, polite request, retries, redirects, size caps.

use std::collections::HashSet;
use std::error::Error as _;
use std::time::Duration;

use reqwest::header::{self, HeaderMap};
use tokio::time::Instant;
use url::Url;

use super::{FetchOptions, Inner, fetch_error, parse_url, retry};
use crate::{Error, ErrorKind};

/// A fetched page, before extraction.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct FetchedPage {
    /// The final URL, after redirects.
    pub url: String,
    /// The HTTP status of the final answer (always 2xx).
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The charset the `Content-Type` header declares, if any.
    pub charset: Option<String>,
    /// The body, decompressed, not yet charset-decoded.
    pub body: Vec<u8>,
}

/// The page as it came off the wire (body still compressed).
pub(crate) struct RawPage {
    pub(crate) url: String,
    pub(crate) status: u16,
    pub(crate) content_type: Option<String>,
    pub(crate) content_encoding: Option<String>,
    pub(crate) body: Vec<u8>,
}

/// What one request answered.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
    /// Why the retries stopped early, for the error message.
    pub(crate) note: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    Page,
    Robots,
}

/// robots.txt past this is ignored (RFC 9309 asks for at least 500 KiB).
pub(crate) const ROBOTS_MAX_BYTES: usize = 512 * 1024;

pub(crate) fn build(opts: &FetchOptions) -> Result<reqwest::Client, Error> {
    // Another provider may already be installed by the embedding program;
    // then that one is used and this call is a no-op.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder()
        .user_agent(opts.user_agent.as_str())
        .connect_timeout(opts.connect_timeout)
        .timeout(opts.timeout)
        // Redirects are followed by hand: each hop is checked against
        // robots.txt and the per-host limits, and loops are detected.
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(opts.per_host)
        .pool_idle_timeout(Duration::from_secs(30))
        .tcp_nodelay(true);
    for (host, addr) in &opts.resolve {
        builder = builder.resolve(host, *addr);
    }
    builder
        .build()
        .map_err(|e| Error::Internal(format!("cannot build the HTTP client: {}", chain(&e))))
}

/// Fetch one page: follow redirects by hand, checking robots.txt and
/// politeness at every hop.
pub(crate) async fn fetch_raw(inner: &Inner, input: &str) -> Result<RawPage, Error> {
    let mut url = parse_url(input)?;
    let mut seen: HashSet<String> = HashSet::new();
    seen.insert(url.as_str().to_string());
    let mut hops = 0usize;
    loop {
        if inner.opts.obey_robots {
            inner.robots.check(inner, &url).await?;
        }
        let answer = send(inner, &url, Purpose::Page).await?;
        let status = answer.status;
        if (300..400).contains(&status) && status != 304 {
            let Some(location) = answer
                .headers
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
            else {
                return Err(status_error(
                    status,
                    &url,
                    answer.note.as_deref(),
                    "a redirect without Location",
                ));
            };
            let next = url.join(location.trim()).map_err(|e| {
                fetch_error(
                    ErrorKind::Redirect,
                    Some(status),
                    format!("bad redirect Location {location:?}: {e}"),
                )
            })?;
            let next = parse_url(next.as_str()).map_err(|e| {
                fetch_error(
                    ErrorKind::Redirect,
                    Some(status),
                    format!("redirect to an unfetchable URL: {e}"),
                )
            })?;
            if !seen.insert(next.as_str().to_string()) {
                return Err(fetch_error(
                    ErrorKind::Redirect,
                    Some(status),
                    format!("redirect loop: {url} leads back to {next}"),
                ));
            }
            hops += 1;
            if hops > inner.opts.max_redirects {
                return Err(fetch_error(
                    ErrorKind::Redirect,
                    Some(status),
                    format!(
                        "too many redirects (more than {}) starting at {input}",
                        inner.opts.max_redirects
                    ),
                ));
            }
            url = next;
            continue;
        }
        if !(200..300).contains(&status) {
            return Err(status_error(status, &url, answer.note.as_deref(), ""));
        }
        let content_type = header_str(&answer.headers, header::CONTENT_TYPE);
        return Ok(RawPage {
            url: url.to_string(),
            status,
            content_type,
            content_encoding: header_str(&answer.headers, header::CONTENT_ENCODING),
            body: answer.body,
        });
    }
}

fn status_error(status: u16, url: &Url, note: Option<&str>, extra: &str) -> Error {
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    let mut message = format!("HTTP {status} {reason} from {url}");
    if !extra.is_empty() {
        message.push_str(&format!(" ({extra})"));
    }
    if let Some(n) = note {
        message.push_str(&format!(" ({n})"));
    }
    fetch_error(ErrorKind::HttpStatus, Some(status), message)
}

/// One URL with retries. A transient status that outlives the retries is
/// returned as an answer; the caller turns it into an error.
pub(crate) async fn send(inner: &Inner, url: &Url, purpose: Purpose) -> Result<Answer, Error> {
    let opts = &inner.opts;
    // Build the client (on the first request) before taking a politeness
    // slot, so the slot covers the request alone.
    inner.client()?;
    let host = inner.hosts.get(url.host_str().unwrap_or(""));
    let mut attempt = 0u32;
    loop {
        let result = {
            let slot = host.acquire(purpose == Purpose::Page).await;
            let r = attempt_once(inner, url, purpose).await;
            drop(slot);
            r
        };
        let (retry_after, last) = match result {
            Ok(answer) if retry::transient_status(answer.status) => {
                let ra = header_str(&answer.headers, header::RETRY_AFTER)
                    .and_then(|v| retry::parse_retry_after(&v));
                (ra, Ok(answer))
            }
            Ok(answer) => return Ok(answer),
            Err(err) if retry::is_transient(&err) => (None, Err(err)),
            Err(err) => return Err(err),
        };
        if attempt >= opts.retries {
            return last;
        }
        if let Some(ra) = retry_after {
            if ra > opts.max_retry_after {
                let note = format!(
                    "Retry-After {}s is over the {}s cap; not retried",
                    ra.as_secs(),
                    opts.max_retry_after.as_secs()
                );
                return last.map(|mut a| {
                    a.note = Some(note);
                    a
                });
            }
        }
        let wait = retry::backoff(attempt, opts.backoff_base, opts.backoff_max)
            .max(retry_after.unwrap_or_default());
        // The whole host is asked to slow down, not only this page.
        host.defer_until(Instant::now() + wait);
        attempt += 1;
    }
}

async fn attempt_once(inner: &Inner, url: &Url, purpose: Purpose) -> Result<Answer, Error> {
    // reqwest's timeout covers the body too; this is a backstop.
    let limit = inner.opts.timeout + Duration::from_secs(1);
    match tokio::time::timeout(limit, request(inner, url, purpose)).await {
        Ok(r) => r,
        Err(_) => Err(fetch_error(
            ErrorKind::Timeout,
            None,
            format!("timed out after {limit:?} fetching {url}"),
        )),
    }
}

async fn request(inner: &Inner, url: &Url, purpose: Purpose) -> Result<Answer, Error> {
    let accept = match purpose {
        Purpose::Page => "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        Purpose::Robots => "text/plain,*/*;q=0.1",
    };
    let started = chrono::Utc::now();
    let mut resp = inner
        .client()?
        .get(url.clone())
        .header(header::ACCEPT, accept)
        .header(header::ACCEPT_ENCODING, ACCEPT_ENCODING)
        .send()
        .await
        .map_err(|e| classify(&e, url))?;
    let status = resp.status().as_u16();
    let headers = std::mem::take(resp.headers_mut());
    let wire = Wire {
        url,
        started,
        version: resp.version(),
        status,
        ip: resp.remote_addr().map(|a| a.ip()),
        accept,
    };
    if !(200..300).contains(&status) {
        // The body of an error or a redirect is not needed.
        if purpose == Purpose::Page {
            archive(inner, &wire, &headers, &[], true);
        }
        return Ok(Answer {
            status,
            headers,
            body: Vec::new(),
            note: None,
        });
    }
    let cap = match purpose {
        Purpose::Page => {
            let ct = header_str(&headers, header::CONTENT_TYPE);
            if !ct.as_deref().is_none_or(crate::decode::is_html_type) {
                return Err(fetch_error(
                    ErrorKind::UnsupportedType,
                    None,
                    format!(
                        "{url} is {}, not HTML",
                        ct.as_deref()
                            .map(|c| c.split(';').next().unwrap_or(c).trim())
                            .unwrap_or("?")
                    ),
                ));
            }
            inner.opts.max_body_bytes
        }
        Purpose::Robots => ROBOTS_MAX_BYTES,
    };
    if let Some(len) = resp.content_length() {
        if len > cap as u64 && purpose == Purpose::Page {
            return Err(too_large(url, cap, Some(len)));
        }
    }
    let mut body = Vec::new();
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > cap {
                    if purpose == Purpose::Robots {
                        let room = cap - body.len();
                        body.extend_from_slice(&chunk[..room]);
                        break;
                    }
                    return Err(too_large(url, cap, None));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(e) => return Err(classify(&e, url)),
        }
    }
    if purpose == Purpose::Page {
        archive(inner, &wire, &headers, &body, false);
    }
    Ok(Answer {
        status,
        headers,
        body,
        note: None,
    })
}

const ACCEPT_ENCODING: &str = "gzip, br, zstd";

/// What `--warc-out` needs to know of one request besides headers and body.
struct Wire<'a> {
    url: &'a Url,
    started: chrono::DateTime<chrono::Utc>,
    version: reqwest::Version,
    status: u16,
    ip: Option<std::net::IpAddr>,
    accept: &'static str,
}

/// Store the exchange in the `--warc-out` file, if there is one, and hand
/// the body back. The response head is the status line and the headers as
/// received, less `Transfer-Encoding` (the body is stored de-chunked, as
/// the payload digest expects); the body is stored as received, still
/// compressed under its `Content-Encoding`. The request head is rebuilt
/// from what gleaner asks reqwest to send. Hashing and compressing a page
/// takes about a millisecond, so it is done in place.
fn archive(inner: &Inner, wire: &Wire<'_>, headers: &HeaderMap, body: &[u8], truncated: bool) {
    let Some(warc) = inner.warc.as_ref() else {
        return;
    };
    let version = match wire.version {
        reqwest::Version::HTTP_09 => "HTTP/0.9",
        reqwest::Version::HTTP_10 => "HTTP/1.0",
        reqwest::Version::HTTP_2 => "HTTP/2.0",
        reqwest::Version::HTTP_3 => "HTTP/3.0",
        _ => "HTTP/1.1",
    };
    let reason = reqwest::StatusCode::from_u16(wire.status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    let mut response_head = format!("{version} {} {reason}\r\n", wire.status).into_bytes();
    for (name, value) in headers {
        if name == header::TRANSFER_ENCODING {
            continue;
        }
        response_head.extend_from_slice(name.as_str().as_bytes());
        response_head.extend_from_slice(b": ");
        response_head.extend_from_slice(value.as_bytes());
        response_head.extend_from_slice(b"\r\n");
    }
    response_head.extend_from_slice(b"\r\n");
    let url = wire.url;
    let mut target = url.path().to_string();
    if let Some(q) = url.query() {
        target.push('?');
        target.push_str(q);
    }
    let host = match url.port() {
        Some(p) => format!("{}:{p}", url.host_str().unwrap_or("")),
        None => url.host_str().unwrap_or("").to_string(),
    };
    let request_head = format!(
        "GET {target} {version}\r\nHost: {host}\r\nUser-Agent: {}\r\nAccept: {}\r\nAccept-Encoding: {ACCEPT_ENCODING}\r\n\r\n",
        inner.opts.user_agent, wire.accept
    );
    let url_text = url.to_string();
    let (date, ip) = (wire.started, wire.ip);
    let bytes = crate::warc::write::exchange_bytes(&crate::warc::Exchange {
        url: &url_text,
        date,
        ip,
        request_head: request_head.as_bytes(),
        response_head: &response_head,
        body,
        truncated,
    });
    warc.append(bytes);
}

fn too_large(url: &Url, cap: usize, declared: Option<u64>) -> Error {
    Error::too_large(format!("the body of {url}"), declared, cap as u64)
}

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

/// Map a reqwest failure to a record kind.
fn classify(e: &reqwest::Error, url: &Url) -> Error {
    let detail = chain(e);
    let lower = detail.to_ascii_lowercase();
    if e.is_timeout() || lower.contains("timed out") {
        return fetch_error(
            ErrorKind::Timeout,
            None,
            format!("timed out fetching {url}: {detail}"),
        );
    }
    if lower.contains("dns error") || lower.contains("failed to lookup address") {
        return fetch_error(
            ErrorKind::Dns,
            None,
            format!("cannot resolve the host of {url}: {detail}"),
        );
    }
    if e.is_body() || e.is_decode() {
        return fetch_error(
            ErrorKind::Connect,
            None,
            format!("connection dropped mid-body from {url}: {detail}"),
        );
    }
    fetch_error(
        ErrorKind::Connect,
        None,
        format!("cannot connect to {url}: {detail}"),
    )
}

/// The error and its causes on one line.
/// What went wrong, in a few words: the innermost cause ("connection
/// refused"), not reqwest's whole chain of wrappers.
fn chain(e: &reqwest::Error) -> String {
    let mut deepest = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        deepest = s.to_string();
        source = s.source();
    }
    // "Connection refused (os error 111)" -> "connection refused"
    let text = match deepest.find(" (os error") {
        Some(i) => &deepest[..i],
        None => &deepest,
    };
    let text = text.trim_start_matches("tcp connect error: ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => deepest,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn content_types() {
        use crate::decode::is_html_type;
        assert!(is_html_type("text/html; charset=utf-8"));
        assert!(is_html_type("Application/XHTML+XML"));
        assert!(is_html_type(""));
        assert!(!is_html_type("application/pdf"));
        assert!(!is_html_type("application/json"));
        assert!(!is_html_type("image/png"));
    }

    #[test]
    fn charset_from_header() {
        assert_eq!(
            crate::decode::charset_param("text/html; charset=\"Shift_JIS\"").as_deref(),
            Some("Shift_JIS")
        );
        assert_eq!(
            crate::decode::charset_param("text/html;CHARSET=utf-8").as_deref(),
            Some("utf-8")
        );
        assert_eq!(crate::decode::charset_param("text/html"), None);
    }
}
