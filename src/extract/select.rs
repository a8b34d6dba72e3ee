//! Selection: find the part of the page that is the article. Each block gets
//! a weight (positive for sentences of prose, negative for link lists and
//! stray short text); every element scores the sum over its subtree; the
//! element with the best (hint-adjusted) sum is the article, and positive
//! sibling elements beside it join it.

use super::blocks::{Block, Kind};
use super::clean::Hints;
use crate::dom::{Dom, Tag};

/// The weight of one block as evidence of article text.
pub fn block_weight(b: &Block) -> f32 {
    let c = b.chars as f32;
    let ld = b.link_density();
    match b.kind {
        Kind::Heading(_) => {
            if ld > 0.5 { -0.5 * c } else { 0.0 }
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
    let node = &dom.nodes[i];
    let mut b: f32 = 0.0;
    match node.tag() {
        Some(Tag::Article) | Some(Tag::Main) => b += 0.15,
        Some(Tag::Body) | Some(Tag::Html) => b -= 0.02,
        _ => {}
    }
    if node.attr("itemprop").is_some_and(|v| v.contains("articleBody") || v.contains("text")) {
        b += 0.2;
    }
    if node.attr("role").is_some_and(|r| r == "main" || r == "article") {
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
}

impl Selection {
    /// Whether a block owned by `owner` is inside the selection.
    pub fn contains(&self, owner: usize) -> bool {
        self.roots.iter().any(|&(s, e)| owner >= s && owner < e)
    }
}

/// Pick the article's subtrees.
pub fn select(dom: &Dom<'_>, blocks: &[Block], hints: &[Hints]) -> Selection {
    let n = dom.len();
    let mut sum = vec![0f32; n];
    for b in blocks {
        if let Some(s) = sum.get_mut(b.owner) {
            *s += block_weight(b);
        }
    }
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent as usize;
        if p != i {
            sum[p] += sum[i];
        }
    }
    let body = dom.find(Tag::Body).unwrap_or(0);
    let mut best = body;
    let mut best_score = f32::MIN;
    for i in 0..n {
        if dom.nodes[i].tag().is_none() || sum[i] <= 0.0 {
            continue;
        }
        let score = sum[i] * (1.0 + bonus(dom, i, hints.get(i).copied().unwrap_or_default()));
        // `>=` so that on a tie the deeper (later in pre-order) node wins.
        if score >= best_score {
            best_score = score;
            best = i;
        }
    }
    if best_score <= 0.0 {
        return Selection { roots: vec![(body, dom.nodes.get(body).map_or(n, |b| b.end as usize))] };
    }
    let mut roots = vec![(best, dom.nodes[best].end as usize)];
    // Siblings with prose of their own join the article: content split into
    // several containers with chrome between them.
    let parent = dom.nodes[best].parent as usize;
    if parent != best {
        let threshold = (sum[best] * 0.1).max(60.0);
        for s in dom.children(parent) {
            if s != best && dom.nodes[s].tag().is_some() && sum[s] >= threshold {
                roots.push((s, dom.nodes[s].end as usize));
            }
        }
        roots.sort_unstable();
    }
    Selection { roots }
}
