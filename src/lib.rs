#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

mod chrome;
pub mod decode;
mod decompress;
pub mod dom;
mod error;
pub mod extract;
pub mod metadata;
mod options;
pub mod prestrip;
pub mod record;
pub mod text;
mod tree;
pub mod warc;

#[cfg(feature = "cli")]
pub mod batch;
#[cfg(feature = "fetch")]
pub mod fetch;
#[cfg(feature = "cli")]
pub mod output;
pub mod source;

pub use error::{Error, FetchErrorKind};
pub use options::Options;
pub use record::{Article, Attribution, ErrorInfo, PageType};

use url::Url;

/// A page handed to [`extract()`]: raw bytes (charset detected) or text.
#[derive(Debug, Clone, Copy)]
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

/// Extract the article from one page.
///
/// `html` is the page as bytes (its charset is detected) or as text; `url` is
/// the page's address, used to resolve relative links and as the record's
/// `url`. No I/O happens here. The returned record's `source` is the URL
/// when one is given, else empty; callers that read files set it.
pub fn extract<'a>(
    html: impl Into<Page<'a>>,
    url: Option<&str>,
    options: &Options,
) -> Result<Article, Error> {
    extract_with_charset(html, url, None, options)
}

/// Like [`extract()`], with the charset an HTTP `Content-Type` header declared.
pub fn extract_with_charset<'a>(
    html: impl Into<Page<'a>>,
    url: Option<&str>,
    header_charset: Option<&str>,
    options: &Options,
) -> Result<Article, Error> {
    let page_url = match url {
        Some(u) => Some(Url::parse(u.trim()).map_err(|e| Error::InvalidUrl {
            url: u.to_string(),
            reason: e.to_string(),
        })?),
        None => None,
    };
    let mut warnings = Vec::new();
    let decoded;
    let text: &str = match html.into() {
        Page::Text(t) => {
            if t.len() > options.max_input_bytes {
                return Err(Error::TooLarge {
                    size: t.len() as u64,
                    limit: options.max_input_bytes as u64,
                });
            }
            t
        }
        Page::Bytes(b) => {
            if b.is_empty() {
                return Err(Error::Empty);
            }
            if b.len() > options.max_input_bytes {
                return Err(Error::TooLarge {
                    size: b.len() as u64,
                    limit: options.max_input_bytes as u64,
                });
            }
            decode::check_html(b)?;
            decoded = decode::decode(b, header_charset);
            if decoded.source == decode::CharsetSource::Detected {
                warnings.push(format!(
                    "charset not declared; detected {}",
                    decoded.encoding.name()
                ));
            }
            if decoded.had_errors {
                warnings.push(format!(
                    "malformed {} bytes replaced",
                    decoded.encoding.name()
                ));
            }
            &decoded.text
        }
    };
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    let mut article = extract::extract_text(text, page_url.as_ref(), options);
    article.warnings.splice(0..0, warnings);
    if let Some(u) = url {
        article.source = u.to_string();
    }
    Ok(article)
}
