//! Selection: find the part of the page that is the article. Each block gets
//! a weight (positive for sentences of prose, negative for link lists and
//! stray short text); every element scores the sum over its subtree; the
//! element with the best (hint-adjusted) sum is the article, and positive
//! sibling elements beside it join it.

use super::blocks::{Block, Kind};
use super::clean::{HintMap, Hints};
use crate::dom::{Data, Dom, Tag};

/// The weight of one block as evidence of article text.
pub fn block_weight(b: &Block) -> f32 {
    let c = b.chars as f32;
    let ld = b.link_density();
    match b.kind {
        Kind::Heading(_) => {
            if ld > 0.5 {
                -0.5 * c
            } else {
                0.0
            }
        }
        _ if ld > 0.5 => -c,
        Kind::Pre => c * 0.5,
        _ => {
            if c >= 120.0 || (c >= 50.0 && b.punct >= 1) || b.punct >= 3 {
                c * (1.0 - ld)
            } else {
                -0.3 * c
            }
        }
    }
}

fn bonus(dom: &Dom<'_>, i: usize, h: Hints) -> f32 {
    let node = dom.node(i);
    let mut b: f32 = 0.0;
    match node.tag() {
        Some(Tag::Article) | Some(Tag::Main) => b += 0.15,
        Some(Tag::Body) | Some(Tag::Html) => b -= 0.02,
        _ => {}
    }
    if node
        .attr("itemprop")
        .is_some_and(|v| v.contains("articleBody") || v.contains("text"))
    {
        b += 0.2;
    }
    if node
        .attr("role")
        .is_some_and(|r| r == "main" || r == "article")
    {
        b += 0.1;
    }
    if h.positive {
        b += 0.1;
    }
    b
}

/// The chosen article: the element subtrees whose blocks make the body.
#[derive(Debug, Clone)]
pub struct Selection {
    /// `(start, end)` index ranges of the chosen subtrees, in document order.
    pub roots: Vec<(usize, usize)>,
    /// The page has no real prose (a listing, a shop grid, a link hub): the
    /// main region is kept whole, links included.
    pub listing: bool,
    /// The chosen region's prose score.
    pub score: f32,
}

impl Selection {
    /// Whether a block owned by `owner` is inside the selection.
    pub fn contains(&self, owner: usize) -> bool {
        // The roots are sorted and disjoint: a search, not a scan per block
        // (a page can have thousands of roots).
        let after = self.roots.partition_point(|&(s, _)| s <= owner);
        after > 0 && self.roots.get(after - 1).is_some_and(|&(_, e)| owner < e)
    }
}

/// Each element's subtree sum of block weights.
pub fn subtree_sums(dom: &Dom<'_>, blocks: &[Block]) -> Vec<f32> {
    let n = dom.len();
    let mut sum = vec![0f32; n];
    for b in blocks {
        if let Some(s) = sum.get_mut(b.owner) {
            *s += block_weight(b);
        }
    }
    for i in (1..n).rev() {
        let p = dom.parent(i);
        if p != i {
            sum[p] += sum[i];
        }
    }
    sum
}

/// Per-element sums the selection reads, and the best-scoring element.
#[derive(Debug, Clone)]
pub struct Scores {
    /// Subtree sums of block weights.
    pub sum: Vec<f32>,
    /// Subtree block characters.
    pub chars: Vec<f32>,
    /// Subtree link characters.
    pub links: Vec<f32>,
    /// The `<body>` (or the root).
    pub body: usize,
    /// The element with the best hint-adjusted score.
    pub best: usize,
    /// Its score.
    pub best_score: f32,
}

impl Scores {
    /// Block characters outside links under `i`.
    pub fn own(&self, i: usize) -> f32 {
        self.chars.get(i).copied().unwrap_or(0.0) - self.links.get(i).copied().unwrap_or(0.0)
    }
}

/// Score every element and find the best.
pub fn score(dom: &Dom<'_>, blocks: &[Block], hints: &HintMap) -> Scores {
    let n = dom.len();
    let sum = subtree_sums(dom, blocks);
    // Link density of each subtree: teaser lists and link farms are text
    // under headline links.
    let mut chars = vec![0f32; n];
    let mut links = vec![0f32; n];
    for b in blocks {
        if b.owner < n {
            chars[b.owner] += b.chars as f32;
            links[b.owner] += b.link_chars as f32;
        }
    }
    for i in (1..n).rev() {
        let p = dom.parent(i);
        if p != i {
            chars[p] += chars[i];
            links[p] += links[i];
        }
    }
    let body = dom.find(Tag::Body).unwrap_or(0);
    let mut best = body;
    let mut best_score = f32::MIN;
    for i in 0..n {
        if dom.tag(i).is_none() || sum[i] <= 0.0 {
            continue;
        }
        let density = if chars[i] > 0.0 {
            links[i] / chars[i]
        } else {
            0.0
        };
        let score = sum[i]
            * (1.0 - density).powi(2)
            * (1.0 + bonus(dom, i, hints.get(i).unwrap_or_default()));
        // `>=` so that on a tie the deeper (later in pre-order) node wins.
        if score >= best_score {
            best_score = score;
            best = i;
        }
    }
    Scores {
        sum,
        chars,
        links,
        body,
        best,
        best_score,
    }
}

/// Whether the best prose is too little to be an article: a listing page,
/// unless that little prose is most of what the page says (a short news
/// item among navigation).
pub fn looks_like_listing(s: &Scores) -> bool {
    let page_chars = s.chars.get(s.body).copied().unwrap_or(0.0).max(1.0);
    let best_chars = s.chars.get(s.best).copied().unwrap_or(0.0);
    let short_listing = s.best_score < 1000.0 && best_chars / page_chars < 0.2;
    s.best_score < LISTING_THRESHOLD || short_listing
}

/// The article's subtrees: the best element, narrowed to the page's own
/// article container inside it, with the sibling elements that carry prose
/// of their own.
pub fn article_roots(
    dom: &Dom<'_>,
    s: &Scores,
    hints: &HintMap,
    headline: Option<&str>,
) -> Vec<(usize, usize)> {
    let sum = &s.sum;
    let mut best = s.best;
    // A page's own article container (an <article>, articleBody, or a
    // content-named element) inside the best region wins when it holds a
    // good share of it: the rest of the region is then teasers and extras.
    let best_end = dom.end(best);
    let mut semantic: Option<(usize, f32)> = None;
    for i in best + 1..best_end {
        let node = dom.node(i);
        let is_container = node.tag() == Some(Tag::Article)
            || crate::chrome::names_article_body(node.attr("itemprop"))
            || hints.get(i).is_some_and(|h| h.positive) && node.tag().is_some_and(|t| t.is_block());
        if !is_container || sum[i] < sum[best] * 0.5 {
            continue;
        }
        // A box that only its class calls content does not split a run of
        // entries: one with prose of its own outside it (a thread's first
        // post beside the box of replies) is as much the region's.
        if !declares_article(dom, i) && entry_outside(dom, sum, (best + 1, best_end), i) {
            continue;
        }
        // The deepest such container that still holds the share.
        if semantic.is_none_or(|(_, s)| sum[i] >= s * 0.9) {
            semantic = Some((i, sum[i]));
        }
    }
    if let Some((i, _)) = semantic {
        best = i;
    }
    // A page that runs stories on (the next one appended below, a second
    // story beside it) marks up each as an entry with its own <h1>: the
    // page's story is the one headed by the page's headline, however much
    // more the other says.
    if let Some(story) = headline.and_then(|h| headline_story(dom, sum, s.best, best, h)) {
        best = story;
    }
    let mut roots = vec![(best, dom.end(best))];
    // Siblings with prose of their own join the article: content split into
    // several containers with chrome between them.
    let anchor = best;
    let parent = dom.parent(anchor);
    if parent != anchor && !declares_article(dom, anchor) {
        let threshold = (sum[best] * 0.1).max(60.0);
        for sib in dom.children(parent) {
            if sib != anchor && dom.tag(sib).is_some() && sum[sib] >= threshold {
                roots.push((sib, dom.end(sib)));
            }
        }
        roots.sort_unstable();
    }
    roots
}

/// Inside `region`, the one entry (see [`is_entry`]) with prose of its own
/// whose `<h1>` reads as `headline`, when `chosen` is neither inside it nor
/// holds that `<h1>`: the page's own story, which another story outweighed.
fn headline_story(
    dom: &Dom<'_>,
    sum: &[f32],
    region: usize,
    chosen: usize,
    headline: &str,
) -> Option<usize> {
    let want = super::normalize(headline);
    if want.is_empty() {
        return None;
    }
    let region_end = dom.end(region);
    let chosen_end = dom.end(chosen);
    let mut found = None;
    for i in region + 1..region_end {
        if dom.tag(i) != Some(Tag::H1) || super::normalize(&subtree_text(dom, i)) != want {
            continue;
        }
        if (chosen..chosen_end).contains(&i) {
            return None;
        }
        // The innermost entry around this <h1>.
        let mut e = dom.parent(i);
        while e > region && !(is_entry(dom, e) && dom.tag(e) != Some(Tag::P)) {
            let p = dom.parent(e);
            if p == e {
                break;
            }
            e = p;
        }
        if e <= region || (e..dom.end(e)).contains(&chosen) {
            continue;
        }
        if sum[e] < MIN_STORY_WEIGHT || found.is_some_and(|f| f != e) {
            return None;
        }
        found = Some(e);
    }
    found
}

/// The text under `i`, its nodes joined.
fn subtree_text(dom: &Dom<'_>, i: usize) -> String {
    let end = (dom.end(i)).min(dom.len());
    (i..end)
        .filter_map(|j| match dom.node(j).data {
            Data::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// Less prose than this under an entry is a teaser of the story, not the
/// story (the sibling-join floor).
const MIN_STORY_WEIGHT: f32 = 60.0;

/// Whether `inner` holds entries (see [`is_entry`]) and an entry inside
/// `region` but outside it holds prose enough to join an article as a
/// sibling: the run of entries would be split.
fn entry_outside(dom: &Dom<'_>, sum: &[f32], region: (usize, usize), inner: usize) -> bool {
    let inner_end = dom.end(inner);
    // Entries that are boxes: a paragraph marked `articleBody` (one per
    // paragraph on some pages) is a part of one.
    let boxed = |j: usize| is_entry(dom, j) && dom.tag(j) != Some(Tag::P);
    // Only a box of entries can split their run.
    if !(inner + 1..inner_end).any(boxed) {
        return false;
    }
    let threshold = (sum[inner] * 0.1).max(60.0);
    let mut j = region.0;
    while j < region.1 {
        if j == inner {
            j = inner_end.max(j + 1);
            continue;
        }
        if boxed(j) && sum[j] >= threshold && !(j < inner && inner < dom.end(j)) {
            return true;
        }
        j += 1;
    }
    false
}

/// Whether the element says it is the article (an `<article>`, the
/// `articleBody`): its bounds are the page's own, and what stands beside it
/// (teasers, the next story) is not more of it.
fn declares_article(dom: &Dom<'_>, i: usize) -> bool {
    let node = dom.node(i);
    node.tag() == Some(Tag::Article) || crate::chrome::names_article_body(node.attr("itemprop"))
}

/// Pick the article's subtrees.
pub fn select(dom: &Dom<'_>, blocks: &[Block], hints: &HintMap) -> Selection {
    select_scored(dom, &score(dom, blocks, hints), hints)
}

/// [`select`] from the scores already computed for these blocks.
pub fn select_scored(dom: &Dom<'_>, s: &Scores, hints: &HintMap) -> Selection {
    if looks_like_listing(s) {
        let mut sel = listing_region(dom, &s.chars, s.body);
        sel.score = s.best_score.max(0.0);
        return sel;
    }
    let mut roots = article_roots(dom, s, hints, None);
    // Prose that is only a small part of what the page says outside links
    // is one section of a page made of sections (a service page, a product
    // page, a hub): the page's main region is the content. An article's
    // text is most of its page once the link lists are set aside.
    let chosen: f32 = roots.iter().map(|&(r, _)| s.own(r)).sum();
    let region = main_region(dom, &s.chars, s.body);
    if chosen < s.own(region) * SECTION_SHARE {
        roots = vec![(region, dom.end(region))];
    }
    Selection {
        roots,
        listing: false,
        score: s.best_score,
    }
}

/// Below this much weighted prose the page is not an article.
const LISTING_THRESHOLD: f32 = 150.0;

/// Below this share of the main region's unlinked text, the chosen prose
/// is one section among others.
const SECTION_SHARE: f32 = 0.5;

/// For pages without prose: the `<main>` region when it holds most of the
/// visible text, else the body.
pub fn listing_region(dom: &Dom<'_>, chars: &[f32], body: usize) -> Selection {
    let root = main_region(dom, chars, body);
    let end = dom.get(root).map_or(dom.len(), |r| r.end as usize);
    Selection {
        roots: vec![(root, end)],
        listing: true,
        score: 0.0,
    }
}

/// The `<main>` (or `role=main`) element when it holds at least half of the
/// page's block text (`chars`: per-subtree sums), else the body.
pub fn main_region(dom: &Dom<'_>, chars: &[f32], body: usize) -> usize {
    let total = chars.get(body).copied().unwrap_or(0.0);
    (0..dom.len())
        .find(|&i| {
            // (Elements only, read in place: no text node is built.)
            dom.element(i).is_some_and(|el| {
                (el.tag() == Tag::Main || el.attr("role") == Some("main"))
                    && chars[i] * 2.0 >= total
            })
        })
        .unwrap_or(body)
}

/// Classes that mark an element as one entry (microformats 1 and 2).
const ENTRY_CLASSES: [&str; 2] = ["hentry", "h-entry"];

/// Schema.org type name endings of an entry (`NewsArticle`, `BlogPosting`).
const ENTRY_SCHEMA_ENDINGS: [&str; 2] = ["Article", "Posting"];

/// Whether an element marks itself up as one entry: an `<article>`, a
/// microformats entry class, a schema.org article or posting, or an
/// `articleBody`. One read of the element's attributes: this runs for
/// every element the walk below visits.
fn is_entry(dom: &Dom<'_>, i: usize) -> bool {
    let Some(el) = dom.element(i) else {
        return false;
    };
    if el.tag() == Tag::Article {
        return true;
    }
    let c = el.common();
    c.class.is_some_and(|c| {
        c.split_ascii_whitespace()
            .any(|w| ENTRY_CLASSES.iter().any(|e| w.eq_ignore_ascii_case(e)))
    }) || crate::chrome::names_article_body(c.itemprop)
        || c.itemtype.is_some_and(|t| {
            let kind = t.rsplit('/').next().unwrap_or(t);
            ENTRY_SCHEMA_ENDINGS.iter().any(|e| kind.ends_with(e))
        })
}

/// hAtom's class for an entry's content. Some blog engines (Movable Type,
/// TypePad) mark a post's text with it while the post's own box carries no
/// entry class: the one content of the page is then its one entry.
const ENTRY_CONTENT_CLASSES: [&str; 1] = ["entry-content"];

/// Whether an element is marked up as an entry's content (hAtom).
fn is_entry_content(dom: &Dom<'_>, i: usize) -> bool {
    dom.element(i)
        .and_then(|el| el.common().class)
        .is_some_and(|c| {
            c.split_ascii_whitespace().any(|w| {
                ENTRY_CONTENT_CLASSES
                    .iter()
                    .any(|e| w.eq_ignore_ascii_case(e))
            })
        })
}

/// The page's one entry: the only outermost element, among those cleaning
/// kept, that marks itself up as an entry and holds text. A page of many
/// items marks up many; a page with one is that item's page. A page that
/// marks up no entry but exactly one entry's content has that content as
/// its entry. An entry whose text is all links (an aggregator's story link
/// above its discussion) points elsewhere and is not the page's content.
pub fn single_entry(dom: &Dom<'_>, dropped: &[bool], s: &Scores) -> Option<usize> {
    let found = match only_outermost(dom, dropped, s, is_entry) {
        Only::None => match only_outermost(dom, dropped, s, is_entry_content) {
            Only::One(e) => Some(e),
            _ => None,
        },
        Only::One(e) => Some(e),
        Only::Many => None,
    };
    found.filter(|&e| s.own(e) > 0.0)
}

/// How many outermost kept elements with text a test picks out.
enum Only {
    None,
    One(usize),
    Many,
}

/// The one outermost element, among those cleaning kept, that `test`
/// picks out and that holds text.
fn only_outermost(
    dom: &Dom<'_>,
    dropped: &[bool],
    s: &Scores,
    test: fn(&Dom<'_>, usize) -> bool,
) -> Only {
    let mut found = Only::None;
    let mut i = 0;
    while i < dom.len() {
        let end = dom.end(i);
        if dropped.get(i).copied().unwrap_or(false) {
            i = end.max(i + 1);
            continue;
        }
        if dom.tag(i).is_some()
            && !matches!(dom.tag(i), Some(Tag::Body) | Some(Tag::Html))
            && test(dom, i)
            && s.chars.get(i).copied().unwrap_or(0.0) > 0.0
        {
            if matches!(found, Only::One(_)) {
                return Only::Many;
            }
            found = Only::One(i);
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    found
}
