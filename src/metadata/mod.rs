//! Page metadata: headline, dates, authors, publisher, canonical URL,
//! language, description, image. Reads JSON-LD, OpenGraph, Twitter cards,
//! Dublin Core, meta tags, microdata and RDFa, `<time>`, visible bylines and
//! datelines, and the URL path; never touches body selection.
//!
//! One pass over the flat DOM gathers every source ([`gather`]); each field
//! then has its own chooser, which weighs the evidence: agreement between
//! sources, how specific a value is, and how close a visible one sits to the
//! headline ([`headline`], [`dates`], [`authors`], [`publisher`]; the
//! fields read from one source each are in [`direct`]).
//!
//! Conventions: dates are ISO 8601 with the page's own UTC offset (a time
//! without zone stays local, a date without time stays a bare date);
//! `language` is the page's BCP 47 tag lower-cased with `_` read as `-`
//! ("en-US" → "en-us").

mod authors;
mod classes;
pub(crate) mod dates;
mod direct;
mod evidence;
mod gather;
mod headline;
mod jsonld;
mod lexicon;
mod publisher;
mod text;

use chrono::NaiveDate;
use url::Url;

use crate::dom::Dom;

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
pub fn collect(dom: &Dom<'_>, page_url: Option<&Url>) -> Metadata {
    collect_at(dom, page_url, chrono::Utc::now().date_naive())
}

/// Collect with an explicit reference date: dates more than a day after it
/// are rejected.
pub fn collect_at(dom: &Dom<'_>, page_url: Option<&Url>, today: NaiveDate) -> Metadata {
    collect_with_hints(dom, page_url, today).0
}

/// [`collect_at`], and every element's chrome hints, which the gathering
/// pass reads with the class words and the body cleaner needs too.
pub fn collect_with_hints(
    dom: &Dom<'_>,
    page_url: Option<&Url>,
    today: NaiveDate,
) -> (Metadata, crate::chrome::HintMap) {
    // Gather every source in one pass, then choose each field.
    let mut g = gather::gather(dom);
    let hints = std::mem::take(&mut g.hints);
    let ld = jsonld::read(&g.ld_scripts);
    let language = direct::language(&g, &ld);
    let names = publisher::SiteNames::read(&g, &ld, page_url);
    let headline = headline::choose(dom, &g, &ld, &names.sites, page_url);
    // Visible dates and bylines are weighed by their distance to the headline.
    let anchor = headline::anchor(dom, &g, headline.as_deref());
    let bylines = authors::text_bylines(dom, &g);
    let dates = dates::choose(&dates::Inputs {
        dom,
        g: &g,
        ld: &ld,
        anchor,
        bylines: &bylines,
        page_url,
        order: dates::Order::for_language(language.as_deref()),
        today,
    });
    let publisher = publisher::choose(&g, &ld, &names, headline.as_deref());
    let authors = authors::choose(&g, &ld, &names.sites, anchor, &bylines);
    let meta = Metadata {
        headline,
        published: dates.published,
        modified: dates.modified,
        authors,
        site_name: names.site_name.or_else(|| publisher.clone()),
        publisher,
        canonical_url: direct::canonical(&g, &ld, page_url),
        language,
        description: direct::description(&g, &ld),
        image: direct::image(&g, &ld, page_url),
        tags: direct::tags(&g, &ld),
        article_body: ld.article_body,
    };
    (meta, hints)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Collect the metadata of a page's HTML as read on `today`.
    pub(crate) fn collect_html(page: &str, url: Option<&str>, today: NaiveDate) -> Metadata {
        let html = crate::dom::parse(page);
        let dom = Dom::build(&html, 512);
        let url = url.and_then(|u| Url::parse(u).ok());
        collect_at(&dom, url.as_ref(), today)
    }

    fn run(page: &str, url: Option<&str>) -> Metadata {
        collect_html(
            page,
            url,
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
        )
    }

    #[test]
    fn sources_reconciled() {
        let m = run(
            r#"<html lang="en-US"><head><title>Big news | The Daily</title>
            <meta property="og:site_name" content="The Daily">
            <meta property="article:published_time" content="2021-12-10T11:46:00+03:00">
            <meta name="author" content="The Daily">
            </head><body><h1>Big news</h1><p class="byline">By Jane Roe and John Doe</p>
            <footer>© 2023 The Daily</footer></body></html>"#,
            Some("https://thedaily.example/2021/12/10/big-news"),
        );
        assert_eq!(m.headline.as_deref(), Some("Big news"));
        assert_eq!(m.published.as_deref(), Some("2021-12-10T11:46:00+03:00"));
        assert_eq!(m.authors, vec!["Jane Roe", "John Doe"]);
        assert_eq!(m.publisher.as_deref(), Some("The Daily"));
        assert_eq!(m.language.as_deref(), Some("en-us"));
    }

    #[test]
    fn json_ld_entities_are_decoded_once_and_page_text_is_not_decoded_twice() {
        let m = run(
            r#"<html><head><title>Writing &amp;lt;div&amp;gt; by hand</title>
            <script type="application/ld+json">{"@type":"NewsArticle",
            "headline":"Writing &lt;div&gt; by hand","author":{"@type":"Person","name":"Redacci&oacute;n Central"}}</script>
            </head><body><h1>Writing &amp;lt;div&amp;gt; by hand</h1><p>Text.</p></body></html>"#,
            None,
        );
        // The page shows "&lt;div&gt;" literally: that is its headline.
        assert_eq!(m.headline.as_deref(), Some("Writing &lt;div&gt; by hand"));
        // One author, its name decoded once.
        assert_eq!(m.authors, vec!["Redacción Central"]);
    }

    /// `GLEANER_META_DEBUG=page.html[.gz] cargo test debug_page -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn debug_page() {
        use std::io::Read;
        let Ok(path) = std::env::var("GLEANER_META_DEBUG") else {
            return;
        };
        let Ok(bytes) = std::fs::read(&path) else {
            return;
        };
        let mut text = String::new();
        if path.ends_with(".gz") {
            let _ = flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut text);
        } else {
            text = String::from_utf8_lossy(&bytes).into_owned();
        }
        // As the pipeline reads it.
        let html = crate::dom::parse(&crate::prestrip::strip(&text, 512));
        let dom = Dom::build(&html, 512);
        let g = gather::gather(&dom);
        println!("title {:?}\nh1s {:?}", g.title, g.h1s);
        for v in &g.date_elems {
            println!(
                "date {} chrome={} {:?} {:?} {:?}",
                v.index, v.chrome, v.hint, v.machine, v.text
            );
        }
        for v in &g.author_elems {
            println!("author {} {:?}", v.index, v.text);
        }
        println!("rel {:?}\nprops {:?}", g.rel_authors, g.props);
        println!("texts {:?}", authors::text_bylines(&dom, &g));
        let url = std::env::var("GLEANER_META_URL")
            .ok()
            .and_then(|u| Url::parse(&u).ok());
        println!(
            "{:#?}",
            collect_at(&dom, url.as_ref(), chrono::Utc::now().date_naive())
        );
    }
}
