//! Why a page gave the record it gave: what cleaning dropped and why, the
//! elements with the most prose, the root the body was taken from, the
//! page type and the fate of every block of text. Made by the same
//! decoding and the same stages as the record itself (see
//! [`explain()`](crate::explain())), for a user who wonders why a paragraph
//! is missing.

use std::fmt;

use crate::Article;

/// The extractor's decisions on one page. Its [`Display`](fmt::Display) is
/// the report `gleaner --explain` prints.
///
/// ```
/// let html = "<html><body><nav class='menu'><a href='/'>Home</a> <a href='/n'>News</a></nav>\
///     <article><h1>Rain</h1><p>It rained again today, the third time this week, \
///     and the river rose over its banks by the old mill.</p></article></body></html>";
/// let why = gleaner::explain(html, None, &gleaner::Options::default())?;
/// assert_eq!(why.roots, ["html > body > article"]);
/// assert!(why.dropped.iter().any(|d| d.element.ends_with("nav.menu")));
/// println!("{why}");
/// # Ok::<(), gleaner::Error>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Explanation {
    /// The record extraction gives for the page, exactly as
    /// [`extract_page`](crate::extract_page) gives it.
    pub record: Article,
    /// How the body was chosen, in words (from the page type).
    pub route: String,
    /// The elements cleaning dropped whole (outermost only) that hold
    /// visible text, in document order.
    pub dropped: Vec<Dropped>,
    /// The elements with the most prose, the most first.
    pub candidates: Vec<Candidate>,
    /// The elements the body was taken from, as `tag#id.class` paths.
    pub roots: Vec<String>,
    /// Every block of text cleaning left, in document order, with what
    /// became of it.
    pub blocks: Vec<BlockFate>,
}

/// An element cleaning dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Dropped {
    /// The element, as a `tag#id.class` path of its last three elements.
    pub element: String,
    /// Why: the tag, the role, the class or id words, hidden…
    pub reason: String,
    /// Its visible characters.
    pub chars: usize,
    /// The start of its text.
    pub text: String,
}

/// An element with prose, as selection weighs it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Candidate {
    /// The element, as a `tag#id.class` path.
    pub element: String,
    /// The weight of the prose under it (characters, less for short and
    /// linked text).
    pub weight: f32,
    /// The element with the best score (the weight adjusted for links and
    /// class words), where selection starts.
    pub best: bool,
}

/// A block of text and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BlockFate {
    /// The element that holds the text.
    pub element: String,
    /// It is in the body.
    pub kept: bool,
    /// `kept`, or why not (outside the root, boilerplate, a dateline, the
    /// headline, short lines at the edges, a caption).
    pub reason: &'static str,
    /// The start of the text.
    pub text: String,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = &self.record;
        let page_type = r.page_type.map_or("unsure", |t| t.as_str());
        writeln!(f, "page type: {page_type}")?;
        writeln!(f, "route: {}", self.route)?;
        if let Some(h) = &r.headline {
            writeln!(f, "headline: {h}")?;
        }
        let kept = self.blocks.iter().filter(|b| b.kept).count();
        writeln!(
            f,
            "body: {} words, {kept} of {} blocks kept",
            r.word_count,
            self.blocks.len()
        )?;
        for w in &r.warnings {
            writeln!(f, "warning: {} ({})", w.message, w.kind.as_str())?;
        }
        writeln!(f)?;
        writeln!(f, "dropped by cleaning ({}):", self.dropped.len())?;
        for d in &self.dropped {
            writeln!(
                f,
                "  {} [{} chars] {}: {}",
                d.element, d.chars, d.reason, d.text
            )?;
        }
        writeln!(f)?;
        writeln!(f, "candidates (weight of the prose under them):")?;
        for c in &self.candidates {
            let best = if c.best { "  <- best score" } else { "" };
            writeln!(f, "  {:>8.0}  {}{best}", c.weight, c.element)?;
        }
        writeln!(f)?;
        writeln!(f, "chosen root:")?;
        for root in &self.roots {
            writeln!(f, "  {root}")?;
        }
        writeln!(f)?;
        writeln!(f, "blocks:")?;
        for b in &self.blocks {
            let mark = if b.kept { '+' } else { '-' };
            writeln!(f, "  {mark} {:<12} {} | {}", b.reason, b.element, b.text)?;
        }
        Ok(())
    }
}
