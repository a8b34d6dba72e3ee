//! Parsing a page into gleaner's flat tree, two ways that give the same
//! tree: a fast path (a tokenizer over byte ranges and the part of HTML
//! tree construction pages need, building the flat array directly) and
//! html5ever, which takes every page the fast path declines
//! ([`Unsupported`]) and is the oracle the fast path is tested against
//! (`tests/parser_differential.rs`, the `parse` fuzz target).
//!
//! Both parse as a browser with scripting off does, so `<noscript>` content
//! is markup. Both stop after [`crate::Options::max_nodes`] nodes: the
//! rest of the page is dropped and the document says it was truncated.

use crate::deadline::Deadline;

mod adoption;
mod builder;
mod charref;
mod doctype;
mod document;
mod foreign;
pub mod names;
mod rules;
pub mod tokenizer;

use std::borrow::Cow;

pub use document::{AttrKey, Built, Document};
pub(crate) use document::{Kind, RawAttr, RawNode, Span};

/// Why the fast path leaves a page to html5ever.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unsupported {
    /// A U+0000 in text (each insertion mode treats it its own way).
    Nul,
    /// Content misplaced in a table, which html5ever moves before it.
    Foster,
    /// A `<template>` with content (kept apart from the tree).
    Template,
    /// An `<svg>` or `<math>` element with content.
    Foreign,
    /// `<frameset>`.
    Frameset,
    /// `<plaintext>`.
    Plaintext,
    /// An insertion that is not at the end of the document so far (content
    /// after a comment placed after `</body>`, head content after text
    /// that followed `</head>`).
    OutOfOrder,
    /// Mis-nested formatting that would move more than a few times the
    /// page's length of nodes.
    Cost,
}

impl Unsupported {
    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Unsupported::Nul => "nul",
            Unsupported::Foster => "foster-parenting",
            Unsupported::Template => "template-content",
            Unsupported::Foreign => "svg-or-math-content",
            Unsupported::Frameset => "frameset",
            Unsupported::Plaintext => "plaintext",
            Unsupported::OutOfOrder => "out-of-order-insertion",
            Unsupported::Cost => "adoption-cost",
        }
    }
}

/// Which parser to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Parser {
    /// The fast path, html5ever where it declines.
    Auto,
    /// html5ever only.
    Html5ever,
}

/// Parse with the fast path, falling back to html5ever.
pub fn parse(text: &str, max_nodes: usize) -> Document<'_> {
    parse_with(text, Parser::Auto, max_nodes)
}

/// Parse with the chosen parser.
pub fn parse_with(text: &str, parser: Parser, max_nodes: usize) -> Document<'_> {
    parse_within(text, parser, max_nodes, &Deadline::none())
}

/// [`parse_with`] that stops early, leaving the document truncated, once
/// the deadline has passed (the caller turns that into a timeout).
pub fn parse_within<'t>(
    text: &'t str,
    parser: Parser,
    max_nodes: usize,
    deadline: &Deadline,
) -> Document<'t> {
    let (text, cut) = bounded(text);
    let mut doc = match parser {
        Parser::Auto => match fast_within(text, max_nodes, deadline) {
            Ok(doc) => doc,
            Err(why) => crate::tree::parse(text, max_nodes, Some(why), deadline),
        },
        Parser::Html5ever => crate::tree::parse(text, max_nodes, None, deadline),
    };
    doc.truncated |= cut;
    doc
}

/// The fast path alone: the document, or why it is left to html5ever.
pub fn fast(text: &str, max_nodes: usize) -> Result<Document<'_>, Unsupported> {
    fast_within(text, max_nodes, &Deadline::none())
}

fn fast_within<'t>(
    text: &'t str,
    max_nodes: usize,
    deadline: &Deadline,
) -> Result<Document<'t>, Unsupported> {
    let (text, cut) = bounded(text);
    let src = normalize_newlines(text);
    let mut doc = build(&src, max_nodes, deadline)?;
    doc.truncated |= cut;
    doc.src = src;
    Ok(doc)
}

/// Like [`parse`], keeping its own copy of the page (for callers that
/// parse a temporary).
pub fn parse_owned(text: String, max_nodes: usize) -> Document<'static> {
    let (bounded_text, cut) = bounded(&text);
    let built = match normalize_newlines(bounded_text) {
        Cow::Borrowed(t) => build(t, max_nodes, &Deadline::none()).map(|d| (d, None)),
        Cow::Owned(t) => build(&t, max_nodes, &Deadline::none()).map(|d| (d, Some(t))),
    };
    let mut doc = match built {
        Ok((d, normalized)) => {
            let mut d = d;
            d.src = Cow::Owned(normalized.unwrap_or_else(|| bounded_text.to_owned()));
            d
        }
        Err(why) => {
            let d = crate::tree::parse(bounded_text, max_nodes, Some(why), &Deadline::none());
            Document {
                src: Cow::Owned(String::new()),
                ..d
            }
        }
    };
    doc.truncated |= cut;
    doc
}

/// The fast path's document over `src`, its page text still to be set.
fn build(
    src: &str,
    max_nodes: usize,
    deadline: &Deadline,
) -> Result<Document<'static>, Unsupported> {
    let mut b = builder::Builder::new(src, max_nodes);
    b.run(deadline)?;
    let mut doc = Document::new(Cow::Borrowed(""), Built::Fast);
    doc.buf = b.buf;
    doc.nodes = b.nodes;
    doc.attrs = b.attrs;
    doc.truncated = b.truncated;
    Ok(doc)
}

/// The page, cut at the longest length the spans address.
fn bounded(text: &str) -> (&str, bool) {
    if text.len() <= document::MAX_LEN {
        return (text, false);
    }
    let mut end = document::MAX_LEN;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], true)
}

/// CR LF and lone CR as LF: the input stream preprocessing, done once
/// here so that the tokenizer never meets a CR.
fn normalize_newlines(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let Some(first) = memchr::memchr(b'\r', b) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut i = first;
    while i < b.len() {
        match memchr::memchr(b'\r', &b[i..]) {
            None => {
                out.push_str(&text[i..]);
                break;
            }
            Some(off) => {
                out.push_str(&text[i..i + off]);
                out.push('\n');
                i += off + 1;
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests;
