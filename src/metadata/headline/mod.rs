//! The headline: the article's own title, chosen from `<title>`, og:title,
//! the JSON-LD headline and the visible h1s ([`title`] holds the rules),
//! and the node it sits at, from which visible dates and bylines are
//! measured.

pub(super) mod title;

use url::Url;

use crate::dom::{Data, Dom, Tag};

use super::gather::{CHROME, Gathered, HIDDEN};
use super::jsonld::LdInfo;
use super::lexicon::headline::{SPELLED_HEADLINE_CHARS, SPELLED_TEXT_BYTES};
use super::lexicon::keys::{HEADLINE_PROPS, OG_TITLE, OTHER_TITLE_KEYS, TWITTER_TITLE};
use super::text::first_alnum;

/// The page's headline, chosen among its title sources.
pub(super) fn choose(
    g: &Gathered<'_>,
    ld: &LdInfo,
    sites: &[String],
    page_url: Option<&Url>,
) -> Option<String> {
    let ld_headline = ld.headline.as_deref().filter(|_| ld.rank >= 3);
    let mut other: Vec<&str> = Vec::new();
    if let Some((v, _)) = g.prop(HEADLINE_PROPS) {
        other.push(v);
    }
    if let Some(v) = g.meta(OTHER_TITLE_KEYS) {
        other.push(v);
    }
    let inputs = title::Inputs {
        title: g.title.as_deref(),
        og: g.meta(OG_TITLE),
        twitter: g.meta(TWITTER_TITLE),
        ld: ld_headline,
        other,
        h1s: g.h1s.iter().map(|(_, t)| t.as_str()).collect(),
        sites: sites.to_vec(),
        home: page_url.is_some_and(|u| {
            let p = u.path().trim_end_matches('/');
            p.is_empty()
                || p.eq_ignore_ascii_case("/index.html")
                || p.eq_ignore_ascii_case("/index.php")
        }),
    };
    title::choose(&inputs).map(|h| {
        h.chars().filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')).collect::<String>()
    })
}

/// The node the headline sits at: its h1 (or h2), else the first text node
/// that spells it, else the first h1, `<article>` or `<main>`.
pub(super) fn anchor(dom: &Dom<'_>, g: &Gathered<'_>, headline: Option<&str>) -> Option<usize> {
    let headline_key = headline.map(title::key).unwrap_or_default();
    g.h1s
        .iter()
        .find(|(_, t)| title::key(t) == headline_key)
        .or_else(|| {
            g.h2s
                .iter()
                .find(|(_, t)| !headline_key.is_empty() && title::key(t) == headline_key)
        })
        .map(|(i, _)| *i)
        .or_else(|| headline_node(dom, &g.flags, &headline_key))
        .or_else(|| g.h1s.first().map(|(i, _)| *i))
        .or_else(|| dom.find(Tag::Article))
        .or_else(|| dom.find(Tag::Main))
}

/// The first visible text node that spells the headline.
fn headline_node(dom: &Dom<'_>, flags: &[u8], headline_key: &str) -> Option<usize> {
    if headline_key.chars().count() < SPELLED_HEADLINE_CHARS {
        return None;
    }
    let mut in_body = false;
    for (i, n) in dom.nodes.iter().enumerate() {
        match n.data {
            Data::Element(Tag::Body, _) => in_body = true,
            Data::Text(t)
                if in_body
                    && t.len() < SPELLED_TEXT_BYTES
                    && t.len() >= headline_key.len()
                    && first_alnum(t) == headline_key.chars().next() =>
            {
                if flags.get(i).is_some_and(|f| f & (HIDDEN | CHROME) != 0) {
                    continue;
                }
                if title::key(t) == headline_key {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}
