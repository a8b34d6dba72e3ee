//! Page metadata: headline, dates, authors, publisher, canonical URL,
//! language, description, image. Reads JSON-LD, OpenGraph, Twitter cards,
//! Dublin Core, meta tags, microdata and RDFa, `<time>`, visible bylines and
//! datelines, and the URL path; never touches body selection.
//!
//! One pass over the flat DOM gathers every source; each field is then
//! reconciled by evidence: agreement between sources, how specific a value
//! is, and how close a visible one sits to the headline.
//!
//! Conventions: dates are ISO 8601 with the page's own UTC offset (a time
//! without zone stays local, a date without time stays a bare date);
//! `language` is the page's BCP 47 tag lower-cased with `_` read as `-`
//! ("en-US" → "en-us").

mod authors;
pub(crate) mod dates;
mod jsonld;
mod title;

use chrono::NaiveDate;
use url::Url;

use crate::dom::{Data, Dom, Tag};
use dates::{Order, Stamp};

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

/// Node flags, inherited from ancestors.
const CHROME: u8 = 1; // nav, footer, aside, comments, related lists, sidebars
const HIDDEN: u8 = 2; // script, style, template, svg…: no visible text
const COMMENT: u8 = 4; // comment sections and comment microdata
const TEASER: u8 = 8; // a link card for another page: its date is not ours

/// Most visible candidates kept per kind.
const MAX_CANDIDATES: usize = 64;
/// Longest visible candidate text.
const MAX_CANDIDATE_TEXT: usize = 300;

/// A visible element that may carry a byline or a date.
#[derive(Debug)]
struct Visible {
    index: usize,
    text: String,
    /// A `datetime` or `content` attribute, when present.
    machine: Option<String>,
    /// The element says "published" / "updated" in its class or attributes.
    hint: Hint,
    /// Inside page chrome (an aside, a sidebar): trusted only near the headline.
    chrome: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hint {
    None,
    Published,
    Updated,
}

/// Everything the pass over the document gathers.
#[derive(Default)]
struct Gathered<'a> {
    lang: Option<&'a str>,
    title: Option<String>,
    /// (lower-case key, content) of `<meta>` and RDFa/microdata properties.
    metas: Vec<(String, String)>,
    canonical: Option<&'a str>,
    image_src: Option<&'a str>,
    ld_scripts: Vec<String>,
    h1s: Vec<(usize, String)>,
    /// h2/h3 texts: where the headline sits when the page's h1 is the logo.
    h2s: Vec<(usize, String)>,
    author_elems: Vec<Visible>,
    rel_authors: Vec<(usize, String)>,
    date_elems: Vec<Visible>,
    /// Microdata itemprop values on visible elements: (key, value, index).
    props: Vec<(String, String, usize)>,
    /// Inherited node flags.
    flags: Vec<u8>,
}

/// Collect the metadata of a parsed page.
pub fn collect(dom: &Dom<'_>, page_url: Option<&Url>) -> Metadata {
    collect_at(dom, page_url, chrono::Utc::now().date_naive())
}

/// Collect with an explicit reference date: dates more than a day after it
/// are rejected.
pub fn collect_at(dom: &Dom<'_>, page_url: Option<&Url>, today: NaiveDate) -> Metadata {
    let g = gather(dom);
    reconcile(dom, &g, page_url, today)
}

/// An element's lower-cased class/id/rel/itemprop text and the union of its
/// words' kinds, found in one pass: several tests below look at them.
struct Attrs<'s> {
    text: &'s str,
    /// The union of the words' kinds (`W_*`).
    kinds: u8,
}

impl<'s> Attrs<'s> {
    fn new(text: &'s str) -> Attrs<'s> {
        let table = word_kinds();
        let kind = |w: &str| table.get(w).copied().unwrap_or(0);
        let mut attrs = Attrs { text, kinds: 0 };
        if text.is_ascii() {
            let b = text.as_bytes();
            let mut start = None;
            for (i, c) in b.iter().enumerate() {
                match (c.is_ascii_alphanumeric(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(st)) => {
                        attrs.kinds |= text.get(st..i).map_or(0, kind);
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(st) = start {
                attrs.kinds |= text.get(st..).map_or(0, kind);
            }
        } else {
            attrs.kinds = attrs.words().fold(0, |k, w| k | kind(w));
        }
        attrs
    }

    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The runs of letters and digits.
    fn words(&self) -> impl Iterator<Item = &'s str> + use<'s> {
        let text = self.text;
        let ascii = text.is_ascii();
        text.split(move |c: char| {
            if ascii {
                !c.is_ascii_alphanumeric()
            } else {
                !c.is_alphanumeric()
            }
        })
        .filter(|t| !t.is_empty())
    }
}

/// The attributes the metadata pass reads on every element.
struct Seen<'a> {
    /// class, id, rel, itemprop, data-testid and property values.
    hints: [Option<&'a str>; 6],
    itemtype: Option<&'a str>,
    itemprop: Option<&'a str>,
    property: Option<&'a str>,
    rel: Option<&'a str>,
}

impl<'a> Seen<'a> {
    fn of(el: crate::dom::El<'a>) -> Seen<'a> {
        let c = el.common();
        Seen {
            hints: [c.class, c.id, c.rel, c.itemprop, c.testid, c.property],
            itemtype: c.itemtype,
            itemprop: c.itemprop,
            property: c.property,
            rel: c.rel,
        }
    }

    /// The hint values, lower-cased and space-joined into `out` (reused
    /// across elements, so no allocation per element).
    fn lower_into(&self, out: &mut String) {
        out.clear();
        for v in self.hints.iter().flatten() {
            if v.len() <= 300 {
                out.push_str(v);
                out.push(' ');
            }
        }
        if out.is_ascii() {
            out.make_ascii_lowercase();
        } else {
            *out = out.to_lowercase();
        }
    }
}

/// Whether `hay` holds `needle` ([`starts_of`]).
fn has(hay: &str, needle: &str) -> bool {
    starts_of(hay, needle).next().is_some()
}

/// Class words of page chrome.
const CHROME_WORDS: &[&str] = &[
    "comment",
    "comments",
    "related",
    "sidebar",
    "recommended",
    "recommendations",
    "footer",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "newsletter",
    "promo",
    "teaser",
    "teasers",
    "trending",
    "popular",
    "outbrain",
    "taboola",
    "disqus",
    "carousel",
    "cookie",
    "reply",
    "replies",
    "sidebar1",
    "more",
];

/// Class words of comment threads.
const COMMENT_WORDS: &[&str] = &["comment", "comments", "reply", "replies", "disqus"];

/// Class words of bylines.
const AUTHOR_WORDS: &[&str] = &[
    "author",
    "authors",
    "byline",
    "bylines",
    "byl",
    "writer",
    "creator",
    "contributor",
    "contributors",
    "autor",
    "auteur",
    "autore",
    "reporter",
    "authorname",
    "postauthor",
    "articleauthor",
    "author_name",
    "authorinfo",
];

/// Class words of what sits beside a byline: avatars, bios, follow buttons.
const AUTHOR_NOISE_WORDS: &[&str] = &[
    "avatar",
    "img",
    "image",
    "photo",
    "bio",
    "description",
    "desc",
    "social",
    "follow",
    "role",
    "job",
    "twitter",
    "email",
    "icon",
    "pic",
    "picture",
    "about",
    "position",
];

/// Class words of an update stamp.
const UPDATED_CLASS_WORDS: &[&str] = &[
    "updated",
    "modified",
    "lastmod",
    "datemodified",
    "update",
    "revised",
];

/// Class words of a publication stamp.
const PUBLISHED_CLASS_WORDS: &[&str] = &[
    "published",
    "pubdate",
    "datepublished",
    "publish",
    "posted",
    "publishdate",
    "publication",
    "created",
];

/// Class words of a date of either kind.
const DATE_WORDS: &[&str] = &[
    "date",
    "time",
    "dateline",
    "timestamp",
    "datetime",
    "meta",
    "byline",
    "info",
    "postdate",
    "entrydate",
    "posted_on",
    "postmeta",
    "postinfo",
    "articledate",
    "dates",
    "fecha",
    "datum",
    "data",
];

const W_CHROME: u8 = 1;
const W_COMMENT: u8 = 2;
const W_AUTHOR: u8 = 4;
const W_NOISE: u8 = 8;
const W_UPDATED: u8 = 16;
const W_PUBLISHED: u8 = 32;
const W_DATE: u8 = 64;

/// The class-word lists as one table: one lookup per word instead of a
/// comparison with every list entry (this runs for every element).
fn word_kinds() -> &'static crate::text::WordTable<u8> {
    static TABLE: std::sync::OnceLock<crate::text::WordTable<u8>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        crate::text::word_table(&[
            (CHROME_WORDS, W_CHROME),
            (COMMENT_WORDS, W_COMMENT),
            (AUTHOR_WORDS, W_AUTHOR),
            (AUTHOR_NOISE_WORDS, W_NOISE),
            (UPDATED_CLASS_WORDS, W_UPDATED),
            (PUBLISHED_CLASS_WORDS, W_PUBLISHED),
            (DATE_WORDS, W_DATE),
        ])
    })
}

fn chrome_attrs(attrs: &Attrs<'_>) -> bool {
    // "related-", "-related", "comment-", "read-next", "more-stories",
    // looked for around each hyphen in one pass.
    let b = attrs.text.as_bytes();
    attrs.kinds & W_CHROME != 0
        || memchr::memchr_iter(b'-', b).any(|p| {
            let (before, after) = (
                b.get(..p).unwrap_or_default(),
                b.get(p + 1..).unwrap_or_default(),
            );
            before.ends_with(b"related")
                || after.starts_with(b"related")
                || before.ends_with(b"comment")
                || (before.ends_with(b"read") && after.starts_with(b"next"))
                || (before.ends_with(b"more") && after.starts_with(b"stories"))
        })
}

fn comment_attrs(attrs: &Attrs<'_>) -> bool {
    attrs.kinds & W_COMMENT != 0 || has(attrs.text, "comment-")
}

fn author_attrs(attrs: &Attrs<'_>) -> bool {
    attrs.kinds & W_AUTHOR != 0 || has(attrs.text, "author-name") || has(attrs.text, "byline")
}

fn author_noise(attrs: &Attrs<'_>) -> bool {
    attrs.kinds & W_NOISE != 0
}

fn date_attrs(attrs: &Attrs<'_>) -> Option<Hint> {
    if attrs.kinds & W_UPDATED != 0 {
        return Some(Hint::Updated);
    }
    if attrs.kinds & W_PUBLISHED != 0 {
        return Some(Hint::Published);
    }
    let fuzzy = || {
        // Every word that passes holds "date" or "published".
        (has(attrs.text, "date") || has(attrs.text, "published"))
            && attrs
                .words()
                .any(|t| t.ends_with("date") || t.starts_with("date") || has(t, "published"))
    };
    (attrs.kinds & W_DATE != 0 || fuzzy()).then_some(Hint::None)
}

/// Visible text of a subtree: element boundaries become spaces, block
/// boundaries " | "; hidden subtrees are skipped; capped.
fn subtree_text(dom: &Dom<'_>, index: usize, cap: usize) -> String {
    subtree_text_sep(dom, index, cap, " | ")
}

/// Like [`subtree_text`], with block boundaries joined by `sep`.
fn subtree_text_sep(dom: &Dom<'_>, index: usize, cap: usize, sep: &str) -> String {
    const BLOCK: char = '\u{1F}';
    let mut out = String::new();
    let Some(node) = dom.nodes.get(index) else {
        return out;
    };
    let end = (node.end as usize).min(dom.nodes.len());
    let mut j = index + 1;
    let mut visited = 0;
    let mut block_ends: Vec<usize> = Vec::new();
    while j < end && visited < 2000 && out.len() < cap * 2 {
        visited += 1;
        while block_ends.last().is_some_and(|&e| e <= j) {
            block_ends.pop();
            out.push(BLOCK);
        }
        let Some(n) = dom.nodes.get(j) else { break };
        match n.data {
            Data::Element(tag, _) => {
                if matches!(
                    tag,
                    Tag::Script
                        | Tag::Style
                        | Tag::Noscript
                        | Tag::Template
                        | Tag::Svg
                        | Tag::Button
                        | Tag::Select
                        | Tag::Iframe
                ) {
                    j = (n.end as usize).max(j + 1);
                    continue;
                }
                if tag.is_block() {
                    out.push(BLOCK);
                    block_ends.push(n.end as usize);
                } else {
                    out.push(' ');
                }
            }
            Data::Text(t) => {
                out.push_str(t);
                out.push(' ');
            }
            Data::Other => {}
        }
        j += 1;
    }
    let mut parts: Vec<String> = out
        .split(BLOCK)
        .map(crate::text::collapse)
        .filter(|p| !p.is_empty())
        .collect();
    parts.dedup();
    let joined = parts.join(sep);
    if joined.chars().count() > cap {
        joined.chars().take(cap).collect()
    } else {
        joined
    }
}

fn gather<'a>(dom: &Dom<'a>) -> Gathered<'a> {
    let mut g = Gathered::default();
    let mut flags: Vec<u8> = vec![0; dom.nodes.len()];
    let mut in_head_title = false;
    let mut attrs_text = String::new();
    // Where the h1s are: a class that reads like chrome ("content-sidebar-wrap",
    // "under-menu", "cc-newsletter") on an element holding the page's h1 or
    // most of the page is a layout wrapper, not a sidebar or a teaser.
    let h1_at: Vec<usize> = dom
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| matches!(n.data, Data::Element(Tag::H1, _)))
        .map(|(i, _)| i)
        .take(64)
        .collect();
    let total = dom.nodes.len();
    let wrapper = |i: usize, end: usize| {
        let next_h1 = h1_at.partition_point(|&h| h <= i);
        h1_at.get(next_h1).is_some_and(|&h| h < end) || end.saturating_sub(i) * 2 > total
    };
    for (i, node) in dom.nodes.iter().enumerate() {
        let parent_flags = flags.get(node.parent as usize).copied().unwrap_or(0);
        let Data::Element(tag, el) = node.data else {
            if let Some(f) = flags.get_mut(i) {
                *f = parent_flags;
            }
            continue;
        };
        let mut own = parent_flags;
        match tag {
            Tag::Nav | Tag::Footer | Tag::Aside | Tag::Form | Tag::Dialog => own |= CHROME,
            Tag::Script
            | Tag::Style
            | Tag::Noscript
            | Tag::Template
            | Tag::Svg
            | Tag::Math
            | Tag::Iframe => own |= HIDDEN,
            _ => {}
        }
        let seen = Seen::of(el);
        seen.lower_into(&mut attrs_text);
        let attrs = Attrs::new(&attrs_text);
        // Page-wide containers carry state classes ("comments-open"): only
        // inner elements are judged by their class.
        let container = matches!(tag, Tag::Html | Tag::Body | Tag::Main | Tag::Article);
        if !container && !attrs.is_empty() && chrome_attrs(&attrs) && !wrapper(i, node.end as usize)
        {
            own |= CHROME;
            if comment_attrs(&attrs) {
                own |= COMMENT;
            }
        }
        // A link wrapping a heading is a teaser card for another page: its
        // date and byline are that page's.
        // (A link holding only its text, the common case, is skipped cheaply.)
        if tag == Tag::A && node.end as usize > i + 3 && !wrapper(i, node.end as usize) {
            let end = (node.end as usize).min(i + 200).min(dom.nodes.len());
            let card = dom.nodes.get(i + 1..end).is_some_and(|sub| {
                sub.iter().any(|n| {
                    matches!(
                        n.data,
                        Data::Element(Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6, _)
                    )
                })
            });
            if card {
                own |= CHROME | TEASER;
            }
        }
        if let Some(t) = seen.itemtype {
            let t = t.to_ascii_lowercase();
            if t.contains("comment") || t.ends_with("/answer") {
                own |= COMMENT | CHROME;
            }
        }
        if let Some(f) = flags.get_mut(i) {
            *f = own;
        }
        match tag {
            Tag::Html if g.lang.is_none() => {
                g.lang = el
                    .attr("lang")
                    .or_else(|| el.attr("xml:lang"))
                    .filter(|l| !l.trim().is_empty());
            }
            Tag::Title if g.title.is_none() && !in_head_title && own & HIDDEN == 0 => {
                in_head_title = true;
                let t = jsonld::decode_entities(&subtree_text(dom, i, 500));
                if !t.is_empty() {
                    g.title = Some(t);
                }
            }
            Tag::Meta => {
                let key = el
                    .attr("property")
                    .or_else(|| el.attr("name"))
                    .or_else(|| el.attr("itemprop"))
                    .or_else(|| el.attr("http-equiv"));
                let content = el.attr("content").or_else(|| el.attr("value"));
                // JSON-LD some frameworks carry in a meta tag
                // (name="script:ld+json") rather than a script.
                if let (Some(k), Some(c)) = (key, content) {
                    if k.to_ascii_lowercase().contains("ld+json")
                        && own & COMMENT == 0
                        && g.ld_scripts.len() < 32
                    {
                        g.ld_scripts.push(c.to_string());
                        continue;
                    }
                }
                if let (Some(k), Some(c)) = (key, content) {
                    if own & COMMENT == 0 && g.metas.len() < 1000 && c.len() < 5000 {
                        let c = crate::text::collapse(&jsonld::decode_entities(c));
                        if !c.is_empty() {
                            for k in k.split_whitespace().take(4) {
                                g.metas.push((k.to_ascii_lowercase(), c.clone()));
                            }
                        }
                    }
                }
            }
            Tag::Link => {
                let rel = seen.rel.unwrap_or("").to_ascii_lowercase();
                let href = el.attr("href").filter(|h| !h.trim().is_empty());
                if rel.split_whitespace().any(|r| r == "canonical") && g.canonical.is_none() {
                    g.canonical = href;
                }
                if rel.split_whitespace().any(|r| r == "image_src") && g.image_src.is_none() {
                    g.image_src = href;
                }
            }
            Tag::Script => {
                let ty = el.attr("type").unwrap_or("").to_ascii_lowercase();
                if ty.contains("ld+json") && g.ld_scripts.len() < 32 {
                    let mut s = String::new();
                    for j in i + 1..(node.end as usize).min(dom.nodes.len()) {
                        if let Some(Data::Text(t)) = dom.nodes.get(j).map(|n| n.data) {
                            s.push_str(t);
                        }
                    }
                    g.ld_scripts.push(s);
                }
            }
            Tag::H1 if own & (CHROME | HIDDEN) == 0 && g.h1s.len() < 8 => {
                let t = jsonld::decode_entities(&subtree_text_sep(dom, i, 400, " "));
                if !t.is_empty() {
                    g.h1s.push((i, t));
                }
            }
            Tag::H2 | Tag::H3 if own & (CHROME | HIDDEN) == 0 && g.h2s.len() < 12 => {
                let t = jsonld::decode_entities(&subtree_text_sep(dom, i, 400, " "));
                if !t.is_empty() {
                    g.h2s.push((i, t));
                }
            }
            _ => {}
        }
        if own & HIDDEN != 0 || tag == Tag::Meta || tag == Tag::Head {
            continue;
        }
        // Microdata and RDFa properties on visible elements.
        let prop = seen.itemprop.or(seen.property);
        if let Some(p) = prop {
            for p in p.split_whitespace().take(4) {
                let key = p
                    .rsplit([':', '/'])
                    .next()
                    .unwrap_or(p)
                    .to_ascii_lowercase();
                if matches!(
                    key.as_str(),
                    "headline"
                        | "author"
                        | "creator"
                        | "datepublished"
                        | "datecreated"
                        | "datemodified"
                        | "publisher"
                        | "name"
                        | "date"
                        | "issued"
                        | "created"
                        | "modified"
                ) && own & (COMMENT | TEASER) == 0
                    && g.props.len() < MAX_CANDIDATES * 2
                {
                    let value = el
                        .attr("content")
                        .or_else(|| el.attr("datetime"))
                        .or_else(|| {
                            if tag == Tag::Abbr && key.starts_with("date") {
                                el.attr("title")
                            } else {
                                None
                            }
                        })
                        .map(crate::text::collapse)
                        .unwrap_or_else(|| {
                            // An author scope: prefer its nested name.
                            if key == "author" || key == "creator" || key == "publisher" {
                                nested_name(dom, i)
                                    .unwrap_or_else(|| subtree_text(dom, i, MAX_CANDIDATE_TEXT))
                            } else {
                                subtree_text_sep(dom, i, MAX_CANDIDATE_TEXT, " ")
                            }
                        });
                    if !value.is_empty() {
                        let flagged = if own & CHROME != 0 {
                            format!("chrome:{key}")
                        } else {
                            key
                        };
                        g.props.push((flagged, value, i));
                    }
                }
            }
        }
        let chrome = own & CHROME != 0;
        if tag == Tag::A && !chrome {
            let rel = seen.rel.unwrap_or("");
            if rel
                .split_whitespace()
                .any(|r| r.eq_ignore_ascii_case("author"))
                && g.rel_authors.len() < MAX_CANDIDATES
            {
                let t = subtree_text(dom, i, 120);
                if !t.is_empty() {
                    g.rel_authors.push((i, t));
                }
            }
        }
        if attrs.is_empty() && tag != Tag::Time {
            continue;
        }
        let small = (node.end as usize).saturating_sub(i) <= 60;
        if !chrome
            && small
            && author_attrs(&attrs)
            && !author_noise(&attrs)
            && g.author_elems.len() < MAX_CANDIDATES
        {
            let text = subtree_text(dom, i, MAX_CANDIDATE_TEXT);
            if !text.is_empty() && text.chars().count() <= 200 {
                g.author_elems.push(Visible {
                    index: i,
                    text,
                    machine: None,
                    hint: Hint::None,
                    chrome,
                });
            }
        }
        if g.date_elems.len() < MAX_CANDIDATES && own & (COMMENT | TEASER) == 0 {
            let hint = if tag == Tag::Time {
                Some(
                    date_attrs(&attrs).unwrap_or(if el.attr("pubdate").is_some() {
                        Hint::Published
                    } else {
                        Hint::None
                    }),
                )
            } else if small {
                date_attrs(&attrs)
            } else {
                None
            };
            if let Some(hint) = hint {
                let text = subtree_text(dom, i, MAX_CANDIDATE_TEXT);
                let machine = el
                    .attr("datetime")
                    .or_else(|| el.attr("content"))
                    .map(str::to_string);
                if !text.is_empty() || machine.is_some() {
                    g.date_elems.push(Visible {
                        index: i,
                        text,
                        machine,
                        hint,
                        chrome,
                    });
                }
            }
        }
    }
    g.flags = flags;
    g
}

/// The text of a nested itemprop="name" inside an author scope.
fn nested_name(dom: &Dom<'_>, index: usize) -> Option<String> {
    let end = dom.nodes.get(index)?.end as usize;
    for j in index + 1..end.min(dom.nodes.len()).min(index + 200) {
        let n = dom.nodes.get(j)?;
        if n.attr("itemprop")
            .is_some_and(|p| p.split_whitespace().any(|p| p == "name"))
        {
            let v = n
                .attr("content")
                .map(String::from)
                .unwrap_or_else(|| subtree_text(dom, j, 120));
            if !v.is_empty() {
                return Some(v);
            }
        }
    }
    None
}

impl Gathered<'_> {
    fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(mk, _)| mk == k)
                .map(|(_, v)| v.as_str())
        })
    }

    fn metas_all<'s>(&'s self, keys: &'s [&str]) -> impl Iterator<Item = &'s str> + 's {
        self.metas
            .iter()
            .filter(move |(k, _)| keys.contains(&k.as_str()))
            .map(|(_, v)| v.as_str())
    }

    fn prop(&self, keys: &[&str]) -> Option<(&str, usize)> {
        keys.iter().find_map(|k| {
            self.props
                .iter()
                .find(|(pk, _, _)| pk == k)
                .map(|(_, v, i)| (v.as_str(), *i))
        })
    }
}

const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "article:published",
    "og:published_time",
    "og:article:published_time",
    "published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "published-date",
    "published_date",
    "publication_date",
    "publication-date",
    "pubdate",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "dc:date",
    "date",
    "article.published",
    "article_date_original",
    "original-publish-date",
    "cxenseparse:recs:publishtime",
    "bt:pubdate",
    "displaydate",
    "datecreated",
    "date_published",
    "release_date",
    "rnews:datepublished",
    "shareaholic:article_published_time",
    "vr:published_time",
    "article:post_date",
    "post_date",
    "created",
    "creation_date",
    "eomportal-lastupdate",
];

const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "article:modified",
    "og:updated_time",
    "modified_time",
    "updated_time",
    "datemodified",
    "last-modified",
    "lastmod",
    "dcterms.modified",
    "dc.date.modified",
    "revised",
    "article.updated",
    "date_modified",
    "dateupdated",
    "parsely-updated",
    "last_updated",
];

const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "og:article:author",
    "dc.creator",
    "dcterms.creator",
    "dc:creator",
    "parsely-author",
    "sailthru.author",
    "citation_author",
    "byl",
    "byline",
    "article:author_name",
    "cxenseparse:author",
    "book:author",
    "authors",
];

const UPDATED_WORDS: &[&str] = &[
    "updated",
    "update",
    "modified",
    "revised",
    "edited",
    "last updated",
    "last post",
    "last reply",
    "last activity",
    "latest reply",
    "latest post",
    "aktualisiert",
    "geändert",
    "mis à jour",
    "mise à jour",
    "modifié",
    "actualizado",
    "actualización",
    "atualizado",
    "atualização",
    "aggiornato",
    "aggiornamento",
    "обновлено",
    "изменено",
    "更新",
    "수정",
    "업데이트",
    "bijgewerkt",
];

const PUBLISHED_WORDS: &[&str] = &[
    "published",
    "posted",
    "publish",
    "written",
    "created",
    "veröffentlicht",
    "erschienen",
    "publié",
    "publiée",
    "publicado",
    "publicada",
    "pubblicato",
    "опубликовано",
    "发布",
    "發佈",
    "發表",
    "公開",
    "投稿",
    "게시",
    "입력",
];

/// Words that name a publication date only when no "updated" precedes
/// them: "Updated on March 4" is an update.
const WEAK_PUBLISHED_WORDS: &[&str] = &["on ", "date:"];

/// Words that mark a date as something other than the publication time.
const NOT_PUBLICATION_WORDS: &[&str] = &[
    "©",
    "copyright",
    "(c)",
    "all rights",
    "born",
    "event",
    "deadline",
    "expires",
    "valid until",
    "ends",
    "starts",
    "since",
];

fn classify_in_text(text: &str, pos: usize) -> Hint {
    // Only the 60 characters before the date are read: cut before
    // lower-casing, the text may be long.
    let before = text.get(..pos).unwrap_or("");
    let start = before.char_indices().rev().nth(59).map_or(0, |(i, _)| i);
    let tail = before.get(start..).unwrap_or("").to_lowercase();
    let last = |words: &[&str]| words.iter().filter_map(|w| last_index(&tail, w)).max();
    match (last(UPDATED_WORDS), last(PUBLISHED_WORDS)) {
        (Some(u), Some(p)) => {
            if u > p {
                Hint::Updated
            } else {
                Hint::Published
            }
        }
        (Some(_), None) => Hint::Updated,
        (None, Some(_)) => Hint::Published,
        (None, None) if weak_label(&tail) => Hint::Published,
        (None, None) => Hint::None,
    }
}

/// A weak label as a word of its own ("on 3 May", not "season 3 May").
fn weak_label(tail: &str) -> bool {
    WEAK_PUBLISHED_WORDS.iter().any(|w| {
        starts_of(tail, w).any(|i| {
            tail.get(..i)
                .and_then(|b| b.chars().next_back())
                .is_none_or(|c| !c.is_alphanumeric())
        })
    })
}

/// Where `needle` (a word, not empty) starts in `hay`: each place its first
/// byte is found, by `memchr`. The strings searched here (class lists, the 60 characters
/// before a date) are too short to repay building a substring searcher for
/// every word looked for.
fn starts_of<'h>(hay: &'h str, needle: &'h str) -> impl Iterator<Item = usize> + 'h {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let first = n.first().copied().unwrap_or_default();
    memchr::memchr_iter(first, h).filter(move |&i| h.get(i..i + n.len()) == Some(n))
}

/// The last start of `needle` in `hay` (see [`starts_of`]).
fn last_index(hay: &str, needle: &str) -> Option<usize> {
    starts_of(hay, needle).last()
}

/// The hint of a label written just before a date: "Last Updated:" in
/// its own text node, then the date in the next.
fn label_before(dom: &Dom<'_>, flags: &[u8], index: usize) -> Hint {
    for j in (index.saturating_sub(8)..index).rev() {
        let Some(Data::Text(t)) = dom.nodes.get(j).map(|n| n.data) else {
            continue;
        };
        if flags.get(j).is_some_and(|f| f & HIDDEN != 0) {
            continue;
        }
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        // Only a short label, not a sentence or another date.
        if t.chars().count() > 40 || t.bytes().any(|b| b.is_ascii_digit()) {
            return Hint::None;
        }
        return classify_in_text(t, t.len());
    }
    Hint::None
}

/// The first letter or digit of a text, lower-cased.
fn first_alnum(t: &str) -> Option<char> {
    t.chars()
        .find(|c| c.is_alphanumeric())
        .and_then(|c| c.to_lowercase().next())
}

/// The first visible text node that spells the headline.
fn headline_node(dom: &Dom<'_>, flags: &[u8], headline_key: &str) -> Option<usize> {
    if headline_key.chars().count() < 8 {
        return None;
    }
    let mut in_body = false;
    for (i, n) in dom.nodes.iter().enumerate() {
        match n.data {
            Data::Element(Tag::Body, _) => in_body = true,
            Data::Text(t)
                if in_body
                    && t.len() < 600
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

/// A date candidate: the stamp, how much the source is trusted, and a
/// source key so one source is not counted twice.
#[derive(Debug, Clone, Copy)]
struct Cand {
    stamp: Stamp,
    weight: u32,
    source: u8,
}

/// Visible dates within this many nodes after the headline are its dateline.
const AT_HEADLINE: usize = 40;

/// Independent kinds of evidence for a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    /// JSON-LD and meta tags: one CMS writes them all from one field.
    Machine,
    /// What the reader sees: datelines, `<time>`, microdata on them.
    Visible,
    /// The URL path.
    Url,
}

fn source_group(source: u8) -> Group {
    match source {
        1 | 2 | 7 => Group::Machine,
        5 => Group::Url,
        _ => Group::Visible,
    }
}

/// Pick the best-supported day, then its most specific value. A day's
/// support is the strongest witness of each independent group, summed:
/// JSON-LD repeating the meta tags is one witness, a dateline agreeing with
/// them is a second.
fn pick_date(cands: &[Cand]) -> Option<Stamp> {
    let mut best: Option<(u32, u32, Stamp)> = None;
    for c in cands {
        let key = c.stamp.day_key();
        let mut groups: [u32; 3] = [0; 3];
        let mut top = 0;
        let mut chosen = c.stamp;
        let mut chosen_w = 0;
        for d in cands.iter().filter(|d| d.stamp.day_key() == key) {
            let g = match source_group(d.source) {
                Group::Machine => 0,
                Group::Visible => 1,
                Group::Url => 2,
            };
            if let Some(w) = groups.get_mut(g) {
                *w = (*w).max(d.weight);
            }
            top = top.max(d.weight);
            if (d.stamp.precision(), d.weight) > (chosen.precision(), chosen_w) {
                chosen = d.stamp;
                chosen_w = d.weight;
            }
        }
        let score: u32 = groups.iter().sum();
        let better = match best {
            None => true,
            Some((s, t, _)) => (score, top) > (s, t),
        };
        if better {
            best = Some((score, top, chosen));
        }
    }
    let chosen = best.map(|(_, _, s)| s)?;
    // A machine stamp in UTC may fall on the next or previous calendar day
    // from the page's own: a visible date (or the URL's) a day away names
    // the local day.
    if chosen.offset == Some(0) {
        let day = |s: &Stamp| NaiveDate::from_ymd_opt(s.year, s.month, s.day);
        if let Some(d0) = day(&chosen) {
            let local = cands
                .iter()
                .filter(|c| c.source >= 4 && c.stamp.offset.is_none())
                .find(|c| day(&c.stamp).is_some_and(|d| (d - d0).num_days().abs() == 1));
            if let Some(c) = local {
                return Some(c.stamp);
            }
        }
    }
    Some(chosen)
}

fn resolve_url(value: &str, base: Option<&Url>) -> Option<String> {
    let v = value.trim();
    if v.is_empty() || v.starts_with("data:") || v.starts_with("javascript:") {
        return None;
    }
    let parsed = match base {
        Some(b) => b.join(v).ok()?,
        None => Url::parse(v).ok()?,
    };
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

fn reconcile(
    dom: &Dom<'_>,
    g: &Gathered<'_>,
    page_url: Option<&Url>,
    today: NaiveDate,
) -> Metadata {
    let mut meta = Metadata::default();
    let mut values = Vec::new();
    for s in &g.ld_scripts {
        jsonld::parse_script(s, &mut values);
    }
    let ld = jsonld::extract(&values);

    // Language.
    let lang = g
        .lang
        .map(str::to_string)
        .or_else(|| {
            g.meta(&["content-language", "language", "dc.language", "og:locale"])
                .map(String::from)
        })
        .or_else(|| ld.language.clone())
        .map(|l| l.trim().replace('_', "-").to_lowercase())
        .filter(|l| !l.is_empty() && l.len() <= 35);
    let order = Order::for_language(lang.as_deref());
    meta.language = lang;

    // Site names.
    let site_name = g
        .meta(&["og:site_name"])
        .map(String::from)
        .or_else(|| ld.site_name.clone())
        .or_else(|| {
            g.meta(&["application-name", "apple-mobile-web-app-title"])
                .map(String::from)
        });
    let mut sites: Vec<String> = Vec::new();
    sites.extend(site_name.iter().cloned());
    sites.extend(ld.publisher.iter().cloned());
    sites.extend(ld.site_name.iter().cloned());
    sites.extend(
        g.meta(&[
            "application-name",
            "apple-mobile-web-app-title",
            "og:site_name",
        ])
        .map(String::from),
    );
    if let Some(tw) = g.meta(&["twitter:site"]) {
        sites.push(tw.trim_start_matches('@').to_string());
    }
    let host = page_url
        .and_then(|u| u.host_str().map(String::from))
        .or_else(|| {
            g.canonical
                .and_then(|c| Url::parse(c).ok())
                .and_then(|u| u.host_str().map(String::from))
        });
    if let Some(h) = &host {
        sites.extend(title::host_names(h));
    }
    // A "site name" that is the page's own title (templates fill
    // application-name or og:site_name with it) names nothing.
    let page_titles: Vec<String> = [g.title.as_deref(), g.meta(&["og:title"])]
        .into_iter()
        .flatten()
        .map(title::key)
        .collect();
    let is_page_title = |s: &str| page_titles.contains(&title::key(s));
    sites.retain(|s| !s.trim().is_empty() && !is_page_title(s));
    let site_name = site_name.filter(|s| !is_page_title(s));

    // Headline.
    let ld_headline = ld.headline.as_deref().filter(|_| ld.rank >= 3);
    let mut other: Vec<&str> = Vec::new();
    if let Some((v, _)) = g.prop(&["headline"]) {
        other.push(v);
    }
    if let Some(v) = g.meta(&[
        "dc.title",
        "dcterms.title",
        "parsely-title",
        "sailthru.title",
        "citation_title",
    ]) {
        other.push(v);
    }
    let inputs = title::Inputs {
        title: g.title.as_deref(),
        og: g.meta(&["og:title"]),
        twitter: g.meta(&["twitter:title"]),
        ld: ld_headline,
        other,
        h1s: g.h1s.iter().map(|(_, t)| t.as_str()).collect(),
        sites: sites.clone(),
        home: page_url.is_some_and(|u| {
            let p = u.path().trim_end_matches('/');
            p.is_empty()
                || p.eq_ignore_ascii_case("/index.html")
                || p.eq_ignore_ascii_case("/index.php")
        }),
    };
    meta.headline = title::choose(&inputs).map(|h| {
        h.chars().filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')).collect::<String>()
    });
    let headline_key = meta.headline.as_deref().map(title::key).unwrap_or_default();
    let anchor = g
        .h1s
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
        .or_else(|| dom.find(Tag::Main));

    // Dates.
    let plausible = |s: &Stamp| s.plausible(today);
    let mut pubs: Vec<Cand> = Vec::new();
    let mut mods: Vec<Cand> = Vec::new();
    let push = |list: &mut Vec<Cand>, value: Option<&str>, weight: u32, source: u8| {
        if let Some(st) = value.and_then(dates::parse_machine).filter(plausible) {
            list.push(Cand {
                stamp: st,
                weight,
                source,
            });
        }
    };
    push(&mut pubs, ld.published.as_deref(), 10, 1);
    push(&mut mods, ld.modified.as_deref(), 10, 1);
    for (n, key) in PUBLISHED_KEYS.iter().enumerate() {
        if let Some(v) = g.meta(&[key]) {
            let w = if n < 6 { 9 } else { 7 };
            push(&mut pubs, Some(v), w, 2);
            break;
        }
    }
    // Meta names of the site's own making ("w-published-date", "published").
    for (k, v) in &g.metas {
        if PUBLISHED_KEYS.contains(&k.as_str()) {
            // Read above: the same value is not a second witness.
            continue;
        }
        // "last_published" is the latest re-publication, not the first.
        let modified =
            k.contains("modif") || k.contains("updat") || k.contains("revis") || k.contains("last");
        let dated = k.ends_with(".date")
            || k.ends_with("_date")
            || k.ends_with("-date")
            || k.ends_with(":date");
        let other =
            k.contains("expir") || k.contains("event") || k.contains("start") || k.contains("end");
        if !modified
            && !other
            && (dated || k.contains("publish") || k.contains("pubdate") || k.contains("release"))
            && !k.contains("publisher")
        {
            push(&mut pubs, Some(v), 6, 7);
            break;
        }
    }
    if let Some(v) = g.meta(MODIFIED_KEYS) {
        push(&mut mods, Some(v), 8, 2);
    }
    if let Some((v, _)) = g.prop(&["datepublished", "datecreated", "issued", "created"]) {
        push(&mut pubs, Some(v), 8, 3);
    }
    if let Some((v, _)) = g.prop(&["datemodified", "modified"]) {
        push(&mut mods, Some(v), 8, 3);
    }
    // Visible dates: the nearest to the headline (after it preferred).
    let near = |i: usize| -> Option<usize> {
        match anchor {
            Some(a) if i >= a => Some(i - a).filter(|d| *d <= 1200),
            Some(a) => Some((a - i) * 3).filter(|d| *d <= 1200),
            None => Some(i),
        }
    };
    // (distance, stamp, strong, labelled published)
    let mut visible_pub: Vec<(usize, Stamp, bool, bool)> = Vec::new();
    let mut visible_mod: Vec<(usize, Stamp)> = Vec::new();
    for v in g.date_elems.iter().chain(g.author_elems.iter()) {
        let Some(dist) = near(v.index) else { continue };
        if v.chrome && dist > 150 {
            continue;
        }
        let lower = v.text.to_lowercase();
        if NOT_PUBLICATION_WORDS.iter().any(|w| lower.contains(w)) {
            continue;
        }
        let mut found: Vec<(Hint, Stamp, bool)> = Vec::new();
        if let Some(m) = v
            .machine
            .as_deref()
            .and_then(dates::parse_machine)
            .filter(plausible)
        {
            // The words on the page before the class names.
            let h = match (classify_in_text(&v.text, v.text.len()), v.hint) {
                (Hint::None, Hint::None) => label_before(dom, &g.flags, v.index),
                (Hint::None, h) => h,
                (h, _) => h,
            };
            found.push((h, m, true));
        } else {
            for (pos, st) in dates::find_dates(&v.text, order).into_iter().take(3) {
                if !plausible(&st) {
                    continue;
                }
                let h = match (classify_in_text(&v.text, pos), v.hint) {
                    (Hint::None, Hint::None) if pos == 0 => label_before(dom, &g.flags, v.index),
                    (Hint::None, h) => h,
                    (h, _) => h,
                };
                found.push((h, st, false));
            }
        }
        for (h, st, machine) in found {
            match h {
                Hint::Updated => visible_mod.push((dist, st)),
                _ => visible_pub.push((
                    dist,
                    st,
                    machine || h == Hint::Published,
                    h == Hint::Published,
                )),
            }
        }
    }
    // Datelines without markup: short text nodes around the headline.
    // (distance, stamp, short dateline, labelled published)
    let mut text_pub: Option<(usize, Stamp, bool, bool)> = None;
    let mut text_mod: Option<(usize, Stamp)> = None;
    // `<time datetime>` elements: their text is read through the attribute.
    let machine_elems: Vec<(usize, Stamp)> = g
        .date_elems
        .iter()
        .filter_map(|v| {
            let st = v.machine.as_deref().and_then(dates::parse_machine)?;
            Some((v.index, st))
        })
        .collect();
    if let Some(a) = anchor {
        let lo = a.saturating_sub(150);
        let hi = (a + 400).min(dom.nodes.len());
        for j in lo..hi {
            let Some(node) = dom.nodes.get(j) else {
                continue;
            };
            let Data::Text(t) = node.data else {
                continue;
            };
            if g.flags
                .get(j)
                .is_some_and(|f| f & (HIDDEN | COMMENT | TEASER) != 0)
            {
                continue;
            }
            let t = t.trim();
            if t.len() < 6 || t.len() > 160 || !t.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            let lower = t.to_lowercase();
            if NOT_PUBLICATION_WORDS.iter().any(|w| lower.contains(w)) {
                continue;
            }
            let Some((pos, mut st)) = dates::find_dates(t, order)
                .into_iter()
                .find(|(_, s)| plausible(s))
            else {
                continue;
            };
            let parent = node.parent as usize;
            if let Some((_, m)) = machine_elems
                .iter()
                .find(|(i, m)| *i == parent && plausible(m))
            {
                st = *m;
            }
            let d = if j >= a { j - a } else { (a - j) * 3 };
            let hint = match classify_in_text(t, pos) {
                Hint::None if t.get(..pos).is_none_or(|b| b.trim().is_empty()) => {
                    label_before(dom, &g.flags, j)
                }
                h => h,
            };
            if hint == Hint::Updated {
                if text_mod.is_none_or(|(bd, _)| d < bd) {
                    text_mod = Some((d, st));
                }
                continue;
            }
            // A short text that is mostly the date is a dateline; a longer
            // one is a sentence that mentions a date.
            let dateline = t.chars().count() <= 60;
            if text_pub.is_none_or(|(bd, _, _, _)| d < bd) {
                text_pub = Some((d, st, dateline, hint == Hint::Published));
            }
        }
    }
    // An unlabelled date that a nearby "Updated" label names is that
    // update stamp seen through a smaller element.
    let updated_days: Vec<(i32, u32, u32)> = visible_mod
        .iter()
        .map(|(_, s)| s.day_key())
        .chain(text_mod.map(|(_, s)| s.day_key()))
        .collect();
    visible_pub.retain(|(_, s, _, labelled)| *labelled || !updated_days.contains(&s.day_key()));
    if let Some((d, st, dateline, labelled)) =
        text_pub.filter(|(_, s, _, labelled)| *labelled || !updated_days.contains(&s.day_key()))
    {
        let weight = if dateline && d <= AT_HEADLINE {
            11
        } else if labelled {
            // "Published on …" is a dateline wherever it sits.
            6
        } else {
            4
        };
        pubs.push(Cand {
            stamp: st,
            weight,
            source: 6,
        });
    }
    // A dateline beside the byline, wherever the byline sits.
    let texts = text_bylines(dom, g, anchor);
    if pubs.is_empty() {
        let dist = |i: usize| anchor.map_or(i, |a| if i >= a { i - a } else { (a - i) * 2 });
        if let Some(&(b, _)) = texts.iter().min_by_key(|(i, _)| dist(*i)) {
            let lo = b.saturating_sub(30);
            let hi = (b + 30).min(dom.nodes.len());
            let found = (lo..hi).filter_map(|j| match dom.nodes.get(j).map(|n| n.data) {
                Some(Data::Text(t))
                    if t.len() <= 160
                        && g.flags
                            .get(j)
                            .is_some_and(|f| f & (HIDDEN | COMMENT | TEASER) == 0) =>
                {
                    let (pos, st) = dates::find_dates(t, order)
                        .into_iter()
                        .find(|(_, s)| plausible(s))?;
                    (classify_in_text(t, pos) != Hint::Updated).then_some((j.abs_diff(b), st))
                }
                _ => None,
            });
            if let Some((_, st)) = found.min_by_key(|(d, _)| *d) {
                pubs.push(Cand {
                    stamp: st,
                    weight: 3,
                    source: 8,
                });
            }
        }
    }
    visible_pub.sort_by_key(|(d, _, _, _)| *d);
    visible_mod.sort_by_key(|(d, _)| *d);
    let visible_weight = |dist: usize, strong: bool| {
        if dist <= AT_HEADLINE {
            11
        } else if strong {
            8
        } else {
            5
        }
    };
    if let Some((dist, st, strong, _)) = visible_pub.first() {
        // A dateline right under the headline is what the reader is told:
        // it outweighs the machine dates (one witness), not the machine
        // dates and the URL agreeing.
        pubs.push(Cand {
            stamp: *st,
            weight: visible_weight(*dist, *strong),
            source: 4,
        });
        // When the nearest date is another day than the machine dates (not
        // the same instant in another time zone), the machine date shown
        // elsewhere on the page as the publication ("Published on …") is
        // that date's second witness.
        let day = |s: &Stamp| NaiveDate::from_ymd_opt(s.year, s.month, s.day);
        let machine_days: Vec<_> = pubs
            .iter()
            .filter(|c| c.source < 4)
            .filter_map(|c| day(&c.stamp))
            .collect();
        let apart =
            day(st).is_some_and(|d0| machine_days.iter().all(|m| (*m - d0).num_days().abs() > 1));
        if let Some((dist, st, strong, _)) = visible_pub.iter().find(|(_, s, strong, _)| {
            apart && *strong && day(s).is_some_and(|d| machine_days.contains(&d))
        }) {
            pubs.push(Cand {
                stamp: *st,
                weight: visible_weight(*dist, *strong),
                source: 4,
            });
        }
    }
    if let Some((_, st)) = visible_mod.first() {
        mods.push(Cand {
            stamp: *st,
            weight: 5,
            source: 4,
        });
    } else if let Some((_, st)) = text_mod.filter(|(d, _)| *d <= 150) {
        mods.push(Cand {
            stamp: st,
            weight: 4,
            source: 6,
        });
    }
    if let Some(st) = page_url
        .and_then(|u| dates::from_url_path(u.path()))
        .filter(plausible)
    {
        pubs.push(Cand {
            stamp: st,
            weight: 4,
            source: 5,
        });
    }
    // Visible dates read against the machine ones: an ambiguous 03/04
    // read the way the metadata has it.
    let machine_pub: Vec<Stamp> = pubs
        .iter()
        .filter(|c| c.source < 4 || c.source == 5 || c.source == 7)
        .map(|c| c.stamp)
        .chain(machine_elems.iter().map(|(_, s)| *s))
        .collect();
    let machine_mod: Vec<Stamp> = mods
        .iter()
        .filter(|c| c.source < 4)
        .map(|c| c.stamp)
        .collect();
    for c in pubs
        .iter_mut()
        .filter(|c| c.source >= 4 && c.source != 5 && c.source != 7)
    {
        let s = c.stamp;
        if s.day <= 12 && s.month <= 12 && s.day != s.month {
            let swapped = (s.year, s.day, s.month);
            if machine_pub
                .iter()
                .chain(&machine_mod)
                .any(|m| m.day_key() == swapped)
            {
                c.stamp = Stamp {
                    month: s.day,
                    day: s.month,
                    ..s
                };
            }
        }
    }
    // A visible date that is the machine modification day and no machine
    // publication day is the page showing when it was updated, unlabelled.
    let machine_days = |list: &[Cand]| -> Vec<(Stamp, bool)> {
        list.iter()
            .filter(|c| source_group(c.source) == Group::Machine)
            .map(|c| (c.stamp, c.stamp.time.is_some() && c.stamp.offset == Some(0)))
            .collect()
    };
    let machine_pub_days = machine_days(&pubs);
    let machine_mod_days = machine_days(&mods);
    // A UTC stamp may name the next or previous local day.
    let near_day = |days: &[(Stamp, bool)], s: Stamp| {
        let d = NaiveDate::from_ymd_opt(s.year, s.month, s.day);
        days.iter().any(|(m, utc)| {
            let md = NaiveDate::from_ymd_opt(m.year, m.month, m.day);
            match (d, md) {
                (Some(d), Some(md)) => {
                    let gap = (d - md).num_days().abs();
                    gap == 0 || (*utc && gap == 1)
                }
                _ => false,
            }
        })
    };
    pubs.retain(|c| {
        let updated = source_group(c.source) == Group::Visible
            && !machine_pub_days.is_empty()
            && near_day(&machine_mod_days, c.stamp)
            && !near_day(&machine_pub_days, c.stamp);
        if updated {
            mods.push(Cand {
                stamp: c.stamp,
                weight: 5,
                source: 4,
            });
        }
        !updated
    });
    // With no publication date anywhere, the visible "Updated" stamp is the
    // date the page gives for its current text (what citation styles use).
    // A date merely mentioned in a sentence near the headline comes last.
    let mention = |c: &Cand| matches!(c.source, 6 | 8) && c.weight <= 4;
    let firm: Vec<Cand> = pubs.iter().filter(|c| !mention(c)).copied().collect();
    let published = pick_date(&firm)
        .or_else(|| {
            let shown: Vec<Cand> = mods
                .iter()
                .filter(|c| source_group(c.source) == Group::Visible)
                .copied()
                .collect();
            pick_date(&shown)
        })
        .or_else(|| pick_date(&pubs));
    let mut modified = pick_date(&mods);
    if let (Some(p), Some(m)) = (published, modified) {
        if m.day_key() < p.day_key() {
            modified = None;
        }
    }
    meta.published = published.map(|s| s.to_iso());
    meta.modified = modified.map(|s| s.to_iso());

    // Publisher.
    let publisher = ld
        .publisher
        .clone()
        .filter(|p| !authors::is_url(p))
        .or_else(|| site_name.clone())
        .or_else(|| g.prop(&["publisher"]).map(|(v, _)| v.to_string()))
        .or_else(|| title_suffix(g.title.as_deref(), meta.headline.as_deref()))
        .or_else(|| {
            host.as_deref()
                .map(|h| h.trim_start_matches("www.").to_string())
        });
    meta.publisher = publisher
        .map(|p| crate::text::collapse(&p))
        .filter(|p| !p.is_empty());
    meta.site_name = site_name.or_else(|| meta.publisher.clone());

    // Authors.
    meta.authors = choose_authors(g, &ld, &sites, anchor, &texts);

    // Canonical URL, description, image, tags, body.
    meta.canonical_url = g
        .canonical
        .and_then(|c| resolve_url(c, page_url))
        .or_else(|| g.meta(&["og:url"]).and_then(|c| resolve_url(c, page_url)))
        .or_else(|| ld.url.as_deref().and_then(|c| resolve_url(c, page_url)));
    meta.description = g
        .meta(&[
            "description",
            "og:description",
            "twitter:description",
            "dc.description",
        ])
        .map(String::from)
        .or_else(|| ld.description.clone());
    meta.image = g
        .meta(&[
            "og:image",
            "og:image:secure_url",
            "og:image:url",
            "twitter:image",
            "twitter:image:src",
        ])
        .and_then(|v| resolve_url(v, page_url))
        .or_else(|| ld.image.as_deref().and_then(|v| resolve_url(v, page_url)))
        .or_else(|| g.image_src.and_then(|v| resolve_url(v, page_url)));
    let mut tags: Vec<String> = Vec::new();
    for t in g.metas_all(&["article:tag", "og:article:tag"]) {
        authors::push_unique(&mut tags, t.to_string());
    }
    if let Some(k) = g.meta(&["keywords", "news_keywords"]) {
        for t in k.split(',').map(str::trim).filter(|t| !t.is_empty()) {
            authors::push_unique(&mut tags, t.to_string());
        }
    }
    for t in &ld.keywords {
        authors::push_unique(&mut tags, t.clone());
    }
    tags.truncate(32);
    meta.tags = tags;
    meta.article_body = ld.article_body.clone();
    meta
}

/// The part of `<title>` after the headline: "Headline | Site" → "Site".
fn title_suffix(title: Option<&str>, headline: Option<&str>) -> Option<String> {
    let t = title?;
    let h = headline?;
    let rest = t.strip_prefix(h).or_else(|| {
        let pos = t.find(h)?;
        t.get(pos + h.len()..)
    })?;
    let rest = rest.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '|' | '-' | '–' | '—' | '•' | '·' | ':' | '»')
    });
    (!rest.is_empty() && rest.split_whitespace().count() <= 6).then(|| rest.to_string())
}

/// Names from one source, split and cleaned; site names set aside.
fn names_from(raw: &[String], sites: &[String], persons: &mut Vec<String>, orgs: &mut Vec<String>) {
    for r in raw {
        if authors::is_url(r) {
            continue;
        }
        for n in authors::parse_byline(r) {
            if authors::is_site_name(&n, sites) {
                authors::push_unique(orgs, n);
            } else {
                authors::push_unique(persons, n);
            }
        }
    }
}

/// Bylines written as plain text near the headline: "By Jane Roe", or a
/// "Written by" label followed by the name.
fn text_bylines(dom: &Dom<'_>, g: &Gathered<'_>, anchor: Option<usize>) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let _ = anchor;
    let hi = dom.nodes.len();
    let text_at = |j: usize| -> Option<&str> {
        match dom.nodes.get(j).map(|n| n.data) {
            Some(Data::Text(t))
                if g.flags
                    .get(j)
                    .is_some_and(|f| f & (HIDDEN | COMMENT | CHROME) == 0) =>
            {
                Some(t.trim()).filter(|t| !t.is_empty())
            }
            _ => None,
        }
    };
    let mut j = 0;
    while j < hi && out.len() < 64 {
        let Some(t) = text_at(j).filter(|t| t.len() <= 240) else {
            j += 1;
            continue;
        };
        if authors::is_label(t) {
            if let Some((k, next)) =
                (j + 1..(j + 12).min(hi)).find_map(|k| text_at(k).map(|t| (k, t)))
            {
                if next.chars().count() <= 100 {
                    out.push((j, format!("{t} {next}")));
                    j = k + 1;
                    continue;
                }
            }
        } else if t.chars().count() <= 120 && authors::starts_byline(t) {
            out.push((j, t.to_string()));
        }
        j += 1;
    }
    out
}

fn choose_authors(
    g: &Gathered<'_>,
    ld: &jsonld::LdInfo,
    sites: &[String],
    anchor: Option<usize>,
    texts: &[(usize, String)],
) -> Vec<String> {
    let mut orgs: Vec<String> = Vec::new();
    // Sources, most trusted first.
    let mut sources: Vec<Vec<String>> = Vec::new();
    sources.push(
        ld.authors
            .iter()
            .filter(|a| !a.organisation)
            .map(|a| a.name.clone())
            .collect(),
    );
    sources.push(
        g.metas_all(AUTHOR_KEYS)
            .filter(|v| !authors::is_url(v))
            .map(String::from)
            .collect(),
    );
    sources.push(
        g.props
            .iter()
            .filter(|(k, _, _)| k == "author" || k == "creator")
            .map(|(_, v, _)| v.clone())
            .collect(),
    );
    // Visible: rel=author links and byline elements, nearest the headline.
    let dist = |i: usize| anchor.map_or(i, |a| if i >= a { i - a } else { (a - i) * 2 });
    let mut vis: Vec<(usize, &str)> = g
        .rel_authors
        .iter()
        .map(|(i, t)| (*i, t.as_str()))
        .chain(g.author_elems.iter().map(|v| (v.index, v.text.as_str())))
        .chain(texts.iter().map(|(i, t)| (*i, t.as_str())))
        .filter(|(i, _)| dist(*i) <= 1500)
        .collect();
    vis.sort_by_key(|(i, _)| dist(*i));
    if let Some((first, _)) = vis.first().copied() {
        // Only the byline region: candidates close to the nearest one.
        let d0 = dist(first);
        let v: Vec<String> = vis
            .iter()
            .filter(|(i, _)| dist(*i) <= d0 + 40)
            .map(|(_, t)| t.to_string())
            .collect();
        sources.push(v);
    }
    for (n, src) in sources.iter().enumerate() {
        let mut persons = Vec::new();
        names_from(src, sites, &mut persons, &mut orgs);
        if !persons.is_empty() {
            // Visible bylines nested in one another repeat names: dedupe
            // names contained in a longer one.
            if n == 3 {
                let all = persons.clone();
                persons.retain(|p| {
                    let lp = p.to_lowercase();
                    !all.iter()
                        .any(|q| q.len() > p.len() && q.to_lowercase().contains(&lp))
                });
                persons.truncate(4);
            }
            return persons;
        }
    }
    for a in ld.authors.iter().filter(|a| a.organisation) {
        if !authors::is_url(&a.name) {
            authors::push_unique(&mut orgs, crate::text::collapse(&a.name));
        }
    }
    orgs.truncate(2);
    orgs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(page: &str, url: Option<&str>) -> Metadata {
        let html = crate::dom::parse(page);
        let dom = Dom::build(&html, 512);
        let url = url.and_then(|u| Url::parse(u).ok());
        collect_at(
            &dom,
            url.as_ref(),
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
    fn a_machine_date_shown_as_published_outvotes_another_date_nearer_the_headline() {
        // A journal page: "Published on" far from the title, the preprint's
        // "first published" date right above it.
        let page = r#"<html><head><title>Efficacy of an app</title>
            <meta name="citation_date" content="2019-06-25"></head><body>
            <p>Published on <time datetime="25.Jun.2019">25.Jun.2019</time> in Vol 7</p>
            <p>Preprints of this paper are at <a href="/p/1">preprints</a>, first published
            <time datetime="04.Apr.2019">04.Apr.2019</time>.</p>
            <article><h1>Efficacy of an app</h1><p>Body text of the article, long enough.</p>
            </article></body></html>"#;
        assert_eq!(run(page, None).published.as_deref(), Some("2019-06-25"));
        // The same instant shown in the page's own zone is not another day.
        let page = r#"<html><head><title>Heat</title>
            <meta property="article:published_time" content="2025-12-19T03:05:00+00:00">
            </head><body><article><h1>Heat</h1>
            <time datetime="2025-12-18T19:05:00-08:00">December 18, 2025</time>
            <p>Body text of the article, long enough.</p></article></body></html>"#;
        let m = collect_page(
            page,
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
        );
        assert_eq!(m.published.as_deref(), Some("2025-12-18T19:05:00-08:00"));
    }

    fn collect_page(page: &str, today: NaiveDate) -> Metadata {
        let html = crate::dom::parse(page);
        let dom = Dom::build(&html, 512);
        collect_at(&dom, None, today)
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
        let g = gather(&dom);
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
        let url = std::env::var("GLEANER_META_URL")
            .ok()
            .and_then(|u| Url::parse(&u).ok());
        let m = reconcile(&dom, &g, url.as_ref(), chrono::Utc::now().date_naive());
        let hk = m.headline.as_deref().map(title::key).unwrap_or_default();
        let anchor = headline_node(&dom, &g.flags, &hk);
        println!(
            "anchor-text {anchor:?} texts {:?}",
            text_bylines(&dom, &g, anchor.or(g.h1s.first().map(|h| h.0)))
        );
        println!(
            "{:#?}",
            reconcile(&dom, &g, url.as_ref(), chrono::Utc::now().date_naive())
        );
    }

    #[test]
    fn update_words_before_weak_labels() {
        let t = "We updated our review on March 4, 2025";
        let pos = t.find("March").unwrap_or(0);
        assert_eq!(classify_in_text(t, pos), Hint::Updated);
        let t = "Posted on March 4, 2025";
        let pos = t.find("March").unwrap_or(0);
        assert_eq!(classify_in_text(t, pos), Hint::Published);
        // "on" inside a word is not a label.
        let t = "The tax season ends April 15, 2025";
        let pos = t.find("April").unwrap_or(0);
        assert_eq!(classify_in_text(t, pos), Hint::None);
        let t = "Last post: 01/12/2025";
        assert_eq!(classify_in_text(t, t.len()), Hint::Updated);
    }

    #[test]
    fn dateline_outweighs_machine_dates_but_not_machine_and_url() {
        let page = |machine: &str| {
            format!(
                r#"<html><head>{machine}</head><body><h1>Rivers run high after the storm</h1>
                <p class="dateline">March 20, 2023</p><p>Text of the story.</p></body></html>"#
            )
        };
        let one = run(
            &page(r#"<meta property="article:published_time" content="2013-03-11T11:00:00Z">"#),
            None,
        );
        assert_eq!(one.published.as_deref(), Some("2023-03-20"));
        // JSON-LD repeating the meta tag is the same witness.
        let both = page(
            r#"<meta property="article:published_time" content="2013-03-11T11:00:00Z">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2013-03-11T11:00:00Z"}</script>"#,
        );
        assert_eq!(run(&both, None).published.as_deref(), Some("2023-03-20"));
        let with_url = run(&both, Some("https://news.example/2013/03/11/rivers"));
        assert_eq!(
            with_url.published.as_deref(),
            Some("2013-03-11T11:00:00+00:00")
        );
    }

    #[test]
    fn unlabelled_update_date_is_not_published() {
        let m = run(
            r#"<html><head>
            <meta property="article:published_time" content="2022-09-06T13:12:36+00:00">
            <meta property="article:modified_time" content="2023-11-14T23:30:00+00:00">
            </head><body><h1>Cloud security checklist</h1>
            <span class="post-date">November 15, 2023</span><p>Text.</p></body></html>"#,
            None,
        );
        // The shown date is the update, a UTC day apart from the local one.
        assert_eq!(m.published.as_deref(), Some("2022-09-06T13:12:36+00:00"));
    }

    #[test]
    fn future_dates_rejected() {
        let m = run(
            r#"<html><head><meta property="article:published_time" content="2030-01-01"></head>
            <body><h1>T</h1><span class="date">March 3, 2021</span></body></html>"#,
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2021-03-03"));
    }
}
