//! Cleaning: decide which elements can never be article content. A node is
//! dropped when its tag is chrome (script, nav, players…), when it is hidden
//! (`hidden`, `aria-hidden`, inline `display:none`), when its role names
//! chrome, or when its class/id names boilerplate (share bars, comments,
//! related teasers, consent banners, newsletter boxes, ads…).

use crate::chrome::{
    CHROME_ROLES, GATE_MAX_CHARS, GATE_READ_BYTES, GATE_SCAN_NODES, MEMBER_STATS_MAX_CHARS,
    chrome_tag, hidden_class, hidden_style, holds_tab_panels, is_inline_text, is_sign_in_gate,
    may_open_gate, member_stat_label, structural,
};
pub use crate::chrome::{HintMap, Hints};
use crate::dom::{Data, Dom, Tag};

/// Per-node facts the later stages share.
#[derive(Debug, Clone)]
pub struct Cleaned {
    /// Dropped nodes (the whole subtree).
    pub dropped: Vec<bool>,
    /// Class/id hints per node.
    pub hints: HintMap,
    /// Elements repeated among their siblings (same tag and class):
    /// [`repeated_items`], which the page-type features read too.
    pub repeated: Vec<bool>,
    /// Visible text dropped only for contextual class words.
    pub contextual_chars: u32,
    /// Of which named for a discussion (comments, replies).
    pub discussion_chars: u32,
    /// Why each outermost dropped element was dropped, in document order.
    pub reasons: Vec<(usize, Why)>,
}

/// Why cleaning dropped an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// `hidden`, `aria-hidden="true"`, an inline `display:none`.
    Hidden,
    /// The tag is never content (script, nav, aside, players…).
    Tag,
    /// The ARIA role names chrome.
    Role,
    /// A `<header>` outside the article: the site's.
    SiteHeader,
    /// One of several `<article>`s inside the article: teasers.
    Teaser,
    /// A form too small to hold the page: search, login, sign-up.
    SmallForm,
    /// The class or id names boilerplate (a strong word).
    StrongWord,
    /// A short element whose class or id names furniture (a weak word).
    WeakWord,
    /// A short box whose class or id names a prompt (paywall, gate).
    Prompt,
    /// A short box labelling two or more of a forum poster's statistics
    /// (joined, posts, likes…): read from its text, whatever its class.
    MemberStats,
    /// A short box opening with a sign-in prompt ("Create an account or
    /// sign in to comment"): read from its text, whatever its class.
    SignInGate,
}

/// Bits of the per-element facts the cleaner gathers bottom-up.
const HOLDS_MARKER: u8 = 1;
const HOLDS_HEADING: u8 = 2;

/// Visible text length of each subtree (non-whitespace characters).
pub fn text_lengths(dom: &Dom<'_>) -> Vec<u32> {
    let mut len = vec![0u32; dom.len()];
    for i in (0..dom.len()).rev() {
        match dom.tag(i) {
            // Scripts, styles and the like are not visible text.
            Some(tag) if chrome_tag(tag) && !structural(tag) => len[i] = 0,
            Some(_) => {}
            None => {
                if let Some(t) = dom.text_at(i) {
                    len[i] = crate::text::visible_chars(t) as u32;
                }
            }
        }
        if i > 0 {
            let p = dom.parent(i);
            if p != i {
                len[p] = len[p].saturating_add(len[i]);
            }
        }
    }
    len
}

/// Decide what to drop.
pub fn clean(dom: &Dom<'_>, relaxed: bool) -> Cleaned {
    clean_with(dom, relaxed, false)
}

/// [`clean`], keeping a discussion that holds most of the page's text
/// (`threads`): on a forum the thread is the content.
pub fn clean_with(dom: &Dom<'_>, relaxed: bool, threads: bool) -> Cleaned {
    clean_hinted(dom, &crate::chrome::hint_map(dom), relaxed, threads)
}

/// [`clean_with`], with every element's class/id hints already read.
pub fn clean_hinted(dom: &Dom<'_>, hints: &HintMap, relaxed: bool, threads: bool) -> Cleaned {
    let n = dom.len();
    let raw = text_lengths(dom);
    let body = dom.find(Tag::Body).unwrap_or(0);
    let total = raw.get(body).copied().unwrap_or(0).max(1);
    // Per element, a bit each: it holds one of the article's own markers
    // (its h1, <main>, the articleBody), so it is not chrome whatever its
    // class says; it holds a heading.
    let mut holds = vec![0u8; n];
    for i in (1..n).rev() {
        let Some(el) = dom.element(i) else {
            continue;
        };
        if el.tag().heading_level().is_some() {
            holds[i] |= HOLDS_HEADING;
        }
        let own = matches!(el.tag(), Tag::H1 | Tag::Main)
            || crate::chrome::names_article_body(el.attr("itemprop"));
        if own {
            holds[i] |= HOLDS_MARKER;
        }
        let p = dom.parent(i);
        if p != i {
            let up = holds[i];
            holds[p] |= up;
        }
    }
    let member_stats = member_stat_boxes(dom, &raw);
    let marker = |i: usize| holds[i] & HOLDS_MARKER != 0;
    let headed = |i: usize| holds[i] & HOLDS_HEADING != 0;
    let links = link_lengths(dom, &raw);
    // Built when a hidden element is first checked for being a copy.
    let mut shown: Option<ShownText> = None;
    let mut copy_checks = 0usize;
    let repeated = repeated_items(dom);
    let mut item_end = 0usize;
    let mut dropped = vec![false; n];
    let mut contextual_chars = 0u32;
    let mut discussion_chars = 0u32;
    let mut reasons = Vec::new();
    let mut hint_of = HintMap::with_len(n);
    // `inside_article` tracks whether a node is within article/main, where
    // a <header> holds the headline and lead rather than site chrome.
    let mut article_end = 0usize;
    let mut outer_article_end = 0usize;
    let mut outer_article = 0usize;
    // <article> children per element, counted once: asking each article
    // for its siblings is quadratic on a page of thousands of them. (A
    // byte each: only "two or more" is read.)
    let mut articles = vec![0u8; n];
    for i in 0..n {
        if dom.tag(i) == Some(Tag::Article) {
            if let Some(c) = articles.get_mut(dom.parent(i)) {
                *c = c.saturating_add(1);
            }
        }
    }
    let mut i = 0;
    while i < n {
        if dom.out_of_time() {
            break;
        }
        let end = dom.end(i);
        let parent = dom.parent(i);
        if i > 0 && parent != i && dropped[parent] {
            dropped[i] = true;
            i += 1;
            continue;
        }
        let Some(el) = dom.element(i) else {
            i += 1;
            continue;
        };
        let tag = el.tag();
        let attrs = el.common();
        let h = hints.get(i).unwrap_or_default();
        if repeated[i] {
            item_end = item_end.max(end);
        }
        hint_of.set(i, h);
        if matches!(tag, Tag::Article | Tag::Main) || attrs.itemprop == Some("articleBody") {
            article_end = article_end.max(end);
        }
        let article_outer_end = outer_article_end;
        if tag == Tag::Article && i >= outer_article_end {
            outer_article_end = end;
            outer_article = i;
        }
        let dominant = raw[i] * 5 > total * 2 && raw[i] > 1000;
        let marked_hidden = attrs.hidden.is_some()
            || attrs
                .aria_hidden
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
            || attrs.style.is_some_and(hidden_style)
            || attrs.kind.is_some_and(|v| v.eq_ignore_ascii_case("hidden"));
        // A hiding class is what scripts toggle: tabs, slides, accordion
        // panels, "read more" boxes and overlays hide by class the text
        // they disclose. Such an element is hidden only when it is a copy
        // of text shown elsewhere (a print or paywall copy, one of several
        // variants of a prompt).
        let class_hidden = !marked_hidden && attrs.class.is_some_and(hidden_class);
        let copy = (class_hidden || (marked_hidden && dominant)) && copy_checks < COPY_CHECKS && {
            copy_checks += 1;
            shown
                .get_or_insert_with(|| ShownText::new(dom))
                .elsewhere(dom, i, end)
        };
        let hidden = marked_hidden || (class_hidden && copy);
        let chrome_role = attrs.role.is_some_and(|r| {
            r.split_ascii_whitespace()
                .any(|r| CHROME_ROLES.contains(&r.to_ascii_lowercase().as_str()))
        }) && !holds_tab_panels(attrs.role, raw[i]);
        // Repeated <article>s inside an article are teasers ("you may also
        // like"), and a <header> outside the article is the site's.
        let teaser = tag == Tag::Article
            && i < article_outer_end
            && parent != i
            && articles[parent] >= 2
            // One holding half of the outer article's text is the story
            // itself (a reading view beside a listening view).
            && raw[i] * 2 < raw[outer_article];
        let site_header = tag == Tag::Header && i >= article_end;
        let why = if matches!(tag, Tag::Html | Tag::Body) || (structural(tag) && dominant) {
            None
        } else if hidden {
            // Streaming server renderers (React's `<div hidden id="S:0">`)
            // park the finished page in a hidden element that a script
            // moves into place; a hidden element holding most of the
            // page's text is such a page, not a hidden widget.
            // A hidden copy of text the page shows anyway (a paywall's copy
            // of the article beside the article) is neither.
            let deferred = attrs.id.is_some_and(|id| id.starts_with("S:"));
            let parked = dominant && !copy;
            (chrome_tag(tag) || !(deferred || parked)).then_some(Why::Hidden)
        } else if chrome_tag(tag) {
            Some(Why::Tag)
        } else if chrome_role {
            Some(Why::Role)
        } else if site_header {
            Some(Why::SiteHeader)
        } else if teaser {
            Some(Why::Teaser)
        } else if tag == Tag::Form {
            // Whole-page ASP.NET forms hold the article; small forms are
            // search boxes, logins and newsletter sign-ups.
            (raw[i] < 1000 || raw[i] * 3 < total).then_some(Why::SmallForm)
        } else if member_stats[i] && !marker(i) {
            Some(Why::MemberStats)
        } else if is_inline_text(tag) {
            // Class words on links and emphasis inside a sentence describe
            // the link ("recommendation-inline-link"), not a chrome block;
            // and a link reading "log in to reply" inside a sentence is the
            // sentence's (so this comes before the sign-in gate).
            None
        } else if !marker(i) && sign_in_gate(dom, i, end, raw[i]) {
            Some(Why::SignInGate)
        } else if h.strong_negative && (h.absolute || !relaxed) {
            // A mislabelled page wrapper (`content-sidebar-wrap`) holds
            // most of the page's text: keep it. No page names its wrapper
            // for its comments, though: a thread holding most of the text
            // is a long discussion under a short article, and goes, unless
            // the page is a forum (`threads`).
            let thread = h.discussion && !h.absolute && !threads;
            // Named only for finding one's way, but a headed section whose
            // text is more than its links: where the links lead (the
            // sections a table of contents jumps to), not the links.
            let destination = h.wayfinding
                && headed(i)
                && raw[i] >= WAYFINDING_TEXT_CHARS
                && links[i].saturating_mul(2) < raw[i];
            (!(marker(i) || (dominant && !thread) || destination)).then_some(Why::StrongWord)
        } else {
            // Inside the items of a list or grid, a short "date", "author",
            // "rating" or "video" part is the item's own (a product card's
            // format, a teaser's byline), not page furniture.
            let prompt = h.gated && !holds_text(tag);
            let short = !h.positive && raw[i] < SHORT_CHARS && i >= item_end;
            match (h.weak_negative, prompt) {
                (true, _) if short => Some(Why::WeakWord),
                (false, true) if short => Some(Why::Prompt),
                _ => None,
            }
        };
        let drop = why.is_some();
        if let Some(why) = why {
            reasons.push((i, why));
        }
        if drop && h.strong_negative && !h.absolute && !structural(tag) && !chrome_tag(tag) {
            contextual_chars = contextual_chars.saturating_add(raw[i]);
            if h.discussion {
                discussion_chars = discussion_chars.saturating_add(raw[i]);
            }
        }
        dropped[i] = drop;
        i += 1;
    }
    Cleaned {
        dropped,
        hints: hint_of,
        repeated,
        contextual_chars,
        discussion_chars,
        reasons,
    }
}

/// Below this much text an element is short: furniture (a label, a
/// byline, a prompt line) when its class says so, not a body of text.
const SHORT_CHARS: u32 = 200;

/// How much of a hidden element's first long text is looked for elsewhere
/// on the page: a sentence's worth, which two different texts do not share.
const COPY_PROBE_CHARS: usize = 60;

/// How many hidden elements a page has checked for being copies: a page
/// hides a few copies; past this many the rest count as no copy (each check
/// searches the page's text, and some pages hide thousands of items).
const COPY_CHECKS: usize = 64;

/// The page's shown text in one string (text nodes outside scripts,
/// titles and the like, each followed by a NUL, which no text node holds),
/// with where each node's text starts: one search per hidden element
/// asked whether it is a copy, not a walk of every node.
struct ShownText {
    text: String,
    start: Vec<usize>,
}

impl ShownText {
    fn new(dom: &Dom<'_>) -> ShownText {
        let mut text = String::new();
        let mut start = Vec::with_capacity(dom.len() + 1);
        for node in dom.iter() {
            start.push(text.len());
            if let Data::Text(t) = node.data {
                // Script data (JSON-LD's articleBody), titles and the like
                // are not shown.
                let shown = dom
                    .node(node.parent as usize)
                    .tag()
                    .is_some_and(|tag| !chrome_tag(tag));
                if shown {
                    text.push_str(t);
                    text.push('\0');
                }
            }
        }
        start.push(text.len());
        ShownText { text, start }
    }

    /// Whether the first long text under `i` (up to `end`) also stands in
    /// the page's shown text outside it: the element is a copy.
    fn elsewhere(&self, dom: &Dom<'_>, i: usize, end: usize) -> bool {
        let end = end.min(dom.len());
        let probe = (i..end).find_map(|j| match dom.node(j).data {
            Data::Text(t) => {
                let t = t.trim();
                let cut = t.char_indices().nth(COPY_PROBE_CHARS).map(|(k, _)| k)?;
                t.get(..cut)
            }
            _ => None,
        });
        let Some(probe) = probe else {
            return false;
        };
        let own =
            self.start.get(i).copied().unwrap_or(0)..self.start.get(end).copied().unwrap_or(0);
        memchr::memmem::find_iter(self.text.as_bytes(), probe.as_bytes())
            .any(|at| !own.contains(&at))
    }
}

/// The parts of a forum poster's box beside each post that label member
/// statistics ([`member_stat_label`]). The box is the innermost short
/// element labelling two or more; of it go the children that hold a label,
/// and the value (`<dd>`) after a label's `<dt>`, so the poster's name and
/// title, often in the same box, stay. A box whose labels stand loose in it
/// goes whole.
fn member_stat_boxes(dom: &Dom<'_>, raw: &[u32]) -> Vec<bool> {
    let n = dom.len();
    let mut drop = vec![false; n];
    let mut labels = vec![0u16; n];
    // An element below labels two or more: this one is not the innermost.
    let mut below = vec![false; n];
    for i in (1..n).rev() {
        let two = labels[i].count_ones() >= 2;
        if dom.element(i).is_some() {
            if two && !below[i] && raw[i] < MEMBER_STATS_MAX_CHARS {
                mark_member_stats(dom, i, &labels, &mut drop);
            }
        } else if let Some(t) = dom.text_at(i) {
            labels[i] = member_stat_label(t);
        }
        let p = dom.parent(i);
        if p != i {
            labels[p] |= labels[i];
            below[p] |= below[i] || two;
        }
    }
    drop
}

/// Mark what goes of the member-statistics box `b` (see
/// [`member_stat_boxes`]).
fn mark_member_stats(dom: &Dom<'_>, b: usize, labels: &[u16], drop: &mut [bool]) {
    let loose = dom
        .children(b)
        .any(|c| dom.element(c).is_none() && labels[c] != 0);
    if loose {
        drop[b] = true;
        return;
    }
    let mut after_label = false;
    for c in dom.children(b) {
        let Some(el) = dom.element(c) else {
            continue;
        };
        let value = after_label && el.tag() == Tag::Dd;
        if labels[c] != 0 || value {
            drop[c] = true;
        }
        after_label = labels[c] != 0 && el.tag() == Tag::Dt;
    }
}

/// Whether the element `i` (its subtree ending at `end`, `chars` of visible
/// text) is a sign-in gate ([`is_sign_in_gate`]): short, and its text opens
/// with the prompt. Cleaning walks outside in, so the outermost box that
/// opens with the prompt goes, with the buttons under it.
fn sign_in_gate(dom: &Dom<'_>, i: usize, end: usize, chars: u32) -> bool {
    if !(8..=GATE_MAX_CHARS).contains(&chars) {
        return false;
    }
    let last = end.min(i.saturating_add(1 + GATE_SCAN_NODES));
    let mut texts = (i + 1..last).filter_map(|j| dom.text_at(j));
    let Some(first) = texts.find(|t| !t.trim().is_empty()) else {
        return false;
    };
    if !may_open_gate(first) {
        return false;
    }
    let mut text = String::with_capacity(2 * GATE_READ_BYTES);
    for t in std::iter::once(first).chain(texts) {
        if text.len() >= GATE_READ_BYTES {
            break;
        }
        // (Past its indentation, a text is read only as far as its
        // opening: a run of whitespace costs no more than a line.)
        let t = crate::text::head(t.trim_start(), GATE_READ_BYTES);
        let at_start = text.is_empty();
        crate::text::push_collapsed(&mut text, t, at_start);
        if !text.ends_with(' ') {
            text.push(' ');
        }
    }
    is_sign_in_gate(text.trim().to_lowercase().as_str())
}

/// Below this much text an element named for wayfinding is a menu or a
/// skip link whatever its links: a label or two.
const WAYFINDING_TEXT_CHARS: u32 = 200;

/// Visible text inside links (`<a>`) of each subtree, from the subtree
/// text lengths `raw`.
fn link_lengths(dom: &Dom<'_>, raw: &[u32]) -> Vec<u32> {
    let n = dom.len();
    let mut len = vec![0u32; n];
    let mut link_end = 0usize;
    // (Tags and ends only: no node's text is read.)
    for (i, slot) in len.iter_mut().enumerate() {
        if i >= link_end && dom.tag(i) == Some(Tag::A) {
            *slot = raw.get(i).copied().unwrap_or(0);
            link_end = dom.end(i);
        }
    }
    for i in (1..n).rev() {
        let p = dom.parent(i);
        if p != i {
            len[p] = len[p].saturating_add(len[i]);
        }
    }
    len
}

/// Elements that are a run of text themselves, not a box around others: a
/// class word on them describes the text (gated, highlighted), not a widget.
fn holds_text(tag: Tag) -> bool {
    tag.heading_level().is_some()
        || matches!(
            tag,
            Tag::P | Tag::Li | Tag::Blockquote | Tag::Span | Tag::Ul | Tag::Ol | Tag::Figure
        )
}

/// Elements with an element sibling of the same tag and class: the items of
/// a list, grid or feed. One pass, comparing each element with the previous
/// element child of its parent.
pub(crate) fn repeated_items(dom: &Dom<'_>) -> Vec<bool> {
    let n = dom.len();
    let mut repeated = vec![false; n];
    // Each node's children in turn (every node is one node's child, so
    // this is one pass), each element beside the element before it.
    for p in 0..n {
        let mut last: Option<(usize, Tag, Option<&str>)> = None;
        for i in dom.children(p) {
            let Some(el) = dom.element(i) else {
                continue;
            };
            let (tag, class) = (el.tag(), el.class());
            if let Some((l, ltag, lclass)) = last {
                if ltag == tag && lclass == class {
                    repeated[i] = true;
                    repeated[l] = true;
                }
            }
            last = Some((i, tag, class));
        }
    }
    repeated
}
