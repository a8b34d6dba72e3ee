//! The one error type of the library. Every failure a page can meet has a
//! variant here, and every variant has a stable machine-readable `kind`
//! that the record's `error.kind` carries.

use std::fmt;

/// Why a page produced no article.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input held no bytes at all.
    #[error("the input is empty")]
    Empty,
    /// The bytes are not an HTML document (a PDF, an image, JSON, binary junk…).
    #[error("not an HTML document: {0}")]
    NotHtml(String),
    /// The input is larger than `Options::max_input_bytes`.
    #[error("the input is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Bytes seen (at least).
        size: u64,
        /// The configured limit.
        limit: u64,
    },
    /// The bytes could not be turned into text.
    #[error("cannot decode the page: {0}")]
    Decode(String),
    /// A URL given with the page (or as an input) does not parse.
    #[error("invalid URL {url:?}: {reason}")]
    InvalidUrl {
        /// The text that was given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Reading a local input failed.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A URL was given but this build cannot fetch.
    #[error("fetching URLs is not available in this build: {0}")]
    FetchUnavailable(String),
    /// A failure while fetching a page over the network.
    #[error("{message}")]
    Fetch {
        /// One of the fetch kinds: dns, connect, timeout, http_status,
        /// robots_denied, too_large, unsupported_type, decode.
        kind: FetchErrorKind,
        /// The HTTP status for `http_status`.
        status: Option<u16>,
        /// A human-readable explanation.
        message: String,
    },
    /// A WARC file is malformed or cut off; reading it stops there.
    #[error("bad WARC data: {0}")]
    Warc(String),
    /// An input line could not be understood (a JSONL input line that is
    /// not a JSON object with `url`, `html` or `html_base64`, say).
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// Extraction itself failed unexpectedly (a caught panic, say).
    #[error("internal error: {0}")]
    Internal(String),
}

/// The kinds of network failure, as they appear in `error.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FetchErrorKind {
    /// The host name did not resolve.
    Dns,
    /// The TCP or TLS connection failed or was dropped.
    Connect,
    /// A connect or total timeout expired.
    Timeout,
    /// The server answered with a non-success status.
    HttpStatus,
    /// robots.txt forbids the URL.
    RobotsDenied,
    /// The body went over a size cap.
    TooLarge,
    /// The content type is not HTML/XHTML.
    UnsupportedType,
    /// The body could not be decoded (compression or charset).
    Decode,
    /// Too many redirects, or a redirect loop.
    Redirect,
}

impl FetchErrorKind {
    /// The stable name used in records.
    pub fn as_str(self) -> &'static str {
        match self {
            FetchErrorKind::Dns => "dns",
            FetchErrorKind::Connect => "connect",
            FetchErrorKind::Timeout => "timeout",
            FetchErrorKind::HttpStatus => "http_status",
            FetchErrorKind::RobotsDenied => "robots_denied",
            FetchErrorKind::TooLarge => "too_large",
            FetchErrorKind::UnsupportedType => "unsupported_type",
            FetchErrorKind::Decode => "decode",
            FetchErrorKind::Redirect => "redirect",
        }
    }
}

impl fmt::Display for FetchErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// The stable, machine-readable name of this failure (`error.kind` in records).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Empty => "empty",
            Error::NotHtml(_) => "unsupported_type",
            Error::TooLarge { .. } => "too_large",
            Error::Decode(_) => "decode",
            Error::InvalidUrl { .. } => "invalid_url",
            Error::Io { .. } => "io",
            Error::FetchUnavailable(_) => "fetch_unavailable",
            Error::Fetch { kind, .. } => kind.as_str(),
            Error::Warc(_) => "warc",
            Error::InvalidInput(_) => "invalid_input",
            Error::Internal(_) => "internal",
        }
    }

    /// The HTTP status, when the failure is one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Fetch { status, .. } => *status,
            _ => None,
        }
    }
}
