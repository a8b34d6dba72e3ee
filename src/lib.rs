//! gleaner turns web article pages into clean records: the headline, the
//! publication date, the body as plain text (and, on request, Markdown or a
//! small safe HTML fragment), the authors, the publisher and the page's
//! metadata, with navigation, share bars, player chrome, cookie banners,
//! teasers, comments and footers left out.
//!
//! The extractor is pure: bytes or text in, an [`Article`] out, no I/O.
//!
//! ```
//! let html = "<html><head><title>Rain again | The Daily</title></head><body>\
//!     <nav><a href='/'>Home</a></nav><article><h1>Rain again</h1>\
//!     <p>It rained again today, the third time this week, and the river rose.</p>\
//!     </article></body></html>";
//! let article = gleaner::extract(html, Some("https://example.com/rain"))?;
//! assert_eq!(article.headline.as_deref(), Some("Rain again"));
//! assert!(article.body.starts_with("It rained again today"));
//! # Ok::<(), gleaner::Error>(())
//! ```
//!
//! Options are set in one expression:
//!
//! ```
//! let options = gleaner::Options::default()
//!     .with_markdown(true)
//!     .with_include_tables(false);
//! let article = gleaner::extract_with("<p>Some text.</p>", None, &options)?;
//! assert!(article.body_markdown.is_some());
//! # Ok::<(), gleaner::Error>(())
//! ```
//!
//! A page that arrives with what HTTP said about it (a fetched page, a WARC
//! record) goes through [`extract_page`] as a [`PageInput`], which always
//! gives a record: a failure is a record whose `error` is set.
//!
//! Why a page gave the record it gave — what cleaning dropped and why, the
//! root the body was taken from, the page type — is an [`Explanation`],
//! from [`explain()`] or [`explain_page`]; `gleaner --explain` prints it.
//!
//! Cargo features:
//! - `fetch`: [`Fetcher`], a polite async HTTP fetcher (tokio, reqwest,
//!   rustls) that obeys robots.txt and per-host limits;
//! - `warc`: [`WarcReader`] and [`WarcWriter`] for WARC files (on with
//!   `fetch`, which can archive what it fetches);
//! - `detect-language`: a page that declares no language gets the one its
//!   body is written in (`whatlang`), when the detector is sure.
//!
//! Without them the crate has no async or network dependency. The
//! `gleaner` command line is the `gleaner-cli` package beside this one.
#![warn(missing_docs)]

mod chrome;
mod deadline;
mod decode;
mod decompress;
mod dom;
mod error;
mod explain;
mod extract;
mod language;
mod metadata;
mod options;
// The tokenizer's and tree's inspection methods serve the conformance and
// differential tests (through `_internal`), not extraction.
#[cfg_attr(not(feature = "_internal"), allow(dead_code))]
mod parse;
mod pipeline;
mod prestrip;
mod record;
mod text;
mod tree;

#[cfg(feature = "fetch")]
mod fetch;
#[cfg(feature = "warc")]
mod warc;

pub use error::{Error, ErrorKind};
pub use explain::{BlockFate, Candidate, Dropped, Explanation};
pub use options::{DEFAULT_DEADLINE, DEFAULT_MAX_NODES, Options};
pub use parse::Parser;
pub use pipeline::{Page, PageInput, explain, explain_page, extract, extract_page, extract_with};
pub use record::{Article, Attribution, ErrorInfo, PageType, Warning, WarningKind};

#[cfg(feature = "fetch")]
pub use fetch::{DEFAULT_USER_AGENT, FetchOptions, FetchedPage, Fetcher};
#[cfg(feature = "warc")]
pub use warc::{Exchange, Item as WarcItem, WarcReader, WarcWriter, is_warc_file};

/// The README's examples, compiled and run as doctests (the crate's front
/// page is the text above, written for library users).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// The examples of `docs/output.md`, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../docs/output.md")]
pub struct OutputDocDoctests;

/// The examples of `docs/warc.md`, which need the `warc` feature.
#[cfg(all(doctest, feature = "warc"))]
#[doc = include_str!("../docs/warc.md")]
pub struct WarcDocDoctests;

/// The examples of `docs/fetching.md`, which need the `fetch` feature.
#[cfg(all(doctest, feature = "fetch"))]
#[doc = include_str!("../docs/fetching.md")]
pub struct FetchingDocDoctests;

/// Internals for gleaner's own tests, benchmarks, examples and fuzz
/// targets. Not part of the API: anything here may change in any release.
#[cfg(feature = "_internal")]
#[doc(hidden)]
pub mod _internal {
    /// The flat document tree and the parser entry point.
    pub mod dom {
        pub use crate::dom::*;
    }
    /// Bytes to text.
    pub mod decode {
        pub use crate::decode::*;
    }
    /// The parsers (the fast path and html5ever).
    pub mod parse {
        pub use crate::parse::*;
    }
    /// A page's time budget.
    pub mod deadline {
        pub use crate::deadline::*;
    }
    /// The pre-parse scan.
    pub mod prestrip {
        pub use crate::prestrip::*;
    }
    /// Language tags and detection.
    pub mod language {
        pub use crate::language::{detect, normalize};
    }
    /// Text helpers.
    pub mod text {
        pub use crate::text::*;
    }
    /// Metadata gathering.
    pub mod metadata {
        pub use crate::metadata::*;
    }
    /// A local page's bytes, gzip undone (at most `limit` bytes), as the
    /// benchmarks and examples read their inputs.
    pub fn read_page(path: &str, limit: usize) -> Result<Vec<u8>, crate::Error> {
        let bytes = std::fs::read(path).map_err(|source| crate::Error::Io {
            path: path.to_string(),
            source,
        })?;
        if bytes.starts_with(&[0x1F, 0x8B]) {
            crate::decompress::gunzip(&bytes, limit)
        } else {
            Ok(bytes)
        }
    }

    /// The body stages.
    pub mod extract {
        pub use crate::extract::*;
        /// Cleaning.
        pub mod clean {
            pub use crate::extract::clean::*;
        }
    }
}
