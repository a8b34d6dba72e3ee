//! A flat, pre-order view of the parsed document. Each node knows its parent
//! and where its subtree ends, so subtree sums are one reverse pass and no
//! walk recurses: a page cannot overflow the stack however deep it nests.

use html5ever::LocalName;
use html5ever::driver::{self, ParseOpts};
use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::TreeBuilderOpts;

use crate::tree::{Content, Document, Element, NONE, Sink};

/// Parse a document the way a browser with scripting off does, so that
/// `<noscript>` content is markup (some sites serve their whole text there
/// for crawlers) rather than raw text.
pub fn parse(text: &str) -> Document {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    driver::parse_document(Sink::new(), opts).one(text)
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

/// An element's attributes, looked up by plain string comparison: the
/// parser's own lookup interns the name on every call, which showed up as a
/// tenth of the extraction time.
#[derive(Debug, Clone, Copy)]
pub struct El<'a>(&'a Element);

impl<'a> El<'a> {
    /// An attribute's value by its (lower-case) local name.
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        self.0
            .attrs
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| &*a.value)
    }

    /// The attributes the cleaning and metadata passes read on every
    /// element, found in one walk (comparing interned names) instead of one
    /// per attribute.
    pub fn common(&self) -> Common<'a> {
        use html5ever::local_name;
        static TEST_ID: std::sync::LazyLock<LocalName> =
            std::sync::LazyLock::new(|| LocalName::from("data-testid"));
        let mut c = Common::default();
        for a in &self.0.attrs {
            let v = Some(&*a.value);
            let n = &a.name.local;
            if *n == local_name!("class") {
                c.class = v;
            } else if *n == local_name!("id") {
                c.id = v;
            } else if *n == local_name!("style") {
                c.style = v;
            } else if *n == local_name!("role") {
                c.role = v;
            } else if *n == local_name!("hidden") {
                c.hidden = v;
            } else if *n == local_name!("aria-hidden") {
                c.aria_hidden = v;
            } else if *n == local_name!("type") {
                c.kind = v;
            } else if *n == local_name!("itemprop") {
                c.itemprop = v;
            } else if *n == local_name!("itemtype") {
                c.itemtype = v;
            } else if *n == local_name!("property") {
                c.property = v;
            } else if *n == local_name!("rel") {
                c.rel = v;
            } else if *n == *TEST_ID {
                c.testid = v;
            }
        }
        c
    }

    /// The element's local name.
    #[cfg_attr(not(feature = "_internal"), allow(dead_code))] // for tests, via `_internal`
    pub fn name(&self) -> &'a str {
        &self.0.name.local
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
    pub fn tag(&self) -> Option<Tag> {
        match self.data {
            Data::Element(tag, _) => Some(tag),
            _ => None,
        }
    }

    /// The element, when the node is one.
    pub fn element(&self) -> Option<El<'a>> {
        match self.data {
            Data::Element(_, el) => Some(el),
            _ => None,
        }
    }

    /// An attribute value.
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        self.element().and_then(|el| el.attr(name))
    }
}

/// The document as a pre-order array of nodes; index 0 is the root.
#[derive(Debug)]
pub struct Dom<'a> {
    /// All nodes in document order.
    pub nodes: Vec<Node<'a>>,
}

impl<'a> Dom<'a> {
    /// Every text node, in document order and joined as they are.
    #[cfg_attr(not(feature = "_internal"), allow(dead_code))] // for tests, via `_internal`
    pub fn text(&self) -> String {
        let mut text = String::new();
        for n in &self.nodes {
            if let Data::Text(t) = n.data {
                text.push_str(t);
            }
        }
        text
    }

    /// Flatten a parsed document. Elements nested deeper than `max_depth`
    /// are not kept as elements: their text joins the deepest kept ancestor.
    pub fn build(doc: &'a Document, max_depth: usize) -> Dom<'a> {
        let src = &doc.nodes;
        let mut nodes: Vec<Node<'a>> = Vec::with_capacity(src.len());
        // Kept ancestors' indices in `nodes`, and for every open source
        // node whether it was kept (elements past the cap are not).
        let mut stack: Vec<u32> = Vec::with_capacity(64);
        let mut open: Vec<bool> = Vec::with_capacity(64);
        let mut cur = 0u32;
        while let Some(sn) = src.get(cur as usize) {
            let parent = stack.last().copied().unwrap_or(0);
            let index = nodes.len() as u32;
            let mut kept_open = None;
            match &sn.content {
                Content::Element(el) => {
                    if stack.len() > max_depth {
                        kept_open = Some(false);
                    } else {
                        let tag = Tag::from_name(&el.name.local);
                        nodes.push(Node {
                            data: Data::Element(tag, El(el)),
                            parent,
                            end: index + 1,
                        });
                        stack.push(index);
                        kept_open = Some(true);
                    }
                }
                Content::Document => {
                    nodes.push(Node {
                        data: Data::Other,
                        parent: 0,
                        end: index + 1,
                    });
                    stack.push(index);
                    kept_open = Some(true);
                }
                Content::Text(t) => nodes.push(Node {
                    data: Data::Text(t),
                    parent,
                    end: index + 1,
                }),
                Content::Other => nodes.push(Node {
                    data: Data::Other,
                    parent,
                    end: index + 1,
                }),
            }
            // Descend into an open element's children, else move on to the
            // next sibling, closing finished ancestors on the way up.
            if let Some(kept) = kept_open {
                if sn.first_child != NONE {
                    open.push(kept);
                    cur = sn.first_child;
                    continue;
                }
                if kept {
                    close(&mut nodes, &mut stack);
                }
            }
            let mut at = cur;
            loop {
                let Some(n) = src.get(at as usize) else {
                    return Dom { nodes };
                };
                if n.next != NONE {
                    cur = n.next;
                    break;
                }
                if n.parent == NONE || open.is_empty() {
                    return Dom { nodes };
                }
                at = n.parent;
                if open.pop() == Some(true) {
                    close(&mut nodes, &mut stack);
                }
            }
        }
        Dom { nodes }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the document has no nodes.
    #[cfg_attr(not(feature = "_internal"), allow(dead_code))] // for tests, via `_internal`
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The direct children of `index`.
    pub fn children(&self, index: usize) -> Children<'_, 'a> {
        let end = self.nodes.get(index).map_or(0, |n| n.end as usize);
        Children {
            dom: self,
            next: index + 1,
            end,
        }
    }

    /// The first element with this tag, in document order.
    pub fn find(&self, tag: Tag) -> Option<usize> {
        self.nodes.iter().position(|n| n.tag() == Some(tag))
    }
}

/// Close the innermost kept element: its subtree ends here.
fn close(nodes: &mut [Node<'_>], stack: &mut Vec<u32>) {
    if let Some(index) = stack.pop() {
        let end = nodes.len() as u32;
        if let Some(n) = nodes.get_mut(index as usize) {
            n.end = end;
        }
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
        self.next = self
            .dom
            .nodes
            .get(current)
            .map_or(self.end, |n| n.end as usize);
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
        assert_eq!(dom.nodes[kids[0]].tag(), Some(Tag::P));
        assert_eq!(dom.nodes[div].end as usize, kids[1] + 2);
    }

    #[test]
    fn nesting_past_the_cap_is_flattened() {
        let page = format!("{}x{}", "<div>".repeat(100), "</div>".repeat(100));
        let html = parse(&page);
        let dom = Dom::build(&html, 10);
        let elements = dom
            .nodes
            .iter()
            .filter(|n| n.tag() == Some(Tag::Div))
            .count();
        assert!(elements < 15, "kept {elements} divs");
        assert!(dom.nodes.iter().any(|n| matches!(n.data, Data::Text("x"))));
    }
}
