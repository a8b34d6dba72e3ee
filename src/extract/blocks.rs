//! Blocks: the document cut into runs of text at block-level elements. Each
//! block knows the element that owns it, its kind, and the counts that
//! selection scores (characters, link characters, sentence punctuation).

use super::rich::{self, Rich};
use crate::dom::{Data, Dom, Tag};
use crate::text::is_invisible;

/// What a block is, for rendering and scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Ordinary paragraph text.
    Para,
    /// A heading, with its level.
    Heading(u8),
    /// A list item (or dt/dd).
    ListItem,
    /// A table row, cells separated by tabs.
    Row,
    /// Preformatted text, whitespace kept.
    Pre,
    /// A figure caption.
    Caption,
}

/// One block of text.
#[derive(Debug, Clone)]
pub struct Block {
    /// The innermost block-level element the text belongs to.
    pub owner: usize,
    /// The kind.
    pub kind: Kind,
    /// The text, whitespace collapsed (kept inside `pre`), lines split at `<br>`.
    pub text: String,
    /// Weighted visible characters (CJK counts three: one word's worth).
    pub chars: u32,
    /// Of which inside links.
    pub link_chars: u32,
    /// Sentence-ending punctuation and commas.
    pub punct: u32,
    /// Inside a blockquote.
    #[cfg_attr(not(feature = "_internal"), allow(dead_code))] // for tests
    pub quoted: bool,
    /// The structured rendering, when Markdown or HTML output is on.
    pub rich: Option<Box<Rich>>,
}

impl Block {
    /// Share of the text inside links.
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

fn weight(c: char) -> u32 {
    if c as u32 >= 0x2E80 { 3 } else { 1 }
}

fn is_punct(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | ',' | ';' | '。' | '！' | '？' | '，' | '、' | '؟' | '।'
    )
}

struct Open {
    index: usize,
    end: usize,
    tag: Tag,
}

struct Builder<const RICH: bool> {
    blocks: Vec<Block>,
    text: String,
    chars: u32,
    link_chars: u32,
    punct: u32,
    include_tables: bool,
    /// Used only when `RICH`; empty (unallocated) otherwise.
    rs: rich::State,
}

impl<const RICH: bool> Builder<RICH> {
    fn flush(
        &mut self,
        ctx: (&Dom<'_>, &[bool]),
        owner: usize,
        owner_tag: Tag,
        quoted: bool,
        caption: bool,
    ) {
        let trimmed = self.text.trim();
        if self.chars > 0 && !trimmed.is_empty() {
            let kind = if caption {
                Kind::Caption
            } else if let Some(level) = owner_tag.heading_level() {
                Kind::Heading(level)
            } else {
                match owner_tag {
                    Tag::Li | Tag::Dt | Tag::Dd => Kind::ListItem,
                    Tag::Tr | Tag::Td | Tag::Th => Kind::Row,
                    Tag::Pre => Kind::Pre,
                    _ => Kind::Para,
                }
            };
            if kind != Kind::Row || self.include_tables {
                let text = if kind == Kind::Pre {
                    trimmed.trim_matches('\n').to_string()
                } else {
                    tidy_lines(trimmed)
                };
                let rich = if RICH {
                    let (dom, dropped) = ctx;
                    let (raw, tables) = (self.text.as_str(), self.include_tables);
                    Some(Box::new(
                        self.rs.build(dom, dropped, raw, owner, kind, tables),
                    ))
                } else {
                    None
                };
                self.blocks.push(Block {
                    owner,
                    kind,
                    text,
                    chars: self.chars,
                    link_chars: self.link_chars,
                    punct: self.punct,
                    quoted,
                    rich,
                });
            }
        }
        if RICH {
            self.rs.reset();
        }
        self.text.clear();
        self.chars = 0;
        self.link_chars = 0;
        self.punct = 0;
    }
}

/// Trim each line and drop empty ones (they come from `<br>` runs).
fn tidy_lines(text: &str) -> String {
    if !text.contains('\n') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// Cut the document into blocks, skipping dropped subtrees. With `rich`,
/// every block also carries its structured rendering ([`Rich`]).
pub fn blocks(dom: &Dom<'_>, dropped: &[bool], include_tables: bool, rich: bool) -> Vec<Block> {
    // One branch here; the plain pass compiles without any rich work.
    if rich {
        cut::<true>(dom, dropped, include_tables)
    } else {
        cut::<false>(dom, dropped, include_tables)
    }
}

fn cut<const RICH: bool>(dom: &Dom<'_>, dropped: &[bool], include_tables: bool) -> Vec<Block> {
    let n = dom.len();
    let ctx = (dom, dropped);
    let mut b = Builder::<RICH> {
        blocks: Vec::with_capacity(256),
        text: String::with_capacity(1024),
        chars: 0,
        link_chars: 0,
        punct: 0,
        include_tables,
        rs: rich::State::default(),
    };
    let mut stack: Vec<Open> = vec![Open {
        index: 0,
        end: n,
        tag: Tag::Html,
    }];
    let mut link_end = 0usize;
    let mut pre_end = 0usize;
    let mut quote_end = 0usize;
    let mut caption_end = 0usize;
    let mut i = 0usize;
    while i < n {
        if dom.out_of_time() {
            break;
        }
        if RICH {
            b.rs.close(i);
        }
        // Close the blocks that ended before this node.
        while stack.len() > 1 && stack.last().is_some_and(|o| i >= o.end) {
            if let Some(o) = stack.pop() {
                b.flush(
                    ctx,
                    o.index,
                    o.tag,
                    o.index < quote_end,
                    o.index < caption_end,
                );
            }
        }
        let node = dom.node(i);
        if dropped.get(i).copied().unwrap_or(false) {
            i = (node.end as usize).max(i + 1);
            continue;
        }
        match node.data {
            Data::Element(tag, _) => {
                if tag == Tag::Br {
                    b.text.push('\n');
                } else if matches!(tag, Tag::Td | Tag::Th) {
                    // Cells are parts of their row: separate them, not split.
                    if !b.text.is_empty() && !b.text.ends_with(['\t', '\n']) {
                        b.text.push('\t');
                    }
                } else if tag == Tag::Img {
                    // images carry no text in the plain body
                } else if tag.is_block() {
                    if let Some(top) = stack.last() {
                        let (idx, t) = (top.index, top.tag);
                        b.flush(ctx, idx, t, idx < quote_end, idx < caption_end);
                    }
                    stack.push(Open {
                        index: i,
                        end: node.end as usize,
                        tag,
                    });
                    match tag {
                        Tag::Pre => pre_end = pre_end.max(node.end as usize),
                        Tag::Blockquote => quote_end = quote_end.max(node.end as usize),
                        Tag::Figcaption => caption_end = caption_end.max(node.end as usize),
                        _ => {}
                    }
                } else if tag == Tag::A {
                    link_end = link_end.max(node.end as usize);
                }
                if RICH {
                    b.rs.open(dom, i, tag, b.text.len(), i < pre_end);
                }
            }
            Data::Text(t) => {
                if RICH {
                    b.rs.text(b.text.len());
                }
                let in_link = i < link_end;
                if i < pre_end {
                    for c in t.chars().filter(|&c| !is_invisible(c)) {
                        b.text.push(c);
                        if !c.is_whitespace() {
                            b.chars += weight(c);
                        }
                    }
                } else {
                    let mut space = b.text.is_empty() || b.text.ends_with([' ', '\n', '\t']);
                    for c in t.chars() {
                        if c.is_whitespace() {
                            if !space {
                                b.text.push(' ');
                                space = true;
                            }
                        } else if !is_invisible(c) {
                            b.text.push(c);
                            space = false;
                            let w = weight(c);
                            b.chars += w;
                            if in_link {
                                b.link_chars += w;
                            }
                            if is_punct(c) {
                                b.punct += 1;
                            }
                        }
                    }
                }
            }
            Data::Other => {}
        }
        i += 1;
    }
    while let Some(o) = stack.pop() {
        b.flush(
            ctx,
            o.index,
            o.tag,
            o.index < quote_end,
            o.index < caption_end,
        );
    }
    b.blocks
}
