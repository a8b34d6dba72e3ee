//! The tree html5ever builds, kept in one arena of linked nodes.
//!
//! html5ever's tree builder needs a mutable tree (the adoption agency moves
//! nodes, foster parenting inserts before siblings); the extractor needs a
//! flat pre-order array. This sink is the least that serves the first and
//! flattens cheaply into the second: no per-node allocation beyond what the
//! tokenizer already made, attributes kept as the tokenizer produced them.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};

/// No node: the end of a sibling list, or no parent.
pub(crate) const NONE: u32 = u32::MAX;

/// An element: its name and attributes as parsed.
#[derive(Debug)]
pub struct Element {
    /// The element's qualified name.
    pub name: QualName,
    /// Its attributes, in source order.
    pub attrs: Vec<Attribute>,
}

/// What a node holds.
#[derive(Debug)]
pub(crate) enum Content {
    Document,
    Element(Element),
    Text(StrTendril),
    /// Comments, processing instructions, template contents.
    Other,
}

#[derive(Debug)]
pub(crate) struct Node {
    pub(crate) content: Content,
    pub(crate) parent: u32,
    pub(crate) first_child: u32,
    pub(crate) last_child: u32,
    pub(crate) prev: u32,
    pub(crate) next: u32,
}

/// A parsed document. Index 0 is the document node.
#[derive(Debug)]
pub struct Document {
    pub(crate) nodes: Vec<Node>,
}

/// The name reported for a handle that is not an element, which keeps
/// `elem_name` total.
static NO_NAME: std::sync::LazyLock<QualName> =
    std::sync::LazyLock::new(|| QualName::new(None, html5ever::ns!(), html5ever::local_name!("")));

/// The sink html5ever drives.
pub(crate) struct Sink {
    nodes: RefCell<Vec<Node>>,
    /// Template element → its contents node.
    templates: RefCell<Vec<(u32, u32)>>,
}

impl Sink {
    pub(crate) fn new() -> Sink {
        let mut nodes = Vec::with_capacity(2048);
        nodes.push(Node::new(Content::Document));
        Sink {
            nodes: RefCell::new(nodes),
            templates: RefCell::new(Vec::new()),
        }
    }

    fn push(&self, content: Content) -> u32 {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node::new(content));
        (nodes.len() - 1) as u32
    }
}

impl Node {
    fn new(content: Content) -> Node {
        Node {
            content,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
        }
    }
}

/// Mutable access by index; handles always come from this arena.
fn at(nodes: &mut [Node], i: u32) -> Option<&mut Node> {
    nodes.get_mut(i as usize)
}

fn detach(nodes: &mut [Node], i: u32) {
    let Some(n) = at(nodes, i) else { return };
    let (parent, prev, next) = (n.parent, n.prev, n.next);
    n.parent = NONE;
    n.prev = NONE;
    n.next = NONE;
    if let Some(p) = at(nodes, prev) {
        p.next = next;
    } else if let Some(par) = at(nodes, parent) {
        par.first_child = next;
    }
    if let Some(nx) = at(nodes, next) {
        nx.prev = prev;
    } else if let Some(par) = at(nodes, parent) {
        par.last_child = prev;
    }
}

fn append_child(nodes: &mut [Node], parent: u32, child: u32) {
    detach(nodes, child);
    let last = match at(nodes, parent) {
        Some(p) => p.last_child,
        None => return,
    };
    if let Some(c) = at(nodes, child) {
        c.parent = parent;
        c.prev = last;
    }
    if let Some(l) = at(nodes, last) {
        l.next = child;
    } else if let Some(p) = at(nodes, parent) {
        p.first_child = child;
    }
    if let Some(p) = at(nodes, parent) {
        p.last_child = child;
    }
}

fn insert_before(nodes: &mut [Node], sibling: u32, child: u32) {
    detach(nodes, child);
    let (parent, prev) = match at(nodes, sibling) {
        Some(s) => (s.parent, s.prev),
        None => return,
    };
    if let Some(c) = at(nodes, child) {
        c.parent = parent;
        c.prev = prev;
        c.next = sibling;
    }
    if let Some(s) = at(nodes, sibling) {
        s.prev = child;
    }
    if let Some(p) = at(nodes, prev) {
        p.next = child;
    } else if let Some(par) = at(nodes, parent) {
        par.first_child = child;
    }
}

/// Append text to the node at `i` when it is a text node.
fn extend_text(nodes: &mut [Node], i: u32, text: &StrTendril) -> bool {
    match at(nodes, i).map(|n| &mut n.content) {
        Some(Content::Text(t)) => {
            t.push_tendril(text);
            true
        }
        _ => false,
    }
}

impl TreeSink for Sink {
    type Handle = u32;
    type Output = Document;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Document {
        Document {
            nodes: self.nodes.into_inner(),
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> u32 {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a u32) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |n| {
            match n.get(*target as usize).map(|n| &n.content) {
                Some(Content::Element(e)) => &e.name,
                // The tree builder only asks for elements' names.
                _ => &NO_NAME,
            }
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> u32 {
        let el = self.push(Content::Element(Element { name, attrs }));
        if flags.template {
            // Template contents live apart from the tree, as in the DOM.
            let contents = self.push(Content::Other);
            self.templates.borrow_mut().push((el, contents));
        }
        el
    }

    fn create_comment(&self, _text: StrTendril) -> u32 {
        self.push(Content::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> u32 {
        self.push(Content::Other)
    }

    fn append(&self, parent: &u32, child: NodeOrText<u32>) {
        match child {
            NodeOrText::AppendNode(c) => append_child(&mut self.nodes.borrow_mut(), *parent, c),
            NodeOrText::AppendText(text) => {
                let last = self
                    .nodes
                    .borrow()
                    .get(*parent as usize)
                    .map_or(NONE, |p| p.last_child);
                if !extend_text(&mut self.nodes.borrow_mut(), last, &text) {
                    let t = self.push(Content::Text(text));
                    append_child(&mut self.nodes.borrow_mut(), *parent, t);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &u32,
        prev_element: &u32,
        child: NodeOrText<u32>,
    ) {
        let has_parent = self
            .nodes
            .borrow()
            .get(*element as usize)
            .is_some_and(|n| n.parent != NONE);
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &u32) -> u32 {
        let found = self
            .templates
            .borrow()
            .iter()
            .rev()
            .find(|(t, _)| t == target)
            .map(|&(_, c)| c);
        // The tree builder only asks for templates, which all have one.
        found.unwrap_or_else(|| self.push(Content::Other))
    }

    fn same_node(&self, x: &u32, y: &u32) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &u32, new_node: NodeOrText<u32>) {
        match new_node {
            NodeOrText::AppendNode(c) => insert_before(&mut self.nodes.borrow_mut(), *sibling, c),
            NodeOrText::AppendText(text) => {
                let prev = self
                    .nodes
                    .borrow()
                    .get(*sibling as usize)
                    .map_or(NONE, |s| s.prev);
                if !extend_text(&mut self.nodes.borrow_mut(), prev, &text) {
                    let t = self.push(Content::Text(text));
                    insert_before(&mut self.nodes.borrow_mut(), *sibling, t);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &u32, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(Content::Element(e)) = at(&mut nodes, *target).map(|n| &mut n.content) {
            for a in attrs {
                if !e.attrs.iter().any(|x| x.name == a.name) {
                    e.attrs.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &u32) {
        detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &u32, new_parent: &u32) {
        let mut nodes = self.nodes.borrow_mut();
        let mut child = at(&mut nodes, *node).map_or(NONE, |n| n.first_child);
        while child != NONE {
            let next = at(&mut nodes, child).map_or(NONE, |c| c.next);
            append_child(&mut nodes, *new_parent, child);
            child = next;
        }
    }
}

/// Pages are fed to html5ever in pieces this long, so that it stops soon
/// after the node budget is spent.
const CHUNK: usize = 4096;

/// Parse with html5ever into the flat document (the same shape the fast
/// path builds): at most `max_nodes` nodes, in document order.
pub(crate) fn parse<'t>(
    text: &'t str,
    max_nodes: usize,
    why: Option<crate::parse::Unsupported>,
    deadline: &crate::deadline::Deadline,
) -> crate::parse::Document<'t> {
    use html5ever::driver::{self, ParseOpts};
    use html5ever::tendril::TendrilSink;
    use html5ever::tree_builder::TreeBuilderOpts;

    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut parser = driver::parse_document(Sink::new(), opts);
    let mut at = 0;
    let mut stopped = false;
    while at < text.len() {
        let mut end = (at + CHUNK).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        // html5ever drops a U+FEFF at the start of every piece it is fed.
        while text.get(end..).is_some_and(|r| r.starts_with('\u{feff}')) {
            end += 3;
        }
        parser.process(StrTendril::from_slice(&text[at..end]));
        at = end;
        if parser.tokenizer.sink.sink.nodes.borrow().len() > max_nodes || deadline.expired() {
            stopped = at < text.len();
            break;
        }
    }
    let tree = parser.finish();
    flatten(
        tree,
        text,
        max_nodes,
        crate::parse::Built::Html5ever(why),
        stopped,
    )
}

/// The tree in document order, strings copied into the document's buffer.
fn flatten<'t>(
    tree: Document,
    text: &'t str,
    max_nodes: usize,
    built: crate::parse::Built,
    stopped: bool,
) -> crate::parse::Document<'t> {
    use crate::parse::names::Name;
    use crate::parse::{AttrKey, Kind, RawAttr, RawNode, Span};

    let mut doc = crate::parse::Document::new(std::borrow::Cow::Borrowed(text), built);
    doc.truncated = stopped;
    let src = &tree.nodes;
    // The flat index of every open ancestor, root first.
    let mut stack: Vec<u32> = vec![0];
    let mut cur = src.first().map_or(NONE, |n| n.first_child);
    let keep = |doc: &mut crate::parse::Document<'t>, s: &str| {
        let start = doc.buf.len();
        doc.buf.push_str(s);
        Span::buf(start, doc.buf.len())
    };
    while let Some(sn) = src.get(cur as usize) {
        if doc.nodes.len() >= max_nodes {
            doc.truncated = true;
            break;
        }
        let parent = stack.last().copied().unwrap_or(0);
        let index = doc.nodes.len() as u32;
        let mut node = RawNode::new(Kind::Other, parent);
        let mut open = false;
        match &sn.content {
            Content::Element(el) => {
                node.kind = Kind::Element;
                let local: &str = &el.name.local;
                node.name = Name::of(local.as_bytes());
                if node.name == Name::Other {
                    node.text = keep(&mut doc, local);
                }
                node.attr_start = doc.attrs.len() as u32;
                for a in &el.attrs {
                    let name = keep(&mut doc, &a.name.local);
                    let value = keep(&mut doc, &a.value);
                    doc.attrs.push(RawAttr {
                        name,
                        value,
                        key: AttrKey::of(&a.name.local),
                    });
                }
                node.attr_len = doc.attrs.len() as u32 - node.attr_start;
                open = true;
            }
            Content::Text(t) => {
                node.kind = Kind::Text;
                node.text = keep(&mut doc, t);
            }
            Content::Document | Content::Other => {}
        }
        doc.nodes.push(node);
        if open && sn.first_child != NONE {
            stack.push(index);
            cur = sn.first_child;
            continue;
        }
        // On to the next sibling, closing finished ancestors.
        let mut at = cur;
        loop {
            let Some(n) = src.get(at as usize) else {
                return doc;
            };
            if n.next != NONE {
                cur = n.next;
                break;
            }
            if n.parent == NONE || n.parent == 0 {
                return doc;
            }
            at = n.parent;
            stack.pop();
        }
    }
    doc
}
