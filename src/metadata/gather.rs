//! The gathering pass: one walk over the flat DOM that records every source
//! the choosers read (meta tags, JSON-LD scripts, headings, microdata,
//! bylines and date elements) and the chrome, hidden, comment and teaser
//! flags each node inherits. Nothing here decides a field.

use crate::dom::{Data, Dom, Tag};

use super::classes::{ClassWords, Seen};
use super::dates::Hint;
use super::lexicon::gather::*;
use super::lexicon::keys::{AGENT_PROPS, AUTHOR_PROPS, DATE_PROPS, PROPS_READ};
use super::text::{subtree_text, subtree_text_sep};
use crate::chrome::HintMap;

/// Node flags, inherited from ancestors.
pub(super) const CHROME: u8 = 1; // nav, footer, aside, comments, related lists, sidebars
pub(super) const HIDDEN: u8 = 2; // script, style, template, svg…: no visible text
pub(super) const COMMENT: u8 = 4; // comment sections and comment microdata
pub(super) const TEASER: u8 = 8; // a link card for another page: its date is not ours

/// A visible element that may carry a byline or a date.
#[derive(Debug)]
pub(super) struct Visible {
    pub index: usize,
    pub text: String,
    /// A `datetime` or `content` attribute, when present.
    pub machine: Option<String>,
    /// The element says "published" / "updated" in its class or attributes.
    pub hint: Hint,
    /// Inside page chrome (an aside, a sidebar): trusted only near the headline.
    pub chrome: bool,
}

/// A microdata or RDFa property on a visible element.
#[derive(Debug)]
pub(super) struct Prop {
    /// The property's name, lower-case, its vocabulary prefix cut.
    pub key: String,
    pub value: String,
    pub index: usize,
    /// Inside page chrome (only dates are kept there).
    pub chrome: bool,
}

/// Everything the pass over the document gathers.
#[derive(Default)]
pub(super) struct Gathered<'a> {
    pub lang: Option<&'a str>,
    pub title: Option<String>,
    /// (lower-case key, content) of `<meta>` and RDFa/microdata properties.
    pub metas: Vec<(String, String)>,
    pub canonical: Option<&'a str>,
    pub image_src: Option<&'a str>,
    pub ld_scripts: Vec<String>,
    pub h1s: Vec<(usize, String)>,
    /// h2/h3 texts: where the headline sits when the page's h1 is the logo.
    pub h2s: Vec<(usize, String)>,
    pub author_elems: Vec<Visible>,
    pub rel_authors: Vec<(usize, String)>,
    pub date_elems: Vec<Visible>,
    /// Microdata and RDFa properties on visible elements.
    pub props: Vec<Prop>,
    /// Inherited node flags.
    pub flags: Vec<u8>,
    /// Every element's chrome hints, read with its class words, for the
    /// body cleaner.
    pub hints: HintMap,
}

pub(super) fn gather<'a>(dom: &Dom<'a>) -> Gathered<'a> {
    let mut g = Gathered {
        hints: HintMap::with_len(dom.len()),
        ..Gathered::default()
    };
    let mut flags: Vec<u8> = vec![0; dom.len()];
    let mut in_head_title = false;
    // Pages repeat their class lists (every item of a list, every card):
    // read each distinct one once.
    let mut by_class: std::collections::HashMap<
        &str,
        ClassWords,
        std::hash::BuildHasherDefault<crate::text::Fx>,
    > = Default::default();
    // Where the h1s are: a class that reads like chrome ("content-sidebar-wrap",
    // "under-menu", "cc-newsletter") on an element holding the page's h1 or
    // most of the page is a layout wrapper, not a sidebar or a teaser.
    // (Tags only: no node is built for this walk.)
    let h1_at: Vec<usize> = (0..dom.len())
        .filter(|&i| dom.tag(i) == Some(Tag::H1))
        .take(MAX_H1S_SEEN)
        .collect();
    let total = dom.len();
    let wrapper = |i: usize, end: usize| {
        // (An h1 counts itself, as the body cleaner's markers do.)
        let next_h1 = h1_at.partition_point(|&h| h < i);
        h1_at.get(next_h1).is_some_and(|&h| h < end)
            || end.saturating_sub(i) * WRAPPER_SHARE > total
    };
    for (i, node) in dom.iter().enumerate() {
        if dom.out_of_time() {
            break;
        }
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
        let words = match seen.class_only() {
            Some(class) => *by_class
                .entry(class)
                .or_insert_with(|| ClassWords::read(&seen)),
            None => ClassWords::read(&seen),
        };
        g.hints.set(i, words.hints);
        // Page-wide containers carry state classes ("comments-open"): only
        // inner elements are judged by their class.
        let container = matches!(tag, Tag::Html | Tag::Body | Tag::Main | Tag::Article);
        if !container && words.elsewhere && !wrapper(i, node.end as usize) {
            own |= CHROME;
            if words.comment {
                own |= COMMENT;
            }
        }
        // A link wrapping a heading is a teaser card for another page: its
        // date and byline are that page's.
        // (A link holding only its text, the common case, is skipped cheaply.)
        if tag == Tag::A && node.end as usize > i + CARD_MIN_NODES && !wrapper(i, node.end as usize)
        {
            let end = (node.end as usize).min(i + CARD_SCAN).min(dom.len());
            let card = (i + 1..end).any(|j| {
                matches!(
                    dom.tag(j),
                    Some(Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)
                )
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
                let t = subtree_text(dom, i, TITLE_CHARS);
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
                        && g.ld_scripts.len() < MAX_LD_SCRIPTS
                    {
                        g.ld_scripts.push(c.to_string());
                        continue;
                    }
                }
                if let (Some(k), Some(c)) = (key, content) {
                    if own & COMMENT == 0 && g.metas.len() < MAX_METAS && c.len() < MAX_META_CONTENT
                    {
                        let c = crate::text::collapse(c);
                        if !c.is_empty() {
                            for k in k.split_whitespace().take(NAMES_PER_ATTR) {
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
                if ty.contains("ld+json") && g.ld_scripts.len() < MAX_LD_SCRIPTS {
                    let mut s = String::new();
                    for j in i + 1..(node.end as usize).min(dom.len()) {
                        if let Some(Data::Text(t)) = dom.get(j).map(|n| n.data) {
                            s.push_str(t);
                        }
                    }
                    g.ld_scripts.push(s);
                }
            }
            Tag::H1 if own & (CHROME | HIDDEN) == 0 && g.h1s.len() < MAX_H1S => {
                let t = subtree_text_sep(dom, i, HEADING_CHARS, " ");
                if !t.is_empty() {
                    g.h1s.push((i, t));
                }
            }
            Tag::H2 | Tag::H3 if own & (CHROME | HIDDEN) == 0 && g.h2s.len() < MAX_H2S => {
                let t = subtree_text_sep(dom, i, HEADING_CHARS, " ");
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
            for p in p.split_whitespace().take(NAMES_PER_ATTR) {
                let key = p
                    .rsplit([':', '/'])
                    .next()
                    .unwrap_or(p)
                    .to_ascii_lowercase();
                // In page chrome only the dates are kept, for when the
                // article has none of its own ("entry-footer" holding the
                // datePublished); a card's author or headline is another
                // page's. Each key keeps what its reader takes, so a page of
                // many properties fills no shared list.
                let chrome = own & CHROME != 0;
                let read = PROPS_READ.contains(&key.as_str())
                    && (!chrome || DATE_PROPS.contains(&key.as_str()));
                let cap = if AUTHOR_PROPS.contains(&key.as_str()) {
                    MAX_CANDIDATES
                } else {
                    1
                };
                let room = || {
                    g.props
                        .iter()
                        .filter(|p| p.chrome == chrome && p.key == key)
                        .count()
                        < cap
                };
                if read && own & (COMMENT | TEASER) == 0 && room() {
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
                            if AGENT_PROPS.contains(&key.as_str()) {
                                nested_name(dom, i)
                                    .unwrap_or_else(|| subtree_text(dom, i, MAX_CANDIDATE_TEXT))
                            } else {
                                subtree_text_sep(dom, i, MAX_CANDIDATE_TEXT, " ")
                            }
                        });
                    if !value.is_empty() {
                        g.props.push(Prop {
                            key,
                            value,
                            index: i,
                            chrome,
                        });
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
                let t = subtree_text(dom, i, NAME_CHARS);
                if !t.is_empty() {
                    g.rel_authors.push((i, t));
                }
            }
        }
        if !words.any && tag != Tag::Time {
            continue;
        }
        let small = (node.end as usize).saturating_sub(i) <= SMALL_ELEMENT;
        if !chrome && small && words.author && !words.noise && g.author_elems.len() < MAX_CANDIDATES
        {
            let text = subtree_text(dom, i, MAX_CANDIDATE_TEXT);
            if !text.is_empty() && text.chars().count() <= BYLINE_CHARS {
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
                Some(words.date.unwrap_or(if el.attr("pubdate").is_some() {
                    Hint::Published
                } else {
                    Hint::None
                }))
            } else if small {
                words.date
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
    let end = dom.get(index)?.end as usize;
    for j in index + 1..end.min(dom.len()).min(index + NESTED_SCAN) {
        let n = dom.get(j)?;
        if n.attr("itemprop")
            .is_some_and(|p| p.split_whitespace().any(|p| p == "name"))
        {
            let v = n
                .attr("content")
                .map(String::from)
                .unwrap_or_else(|| subtree_text(dom, j, NAME_CHARS));
            if !v.is_empty() {
                return Some(v);
            }
        }
    }
    None
}

impl Gathered<'_> {
    pub fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(mk, _)| mk == k)
                .map(|(_, v)| v.as_str())
        })
    }

    pub fn metas_all<'s>(&'s self, keys: &'s [&str]) -> impl Iterator<Item = &'s str> + 's {
        self.metas
            .iter()
            .filter(move |(k, _)| keys.contains(&k.as_str()))
            .map(|(_, v)| v.as_str())
    }

    /// The first property (outside chrome) of the first key found.
    pub fn prop(&self, keys: &[&str]) -> Option<(&str, usize)> {
        self.prop_where(keys, false)
    }

    /// The first property inside chrome of the first key found.
    pub fn chrome_prop(&self, keys: &[&str]) -> Option<(&str, usize)> {
        self.prop_where(keys, true)
    }

    fn prop_where(&self, keys: &[&str], chrome: bool) -> Option<(&str, usize)> {
        keys.iter().find_map(|k| {
            self.props
                .iter()
                .find(|p| p.chrome == chrome && p.key == *k)
                .map(|p| (p.value.as_str(), p.index))
        })
    }
}
