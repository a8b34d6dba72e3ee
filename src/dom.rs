//! A flat, pre-order view of the parsed document. Each node knows its parent
//! and where its subtree ends, so subtree sums are one reverse pass and no
//! walk recurses: a page cannot overflow the stack however deep it nests.

use crate::deadline::Deadline;
pub use crate::parse::Document;
use crate::parse::{AttrKey, Kind, RawNode};

/// Parse a document the way a browser with scripting off does, so that
/// `<noscript>` content is markup (some sites serve their whole text there
/// for crawlers) rather than raw text. At most the default
/// [`crate::Options::max_nodes`] nodes are kept.
pub fn parse(text: &str) -> Document<'static> {
    crate::parse::parse_owned(text.to_owned(), crate::options::DEFAULT_MAX_NODES)
}

/// The element names the extractor reasons about; everything else is `Other`.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Script,
    Style,
    Noscript,
    Template,
    Svg,
    Math,
    Iframe,
    Object,
    Embed,
    Canvas,
    Audio,
    Video,
    Source,
    Track,
    Picture,
    Img,
    Button,
    Input,
    Select,
    Textarea,
    Label,
    Form,
    Option,
    Fieldset,
    Dialog,
    Nav,
    Header,
    Footer,
    Aside,
    Main,
    Article,
    Section,
    Div,
    Span,
    P,
    Br,
    Hr,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Table,
    Thead,
    Tbody,
    Tfoot,
    Tr,
    Td,
    Th,
    Caption,
    Blockquote,
    Pre,
    Code,
    Figure,
    Figcaption,
    Address,
    Time,
    A,
    Strong,
    B,
    Em,
    I,
    U,
    S,
    Sup,
    Sub,
    Small,
    Mark,
    Q,
    Cite,
    Abbr,
    Details,
    Summary,
    Menu,
    Center,
    Font,
    Other,
}

impl Tag {
    /// Map a lower-case local name to a tag.
    #[cfg_attr(not(feature = "_internal"), allow(dead_code))]
    pub fn from_name(name: &str) -> Tag {
        match name {
            "html" => Tag::Html,
            "head" => Tag::Head,
            "body" => Tag::Body,
            "title" => Tag::Title,
            "meta" => Tag::Meta,
            "link" => Tag::Link,
            "script" => Tag::Script,
            "style" => Tag::Style,
            "noscript" => Tag::Noscript,
            "template" => Tag::Template,
            "svg" => Tag::Svg,
            "math" => Tag::Math,
            "iframe" => Tag::Iframe,
            "object" => Tag::Object,
            "embed" => Tag::Embed,
            "canvas" => Tag::Canvas,
            "audio" => Tag::Audio,
            "video" => Tag::Video,
            "source" => Tag::Source,
            "track" => Tag::Track,
            "picture" => Tag::Picture,
            "img" => Tag::Img,
            "button" => Tag::Button,
            "input" => Tag::Input,
            "select" => Tag::Select,
            "textarea" => Tag::Textarea,
            "label" => Tag::Label,
            "form" => Tag::Form,
            "option" => Tag::Option,
            "fieldset" => Tag::Fieldset,
            "dialog" => Tag::Dialog,
            "nav" => Tag::Nav,
            "header" => Tag::Header,
            "footer" => Tag::Footer,
            "aside" => Tag::Aside,
            "main" => Tag::Main,
            "article" => Tag::Article,
            "section" => Tag::Section,
            "div" => Tag::Div,
            "span" => Tag::Span,
            "p" => Tag::P,
            "br" => Tag::Br,
            "hr" => Tag::Hr,
            "h1" => Tag::H1,
            "h2" => Tag::H2,
            "h3" => Tag::H3,
            "h4" => Tag::H4,
            "h5" => Tag::H5,
            "h6" => Tag::H6,
            "ul" => Tag::Ul,
            "ol" => Tag::Ol,
            "li" => Tag::Li,
            "dl" => Tag::Dl,
            "dt" => Tag::Dt,
            "dd" => Tag::Dd,
            "table" => Tag::Table,
            "thead" => Tag::Thead,
            "tbody" => Tag::Tbody,
            "tfoot" => Tag::Tfoot,
            "tr" => Tag::Tr,
            "td" => Tag::Td,
            "th" => Tag::Th,
            "caption" => Tag::Caption,
            "blockquote" => Tag::Blockquote,
            "pre" => Tag::Pre,
            "code" => Tag::Code,
            "figure" => Tag::Figure,
            "figcaption" => Tag::Figcaption,
            "address" => Tag::Address,
            "time" => Tag::Time,
            "a" => Tag::A,
            "strong" => Tag::Strong,
            "b" => Tag::B,
            "em" => Tag::Em,
            "i" => Tag::I,
            "u" => Tag::U,
            "s" | "strike" | "del" => Tag::S,
            "sup" => Tag::Sup,
            "sub" => Tag::Sub,
            "small" => Tag::Small,
            "mark" => Tag::Mark,
            "q" => Tag::Q,
            "cite" => Tag::Cite,
            "abbr" => Tag::Abbr,
            "details" => Tag::Details,
            "summary" => Tag::Summary,
            "menu" => Tag::Menu,
            "center" => Tag::Center,
            "font" => Tag::Font,
            _ => Tag::Other,
        }
    }

    /// Whether the element starts a new block of text when rendered.
    pub fn is_block(self) -> bool {
        matches!(
            self,
            Tag::Html
                | Tag::Body
                | Tag::Nav
                | Tag::Header
                | Tag::Footer
                | Tag::Aside
                | Tag::Main
                | Tag::Article
                | Tag::Section
                | Tag::Div
                | Tag::P
                | Tag::Hr
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Ul
                | Tag::Ol
                | Tag::Li
                | Tag::Dl
                | Tag::Dt
                | Tag::Dd
                | Tag::Table
                | Tag::Thead
                | Tag::Tbody
                | Tag::Tfoot
                | Tag::Tr
                | Tag::Td
                | Tag::Th
                | Tag::Caption
                | Tag::Blockquote
                | Tag::Pre
                | Tag::Figure
                | Tag::Figcaption
                | Tag::Address
                | Tag::Form
                | Tag::Fieldset
                | Tag::Details
                | Tag::Summary
                | Tag::Menu
                | Tag::Center
                | Tag::Dialog
                | Tag::Br
        )
    }

    /// The heading level, 1 to 6.
    pub fn heading_level(self) -> Option<u8> {
        match self {
            Tag::H1 => Some(1),
            Tag::H2 => Some(2),
            Tag::H3 => Some(3),
            Tag::H4 => Some(4),
            Tag::H5 => Some(5),
            Tag::H6 => Some(6),
            _ => None,
        }
    }
}

/// An element: its name and attributes.
#[derive(Debug, Clone, Copy)]
pub struct El<'a> {
    doc: &'a Document<'a>,
    node: &'a RawNode,
}

impl<'a> El<'a> {
    /// An attribute's value by its (lower-case) local name.
    #[inline]
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        let doc = self.doc;
        let attrs = doc.attrs_of(self.node);
        let found = match AttrKey::of(name) {
            AttrKey::Other => attrs
                .iter()
                .find(|a| a.key == AttrKey::Other && doc.str(a.name) == name),
            key => attrs.iter().find(|a| a.key == key),
        };
        found.map(|a| doc.str(a.value))
    }

    /// `class`: [`El::attr`] without looking its name up.
    #[inline]
    pub fn class(&self) -> Option<&'a str> {
        let doc = self.doc;
        doc.attrs_of(self.node)
            .iter()
            .find(|a| a.key == AttrKey::Class)
            .map(|a| doc.str(a.value))
    }

    /// The attributes the cleaning and metadata passes read on every
    /// element, found in one walk (the parser numbered their names).
    #[inline]
    pub fn common(&self) -> Common<'a> {
        let doc = self.doc;
        let mut c = Common::default();
        for a in doc.attrs_of(self.node) {
            let slot = match a.key {
                AttrKey::Class => &mut c.class,
                AttrKey::Id => &mut c.id,
                AttrKey::Style => &mut c.style,
                AttrKey::Role => &mut c.role,
                AttrKey::Hidden => &mut c.hidden,
                AttrKey::AriaHidden => &mut c.aria_hidden,
                AttrKey::Type => &mut c.kind,
                AttrKey::Itemprop => &mut c.itemprop,
                AttrKey::Itemtype => &mut c.itemtype,
                AttrKey::Property => &mut c.property,
                AttrKey::Rel => &mut c.rel,
                AttrKey::Testid => &mut c.testid,
                _ => continue,
            };
            *slot = Some(doc.str(a.value));
        }
        c
    }

    /// The element's tag.
    #[inline]
    pub fn tag(&self) -> Tag {
        self.node.name.tag()
    }

    /// The element's local name.
    #[cfg_attr(not(feature = "_internal"), allow(dead_code))] // for tests, via `_internal`
    pub fn name(&self) -> &'a str {
        self.doc.name(self.node)
    }
}

/// An element's most read attributes ([`El::common`]). Names are unique on
/// an element: the tokenizer keeps the first of duplicates.
#[derive(Debug, Clone, Copy, Default)]
pub struct Common<'a> {
    /// `class`.
    pub class: Option<&'a str>,
    /// `id`.
    pub id: Option<&'a str>,
    /// `style`.
    pub style: Option<&'a str>,
    /// `role`.
    pub role: Option<&'a str>,
    /// `hidden`.
    pub hidden: Option<&'a str>,
    /// `aria-hidden`.
    pub aria_hidden: Option<&'a str>,
    /// `type`.
    pub kind: Option<&'a str>,
    /// `itemprop`.
    pub itemprop: Option<&'a str>,
    /// `itemtype`.
    pub itemtype: Option<&'a str>,
    /// `property` (RDFa, OpenGraph).
    pub property: Option<&'a str>,
    /// `rel`.
    pub rel: Option<&'a str>,
    /// `data-testid`: framework pages name their parts there.
    pub testid: Option<&'a str>,
}

/// What a node is.
#[derive(Debug, Clone, Copy)]
pub enum Data<'a> {
    /// An element, with its tag and its attributes.
    Element(Tag, El<'a>),
    /// A text node.
    Text(&'a str),
    /// The document root, comments, doctypes, processing instructions.
    Other,
}

/// One node of the flat tree.
#[derive(Debug, Clone, Copy)]
pub struct Node<'a> {
    /// What the node is.
    pub data: Data<'a>,
    /// The parent's index (the root is its own parent).
    pub parent: u32,
    /// One past the last index of this node's subtree.
    pub end: u32,
}

impl<'a> Node<'a> {
    /// The tag, when the node is an element.
    #[inline]
    pub fn tag(&self) -> Option<Tag> {
        match self.data {
            Data::Element(tag, _) => Some(tag),
            _ => None,
        }
    }

    /// The element, when the node is one.
    #[inline]
    pub fn element(&self) -> Option<El<'a>> {
        match self.data {
            Data::Element(_, el) => Some(el),
            _ => None,
        }
    }

    /// An attribute value.
    #[inline]
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        self.element().and_then(|el| el.attr(name))
    }
}

/// The document as a pre-order array of nodes; index 0 is the root.
///
/// The nodes are the parser's own, read in place: the view adds only each
/// node's subtree end (4 bytes a node), so a page of tiny elements costs
/// little more than its parse. Only when the depth cap leaves elements out
/// does it keep a map from its nodes to the parser's.
#[derive(Debug)]
pub struct Dom<'a> {
    doc: &'a Document<'a>,
    /// One past the last index of each node's subtree.
    ends: Vec<u32>,
    /// Empty when every parsed node is kept (index and parent as parsed);
    /// else, for each kept node, its parsed index and its kept parent.
    map: Vec<(u32, u32)>,
    /// The page's time budget, which the loops over the nodes consult.
    deadline: Option<&'a Deadline>,
}

impl<'a> Dom<'a> {
    /// Every text node, in document order and joined as they are.
    #[cfg_attr(not(feature = "_internal"), allow(dead_code))] // for tests, via `_internal`
    pub fn text(&self) -> String {
        let mut text = String::new();
        for n in self.iter() {
            if let Data::Text(t) = n.data {
                text.push_str(t);
            }
        }
        text
    }

    /// The view of a parsed document. Elements nested deeper than
    /// `max_depth` are not kept as elements: their text joins the deepest
    /// kept ancestor.
    pub fn build(doc: &'a Document<'_>, max_depth: usize) -> Dom<'a> {
        Dom::build_within(doc, max_depth, None)
    }

    /// [`Dom::build`] with the page's deadline, for the later stages'
    /// loops to consult ([`Dom::out_of_time`]).
    pub fn build_within(
        doc: &'a Document<'_>,
        max_depth: usize,
        deadline: Option<&'a Deadline>,
    ) -> Dom<'a> {
        let doc: &'a Document<'a> = doc;
        let raw = &doc.nodes;
        // How many nodes each node's path holds; the pre-parse scan has
        // usually capped the depth already, so nothing goes.
        let mut depth: Vec<u32> = Vec::with_capacity(raw.len());
        let mut deep = false;
        for (i, n) in raw.iter().enumerate() {
            let parent_depth = if i == 0 {
                0
            } else {
                depth.get(n.parent as usize).copied().unwrap_or(0)
            };
            if n.kind == Kind::Element && parent_depth as usize > max_depth {
                deep = true;
                break;
            }
            depth.push(parent_depth + 1);
        }
        drop(depth);
        let map = if deep {
            Dom::kept(raw, max_depth)
        } else {
            Vec::new()
        };
        let len = if deep { map.len() } else { raw.len() };
        let mut ends: Vec<u32> = (1..=len as u32).collect();
        // Subtree ends: each node's subtree reaches as far as its last
        // descendant's.
        for i in (1..len).rev() {
            let p = match map.get(i) {
                Some(&(_, p)) => p as usize,
                None => raw.get(i).map_or(0, |n| n.parent as usize),
            };
            let end = ends[i];
            if let Some(e) = ends.get_mut(p) {
                *e = (*e).max(end);
            }
        }
        Dom {
            doc,
            ends,
            map,
            deadline,
        }
    }

    /// The kept nodes when the depth cap leaves elements out: for each,
    /// its parsed index and the index of its nearest kept ancestor.
    fn kept(raw: &[RawNode], max_depth: usize) -> Vec<(u32, u32)> {
        let mut map: Vec<(u32, u32)> = Vec::with_capacity(raw.len());
        // For every parsed node: its index here when kept, else its
        // nearest kept ancestor's; and how many kept elements its path holds.
        let mut at: Vec<u32> = Vec::with_capacity(raw.len());
        let mut depth: Vec<u32> = Vec::with_capacity(raw.len());
        for (i, n) in raw.iter().enumerate() {
            let index = map.len() as u32;
            let (parent, parent_depth) = if i == 0 {
                (0, 0)
            } else {
                let p = n.parent as usize;
                (
                    at.get(p).copied().unwrap_or(0),
                    depth.get(p).copied().unwrap_or(0),
                )
            };
            if n.kind == Kind::Element && parent_depth as usize > max_depth {
                at.push(parent);
                depth.push(parent_depth);
                continue;
            }
            map.push((i as u32, parent));
            at.push(index);
            depth.push(parent_depth + 1);
        }
        map
    }

    /// The node at `index`, read from the parse; past the end, an empty
    /// node of nothing (so no index can panic).
    #[inline]
    pub fn node(&self, index: usize) -> Node<'a> {
        self.get(index).unwrap_or(Node {
            data: Data::Other,
            parent: index as u32,
            end: (index as u32).saturating_add(1),
        })
    }

    /// The node at `index`, if there is one.
    #[inline]
    pub fn get(&self, index: usize) -> Option<Node<'a>> {
        let end = *self.ends.get(index)?;
        let doc = self.doc;
        let raw = self.raw(index)?;
        let parent = match self.map.get(index) {
            Some(&(_, p)) => p,
            None => raw.parent,
        };
        let data = match raw.kind {
            Kind::Element => Data::Element(raw.name.tag(), El { doc, node: raw }),
            Kind::Text => Data::Text(doc.str(raw.text)),
            Kind::Document | Kind::Other => Data::Other,
        };
        Some(Node { data, parent, end })
    }

    /// The parsed node behind the node at `index`.
    #[inline]
    fn raw(&self, index: usize) -> Option<&'a RawNode> {
        let doc = self.doc;
        match self.map.get(index) {
            Some(&(r, _)) => doc.nodes.get(r as usize),
            None if self.map.is_empty() => doc.nodes.get(index),
            None => None,
        }
    }

    /// The tag of the node at `index`, when it is an element: what most
    /// loops over the nodes ask, answered without reading any text.
    #[inline]
    pub fn tag(&self, index: usize) -> Option<Tag> {
        self.raw(index)
            .filter(|n| n.kind == Kind::Element)
            .map(|n| n.name.tag())
    }

    /// The element at `index`, when it is one.
    #[inline]
    pub fn element(&self, index: usize) -> Option<El<'a>> {
        self.raw(index)
            .filter(|n| n.kind == Kind::Element)
            .map(|node| El {
                doc: self.doc,
                node,
            })
    }

    /// The text of the node at `index`, when it is a text node.
    #[inline]
    pub fn text_at(&self, index: usize) -> Option<&'a str> {
        self.raw(index)
            .filter(|n| n.kind == Kind::Text)
            .map(|n| self.doc.str(n.text))
    }

    /// Every node, in document order.
    #[inline]
    pub fn iter(&self) -> impl Iterator<Item = Node<'a>> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// The parent's index of the node at `index` (the root is its own).
    #[inline]
    pub fn parent(&self, index: usize) -> usize {
        let p = match self.map.get(index) {
            Some(&(_, p)) => Some(p),
            None => self.doc.nodes.get(index).map(|n| n.parent),
        };
        p.map_or(index, |p| p as usize)
    }

    /// One past the last index of the subtree at `index`.
    #[inline]
    pub fn end(&self, index: usize) -> usize {
        self.ends.get(index).map_or(index, |&e| e as usize)
    }

    /// Whether the page's time is up: a loop over the nodes stops early,
    /// and the stage boundary after it turns the page into a timeout.
    pub fn out_of_time(&self) -> bool {
        self.deadline.is_some_and(Deadline::passed)
    }

    /// Number of nodes.
    #[inline]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the document has no nodes.
    #[cfg_attr(not(feature = "_internal"), allow(dead_code))] // for tests, via `_internal`
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The direct children of `index`.
    pub fn children(&self, index: usize) -> Children<'_, 'a> {
        let end = self.ends.get(index).map_or(0, |&e| e as usize);
        Children {
            dom: self,
            next: index + 1,
            end,
        }
    }

    /// The first element with this tag, in document order.
    pub fn find(&self, tag: Tag) -> Option<usize> {
        (0..self.len()).find(|&i| self.tag(i) == Some(tag))
    }
}

/// Iterator over a node's children.
pub struct Children<'d, 'a> {
    dom: &'d Dom<'a>,
    next: usize,
    end: usize,
}

impl Iterator for Children<'_, '_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.next >= self.end {
            return None;
        }
        let current = self.next;
        self.next = self.dom.ends.get(current).map_or(self.end, |&e| e as usize);
        Some(current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtrees_are_contiguous() {
        let html = parse("<div><p>a<b>b</b></p><p>c</p></div>");
        let dom = Dom::build(&html, 512);
        let div = dom.find(Tag::Div).unwrap_or(0);
        let kids: Vec<_> = dom.children(div).collect();
        assert_eq!(kids.len(), 2);
        assert_eq!(dom.node(kids[0]).tag(), Some(Tag::P));
        assert_eq!(dom.end(div), kids[1] + 2);
    }

    #[test]
    fn nesting_past_the_cap_is_flattened() {
        let page = format!("{}x{}", "<div>".repeat(100), "</div>".repeat(100));
        let html = parse(&page);
        let dom = Dom::build(&html, 10);
        let elements = dom.iter().filter(|n| n.tag() == Some(Tag::Div)).count();
        assert!(elements < 15, "kept {elements} divs");
        assert!(dom.iter().any(|n| matches!(n.data, Data::Text("x"))));
    }
}
