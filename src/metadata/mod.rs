//! Page metadata: headline, dates, authors, publisher, canonical URL,
//! language, description, image. Reads JSON-LD, OpenGraph, meta tags and
//! `<time>`; never touches body selection.

use scraper::Html;
use url::Url;

use crate::dom::{Data, Dom, Tag};

/// Everything the metadata stage found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    /// The article's own title.
    pub headline: Option<String>,
    /// Publication time, ISO 8601 with the page's offset.
    pub published: Option<String>,
    /// Modification time, ISO 8601 with the page's offset.
    pub modified: Option<String>,
    /// Person names.
    pub authors: Vec<String>,
    /// Publisher / site name.
    pub publisher: Option<String>,
    /// og:site_name or equivalent.
    pub site_name: Option<String>,
    /// Canonical URL, absolute.
    pub canonical_url: Option<String>,
    /// Page language.
    pub language: Option<String>,
    /// Summary.
    pub description: Option<String>,
    /// Lead image, absolute.
    pub image: Option<String>,
    /// Keywords / section tags.
    pub tags: Vec<String>,
    /// JSON-LD `articleBody`, when the page carries one (a cross-check for
    /// body selection).
    pub article_body: Option<String>,
}

/// Collect the metadata of a parsed page.
pub fn collect(_html: &Html, dom: &Dom<'_>, _page_url: Option<&Url>) -> Metadata {
    let mut meta = Metadata::default();
    if let Some(title) = dom.find(Tag::Title) {
        let text: String = dom
            .nodes
            .get(title + 1..dom.nodes[title].end as usize)
            .unwrap_or(&[])
            .iter()
            .filter_map(|n| match n.data {
                Data::Text(t) => Some(t),
                _ => None,
            })
            .collect();
        let text = crate::text::collapse(&text);
        if !text.is_empty() {
            meta.headline = Some(text);
        }
    }
    meta
}
