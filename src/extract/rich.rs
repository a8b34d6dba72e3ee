//! Rich blocks: what the Markdown and HTML renderers need beyond a block's
//! plain text. The block pass fills a [`Rich`] for every block only when a
//! structured body is asked for, so every decision (cleaning, selection,
//! filters, trimming) stays the one made on plain blocks and the three
//! renderings always hold the same text.
//!
//! Inline content is recorded as events at byte offsets of the block's raw
//! text buffer; when the block is cut, the same trimming the plain text gets
//! is applied to the events, so the concatenated [`Inline::Text`] pieces
//! (with [`Inline::Break`] as a newline) are exactly `Block::text`.

use std::collections::BTreeMap;

use url::Url;

use super::blocks::{Block, Kind};
use crate::Options;
use crate::dom::{Dom, Tag};

/// Inline formatting in force over a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Marks {
    /// Inside `strong` or `b`.
    pub strong: bool,
    /// Inside `em` or `i`.
    pub em: bool,
    /// Inside `code` (outside `pre`).
    pub code: bool,
    /// Inside a link: the `a` element's node index (see [`Rich::links`]).
    pub link: Option<u32>,
}

/// A mark as the renderers open and close it, in a fixed nesting order:
/// link outermost, then strong, em, code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A link, by its `a` node index.
    Link(u32),
    /// Strong emphasis.
    Strong,
    /// Emphasis.
    Em,
    /// Inline code.
    Code,
}

impl Marks {
    /// The marks a renderer opens over this run: links only when `links`
    /// and the link has a usable target, code only when `code`, everything
    /// emphasised when `force_em` (captions).
    pub fn wanted(&self, rich: &Rich, links: bool, code: bool, force_em: bool) -> Vec<Mark> {
        let mut w = Vec::with_capacity(4);
        if let (true, Some(l), Some(_)) = (links, self.link, rich.href(self.link)) {
            w.push(Mark::Link(l));
        }
        if self.strong {
            w.push(Mark::Strong);
        }
        if self.em || force_em {
            w.push(Mark::Em);
        }
        if self.code && code {
            w.push(Mark::Code);
        }
        w
    }
}

/// One table cell's own facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellInfo {
    /// The `td`/`th` node index.
    pub node: u32,
    /// A `th`.
    pub header: bool,
    /// Columns spanned (1..=64).
    pub colspan: u16,
    /// Rows spanned (1..=64).
    pub rowspan: u16,
}

/// A piece of a block's inline content.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text, whitespace as in `Block::text` (tabs separate table cells).
    Text(String, Marks),
    /// A line break (`<br>`): a newline in `Block::text`.
    Break,
    /// An inline image (no text in the plain body).
    Image {
        /// The image URL (resolved by [`prepare`]).
        src: String,
        /// The alternative text.
        alt: String,
        /// Marks in force (a linked image keeps its link).
        marks: Marks,
    },
    /// A table cell starts here (in table rows).
    Cell(CellInfo),
}

/// A container the block sits in, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// A `blockquote`.
    Quote {
        /// Its node index.
        node: u32,
    },
    /// A list item.
    Item {
        /// The `li` node index.
        li: u32,
        /// The list's node index (`ul`/`ol`, or the parent of a stray `li`).
        list: u32,
        /// In an `ol`.
        ordered: bool,
        /// The item's number in an ordered list (from `start`/`value`).
        number: u32,
    },
}

impl Container {
    /// The element's node index.
    pub fn node(&self) -> u32 {
        match *self {
            Container::Quote { node } => node,
            Container::Item { li, .. } => li,
        }
    }
}

/// Where a block sits in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TablePos {
    /// The `table` node index.
    pub table: u32,
    /// The `tr`, unless the block is the table's caption.
    pub row: Option<u32>,
    /// The row is in a `thead`.
    pub head: bool,
    /// The cell, when the block's owner is inside one (a `p` in a `td`);
    /// row blocks carry [`Inline::Cell`] markers instead.
    pub cell: Option<CellInfo>,
}

/// An image with its alternative text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The image URL.
    pub src: String,
    /// The alternative text.
    pub alt: String,
}

/// A block's structured rendering.
#[derive(Debug, Clone, Default)]
pub struct Rich {
    /// Position among all blocks of the pass (orders set-aside captions).
    pub seq: u32,
    /// The inline content.
    pub inlines: Vec<Inline>,
    /// Link targets by `a` node index; `None` when unsafe or unresolvable.
    pub links: Vec<(u32, Option<String>)>,
    /// Blockquotes and list items around the block, outermost first.
    pub containers: Vec<Container>,
    /// The outermost table the block is in.
    pub table: Option<TablePos>,
    /// The innermost table, when tables nest.
    pub inner_table: Option<TablePos>,
    /// The `pre` the block is in, with its language hint.
    pub code: Option<(u32, Option<String>)>,
    /// For figure captions: the figure's image.
    pub figure: Option<Image>,
}

impl Rich {
    /// The link target of a link mark.
    pub fn href(&self, link: Option<u32>) -> Option<&str> {
        let node = link?;
        // `links` is in document order: a search, not a scan per inline.
        let at = self.links.binary_search_by_key(&node, |(n, _)| *n).ok()?;
        self.links.get(at).and_then(|(_, h)| h.as_deref())
    }

    /// The plain text the inlines hold: equals `Block::text`.
    #[cfg_attr(not(feature = "_internal"), allow(dead_code))] // for tests, via `_internal`
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for i in &self.inlines {
            match i {
                Inline::Text(t, _) => out.push_str(t),
                Inline::Break => out.push('\n'),
                _ => {}
            }
        }
        out
    }
}

/// Inline events recorded while text accumulates.
#[derive(Debug)]
pub(super) enum Event {
    Style(Marks),
    Image { src: String, alt: String },
    Cell(CellInfo),
}

/// The block pass's extra state when rich output is on.
#[derive(Debug, Default)]
pub(super) struct State {
    events: Vec<(usize, Event)>,
    /// Open inline elements: (end, tag, node).
    inline: Vec<(usize, Tag, u32)>,
    marks: Marks,
    last: Marks,
    /// Open table cells (nested tables nest them).
    cells: Vec<(usize, CellInfo)>,
    figure_end: usize,
    numbers: BTreeMap<u32, u32>,
    /// The image of the figure last looked up: every caption block of a
    /// figure asks, and a scan each would be quadratic.
    figure_image: Option<(usize, Option<Image>)>,
    langs: BTreeMap<u32, Option<String>>,
    seq: u32,
}

impl State {
    /// Close the inline elements and cells that ended before node `i`.
    pub(super) fn close(&mut self, i: usize) {
        let before = self.inline.len();
        while self.inline.last().is_some_and(|&(end, _, _)| i >= end) {
            self.inline.pop();
        }
        if self.inline.len() != before {
            self.recompute();
        }
        while self.cells.last().is_some_and(|&(end, _)| i >= end) {
            self.cells.pop();
        }
    }

    fn recompute(&mut self) {
        let mut m = Marks::default();
        for &(_, tag, node) in &self.inline {
            match tag {
                Tag::Strong | Tag::B => m.strong = true,
                Tag::Em | Tag::I => m.em = true,
                Tag::Code => m.code = true,
                Tag::A => m.link = Some(node),
                _ => {}
            }
        }
        self.marks = m;
    }

    /// An element opens at `i` (after the plain pass handled it).
    pub(super) fn open(&mut self, dom: &Dom<'_>, i: usize, tag: Tag, at: usize, in_pre: bool) {
        let end = dom.end(i);
        match tag {
            Tag::Strong | Tag::B | Tag::Em | Tag::I | Tag::A => {
                self.inline.push((end, tag, i as u32));
                self.recompute();
            }
            Tag::Code if !in_pre => {
                self.inline.push((end, tag, i as u32));
                self.recompute();
            }
            Tag::Td | Tag::Th => {
                let info = cell_info(dom, i);
                self.cells.push((end, info));
                self.events.push((at, Event::Cell(info)));
            }
            Tag::Figure => self.figure_end = self.figure_end.max(end),
            Tag::Img if i >= self.figure_end => {
                // Figure images go with their caption instead.
                let node = dom.node(i);
                if let Some(src) = node.element().and_then(image_src) {
                    let alt = node.attr("alt").map(crate::text::collapse);
                    self.events.push((
                        at,
                        Event::Image {
                            src: src.to_string(),
                            alt: alt.unwrap_or_default(),
                        },
                    ));
                }
            }
            _ => {}
        }
    }

    /// Text is about to be appended at byte offset `at`.
    pub(super) fn text(&mut self, at: usize) {
        if self.marks != self.last {
            self.events.push((at, Event::Style(self.marks)));
            self.last = self.marks;
        }
    }

    /// The block's rich rendering, from its raw text buffer. Called for
    /// every block that is kept by the pass.
    pub(super) fn build(
        &mut self,
        dom: &Dom<'_>,
        dropped: &[bool],
        raw: &str,
        owner: usize,
        kind: Kind,
        tables: bool,
    ) -> Rich {
        let ranges = kept_ranges(raw, kind == Kind::Pre);
        let inlines = slice(raw, &ranges, &mut self.events);
        let mut rich = Rich {
            seq: self.seq,
            inlines,
            ..Rich::default()
        };
        self.seq += 1;
        let mut links: Vec<u32> = Vec::new();
        for i in &rich.inlines {
            let m = match i {
                Inline::Text(_, m) | Inline::Image { marks: m, .. } => m,
                _ => continue,
            };
            // Links nest in the tree, so a link's inlines are contiguous
            // and come in document order: checking the last one dedupes.
            if let Some(l) = m.link {
                if links.last() != Some(&l) {
                    links.push(l);
                }
            }
        }
        rich.links = links
            .into_iter()
            .map(|l| {
                let href = dom.node(l as usize).attr("href").map(str::to_string);
                (l, href)
            })
            .collect();
        self.context(dom, owner, tables, &mut rich);
        if kind == Kind::Caption {
            rich.figure = self.figure_image(dom, dropped, owner);
        }
        rich
    }

    /// Forget the block just cut; what is still open goes on in the next.
    pub(super) fn reset(&mut self) {
        self.events.clear();
        self.last = Marks::default();
        if let Some(&(_, info)) = self.cells.last() {
            self.events.push((0, Event::Cell(info)));
        }
    }

    /// Containers, tables and `pre` around the owner: one walk up the
    /// parents (iterative; the depth is capped by `Options::max_depth`).
    fn context(&mut self, dom: &Dom<'_>, owner: usize, tables: bool, rich: &mut Rich) {
        let mut containers = Vec::new();
        let mut found: Vec<TablePos> = Vec::new();
        let (mut td, mut tr, mut head) = (None, None, false);
        let mut j = owner;
        loop {
            let node = dom.node(j);
            let parent = node.parent as usize;
            match node.tag() {
                Some(Tag::Blockquote) => containers.push(Container::Quote { node: j as u32 }),
                Some(Tag::Li) => {
                    let ptag = dom.tag(parent);
                    let ordered = ptag == Some(Tag::Ol);
                    let number = if ordered {
                        self.number(dom, parent, j)
                    } else {
                        0
                    };
                    containers.push(Container::Item {
                        li: j as u32,
                        list: parent as u32,
                        ordered,
                        number,
                    });
                }
                Some(Tag::Td | Tag::Th) if tables && td.is_none() => td = Some(cell_info(dom, j)),
                Some(Tag::Tr) if tables && tr.is_none() => tr = Some(j as u32),
                Some(Tag::Thead) if tables => head = true,
                Some(Tag::Table) if tables => {
                    found.push(TablePos {
                        table: j as u32,
                        row: tr,
                        head,
                        cell: td,
                    });
                    (td, tr, head) = (None, None, false);
                }
                Some(Tag::Pre) if rich.code.is_none() => {
                    let lang = self
                        .langs
                        .entry(j as u32)
                        .or_insert_with(|| code_language(dom, j))
                        .clone();
                    rich.code = Some((j as u32, lang));
                }
                _ => {}
            }
            if parent == j {
                break;
            }
            j = parent;
        }
        // Hostile nesting would make every line's prefix huge.
        containers.truncate(32);
        containers.reverse();
        rich.containers = containers;
        rich.table = found.last().copied();
        if found.len() > 1 {
            rich.inner_table = found.first().copied();
        }
    }

    /// The number of `li` in ordered list `list`: its `start`, counted on,
    /// `value` resetting the count. Numbered once per list.
    fn number(&mut self, dom: &Dom<'_>, list: usize, li: usize) -> u32 {
        if let Some(&n) = self.numbers.get(&(li as u32)) {
            return n;
        }
        let mut next: i64 = dom
            .node(list)
            .attr("start")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1);
        for child in dom.children(list) {
            if dom.tag(child) != Some(Tag::Li) {
                continue;
            }
            if let Some(v) = dom
                .node(child)
                .attr("value")
                .and_then(|s| s.trim().parse::<i64>().ok())
            {
                next = v;
            }
            // Markdown allows at most nine digits.
            let n = next.clamp(0, 999_999_999) as u32;
            self.numbers.insert(child as u32, n);
            next = next.saturating_add(1);
        }
        self.numbers.get(&(li as u32)).copied().unwrap_or(1)
    }
}

fn cell_info(dom: &Dom<'_>, i: usize) -> CellInfo {
    let node = dom.node(i);
    let span = |name: &str| {
        node.attr(name)
            .and_then(|s| s.trim().parse::<u16>().ok())
            .unwrap_or(1)
            .clamp(1, 64)
    };
    CellInfo {
        node: i as u32,
        header: node.tag() == Some(Tag::Th),
        colspan: span("colspan"),
        rowspan: span("rowspan"),
    }
}

/// An image's URL: lazy-loading attributes first (their `src` is often a
/// placeholder), then `src`, then the first `srcset` candidate.
pub(super) fn image_src(el: crate::dom::El<'_>) -> Option<&str> {
    for name in ["data-src", "data-lazy-src", "data-original", "src"] {
        if let Some(v) = el.attr(name).map(str::trim) {
            if !v.is_empty() && !v.starts_with("data:") {
                return Some(v);
            }
        }
    }
    for name in ["srcset", "data-srcset"] {
        let first = el
            .attr(name)
            .and_then(|s| s.split(',').next())
            .and_then(|c| c.split_whitespace().next());
        if let Some(v) = first.filter(|v| !v.starts_with("data:")) {
            return Some(v);
        }
    }
    None
}

impl State {
    /// The first image of the figure around a caption, once per figure.
    fn figure_image(&mut self, dom: &Dom<'_>, dropped: &[bool], owner: usize) -> Option<Image> {
        let figure = enclosing_figure(dom, owner)?;
        if let Some((f, image)) = &self.figure_image {
            if *f == figure {
                return image.clone();
            }
        }
        let image = figure_image(dom, dropped, figure);
        self.figure_image = Some((figure, image.clone()));
        image
    }
}

/// The `figure` element around `owner`.
fn enclosing_figure(dom: &Dom<'_>, owner: usize) -> Option<usize> {
    let mut j = owner;
    loop {
        let node = dom.get(j)?;
        if node.tag() == Some(Tag::Figure) {
            return Some(j);
        }
        if node.parent as usize == j {
            return None;
        }
        j = node.parent as usize;
    }
}

/// The first image of `figure`, outside its caption.
fn figure_image(dom: &Dom<'_>, dropped: &[bool], figure: usize) -> Option<Image> {
    let end = dom.end(figure);
    let mut k = figure + 1;
    while k < end {
        let node = dom.node(k);
        let skip = dropped.get(k).copied().unwrap_or(false) || node.tag() == Some(Tag::Figcaption);
        if skip {
            k = (node.end as usize).max(k + 1);
            continue;
        }
        if node.tag() == Some(Tag::Img) {
            if let Some(src) = node.element().and_then(image_src) {
                let alt = node.attr("alt").map(crate::text::collapse);
                return Some(Image {
                    src: src.to_string(),
                    alt: alt.unwrap_or_default(),
                });
            }
        }
        k += 1;
    }
    None
}

/// A code block's language: `language-x`/`lang-x` classes or `data-lang` on
/// the `pre`, on its first `code`, or on the `pre`'s parent.
fn code_language(dom: &Dom<'_>, pre: usize) -> Option<String> {
    let from = |i: usize| -> Option<String> {
        let node = dom.node(i);
        let mut found = node
            .attr("data-lang")
            .or_else(|| node.attr("data-language"));
        if found.is_none() {
            found = node.attr("class").and_then(|c| {
                c.split_whitespace().find_map(|t| {
                    t.strip_prefix("language-")
                        .or_else(|| t.strip_prefix("lang-"))
                        .or_else(|| t.strip_prefix("highlight-source-"))
                })
            });
        }
        found
            .map(str::trim)
            .filter(|l| {
                !l.is_empty()
                    && l.len() <= 32
                    && l.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_+#.-".contains(c))
            })
            .map(str::to_ascii_lowercase)
    };
    if let Some(l) = from(pre) {
        return Some(l);
    }
    let end = dom.end(pre);
    if let Some(code) = (pre + 1..end).find(|&k| dom.tag(k) == Some(Tag::Code)) {
        if let Some(l) = from(code) {
            return Some(l);
        }
    }
    let parent = dom.parent(pre);
    if parent != pre { from(parent) } else { None }
}

/// The byte ranges of the raw buffer that the plain text keeps: the same
/// trimming as the block pass (`trim`, then per line for non-`pre` text).
fn kept_ranges(raw: &str, pre: bool) -> Vec<(usize, usize)> {
    let start = raw.len() - raw.trim_start().len();
    let end = raw.trim_end().len();
    if start >= end {
        return Vec::new();
    }
    let inner = &raw[start..end];
    if pre || !inner.contains('\n') {
        return vec![(start, end)];
    }
    let mut out = Vec::new();
    let mut pos = start;
    for line in inner.split('\n') {
        let ls = pos + (line.len() - line.trim_start().len());
        let le = pos + line.trim_end().len();
        if le > ls {
            out.push((ls, le));
        }
        pos += line.len() + 1;
    }
    out
}

/// Cut the kept ranges at the events: inline pieces in order, a break
/// between ranges. Events outside the ranges apply where they fall.
fn slice(raw: &str, ranges: &[(usize, usize)], events: &mut Vec<(usize, Event)>) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut marks = Marks::default();
    let mut ev = events.drain(..).peekable();
    for (k, &(s, e)) in ranges.iter().enumerate() {
        if k > 0 {
            out.push(Inline::Break);
        }
        let mut pos = s;
        loop {
            while let Some((_, event)) = ev.next_if(|(at, _)| *at <= pos) {
                apply(event, &mut marks, &mut out);
            }
            let next = ev.peek().map_or(e, |(at, _)| (*at).min(e));
            if next > pos {
                if let Some(t) = raw.get(pos..next) {
                    out.push(Inline::Text(t.to_string(), marks));
                }
                pos = next;
            }
            if pos >= e {
                break;
            }
        }
    }
    for (_, event) in ev {
        apply(event, &mut marks, &mut out);
    }
    out
}

fn apply(event: Event, marks: &mut Marks, out: &mut Vec<Inline>) {
    match event {
        Event::Style(m) => *marks = m,
        Event::Image { src, alt } => out.push(Inline::Image {
            src,
            alt,
            marks: *marks,
        }),
        Event::Cell(info) => out.push(Inline::Cell(info)),
    }
}

/// Resolve a link or image URL against the page; only http(s) and mailto
/// survive (javascript:, data: and the like are dropped).
pub fn resolve(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href == "#" {
        return None;
    }
    let url = match base {
        Some(b) => b.join(href).ok()?,
        None => match Url::parse(href) {
            Ok(u) => u,
            // No page URL: a relative reference stays relative, when it
            // cannot be a scheme in disguise.
            Err(url::ParseError::RelativeUrlWithoutBase) => {
                let safe = !href.contains(':')
                    || href
                        .find(['/', '?', '#'])
                        .is_some_and(|p| href.find(':').is_some_and(|c| p < c));
                return safe.then(|| href.replace(' ', "%20"));
            }
            Err(_) => return None,
        },
    };
    matches!(url.scheme(), "http" | "https" | "mailto").then(|| url.to_string())
}

/// Options of [`prepare`].
#[derive(Debug, Clone, Copy)]
pub struct Prepare<'u> {
    /// The page URL, to resolve links and images.
    pub base: Option<&'u Url>,
    /// Keep images (inline and captioned figures).
    pub images: bool,
}

/// The blocks the structured renderers get: the kept blocks, with the
/// set-aside figure captions that fall inside the article put back in
/// document order, and every URL resolved (unsafe ones dropped).
pub fn prepare(blocks: Vec<Block>, figures: Vec<Block>, opts: Prepare<'_>) -> Vec<Block> {
    let seq = |b: &Block| b.rich.as_ref().map_or(0, |r| r.seq);
    let first = blocks.first().map(seq);
    let last = blocks.last().map(seq);
    let mut out = blocks;
    if let (Some(first), Some(last)) = (first, last) {
        let inside: Vec<Block> = figures
            .into_iter()
            .filter(|f| f.rich.as_ref().is_some_and(|r| r.figure.is_some()))
            .filter(|f| seq(f) > first && seq(f) < last)
            .collect();
        if !inside.is_empty() {
            out.extend(inside);
            out.sort_by_key(seq);
        }
    }
    for b in &mut out {
        let Some(rich) = b.rich.as_mut() else {
            continue;
        };
        for (_, href) in &mut rich.links {
            *href = href.as_deref().and_then(|h| resolve(h, opts.base));
        }
        rich.figure =
            rich.figure.take().filter(|_| opts.images).and_then(|img| {
                resolve(&img.src, opts.base).map(|src| Image { src, alt: img.alt })
            });
        rich.inlines.retain_mut(|i| match i {
            Inline::Image { src, .. } => match resolve(src, opts.base) {
                Some(s) if opts.images => {
                    *src = s;
                    true
                }
                _ => false,
            },
            _ => true,
        });
    }
    out
}

/// The Markdown and HTML bodies, from the same kept blocks as the text.
pub fn render(
    body: super::Body,
    url: Option<&Url>,
    options: &Options,
) -> (Option<String>, Option<String>) {
    if !(options.markdown || options.html) {
        return (None, None);
    }
    let prep = Prepare {
        base: url,
        images: options.markdown_images,
    };
    let blocks = prepare(body.blocks, body.figures, prep);
    let md = options.markdown.then(|| {
        let mo = super::markdown::MarkdownOptions {
            links: options.markdown_links,
        };
        super::markdown::render_markdown(&blocks, &mo)
    });
    let html = options.html.then(|| super::html::render_html(&blocks));
    (md, html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_follow_the_plain_trimming() {
        let raw = "  a b \n  \n c\t ";
        let r = kept_ranges(raw, false);
        let parts: Vec<&str> = r.iter().map(|&(s, e)| &raw[s..e]).collect();
        assert_eq!(parts, ["a b", "c"]);
        assert_eq!(kept_ranges("\n x\n y \n", true), vec![(2, 6)]);
    }

    #[test]
    fn urls_are_resolved_and_filtered() {
        let base = Url::parse("https://example.com/news/a.html").ok();
        let b = base.as_ref();
        assert_eq!(
            resolve("../img/x.png", b).as_deref(),
            Some("https://example.com/img/x.png")
        );
        assert_eq!(resolve("javascript:alert(1)", b), None);
        assert_eq!(resolve(" JavaScript:alert(1)", None), None);
        assert_eq!(resolve("data:text/html,x", b), None);
        assert_eq!(
            resolve("mailto:a@b.c", None).as_deref(),
            Some("mailto:a@b.c")
        );
        assert_eq!(resolve("/x?a=b:c", None).as_deref(), Some("/x?a=b:c"));
        assert_eq!(resolve("#", b), None);
    }
}
