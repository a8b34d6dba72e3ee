//! The record: what one input becomes. `Article` serialises to exactly the
//! record contract (source, url, headline, published, modified, body,
//! attribution, language, description, image, …); a failed input becomes an
//! `Article` whose `error` is set and whose other fields are empty.

use serde::{Deserialize, Serialize};

use crate::Error;

/// Who wrote and who published the article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// Person names (or the organisation when it is the only byline).
    pub authors: Vec<String>,
    /// The site or organisation that published the page.
    pub publisher: Option<String>,
    /// The page's canonical URL, resolved against the page URL.
    pub canonical_url: Option<String>,
}

/// What kind of page the input is, as the page-type stage read it: the body
/// is chosen by it (an article's text, a listing's items, a thread's posts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum PageType {
    /// One article, post or story.
    Article,
    /// A list of links to other pages: a hub, a blog index, search results.
    Listing,
    /// A discussion: a forum thread, a question with its answers.
    Forum,
    /// One product, with its description and specifications.
    Product,
    /// Reference or help text: manuals, API pages, guides.
    Documentation,
    /// A page selling a service or presenting an organisation.
    Service,
    /// A grid of products or items: a shop category, a catalogue.
    Collection,
}

impl PageType {
    /// Every page type, in the order of the classifier's classes.
    pub const ALL: [PageType; 7] = [
        PageType::Article,
        PageType::Listing,
        PageType::Forum,
        PageType::Product,
        PageType::Documentation,
        PageType::Service,
        PageType::Collection,
    ];

    /// The type's name as the record spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Listing => "listing",
            PageType::Forum => "forum",
            PageType::Product => "product",
            PageType::Documentation => "documentation",
            PageType::Service => "service",
            PageType::Collection => "collection",
        }
    }
}

/// Why an input produced no article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// A stable name: `empty`, `unsupported_type`, `too_large`, `decode`,
    /// `invalid_url`, `io`, `dns`, `connect`, `timeout`, `http_status`,
    /// `robots_denied`, `internal`, …
    pub kind: String,
    /// A human-readable explanation.
    pub message: String,
    /// The HTTP status for `http_status` failures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
}

impl From<&Error> for ErrorInfo {
    fn from(err: &Error) -> Self {
        ErrorInfo {
            kind: err.kind().to_string(),
            message: err.to_string(),
            status: err.status(),
        }
    }
}

/// One extracted page: the record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The input as given: a URL or a file path (empty for library calls
    /// that name no source).
    pub source: String,
    /// The page's URL (the final URL after redirects when fetched).
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
    /// The page language (BCP 47 tag as the page declares it, lower-cased).
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
    /// The kind of page, `null` when the classifier is unsure.
    #[serde(default)]
    pub page_type: Option<PageType>,
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
    /// Non-fatal findings (e.g. "no article body found", "charset guessed").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
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
}
