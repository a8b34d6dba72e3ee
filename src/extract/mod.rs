//! The extractor proper: parse, clean, cut into blocks, select the article,
//! render its text. Pure: text in, `Article` out.

mod blocks;
mod clean;
mod select;

use url::Url;

pub use blocks::{Block, Kind};

use crate::dom::Dom;
use crate::metadata;
use crate::text::word_count;
use crate::{Article, Attribution, Options};

/// Everything the body stage produces before rendering.
#[derive(Debug, Clone)]
pub struct Body {
    /// The kept blocks, in document order.
    pub blocks: Vec<Block>,
}

/// Extract the article from decoded page text.
pub fn extract_text(text: &str, url: Option<&Url>, options: &Options) -> Article {
    let html = crate::dom::parse(text);
    let dom = Dom::build(&html, options.max_depth);
    let meta = metadata::collect(&html, &dom, url);
    let body = select_body(&dom, options, meta.headline.as_deref());
    let text = render_text(&body.blocks);
    let mut warnings = Vec::new();
    if text.is_empty() {
        warnings.push("no article body found".to_string());
    }
    Article {
        source: String::new(),
        url: url.map(|u| u.to_string()),
        headline: meta.headline,
        published: meta.published,
        modified: meta.modified,
        word_count: word_count(&text),
        body: text,
        attribution: Attribution {
            authors: meta.authors,
            publisher: meta.publisher,
            canonical_url: meta.canonical_url,
        },
        language: meta.language,
        description: meta.description,
        image: meta.image,
        site_name: meta.site_name,
        tags: meta.tags,
        body_markdown: None,
        body_html: None,
        warnings,
        error: None,
    }
}

/// Clean, cut, select and filter: the article's blocks.
pub fn select_body(dom: &Dom<'_>, options: &Options, headline: Option<&str>) -> Body {
    let cleaned = clean::clean(dom, false);
    let mut all = blocks::blocks(dom, &cleaned.dropped, options.include_tables);
    let mut selection = select::select(dom, &all, &cleaned.hints);
    if selection.listing && selection.score < 200.0 && cleaned.contextual_chars >= 1000 {
        // No prose survived cleaning. On forums the posts are "comments"
        // and on hubs the content is "related": try again keeping those.
        let relaxed = clean::clean(dom, true);
        let again = blocks::blocks(dom, &relaxed.dropped, options.include_tables);
        let sel = select::select(dom, &again, &relaxed.hints);
        if !sel.listing {
            all = again;
            selection = sel;
        }
    }
    let mut kept: Vec<Block> = all
        .into_iter()
        .filter(|b| selection.contains(b.owner))
        .filter(|b| options.include_captions || b.kind != Kind::Caption)
        .filter(|b| !is_boilerplate(b, selection.listing))
        .collect();
    trim_edges(&mut kept);
    if let Some(h) = headline {
        strip_headline(&mut kept, h);
    }
    Body { blocks: kept }
}

/// Blocks that are chrome whatever their place: link lists, player time
/// readouts, share and teaser lines.
fn is_boilerplate(b: &Block, listing: bool) -> bool {
    let ld = b.link_density();
    if !listing && ld > 0.6 && b.chars < 400 && !matches!(b.kind, Kind::Heading(_) | Kind::Row) {
        return true;
    }
    if is_time_readout(&b.text) {
        return true;
    }
    b.chars < 120 && is_chrome_phrase(&b.text)
}

/// "0:00", "27:26 / 1:02:03": what audio and video players print.
fn is_time_readout(text: &str) -> bool {
    let mut any = false;
    for token in text.split(|c: char| c.is_whitespace() || c == '/') {
        if token.is_empty() {
            continue;
        }
        if !token.contains(':') || !token.chars().all(|c| c.is_ascii_digit() || c == ':') {
            return false;
        }
        any = true;
    }
    any
}

const CHROME_STARTS: &[&str] = &[
    "read more", "read also", "also read", "also on ", "see also", "related:", "related articles",
    "related stories", "recommended", "more from", "more on this", "share this", "share on",
    "share:", "follow us", "sign up", "subscribe", "click here", "like this story",
    "advertisement", "continue reading", "you may also like", "you might also like",
    "read the full", "read next", "up next", "listen to this", "cookie", "we use cookies",
    "all rights reserved", "copyright ©", "©", "tags:", "filed under", "print this",
    "email this", "leave a comment", "comments", "loading",
];

fn is_chrome_phrase(text: &str) -> bool {
    let lower: String = text.chars().take(40).collect::<String>().to_lowercase();
    let lower = lower.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©');
    CHROME_STARTS.iter().any(|p| lower.starts_with(p))
        || text.contains("Share it with a friend")
}

/// Short unpunctuated blocks at the very start or end of the article are
/// bylines, datelines, kickers and button labels, not text.
fn trim_edges(blocks: &mut Vec<Block>) {
    let junk = |b: &Block| {
        !matches!(b.kind, Kind::Heading(_) | Kind::ListItem | Kind::Row)
            && b.chars < 40
            && b.punct == 0
    };
    while blocks.first().is_some_and(junk) {
        blocks.remove(0);
    }
    while blocks.last().is_some_and(junk) {
        blocks.pop();
    }
}

fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Drop the headline where it opens the body.
fn strip_headline(blocks: &mut Vec<Block>, headline: &str) {
    let h = normalize(headline);
    if h.is_empty() {
        return;
    }
    if let Some(pos) = blocks.iter().take(3).position(|b| normalize(&b.text) == h) {
        blocks.remove(pos);
    }
}

/// Join blocks into the plain-text body: paragraphs separated by a blank
/// line, consecutive list items and table rows by a single newline.
pub fn render_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut prev: Option<Kind> = None;
    for b in blocks {
        if let Some(p) = prev {
            let tight = matches!((p, b.kind), (Kind::ListItem, Kind::ListItem) | (Kind::Row, Kind::Row));
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        out.push_str(&b.text);
        prev = Some(b.kind);
    }
    out
}

/// A human-readable account of the decisions made on a page: large dropped
/// elements and why, the chosen roots. For debugging the heuristics.
#[doc(hidden)]
pub fn explain(text: &str) -> String {
    use std::fmt::Write;
    let html = crate::dom::parse(text);
    let dom = Dom::build(&html, 512);
    let cleaned = clean::clean(&dom, false);
    let raw = clean::text_lengths(&dom);
    let mut out = String::new();
    for i in 0..dom.len() {
        let parent = dom.nodes[i].parent as usize;
        if cleaned.dropped[i] && (parent == i || !cleaned.dropped[parent]) && raw[i] > 150 {
            let _ = writeln!(out, "drop {} chars={} {}", i, raw[i], describe(&dom, i));
        }
    }
    let all = blocks::blocks(&dom, &cleaned.dropped, true);
    let sums = select::subtree_sums(&dom, &all);
    let mut order: Vec<usize> = (0..dom.len()).filter(|&i| dom.nodes[i].tag().is_some()).collect();
    order.sort_by(|&a, &b| sums[b].total_cmp(&sums[a]));
    for &i in order.iter().take(8) {
        let _ = writeln!(out, "cand {i} sum={:.0} {}", sums[i], describe(&dom, i));
    }
    let sel = select::select(&dom, &all, &cleaned.hints);
    let _ = writeln!(out, "score {} listing {}", sel.score, sel.listing);
    for (s, e) in &sel.roots {
        let _ = writeln!(out, "root {s}..{e} {}", describe(&dom, *s));
    }
    out
}

fn describe(dom: &Dom<'_>, i: usize) -> String {
    let mut path = Vec::new();
    let mut j = i;
    for _ in 0..3 {
        let n = &dom.nodes[j];
        if let Some(el) = n.element() {
            let mut s = el.name().to_string();
            if let Some(id) = el.attr("id") {
                s.push('#');
                s.push_str(id);
            }
            if let Some(c) = el.attr("class") {
                s.push('.');
                s.push_str(&c.split_whitespace().collect::<Vec<_>>().join("."));
            }
            path.push(s);
        }
        if n.parent as usize == j {
            break;
        }
        j = n.parent as usize;
    }
    path.reverse();
    path.join(" > ")
}
