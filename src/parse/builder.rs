//! Tree construction's state and its tree operations, for the fast path.
//!
//! Nodes are only ever appended: a new node goes at the end of the array
//! as the last child of an element on the "spine" (the last node and its
//! ancestors), which keeps the array in document order with every subtree
//! contiguous. The rules that would insert elsewhere (foster parenting,
//! content after a comment placed after `<body>`) give up with
//! [`Unsupported`] and the page goes to html5ever; the adoption agency
//! moves only the subtree at the end of the array (see `adoption.rs`).

use super::Unsupported;
use super::document::{AttrKey, Kind, RawAttr, RawNode, Span};
use super::foreign;
use super::names::Name;
use super::tokenizer::{Str, Token, Tokenizer};

/// An insertion mode (the frameset ones are left to html5ever).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Initial,
    BeforeHtml,
    BeforeHead,
    InHead,
    InHeadNoscript,
    AfterHead,
    InBody,
    Text,
    InTable,
    InTableText,
    InCaption,
    InColumnGroup,
    InTableBody,
    InRow,
    InCell,
    InTemplate,
    AfterBody,
    AfterAfterBody,
}

/// A start tag, its strings moved into the document.
#[derive(Debug, Clone, Copy)]
pub(super) struct Start {
    pub(super) name: Name,
    /// The spelling, kept for names that are `Other`.
    pub(super) span: Span,
    pub(super) self_closing: bool,
    pub(super) attr_start: u32,
    pub(super) attr_len: u32,
}

/// A token as the rules see it.
#[derive(Debug, Clone, Copy)]
pub(super) enum Tok {
    Text(Span),
    Start(Start),
    End(Name, Span),
    Comment,
    Eof,
}

/// An entry of the list of active formatting elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fmt {
    Marker,
    El {
        node: u32,
        name: Name,
        attr_start: u32,
        attr_len: u32,
    },
}

/// The scopes of "has an element in scope".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    Default,
    ListItem,
    Button,
    Table,
}

pub(super) type R<T = ()> = Result<T, Unsupported>;

/// The tree builder.
pub(super) struct Builder<'t> {
    pub(super) tok: Tokenizer<'t>,
    pub(super) buf: String,
    pub(super) nodes: Vec<RawNode>,
    pub(super) attrs: Vec<RawAttr>,
    /// Open elements (node indices) and their names.
    pub(super) open: Vec<u32>,
    pub(super) open_names: Vec<Name>,
    pub(super) fmt: Vec<Fmt>,
    /// The last node and its ancestors.
    pub(super) spine: Vec<u32>,
    pub(super) mode: Mode,
    pub(super) orig: Mode,
    pub(super) template_modes: Vec<Mode>,
    pub(super) head: Option<u32>,
    pub(super) form: Option<u32>,
    pub(super) quirks: bool,
    pub(super) ignore_lf: bool,
    pub(super) pending: Vec<Span>,
    /// An `<svg>` or `<math>` was just opened: only its end tag may follow.
    pub(super) foreign: Option<Name>,
    /// Running the body's rules for a misplaced token in a table.
    pub(super) fostering: bool,
    pub(super) max_nodes: usize,
    pub(super) stopped: bool,
    pub(super) truncated: bool,
    /// Nodes moved by the adoption agency, and how many may be.
    pub(super) moved: usize,
    pub(super) move_limit: usize,
    /// `attrs[..attrs_used]` holds every attribute a node refers to; the
    /// rest, from tags the rules ignored, is dropped after each token.
    attrs_used: usize,
}

const DOC: u32 = 0;

fn is_ws(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b' ' | b'\r')
}

impl<'t> Builder<'t> {
    pub(super) fn new(text: &'t str, max_nodes: usize) -> Builder<'t> {
        let mut nodes = Vec::with_capacity(text.len() / 48 + 16);
        nodes.push(RawNode::new(Kind::Document, DOC));
        Builder {
            tok: Tokenizer::new(text),
            buf: String::new(),
            nodes,
            attrs: Vec::with_capacity(text.len() / 64 + 16),
            open: Vec::with_capacity(64),
            open_names: Vec::with_capacity(64),
            fmt: Vec::new(),
            spine: vec![DOC],
            mode: Mode::Initial,
            orig: Mode::Initial,
            template_modes: Vec::new(),
            head: None,
            form: None,
            quirks: false,
            ignore_lf: false,
            pending: Vec::new(),
            foreign: None,
            fostering: false,
            max_nodes: max_nodes.max(1),
            stopped: false,
            truncated: false,
            moved: 0,
            move_limit: text.len() * 4 + 4096,
            attrs_used: 0,
        }
    }

    /// Parse the whole page.
    pub(super) fn run(&mut self, deadline: &crate::deadline::Deadline) -> R {
        self.tok.skip_bom();
        loop {
            if deadline.passed() {
                self.truncated = true;
                return Ok(());
            }
            let token = self.tok.next_token();
            let eof = matches!(token, Token::Eof);
            let t = self.resolve(token)?;
            if let Some(t) = t {
                self.dispatch(t)?;
            }
            self.attrs.truncate(self.attrs_used);
            if eof || self.stopped {
                return Ok(());
            }
        }
    }

    // ----- tokens -----

    /// A span for a tokenizer string: the page's own range, or a copy in
    /// the buffer.
    fn keep(&mut self, s: Str) -> Span {
        if !s.scratch {
            return Span::src(s.start as usize, s.end as usize);
        }
        let start = self.buf.len();
        self.buf.push_str(self.tok.text(s));
        Span::buf(start, self.buf.len())
    }

    /// Turn a token into the rules' form (the doctype is handled here).
    fn resolve(&mut self, token: Token) -> R<Option<Tok>> {
        let ignore_lf = std::mem::take(&mut self.ignore_lf);
        Ok(Some(match token {
            Token::Text(s) => {
                let mut span = self.keep(s);
                if ignore_lf && self.s(span).starts_with('\n') {
                    span = sub(span, 1, span.end() - span.start());
                }
                if span.is_empty() {
                    return Ok(None);
                }
                Tok::Text(span)
            }
            Token::Null => return Err(Unsupported::Nul),
            Token::Comment(_) => Tok::Comment,
            Token::Doctype(d) => {
                if self.mode == Mode::Initial {
                    self.quirks = super::doctype::is_quirky(&self.tok, &d);
                    self.mode = Mode::BeforeHtml;
                }
                return Ok(None);
            }
            Token::Eof => Tok::Eof,
            Token::EndTag { name } => {
                let n = Name::of(self.tok.text(name).as_bytes());
                let span = if n == Name::Other {
                    self.keep(name)
                } else {
                    Span::default()
                };
                Tok::End(n, span)
            }
            Token::StartTag { name, self_closing } => {
                let n = Name::of(self.tok.text(name).as_bytes());
                let span = if n == Name::Other {
                    self.keep(name)
                } else {
                    Span::default()
                };
                let foreign = matches!(n, Name::Svg | Name::Math);
                let attr_start = self.attrs.len() as u32;
                for i in 0..self.tok.attrs().len() {
                    let a = self.tok.attrs()[i];
                    let mut name_span = self.keep(a.name);
                    let value = self.keep(a.value);
                    if foreign {
                        if let Some(local) = foreign::adjusted(self.s(name_span), n == Name::Svg) {
                            let start = self.buf.len();
                            self.buf.push_str(local);
                            name_span = Span::buf(start, self.buf.len());
                        }
                    }
                    let key = AttrKey::of(self.s(name_span));
                    self.attrs.push(RawAttr {
                        name: name_span,
                        value,
                        key,
                    });
                }
                Tok::Start(Start {
                    name: n,
                    span,
                    self_closing,
                    attr_start,
                    attr_len: self.attrs.len() as u32 - attr_start,
                })
            }
        }))
    }

    /// The text of a span.
    pub(super) fn s(&self, span: Span) -> &str {
        if span.in_buf() {
            self.buf.get(span.start()..span.end()).unwrap_or("")
        } else {
            self.tok
                .source()
                .get(span.start()..span.end())
                .unwrap_or("")
        }
    }

    /// An attribute of a start tag.
    pub(super) fn tag_attr(&self, t: &Start, name: &str) -> Option<&str> {
        let start = t.attr_start as usize;
        self.attrs
            .get(start..start + t.attr_len as usize)?
            .iter()
            .find(|a| self.s(a.name) == name)
            .map(|a| self.s(a.value))
    }

    /// Whether a text is all whitespace.
    pub(super) fn all_ws(&self, span: Span) -> bool {
        self.s(span).bytes().all(is_ws)
    }

    /// The leading whitespace of a text, and the rest.
    pub(super) fn split_ws(&self, span: Span) -> (Span, Span) {
        let n = self.s(span).bytes().take_while(|&c| is_ws(c)).count();
        let len = span.end() - span.start();
        (sub(span, 0, n), sub(span, n, len))
    }

    // ----- the tree -----

    /// The current node (the document before `<html>`).
    pub(super) fn cur(&self) -> u32 {
        self.open.last().copied().unwrap_or(DOC)
    }

    pub(super) fn cur_name(&self) -> Option<Name> {
        self.open_names.last().copied()
    }

    pub(super) fn cur_is(&self, name: Name) -> bool {
        self.cur_name() == Some(name)
    }

    /// Append a node as the last child of `parent`; `None` when the node
    /// budget is spent (parsing then stops).
    pub(super) fn append(&mut self, parent: u32, mut node: RawNode) -> R<Option<u32>> {
        if self.nodes.len() >= self.max_nodes {
            self.truncated = true;
            self.stopped = true;
            return Ok(None);
        }
        self.check_parent(parent)?;
        while let Some(&top) = self.spine.last() {
            if top == parent {
                break;
            }
            self.spine.pop();
        }
        if self.spine.is_empty() {
            return Err(Unsupported::OutOfOrder);
        }
        node.parent = parent;
        let index = self.nodes.len() as u32;
        self.nodes.push(node);
        self.spine.push(index);
        Ok(Some(index))
    }

    /// Whether the fast path can insert into `parent`: not into a
    /// template's contents (apart from the tree), and not where html5ever
    /// would foster-parent.
    pub(super) fn check_parent(&self, parent: u32) -> R {
        let name = self.nodes.get(parent as usize).map(|n| n.name);
        if name == Some(Name::Template) {
            return Err(Unsupported::Template);
        }
        if self.fostering && name.is_some_and(super::rules::foster_target) {
            return Err(Unsupported::Foster);
        }
        Ok(())
    }

    /// Insert an element for a start tag at the current node, and push it
    /// unless `leaf`.
    pub(super) fn insert(&mut self, t: &Start, leaf: bool) -> R<Option<u32>> {
        let node = RawNode {
            parent: 0,
            kind: Kind::Element,
            name: t.name,
            attr_start: t.attr_start,
            attr_len: t.attr_len,
            text: t.span,
        };
        let parent = self.cur();
        let index = self.append(parent, node)?;
        if index.is_some() {
            let end = (t.attr_start + t.attr_len) as usize;
            self.attrs_used = self.attrs_used.max(end);
        }
        if let (Some(i), false) = (index, leaf) {
            self.open.push(i);
            self.open_names.push(t.name);
        }
        Ok(index)
    }

    /// Insert an element the page implies (no attributes) and push it.
    pub(super) fn insert_phantom(&mut self, name: Name) -> R<Option<u32>> {
        self.insert(&phantom(name), false)
    }

    /// Append text at the current node, joining a text node just before it.
    pub(super) fn append_text(&mut self, span: Span) -> R {
        let parent = self.cur();
        self.append_text_to(parent, span)
    }

    fn append_text_to(&mut self, parent: u32, span: Span) -> R {
        if span.is_empty() {
            return Ok(());
        }
        self.check_parent(parent)?;
        let n = self.spine.len();
        if n >= 2 && self.spine[n - 2] == parent {
            let last = self.spine[n - 1] as usize;
            if self.nodes.get(last).map(|x| x.kind) == Some(Kind::Text) {
                let old = self.nodes[last].text;
                let joined = self.join(old, span);
                self.nodes[last].text = joined;
                return Ok(());
            }
        }
        let mut node = RawNode::new(Kind::Text, parent);
        node.text = span;
        self.append(parent, node)?;
        Ok(())
    }

    /// Two texts as one span.
    fn join(&mut self, a: Span, b: Span) -> Span {
        if !a.in_buf() && !b.in_buf() && a.end() == b.start() {
            return Span::src(a.start(), b.end());
        }
        if a.in_buf() && a.end() == self.buf.len() {
            if b.in_buf() && b.start() == a.end() {
                return Span::buf(a.start(), b.end());
            }
            let add = self.s(b).to_owned();
            self.buf.push_str(&add);
            return Span::buf(a.start(), self.buf.len());
        }
        let joined = format!("{}{}", self.s(a), self.s(b));
        let start = self.buf.len();
        self.buf.push_str(&joined);
        Span::buf(start, self.buf.len())
    }

    pub(super) fn append_comment(&mut self) -> R {
        let parent = self.cur();
        self.append(parent, RawNode::new(Kind::Other, parent))?;
        Ok(())
    }

    pub(super) fn append_comment_to(&mut self, parent: u32) -> R {
        self.append(parent, RawNode::new(Kind::Other, parent))?;
        Ok(())
    }

    /// Add the attributes an element lacks (a second `<html>` or `<body>`).
    pub(super) fn add_attrs(&mut self, target: u32, t: &Start) {
        let Some(n) = self.nodes.get(target as usize).copied() else {
            return;
        };
        let (start, len) = (n.attr_start as usize, n.attr_len as usize);
        let mut new: Vec<RawAttr> = Vec::new();
        for i in t.attr_start as usize..(t.attr_start + t.attr_len) as usize {
            let a = self.attrs[i];
            let name = self.s(a.name);
            let have = self.attrs[start..start + len]
                .iter()
                .chain(new.iter())
                .any(|x| self.s(x.name) == name);
            if !have {
                new.push(a);
            }
        }
        if new.is_empty() {
            return;
        }
        let at = self.attrs.len();
        self.attrs.extend_from_within(start..start + len);
        self.attrs.extend(new);
        if let Some(node) = self.nodes.get_mut(target as usize) {
            node.attr_start = at as u32;
            node.attr_len = (self.attrs.len() - at) as u32;
        }
        self.attrs_used = self.attrs.len();
    }

    pub(super) fn pop(&mut self) {
        self.open.pop();
        self.open_names.pop();
    }

    /// Remove an element from the stack wherever it is.
    pub(super) fn remove_open(&mut self, node: u32) {
        if let Some(i) = self.open.iter().rposition(|&n| n == node) {
            self.open.remove(i);
            self.open_names.remove(i);
        }
    }

    pub(super) fn truncate_open(&mut self, len: usize) {
        self.open.truncate(len);
        self.open_names.truncate(len);
    }

    /// Whether a stack entry has this name (for `Other`, this spelling).
    pub(super) fn entry_is(&self, i: usize, name: Name, span: Span) -> bool {
        if self.open_names[i] != name {
            return false;
        }
        if name != Name::Other {
            return true;
        }
        let node = self.nodes.get(self.open[i] as usize).map(|n| n.text);
        node.is_some_and(|s| self.s(s) == self.s(span))
    }

    pub(super) fn in_stack(&self, name: Name) -> bool {
        self.open_names.contains(&name)
    }

    /// "Has an element in scope" for which `pred` holds.
    pub(super) fn in_scope_by(&self, scope: Scope, pred: impl Fn(usize, Name) -> bool) -> bool {
        for i in (0..self.open.len()).rev() {
            let n = self.open_names[i];
            if pred(i, n) {
                return true;
            }
            let bound = match scope {
                Scope::Table => matches!(n, Name::Html | Name::Table | Name::Template),
                Scope::Default => n.bounds_scope(),
                Scope::ListItem => n.bounds_scope() || matches!(n, Name::Ol | Name::Ul),
                Scope::Button => n.bounds_scope() || n == Name::Button,
            };
            if bound {
                return false;
            }
        }
        false
    }

    pub(super) fn in_scope(&self, scope: Scope, name: Name) -> bool {
        self.in_scope_by(scope, |_, n| n == name)
    }

    /// Generate implied end tags (cursory), except for `except`.
    pub(super) fn implied_end(&mut self, except: Option<Name>) {
        while let Some(n) = self.cur_name() {
            if !n.cursory_implied_end() || Some(n) == except {
                return;
            }
            self.pop();
        }
    }

    pub(super) fn implied_end_thorough(&mut self) {
        while let Some(n) = self.cur_name() {
            if !n.thorough_implied_end() {
                return;
            }
            self.pop();
        }
    }

    /// Pop until an element for which `pred` holds has been popped.
    pub(super) fn pop_until_by(&mut self, pred: impl Fn(Name) -> bool) {
        while let Some(n) = self.cur_name() {
            self.pop();
            if pred(n) {
                return;
            }
        }
    }

    pub(super) fn pop_until(&mut self, name: Name) {
        self.pop_until_by(|n| n == name);
    }

    /// Pop until the current node is one of `set`.
    pub(super) fn pop_to_current(&mut self, set: impl Fn(Name) -> bool) {
        while let Some(n) = self.cur_name() {
            if set(n) {
                return;
            }
            self.pop();
        }
    }

    pub(super) fn close_p(&mut self) {
        self.implied_end(Some(Name::P));
        self.pop_until(Name::P);
    }

    pub(super) fn close_p_in_button_scope(&mut self) {
        if self.in_scope(Scope::Button, Name::P) {
            self.close_p();
        }
    }

    // ----- active formatting elements -----

    pub(super) fn clear_fmt_to_marker(&mut self) {
        while let Some(e) = self.fmt.pop() {
            if e == Fmt::Marker {
                return;
            }
        }
    }

    fn open_or_marker(&self, e: Fmt) -> bool {
        match e {
            Fmt::Marker => true,
            Fmt::El { node, .. } => self.open.iter().rev().any(|&n| n == node),
        }
    }

    /// Reconstruct the active formatting elements.
    pub(super) fn reconstruct(&mut self) -> R {
        let Some(&last) = self.fmt.last() else {
            return Ok(());
        };
        if self.open_or_marker(last) {
            return Ok(());
        }
        let mut i = self.fmt.len() - 1;
        while i > 0 {
            i -= 1;
            if self.open_or_marker(self.fmt[i]) {
                i += 1;
                break;
            }
        }
        loop {
            let Fmt::El {
                name,
                attr_start,
                attr_len,
                ..
            } = self.fmt[i]
            else {
                return Ok(());
            };
            let t = Start {
                name,
                span: Span::default(),
                self_closing: false,
                attr_start,
                attr_len,
            };
            let Some(node) = self.insert(&t, false)? else {
                return Ok(());
            };
            self.fmt[i] = Fmt::El {
                node,
                name,
                attr_start,
                attr_len,
            };
            if i + 1 == self.fmt.len() {
                return Ok(());
            }
            i += 1;
        }
    }

    /// Whether two attribute lists hold the same attributes.
    fn same_attrs(&self, a: (u32, u32), b: (u32, u32)) -> bool {
        if a.1 != b.1 {
            return false;
        }
        let xs = &self.attrs[a.0 as usize..(a.0 + a.1) as usize];
        let ys = &self.attrs[b.0 as usize..(b.0 + b.1) as usize];
        xs.iter().all(|x| {
            ys.iter()
                .any(|y| self.s(x.name) == self.s(y.name) && self.s(x.value) == self.s(y.value))
        })
    }

    /// Insert a formatting element and list it (at most three equal ones
    /// after the last marker: the earliest goes).
    pub(super) fn insert_formatting(&mut self, t: &Start) -> R {
        let mut first = None;
        let mut count = 0;
        for i in (0..self.fmt.len()).rev() {
            match self.fmt[i] {
                Fmt::Marker => break,
                Fmt::El {
                    name,
                    attr_start,
                    attr_len,
                    ..
                } => {
                    if name == t.name
                        && self.same_attrs((attr_start, attr_len), (t.attr_start, t.attr_len))
                    {
                        first = Some(i);
                        count += 1;
                    }
                }
            }
        }
        if count >= 3 {
            if let Some(i) = first {
                self.fmt.remove(i);
            }
        }
        if let Some(node) = self.insert(t, false)? {
            self.fmt.push(Fmt::El {
                node,
                name: t.name,
                attr_start: t.attr_start,
                attr_len: t.attr_len,
            });
        }
        Ok(())
    }

    pub(super) fn fmt_position(&self, node: u32) -> Option<usize> {
        self.fmt
            .iter()
            .position(|e| matches!(e, Fmt::El { node: n, .. } if *n == node))
    }

    // ----- modes -----

    pub(super) fn reset_mode(&self) -> Mode {
        for i in (0..self.open.len()).rev() {
            let last = i == 0;
            match self.open_names[i] {
                Name::Td | Name::Th if !last => return Mode::InCell,
                Name::Tr => return Mode::InRow,
                Name::Tbody | Name::Thead | Name::Tfoot => return Mode::InTableBody,
                Name::Caption => return Mode::InCaption,
                Name::Colgroup => return Mode::InColumnGroup,
                Name::Table => return Mode::InTable,
                Name::Template => {
                    return self.template_modes.last().copied().unwrap_or(Mode::InBody);
                }
                Name::Head if !last => return Mode::InHead,
                Name::Body => return Mode::InBody,
                Name::Html => {
                    return if self.head.is_none() {
                        Mode::BeforeHead
                    } else {
                        Mode::AfterHead
                    };
                }
                _ => {}
            }
        }
        Mode::InBody
    }

    /// Switch to a content state for the element just inserted.
    pub(super) fn raw_text(&mut self, state: super::tokenizer::State) {
        self.tok.set_state(state);
        self.orig = self.mode;
        self.mode = Mode::Text;
    }
}

/// Part of a span, by byte offsets within it.
pub(super) fn sub(s: Span, from: usize, to: usize) -> Span {
    let (a, b) = (s.start() + from, s.start() + to);
    if s.in_buf() {
        Span::buf(a, b)
    } else {
        Span::src(a, b)
    }
}

/// A start tag the page implies.
pub(super) fn phantom(name: Name) -> Start {
    Start {
        name,
        span: Span::default(),
        self_closing: false,
        attr_start: 0,
        attr_len: 0,
    }
}
