//! Element names as numbers: every name a tree-construction rule or the
//! extractor tells apart, and `Other` (whose spelling the node keeps).

use crate::dom::Tag;

macro_rules! names {
    ($($id:ident = $s:literal => $tag:ident,)+) => {
        /// An element name the parser or the extractor distinguishes.
        #[allow(missing_docs)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Name {
            $($id,)+
            /// Any other name.
            Other,
        }

        impl Name {
            /// Every name but `Other`.
            #[cfg(test)]
            pub const ALL: &'static [Name] = &[$(Name::$id,)+];

            /// The name of a lower-cased element name.
            pub fn of(name: &[u8]) -> Name {
                match name {
                    $($s => Name::$id,)+
                    _ => Name::Other,
                }
            }

            /// The spelling (empty for `Other`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Name::$id => ascii_str($s),)+
                    Name::Other => "",
                }
            }

            /// The extractor's tag for this name.
            #[inline]
            pub fn tag(self) -> Tag {
                match self {
                    $(Name::$id => Tag::$tag,)+
                    Name::Other => Tag::Other,
                }
            }
        }
    };
}

/// A byte-string literal of ASCII as `&str` (the literals above are ASCII).
const fn ascii_str(b: &'static [u8]) -> &'static str {
    match std::str::from_utf8(b) {
        Ok(s) => s,
        Err(_) => "",
    }
}

names! {
    A = b"a" => A,
    Abbr = b"abbr" => Abbr,
    Address = b"address" => Address,
    Applet = b"applet" => Other,
    Area = b"area" => Other,
    Article = b"article" => Article,
    Aside = b"aside" => Aside,
    Audio = b"audio" => Audio,
    B = b"b" => B,
    Base = b"base" => Other,
    Basefont = b"basefont" => Other,
    Bgsound = b"bgsound" => Other,
    Big = b"big" => Other,
    Blockquote = b"blockquote" => Blockquote,
    Body = b"body" => Body,
    Br = b"br" => Br,
    Button = b"button" => Button,
    Canvas = b"canvas" => Canvas,
    Caption = b"caption" => Caption,
    Center = b"center" => Center,
    Cite = b"cite" => Cite,
    Code = b"code" => Code,
    Col = b"col" => Other,
    Colgroup = b"colgroup" => Other,
    Dd = b"dd" => Dd,
    Del = b"del" => S,
    Details = b"details" => Details,
    Dialog = b"dialog" => Dialog,
    Dir = b"dir" => Other,
    Div = b"div" => Div,
    Dl = b"dl" => Dl,
    Dt = b"dt" => Dt,
    Em = b"em" => Em,
    Embed = b"embed" => Embed,
    Fieldset = b"fieldset" => Fieldset,
    Figcaption = b"figcaption" => Figcaption,
    Figure = b"figure" => Figure,
    Font = b"font" => Font,
    Footer = b"footer" => Footer,
    Form = b"form" => Form,
    Frame = b"frame" => Other,
    Frameset = b"frameset" => Other,
    H1 = b"h1" => H1,
    H2 = b"h2" => H2,
    H3 = b"h3" => H3,
    H4 = b"h4" => H4,
    H5 = b"h5" => H5,
    H6 = b"h6" => H6,
    Head = b"head" => Head,
    Header = b"header" => Header,
    Hgroup = b"hgroup" => Other,
    Hr = b"hr" => Hr,
    Html = b"html" => Html,
    I = b"i" => I,
    Iframe = b"iframe" => Iframe,
    Image = b"image" => Other,
    Img = b"img" => Img,
    Input = b"input" => Input,
    Isindex = b"isindex" => Other,
    Keygen = b"keygen" => Other,
    Label = b"label" => Label,
    Li = b"li" => Li,
    Link = b"link" => Link,
    Listing = b"listing" => Other,
    Main = b"main" => Main,
    Mark = b"mark" => Mark,
    Marquee = b"marquee" => Other,
    Math = b"math" => Math,
    Menu = b"menu" => Menu,
    Meta = b"meta" => Meta,
    Nav = b"nav" => Nav,
    Nobr = b"nobr" => Other,
    Noembed = b"noembed" => Other,
    Noframes = b"noframes" => Other,
    Noscript = b"noscript" => Noscript,
    Object = b"object" => Object,
    Ol = b"ol" => Ol,
    Optgroup = b"optgroup" => Other,
    Option = b"option" => Option,
    P = b"p" => P,
    Param = b"param" => Other,
    Picture = b"picture" => Picture,
    Plaintext = b"plaintext" => Other,
    Pre = b"pre" => Pre,
    Q = b"q" => Q,
    Rb = b"rb" => Other,
    Rp = b"rp" => Other,
    Rt = b"rt" => Other,
    Rtc = b"rtc" => Other,
    Ruby = b"ruby" => Other,
    S = b"s" => S,
    Script = b"script" => Script,
    Search = b"search" => Other,
    Section = b"section" => Section,
    Select = b"select" => Select,
    Small = b"small" => Small,
    Source = b"source" => Source,
    Span = b"span" => Span,
    Strike = b"strike" => S,
    Strong = b"strong" => Strong,
    Style = b"style" => Style,
    Sub = b"sub" => Sub,
    Summary = b"summary" => Summary,
    Sup = b"sup" => Sup,
    Svg = b"svg" => Svg,
    Table = b"table" => Table,
    Tbody = b"tbody" => Tbody,
    Td = b"td" => Td,
    Template = b"template" => Template,
    Textarea = b"textarea" => Textarea,
    Tfoot = b"tfoot" => Tfoot,
    Th = b"th" => Th,
    Thead = b"thead" => Thead,
    Time = b"time" => Time,
    Title = b"title" => Title,
    Tr = b"tr" => Tr,
    Track = b"track" => Track,
    Tt = b"tt" => Other,
    U = b"u" => U,
    Ul = b"ul" => Ul,
    Video = b"video" => Video,
    Wbr = b"wbr" => Other,
    Xmp = b"xmp" => Other,
}

use Name as N;

impl Name {
    /// html5ever's "special" elements (a tag set of the tree builder).
    pub fn is_special(self) -> bool {
        matches!(
            self,
            N::Address
                | N::Applet
                | N::Area
                | N::Article
                | N::Aside
                | N::Base
                | N::Basefont
                | N::Bgsound
                | N::Blockquote
                | N::Body
                | N::Br
                | N::Button
                | N::Caption
                | N::Center
                | N::Col
                | N::Colgroup
                | N::Dd
                | N::Details
                | N::Dir
                | N::Div
                | N::Dl
                | N::Dt
                | N::Embed
                | N::Fieldset
                | N::Figcaption
                | N::Figure
                | N::Footer
                | N::Form
                | N::Frame
                | N::Frameset
                | N::H1
                | N::H2
                | N::H3
                | N::H4
                | N::H5
                | N::H6
                | N::Head
                | N::Header
                | N::Hgroup
                | N::Hr
                | N::Html
                | N::Iframe
                | N::Img
                | N::Input
                | N::Isindex
                | N::Li
                | N::Link
                | N::Listing
                | N::Main
                | N::Marquee
                | N::Menu
                | N::Meta
                | N::Nav
                | N::Noembed
                | N::Noframes
                | N::Noscript
                | N::Object
                | N::Ol
                | N::P
                | N::Param
                | N::Plaintext
                | N::Pre
                | N::Script
                | N::Section
                | N::Select
                | N::Source
                | N::Style
                | N::Summary
                | N::Table
                | N::Tbody
                | N::Td
                | N::Template
                | N::Textarea
                | N::Tfoot
                | N::Th
                | N::Thead
                | N::Title
                | N::Tr
                | N::Track
                | N::Ul
                | N::Wbr
                | N::Xmp
        )
    }

    /// The default scope's boundaries (no SVG or MathML element is ever
    /// open on the fast path, so their integration points never appear).
    pub fn bounds_scope(self) -> bool {
        matches!(
            self,
            N::Applet
                | N::Caption
                | N::Html
                | N::Table
                | N::Td
                | N::Th
                | N::Marquee
                | N::Object
                | N::Select
                | N::Template
        )
    }

    /// Elements whose end tag "generate implied end tags" supplies.
    pub fn cursory_implied_end(self) -> bool {
        matches!(
            self,
            N::Dd | N::Dt | N::Li | N::Option | N::Optgroup | N::P | N::Rb | N::Rp | N::Rt | N::Rtc
        )
    }

    /// The thorough set: the cursory one and the table parts.
    pub fn thorough_implied_end(self) -> bool {
        self.cursory_implied_end()
            || matches!(
                self,
                N::Caption | N::Colgroup | N::Tbody | N::Td | N::Tfoot | N::Th | N::Thead | N::Tr
            )
    }

    /// `h1` to `h6`.
    pub fn is_heading(self) -> bool {
        matches!(self, N::H1 | N::H2 | N::H3 | N::H4 | N::H5 | N::H6)
    }

    /// Formatting elements (the list of active formatting elements holds them).
    pub fn is_formatting(self) -> bool {
        matches!(
            self,
            N::A | N::B
                | N::Big
                | N::Code
                | N::Em
                | N::Font
                | N::I
                | N::Nobr
                | N::S
                | N::Small
                | N::Strike
                | N::Strong
                | N::Tt
                | N::U
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_map_to_tags() {
        for &n in Name::ALL {
            assert_eq!(Name::of(n.as_str().as_bytes()), n);
            assert_eq!(n.tag(), Tag::from_name(n.as_str()));
        }
        assert_eq!(Name::of(b"custom-el"), N::Other);
        assert_eq!(N::Strike.tag(), Tag::S);
        assert_eq!(N::Del.tag(), Tag::S);
    }
}
