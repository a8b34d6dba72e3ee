//! The record: what one input becomes. `Article` serialises to exactly the
//! record contract (source, url, headline, published, modified, body,
//! attribution, language, description, image, …); a failed input becomes an
//! `Article` whose `error` is set and whose other fields are empty.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{Error, ErrorKind};

/// Who wrote and who published the article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Attribution {
    /// Person names (or the organisation when it is the only byline).
    pub authors: Vec<String>,
    /// The site or organisation that published the page.
    pub publisher: Option<String>,
    /// The page's canonical URL, resolved against the page URL.
    pub canonical_url: Option<String>,
}

/// Why an input produced no article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorInfo {
    /// What kind of failure (serialised as its stable name: `empty`,
    /// `unsupported_type`, `too_large`, …; see [`ErrorKind`]).
    pub kind: ErrorKind,
    /// A human-readable explanation.
    pub message: String,
    /// The HTTP status for `http_status` failures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
}

impl From<&Error> for ErrorInfo {
    fn from(err: &Error) -> Self {
        ErrorInfo {
            kind: err.kind(),
            message: err.to_string(),
            status: err.status(),
        }
    }
}

/// What a warning is about: a stable name, as `warnings[].kind` carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningKind {
    /// The page declared no charset; it was detected from the bytes.
    CharsetDetected,
    /// Bytes that are malformed in the page's charset were replaced.
    MalformedBytes,
    /// The markup gave (almost) no text; the body is the page's JSON-LD
    /// `articleBody`.
    BodyFromJsonLd,
    /// No article body was found: the page has no text gleaner keeps.
    NoBody,
    /// The page has more elements than
    /// [`Options::max_nodes`](crate::Options::max_nodes): the rest was
    /// dropped.
    Truncated,
}

impl WarningKind {
    /// The stable name used in records.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::CharsetDetected => "charset_detected",
            WarningKind::MalformedBytes => "malformed_bytes",
            WarningKind::BodyFromJsonLd => "body_from_jsonld",
            WarningKind::NoBody => "no_body",
            WarningKind::Truncated => "truncated",
        }
    }
}

/// A non-fatal finding about a page: the record is still made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Warning {
    /// What it is about.
    pub kind: WarningKind,
    /// A human-readable explanation.
    pub message: String,
}

impl Warning {
    /// A warning of `kind`.
    pub fn new(kind: WarningKind, message: impl Into<String>) -> Warning {
        Warning {
            kind,
            message: message.into(),
        }
    }
}

/// One extracted page: the record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Article {
    /// The input as given: a URL or a file path (empty for library calls
    /// that name no source).
    pub source: String,
    /// The page's URL: the final URL after redirects when fetched, else the
    /// URL given with the page, else the canonical URL the page states.
    pub url: Option<String>,
    /// The article's own title.
    pub headline: Option<String>,
    /// Publication time, ISO 8601 with the page's own UTC offset, or a bare
    /// date when the page gives no time.
    pub published: Option<String>,
    /// Last modification time, same format as `published`.
    pub modified: Option<String>,
    /// The article text: paragraphs separated by one blank line; headings
    /// and list items on lines of their own.
    pub body: String,
    /// Authors, publisher, canonical URL.
    pub attribution: Attribution,
    /// The page language as a canonical BCP 47 tag (`en`, `en-US`,
    /// `zh-Hant-TW`): as the page declares it, or — with the
    /// `detect-language` feature — as its body reads when it declares none.
    pub language: Option<String>,
    /// The page's own summary (meta description / og:description).
    pub description: Option<String>,
    /// The lead image URL, absolute.
    pub image: Option<String>,
    /// Site name as the page gives it (og:site_name and the like).
    #[serde(default)]
    pub site_name: Option<String>,
    /// Keywords and section tags the page declares.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Number of words in `body`.
    #[serde(default)]
    pub word_count: usize,
    /// The body as Markdown, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_markdown: Option<String>,
    /// The body as a small safe HTML fragment, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_html: Option<String>,
    /// When the page was fetched, for inputs that say so (a WARC record's
    /// WARC-Date), ISO 8601 in UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched: Option<String>,
    /// Non-fatal findings (no body found, charset detected, page truncated…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
    /// Set when the input failed; every other field is then empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
}

impl Article {
    /// The record of an input that failed: source and URL kept, `error` set.
    pub fn failed(source: impl Into<String>, url: Option<String>, err: &Error) -> Article {
        Article {
            source: source.into(),
            url,
            error: Some(ErrorInfo::from(err)),
            ..Article::default()
        }
    }

    /// Whether this record carries an error.
    pub fn is_error(&self) -> bool {
        self.error.is_some()
    }

    /// Whether this record carries a warning of `kind`.
    pub fn has_warning(&self, kind: WarningKind) -> bool {
        self.warnings.iter().any(|w| w.kind == kind)
    }

    /// [`published`](Self::published) as a time with the page's own UTC
    /// offset; `None` when absent or when the page gives only a day (see
    /// [`published_day`](Self::published_day)).
    pub fn published_at(&self) -> Option<DateTime<FixedOffset>> {
        self.published.as_deref().and_then(parse_time)
    }

    /// The day of [`published`](Self::published), whether or not the page
    /// gives a time.
    pub fn published_day(&self) -> Option<NaiveDate> {
        self.published.as_deref().and_then(parse_day)
    }

    /// [`modified`](Self::modified) as a time with the page's own UTC offset.
    pub fn modified_at(&self) -> Option<DateTime<FixedOffset>> {
        self.modified.as_deref().and_then(parse_time)
    }

    /// The day of [`modified`](Self::modified).
    pub fn modified_day(&self) -> Option<NaiveDate> {
        self.modified.as_deref().and_then(parse_day)
    }
}

fn parse_time(text: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text).ok()
}

fn parse_day(text: &str) -> Option<NaiveDate> {
    parse_time(text)
        .map(|t| t.date_naive())
        .or_else(|| NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_typed_with_their_own_offset() {
        let mut a = Article {
            published: Some("2021-12-10T11:46:00+03:00".into()),
            modified: Some("2021-12-11".into()),
            ..Article::default()
        };
        let at = a.published_at();
        assert_eq!(at.map(|t| t.offset().local_minus_utc()), Some(3 * 3600));
        assert_eq!(a.published_day(), NaiveDate::from_ymd_opt(2021, 12, 10));
        assert_eq!(a.modified_at(), None);
        assert_eq!(a.modified_day(), NaiveDate::from_ymd_opt(2021, 12, 11));
        a.published = None;
        assert_eq!(a.published_at(), None);
        assert_eq!(a.published_day(), None);
    }
}
