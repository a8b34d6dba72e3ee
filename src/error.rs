//! The one error type of the library. Every failure a page can meet has one
//! variant here, whichever layer found it (the reader, the decoder, the
//! fetcher, the WARC reader), and every variant has an [`ErrorKind`]: the
//! stable name a record's `error.kind` carries.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a page produced no article.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input held no bytes at all, or only whitespace.
    #[error("the input is empty")]
    Empty,
    /// The bytes are not an HTML document (a PDF, an image, JSON, binary
    /// junk…), or a server or archive said the payload is another type.
    #[error("not an HTML document: {0}")]
    UnsupportedType(String),
    /// The input is larger than a size limit ([`Options::max_input_bytes`](crate::Options::max_input_bytes),
    /// or a fetch limit).
    #[error("{}", too_large_message(subject, *size, *limit))]
    TooLarge {
        /// What was too large ("the input", "the body of https://…").
        subject: String,
        /// Its size in bytes, when known (a stream cut at the limit has no
        /// known size).
        size: Option<u64>,
        /// The limit in bytes.
        limit: u64,
    },
    /// The bytes could not be turned into text: a compression that does not
    /// decompress, a `Content-Encoding` gleaner does not read.
    #[error("cannot decode the page: {0}")]
    Decode(String),
    /// A URL given with the page (or as an input) does not parse, or names
    /// nothing gleaner can fetch.
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
    /// A URL was given but this build cannot fetch (the `fetch` feature is off).
    #[error("fetching URLs is not available in this build: {0}")]
    FetchUnavailable(String),
    /// The host name did not resolve.
    #[error("{0}")]
    Dns(String),
    /// The TCP or TLS connection failed or was dropped.
    #[error("{0}")]
    Connect(String),
    /// A time limit expired: a connect or request timeout, or the page's
    /// extraction deadline.
    #[error("{0}")]
    Timeout(String),
    /// The server answered with a status that is not a success.
    #[error("{message}")]
    HttpStatus {
        /// The HTTP status.
        status: u16,
        /// A human-readable explanation.
        message: String,
    },
    /// robots.txt forbids the URL (or the site's robots.txt could not be
    /// read, which RFC 9309 treats as a complete disallow).
    #[error("{0}")]
    RobotsDenied(String),
    /// Too many redirects, a redirect loop, or a redirect to nowhere.
    #[error("{message}")]
    Redirect {
        /// The status of the redirect that failed, when there was one.
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

fn too_large_message(subject: &str, size: Option<u64>, limit: u64) -> String {
    match size {
        Some(size) => format!("{subject} is {size} bytes, over the limit of {limit} bytes"),
        None => format!("{subject} is over the limit of {limit} bytes"),
    }
}

/// The kinds of failure, as they appear in a record's `error.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// See [`Error::Empty`].
    Empty,
    /// See [`Error::UnsupportedType`].
    UnsupportedType,
    /// See [`Error::TooLarge`].
    TooLarge,
    /// See [`Error::Decode`].
    Decode,
    /// See [`Error::InvalidUrl`].
    InvalidUrl,
    /// See [`Error::Io`].
    Io,
    /// See [`Error::FetchUnavailable`].
    FetchUnavailable,
    /// See [`Error::Dns`].
    Dns,
    /// See [`Error::Connect`].
    Connect,
    /// See [`Error::Timeout`].
    Timeout,
    /// See [`Error::HttpStatus`].
    HttpStatus,
    /// See [`Error::RobotsDenied`].
    RobotsDenied,
    /// See [`Error::Redirect`].
    Redirect,
    /// See [`Error::Warc`].
    Warc,
    /// See [`Error::InvalidInput`].
    InvalidInput,
    /// See [`Error::Internal`].
    Internal,
}

impl ErrorKind {
    /// Every kind, in the order the README lists them.
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::Empty,
        ErrorKind::UnsupportedType,
        ErrorKind::TooLarge,
        ErrorKind::Decode,
        ErrorKind::InvalidUrl,
        ErrorKind::Io,
        ErrorKind::FetchUnavailable,
        ErrorKind::Dns,
        ErrorKind::Connect,
        ErrorKind::Timeout,
        ErrorKind::HttpStatus,
        ErrorKind::RobotsDenied,
        ErrorKind::Redirect,
        ErrorKind::Warc,
        ErrorKind::InvalidInput,
        ErrorKind::Internal,
    ];

    /// The stable name used in records.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Empty => "empty",
            ErrorKind::UnsupportedType => "unsupported_type",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Decode => "decode",
            ErrorKind::InvalidUrl => "invalid_url",
            ErrorKind::Io => "io",
            ErrorKind::FetchUnavailable => "fetch_unavailable",
            ErrorKind::Dns => "dns",
            ErrorKind::Connect => "connect",
            ErrorKind::Timeout => "timeout",
            ErrorKind::HttpStatus => "http_status",
            ErrorKind::RobotsDenied => "robots_denied",
            ErrorKind::Redirect => "redirect",
            ErrorKind::Warc => "warc",
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// What kind of failure this is (`error.kind` in records).
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Empty => ErrorKind::Empty,
            Error::UnsupportedType(_) => ErrorKind::UnsupportedType,
            Error::TooLarge { .. } => ErrorKind::TooLarge,
            Error::Decode(_) => ErrorKind::Decode,
            Error::InvalidUrl { .. } => ErrorKind::InvalidUrl,
            Error::Io { .. } => ErrorKind::Io,
            Error::FetchUnavailable(_) => ErrorKind::FetchUnavailable,
            Error::Dns(_) => ErrorKind::Dns,
            Error::Connect(_) => ErrorKind::Connect,
            Error::Timeout(_) => ErrorKind::Timeout,
            Error::HttpStatus { .. } => ErrorKind::HttpStatus,
            Error::RobotsDenied(_) => ErrorKind::RobotsDenied,
            Error::Redirect { .. } => ErrorKind::Redirect,
            Error::Warc(_) => ErrorKind::Warc,
            Error::InvalidInput(_) => ErrorKind::InvalidInput,
            Error::Internal(_) => ErrorKind::Internal,
        }
    }

    /// The HTTP status, when the failure carries one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::HttpStatus { status, .. } => Some(*status),
            Error::Redirect { status, .. } => *status,
            _ => None,
        }
    }

    /// A size-limit failure.
    pub(crate) fn too_large(subject: impl Into<String>, size: Option<u64>, limit: u64) -> Error {
        Error::TooLarge {
            subject: subject.into(),
            size,
            limit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_serialise_as_their_names() {
        for kind in ErrorKind::ALL {
            let json = serde_json::to_string(kind).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            let back: Option<ErrorKind> = serde_json::from_str(&json).ok();
            assert_eq!(back, Some(*kind));
        }
    }

    #[test]
    fn a_size_failure_says_the_size_when_it_is_known() {
        let known = Error::too_large("the input", Some(1234), 1000);
        assert_eq!(
            known.to_string(),
            "the input is 1234 bytes, over the limit of 1000 bytes"
        );
        let unknown = Error::too_large("the body of https://e.com/", None, 1000);
        assert!(unknown.to_string().contains("over the limit of 1000 bytes"));
        assert_eq!(unknown.kind(), ErrorKind::TooLarge);
    }
}
