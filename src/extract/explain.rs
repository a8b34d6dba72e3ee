//! The body stage's decisions, for [`crate::Explanation`]: the same stages
//! as [`super::extract_text`], run again on the same text with the same
//! options, their intermediate results kept.

use url::Url;

use super::clean::{self, Why};
use super::page_type::Path;
use super::{Block, Kind, Pass, Stage, describe, select};
use crate::dom::Dom;
use crate::explain::{BlockFate, Candidate, Dropped};
use crate::{Article, Options, WarningKind};

/// How many of the elements with the most prose are listed.
const CANDIDATES: usize = 6;

/// An element with a descendant of this share of its weight is a wrapper
/// around it, not a candidate of its own.
const WRAPPER_SHARE: f32 = 0.9;

/// Characters of text shown per dropped element or block.
const SHOWN_CHARS: usize = 80;

/// What the explanation holds besides the record.
pub(crate) struct Trace {
    pub route: String,
    pub dropped: Vec<Dropped>,
    pub candidates: Vec<Candidate>,
    pub roots: Vec<String>,
    pub blocks: Vec<BlockFate>,
}

/// The record of decoded page text, and how it came about.
pub(crate) fn explain_text(
    text: &str,
    url: Option<&Url>,
    options: &Options,
    deadline: &crate::deadline::Deadline,
) -> Result<(Article, Trace), crate::Error> {
    let article = super::extract_text(text, url, options, deadline)?;
    let stripped = crate::prestrip::strip(text, options.max_depth);
    let html = crate::parse::parse_with(&stripped, options.parser, options.max_nodes);
    let dom = Dom::build(&html, options.max_depth);
    // The record's headline is the one the body stage strips.
    let headline = article.headline.as_deref();
    let stage = Stage::new(&dom, options, url, headline, crate::chrome::hint_map(&dom));
    let (_, path) = stage.decide();
    let (pass, all, selection) = stage.choose(path);
    let recleaned;
    let cleaned = match pass {
        Pass::Strict => &stage.cleaned,
        Pass::Thread => {
            recleaned = clean::clean_with(&dom, false, true);
            &recleaned
        }
        Pass::Relaxed => {
            recleaned = clean::clean(&dom, true);
            &recleaned
        }
    };
    let scores = select::score(&dom, &all, &cleaned.hints);
    let body = super::finish(all.clone(), &selection, options, headline);
    let mut route = match path {
        Path::Article => "the article's own elements".to_string(),
        Path::ArticleRegion => "the main region: the article's text is split into parts".into(),
        Path::Thread => "a discussion: the best prose, the thread kept".into(),
        Path::Entry => "the page's one marked-up entry: the type is unsure".into(),
        Path::General if selection.listing => {
            "the main region kept whole: the page has no real prose".into()
        }
        Path::General => "the best prose".into(),
    };
    if pass == Pass::Relaxed {
        route.push_str(" (cleaning relaxed: no prose survived, comments and related items kept)");
    }
    if article.has_warning(WarningKind::BodyFromJsonLd) {
        route.push_str("; the markup gave little text, so the body is the JSON-LD articleBody");
    }
    let trace = Trace {
        route,
        dropped: dropped(&dom, cleaned),
        candidates: candidates(&dom, &scores),
        roots: selection
            .roots
            .iter()
            .map(|&(s, _)| describe(&dom, s))
            .collect(),
        blocks: fates(&dom, &all, &selection, &body.blocks, options, headline),
    };
    Ok((article, trace))
}

fn shown(text: &str) -> String {
    let flat = crate::text::collapse(text);
    let mut out: String = flat.chars().take(SHOWN_CHARS).collect();
    if flat.chars().count() > SHOWN_CHARS {
        out.push('…');
    }
    out
}

fn dropped(dom: &Dom<'_>, cleaned: &clean::Cleaned) -> Vec<Dropped> {
    let raw = clean::text_lengths(dom);
    let mut out = Vec::new();
    for &(i, why) in &cleaned.reasons {
        let chars = raw.get(i).copied().unwrap_or(0) as usize;
        if chars == 0 {
            continue;
        }
        out.push(Dropped {
            element: describe(dom, i),
            reason: reason(dom, i, why),
            chars,
            text: shown(&visible_text(dom, i)),
        });
    }
    out
}

/// The words of a drop reason.
fn reason(dom: &Dom<'_>, i: usize, why: Why) -> String {
    let el = dom.node(i).element();
    let tag = el.map_or("?", |e| e.name());
    let words = |lists: &[&str]| -> String {
        let c = el.map(|e| e.common());
        let found: Vec<String> = crate::chrome::matched_words(
            c.as_ref().and_then(|c| c.class),
            c.as_ref().and_then(|c| c.id),
        )
        .into_iter()
        .filter(|(_, list)| lists.contains(list))
        .map(|(w, _)| w)
        .collect();
        if found.is_empty() {
            String::new()
        } else {
            format!(" ({})", found.join(", "))
        }
    };
    match why {
        Why::Hidden => "hidden".to_string(),
        Why::Tag => format!("tag <{tag}> is never content"),
        Why::Role => format!(
            "role={} names chrome",
            el.and_then(|e| e.common().role).unwrap_or("?")
        ),
        Why::SiteHeader => "a <header> outside the article: the site's".into(),
        Why::Teaser => "one of several <article>s inside the article: teasers".into(),
        Why::SmallForm => "a small form (search, login, sign-up)".into(),
        Why::StrongWord => format!(
            "class/id names boilerplate{}",
            words(&["strong", "contextual"])
        ),
        Why::WeakWord => format!("short, class/id names furniture{}", words(&["weak"])),
        Why::Prompt => "short, class/id names a paywall prompt".into(),
        Why::MemberStats => "short, labels a forum poster's statistics".into(),
        Why::SignInGate => "short, opens with a sign-in prompt (to comment, reply, read on)".into(),
    }
}

/// The visible text of a subtree (scripts and styles left out).
fn visible_text(dom: &Dom<'_>, i: usize) -> String {
    use crate::dom::{Data, Tag};
    let end = (dom.end(i)).clamp(i + 1, dom.len());
    let mut out = String::new();
    let mut skip_end = 0;
    for j in i..end {
        if j < skip_end {
            continue;
        }
        match dom.node(j).data {
            Data::Element(Tag::Script | Tag::Style | Tag::Template, _) => {
                skip_end = dom.end(j);
            }
            Data::Text(t) => {
                out.push_str(t);
                out.push(' ');
            }
            _ => {}
        }
        if out.len() > SHOWN_CHARS * 8 {
            break;
        }
    }
    out
}

/// The elements where the prose is: the heaviest elements that are not
/// just a wrapper around one heavier part (each ancestor of the article
/// weighs about as much as it does), and the best-scoring one.
fn candidates(dom: &Dom<'_>, scores: &select::Scores) -> Vec<Candidate> {
    let sum = &scores.sum;
    // The heaviest descendant of each element.
    let mut inner = vec![0f32; dom.len()];
    for i in (1..dom.len()).rev() {
        let p = dom.parent(i);
        if p != i {
            inner[p] = inner[p].max(sum[i]).max(inner[i]);
        }
    }
    let mut order: Vec<usize> = (0..dom.len())
        .filter(|&i| dom.tag(i).is_some() && sum[i] > 0.0)
        .filter(|&i| inner[i] < sum[i] * WRAPPER_SHARE || i == scores.best)
        .collect();
    order.sort_by(|&a, &b| sum[b].total_cmp(&sum[a]));
    order.truncate(CANDIDATES);
    if !order.contains(&scores.best) && sum.get(scores.best).is_some_and(|&s| s > 0.0) {
        order.push(scores.best);
    }
    order
        .into_iter()
        .map(|i| Candidate {
            element: describe(dom, i),
            weight: sum[i],
            best: i == scores.best,
        })
        .collect()
}

/// What became of each block, by the filters of [`super::finish`] in its
/// order: outside the root, a caption left out, boilerplate, a dateline;
/// the rest kept unless the headline or edge trimming took it.
fn fates(
    dom: &Dom<'_>,
    all: &[Block],
    selection: &select::Selection,
    kept: &[Block],
    options: &Options,
    headline: Option<&str>,
) -> Vec<BlockFate> {
    let mut reasons: Vec<&'static str> = all
        .iter()
        .map(|b| {
            if !selection.contains(b.owner) {
                "outside"
            } else if !options.include_captions && b.kind == Kind::Caption {
                "caption"
            } else if super::is_boilerplate(b, selection.listing) {
                "boilerplate"
            } else if !selection.listing && super::is_dateline(b) {
                "dateline"
            } else {
                ""
            }
        })
        .collect();
    // What passed the filters, less what the headline stripping takes, less
    // what edge trimming takes: the body. Both only remove blocks, so the
    // body is matched against what passed, in order.
    let passed: Vec<usize> = (0..all.len()).filter(|&k| reasons[k].is_empty()).collect();
    let mut headless: Vec<Block> = passed.iter().map(|&k| all[k].clone()).collect();
    super::strip_headline(&mut headless, headline);
    let after_headline = matched(&passed, all, &headless);
    let after_edges = matched(&passed, all, kept);
    for &k in &passed {
        reasons[k] = if after_edges[k] {
            "kept"
        } else if !after_headline[k] {
            "headline"
        } else {
            "edge"
        };
    }
    all.iter()
        .zip(reasons)
        .map(|(b, reason)| BlockFate {
            element: describe(dom, b.owner),
            kept: reason == "kept",
            reason,
            text: shown(&b.text),
        })
        .collect()
}

/// Which blocks of `all` (of those that `passed`) are in `subset`, a
/// subsequence of what passed.
fn matched(passed: &[usize], all: &[Block], subset: &[Block]) -> Vec<bool> {
    let same = |a: &Block, b: &Block| a.owner == b.owner && a.kind == b.kind && a.text == b.text;
    let mut out = vec![false; all.len()];
    let mut next = subset.iter().peekable();
    for &k in passed {
        if next.peek().is_some_and(|b| same(&all[k], b)) {
            out[k] = true;
            next.next();
        }
    }
    out
}
