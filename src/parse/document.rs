//! The parsed document as both parsers leave it: nodes in document order
//! (pre-order) with their parents, strings as ranges of the page or of one
//! buffer of rewritten text, attributes in one array.

use std::borrow::Cow;

use super::names::Name;

/// A string: a range of the page, or of the document's own buffer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    start: u32,
    /// The length; the top bit says the range is in the buffer.
    len: u32,
}

const IN_BUF: u32 = 1 << 31;

impl Span {
    pub(crate) fn src(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            len: (end - start) as u32,
        }
    }

    pub(crate) fn buf(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            len: (end - start) as u32 | IN_BUF,
        }
    }

    pub(crate) fn in_buf(self) -> bool {
        self.len & IN_BUF != 0
    }

    pub(crate) fn start(self) -> usize {
        self.start as usize
    }

    pub(crate) fn end(self) -> usize {
        self.start as usize + (self.len & !IN_BUF) as usize
    }

    pub(crate) fn is_empty(self) -> bool {
        self.len & !IN_BUF == 0
    }
}

/// The largest page the spans can address; longer pages are cut there.
pub(crate) const MAX_LEN: usize = (IN_BUF - 1) as usize;

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Document,
    Element,
    Text,
    /// Comments and processing instructions.
    Other,
}

/// One node.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawNode {
    pub(crate) parent: u32,
    pub(crate) kind: Kind,
    pub(crate) name: Name,
    /// An element's attributes: `attrs[attr_start..attr_start + attr_len]`.
    pub(crate) attr_start: u32,
    pub(crate) attr_len: u32,
    /// A text node's text; an element's name when `name` is `Other`.
    pub(crate) text: Span,
}

impl RawNode {
    pub(crate) fn new(kind: Kind, parent: u32) -> RawNode {
        RawNode {
            parent,
            kind,
            name: Name::Other,
            attr_start: 0,
            attr_len: 0,
            text: Span::default(),
        }
    }
}

/// Attribute names numbered: the ones every stage reads on every element
/// (the first twelve, [`crate::dom::Common`]) and the rest of those the
/// pre-parse scan keeps, so that looking one up compares numbers, not
/// strings in the page.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum AttrKey {
    /// Any other name (kept as written).
    Other,
    Class,
    Id,
    Style,
    Role,
    Hidden,
    AriaHidden,
    Type,
    Itemprop,
    Itemtype,
    Property,
    Rel,
    Testid,
    Lang,
    XmlLang,
    DataLang,
    DataLanguage,
    Name,
    Content,
    Value,
    HttpEquiv,
    Datetime,
    Pubdate,
    Title,
    Href,
    Src,
    Srcset,
    DataSrc,
    DataSrcset,
    DataLazySrc,
    DataOriginal,
    Alt,
    Start,
    Colspan,
    Rowspan,
    Color,
    Face,
    Size,
    Encoding,
}

impl AttrKey {
    pub(crate) fn of(name: &str) -> AttrKey {
        match name {
            "class" => AttrKey::Class,
            "id" => AttrKey::Id,
            "style" => AttrKey::Style,
            "role" => AttrKey::Role,
            "hidden" => AttrKey::Hidden,
            "aria-hidden" => AttrKey::AriaHidden,
            "type" => AttrKey::Type,
            "itemprop" => AttrKey::Itemprop,
            "itemtype" => AttrKey::Itemtype,
            "property" => AttrKey::Property,
            "rel" => AttrKey::Rel,
            "data-testid" => AttrKey::Testid,
            "lang" => AttrKey::Lang,
            "xml:lang" => AttrKey::XmlLang,
            "data-lang" => AttrKey::DataLang,
            "data-language" => AttrKey::DataLanguage,
            "name" => AttrKey::Name,
            "content" => AttrKey::Content,
            "value" => AttrKey::Value,
            "http-equiv" => AttrKey::HttpEquiv,
            "datetime" => AttrKey::Datetime,
            "pubdate" => AttrKey::Pubdate,
            "title" => AttrKey::Title,
            "href" => AttrKey::Href,
            "src" => AttrKey::Src,
            "srcset" => AttrKey::Srcset,
            "data-src" => AttrKey::DataSrc,
            "data-srcset" => AttrKey::DataSrcset,
            "data-lazy-src" => AttrKey::DataLazySrc,
            "data-original" => AttrKey::DataOriginal,
            "alt" => AttrKey::Alt,
            "start" => AttrKey::Start,
            "colspan" => AttrKey::Colspan,
            "rowspan" => AttrKey::Rowspan,
            "color" => AttrKey::Color,
            "face" => AttrKey::Face,
            "size" => AttrKey::Size,
            "encoding" => AttrKey::Encoding,
            _ => AttrKey::Other,
        }
    }

    /// The name (empty for `Other`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            AttrKey::Other => "",
            AttrKey::Class => "class",
            AttrKey::Id => "id",
            AttrKey::Style => "style",
            AttrKey::Role => "role",
            AttrKey::Hidden => "hidden",
            AttrKey::AriaHidden => "aria-hidden",
            AttrKey::Type => "type",
            AttrKey::Itemprop => "itemprop",
            AttrKey::Itemtype => "itemtype",
            AttrKey::Property => "property",
            AttrKey::Rel => "rel",
            AttrKey::Testid => "data-testid",
            AttrKey::Lang => "lang",
            AttrKey::XmlLang => "xml:lang",
            AttrKey::DataLang => "data-lang",
            AttrKey::DataLanguage => "data-language",
            AttrKey::Name => "name",
            AttrKey::Content => "content",
            AttrKey::Value => "value",
            AttrKey::HttpEquiv => "http-equiv",
            AttrKey::Datetime => "datetime",
            AttrKey::Pubdate => "pubdate",
            AttrKey::Title => "title",
            AttrKey::Href => "href",
            AttrKey::Src => "src",
            AttrKey::Srcset => "srcset",
            AttrKey::DataSrc => "data-src",
            AttrKey::DataSrcset => "data-srcset",
            AttrKey::DataLazySrc => "data-lazy-src",
            AttrKey::DataOriginal => "data-original",
            AttrKey::Alt => "alt",
            AttrKey::Start => "start",
            AttrKey::Colspan => "colspan",
            AttrKey::Rowspan => "rowspan",
            AttrKey::Color => "color",
            AttrKey::Face => "face",
            AttrKey::Size => "size",
            AttrKey::Encoding => "encoding",
        }
    }
}

/// One attribute.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawAttr {
    pub(crate) name: Span,
    pub(crate) value: Span,
    pub(crate) key: AttrKey,
}

/// Which parser built a document, and why the fast one did not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Built {
    /// The fast path.
    Fast,
    /// html5ever, because the fast path met something it leaves to it.
    Html5ever(Option<super::Unsupported>),
}

/// A parsed page. [`crate::dom::Dom::build`] gives the view the stages read.
#[derive(Debug)]
pub struct Document<'t> {
    pub(crate) src: Cow<'t, str>,
    pub(crate) buf: String,
    pub(crate) nodes: Vec<RawNode>,
    pub(crate) attrs: Vec<RawAttr>,
    pub(crate) truncated: bool,
    pub(crate) built: Built,
}

impl<'t> Document<'t> {
    pub(crate) fn new(src: Cow<'t, str>, built: Built) -> Document<'t> {
        Document {
            src,
            buf: String::new(),
            nodes: vec![RawNode::new(Kind::Document, 0)],
            attrs: Vec::new(),
            truncated: false,
            built,
        }
    }

    /// The text of a span.
    #[inline]
    pub(crate) fn str(&self, s: Span) -> &str {
        let text = if s.in_buf() { &self.buf } else { &*self.src };
        text.get(s.start()..s.end()).unwrap_or("")
    }

    /// Whether the node budget cut the page short.
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// Which parser built the document.
    pub fn built(&self) -> Built {
        self.built
    }

    /// Number of nodes, the document node included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether there are no nodes (never: the document node is one).
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// An element's name.
    pub(crate) fn name(&self, n: &RawNode) -> &str {
        match n.name {
            Name::Other => self.str(n.text),
            name => name.as_str(),
        }
    }

    /// An attribute's name.
    pub(crate) fn attr_name(&self, a: &RawAttr) -> &str {
        match a.key {
            AttrKey::Other => self.str(a.name),
            key => key.name(),
        }
    }

    /// An element's attributes.
    #[inline]
    pub(crate) fn attrs_of(&self, n: &RawNode) -> &[RawAttr] {
        let start = n.attr_start as usize;
        self.attrs
            .get(start..start + n.attr_len as usize)
            .unwrap_or_default()
    }

    /// A one-line-per-node rendering, for tests comparing two parses.
    pub fn outline(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        for (i, n) in self.nodes.iter().enumerate() {
            let _ = write!(out, "{i} ^{} ", n.parent);
            match n.kind {
                Kind::Document => out.push_str("#document"),
                Kind::Other => out.push_str("#other"),
                Kind::Text => {
                    let _ = write!(out, "{:?}", self.str(n.text));
                }
                Kind::Element => {
                    out.push('<');
                    out.push_str(self.name(n));
                    for a in self.attrs_of(n) {
                        let _ = write!(out, " {}={:?}", self.attr_name(a), self.str(a.value));
                    }
                    out.push('>');
                }
            }
            out.push('\n');
        }
        out
    }
}
