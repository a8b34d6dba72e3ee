//! Property tests over generated HTML-ish documents and arbitrary bytes.
//!
//! Invariants: extraction never panics; the record serialises to JSON and
//! back; the body's text is a subsequence of the page's text (nothing is
//! invented); nothing inside an element hidden by the rules (`hidden`,
//! `aria-hidden="true"`, `display:none`, `visibility:hidden`, script, style,
//! template) reaches the body. Hidden content is made of marker words that
//! appear nowhere else, so finding one in the body is a failure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use gleaner::_internal::dom::{self, Data, Dom, Tag};
use gleaner::_internal::text::is_drawn_from;
use gleaner::{Options, extract_with};
use proptest::prelude::*;

/// Ordinary words, entities, unicode and control characters for visible text.
const WORDS: &[&str] = &[
    "the",
    "council",
    "met",
    "on",
    "Tuesday",
    "to",
    "discuss",
    "budget,",
    "which",
    "raises",
    "spending.",
    "Residents",
    "were",
    "divided;",
    "vote",
    "expected",
    "next",
    "month!",
    "Share",
    "Read more",
    "Related:",
    "©",
    "10:45",
    "&amp;",
    "&lt;b&gt;",
    "&nbsp;",
    "&#x2014;",
    "&#128512;",
    "&eacute;t&eacute;",
    "&bogus;",
    "&#0;",
    "&#xD800;",
    "café",
    "naïve",
    "Привет",
    "日本語の記事です。",
    "مرحبا",
    "🙂",
    "soft\u{00AD}hyphen",
    "zero\u{200B}width",
    "nul\u{0}byte",
    "\u{FEFF}",
    "tab\there",
    "line\nbreak",
    "a-very-long-word-without-any-spaces-at-all-in-it",
];

/// Tags for the visible structure.
const TAGS: &[&str] = &[
    "p",
    "div",
    "article",
    "section",
    "main",
    "nav",
    "header",
    "footer",
    "aside",
    "span",
    "a",
    "b",
    "i",
    "em",
    "strong",
    "h1",
    "h2",
    "h3",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "th",
    "blockquote",
    "figure",
    "figcaption",
    "form",
    "noscript",
    "svg",
    "math",
    "font",
    "center",
    "time",
    "button",
    "label",
];

/// Attributes that change what the cleaner thinks, none of which hides.
const ATTRS: &[&str] = &[
    "",
    " class=\"share\"",
    " class=\"related\"",
    " class=\"content article-body\"",
    " class=\"post-meta\"",
    " class=\"has-sidebar\"",
    " id=\"main\"",
    " id=\"comments\"",
    " role=\"navigation\"",
    " role=\"main\"",
    " href=\"/next\"",
    " itemprop=\"author\"",
    " style=\"color:red\"",
    " aria-hidden=\"false\"",
    " data-x=\"&quot;<p>&quot;\"",
    " title='unterminated",
];

/// Ways to hide an element, and the tags that wear them.
const HIDERS: &[&str] = &[
    " hidden",
    " HIDDEN=\"\"",
    " aria-hidden=\"true\"",
    " aria-hidden=\" TRUE \"",
    " style=\"display:none\"",
    " style=\"color: red; DISPLAY : none\"",
    " style=\"visibility:hidden\"",
];
/// Only elements the parser never moves their text out of: no tables (text
/// in a table is foster-parented out), no raw-text or void elements.
const HIDDEN_TAGS: &[&str] = &["div", "p", "span", "section", "h2", "li", "blockquote"];
/// Elements whose content is never text of the page.
const NEVER_TEXT: &[&str] = &["script", "style", "template"];

/// Broken markup dropped between siblings.
const JUNK: &[&str] = &[
    "<b>",
    "<i>",
    "<div>",
    "<p>",
    "<span>",
    "</div>",
    "</p>",
    "</b>",
    "</i>",
    "</table>",
    "</li>",
    "<li>",
    "<td>",
    "<tr>",
    "<table>",
    "<a href=x>",
    "</a>",
    "<br>",
    "</br>",
    "<hr>",
    "<img src=x alt=\"alt text\">",
    "<!-- a comment -->",
    "<!-- unterminated comment",
    "<![CDATA[ cdata ]]>",
    "<!DOCTYPE html>",
    "< not a tag",
    "<>",
    "</>",
    "<p/>",
    "&",
    "&#",
    "&#x;",
    "<html lang=en>",
    "</body>",
    "</html>",
    "\u{0}",
];

#[derive(Debug, Clone)]
enum Gen {
    Text(Vec<usize>),
    Junk(usize),
    Element {
        tag: usize,
        attr: usize,
        children: Vec<Gen>,
        closed: bool,
    },
    /// A hidden element: marker words only, maybe with inline emphasis.
    Hidden {
        tag: usize,
        how: usize,
        words: usize,
        nested: bool,
    },
    /// script/style/template holding marker words.
    NeverText {
        tag: usize,
        words: usize,
    },
}

fn gen_tree() -> impl Strategy<Value = Gen> {
    let leaf = prop_oneof![
        4 => prop::collection::vec(0..WORDS.len(), 1..12).prop_map(Gen::Text),
        1 => (0..JUNK.len()).prop_map(Gen::Junk),
        1 => (0..HIDDEN_TAGS.len(), 0..HIDERS.len(), 1..4usize, any::<bool>())
            .prop_map(|(tag, how, words, nested)| Gen::Hidden { tag, how, words, nested }),
        1 => (0..NEVER_TEXT.len(), 1..4usize).prop_map(|(tag, words)| Gen::NeverText { tag, words }),
    ];
    leaf.prop_recursive(6, 80, 6, |inner| {
        (
            0..TAGS.len(),
            0..ATTRS.len(),
            prop::collection::vec(inner, 0..6),
            prop::bool::weighted(0.85),
        )
            .prop_map(|(tag, attr, children, closed)| Gen::Element {
                tag,
                attr,
                children,
                closed,
            })
    })
}

/// Renders the tree; every marker word is numbered so each is unique.
struct Render {
    out: String,
    markers: Vec<String>,
}

impl Render {
    fn marker(&mut self) -> String {
        let m = format!("zqmark{}x", self.markers.len());
        self.markers.push(m.clone());
        m
    }

    fn markers(&mut self, n: usize) -> String {
        (0..n).map(|_| self.marker()).collect::<Vec<_>>().join(" ")
    }

    fn node(&mut self, g: &Gen) {
        match g {
            Gen::Text(words) => {
                for &w in words {
                    self.out.push_str(WORDS[w]);
                    self.out.push(' ');
                }
            }
            Gen::Junk(j) => self.out.push_str(JUNK[*j]),
            Gen::Element {
                tag,
                attr,
                children,
                closed,
            } => {
                let name = TAGS[*tag];
                self.out.push('<');
                self.out.push_str(name);
                self.out.push_str(ATTRS[*attr]);
                self.out.push('>');
                for c in children {
                    self.node(c);
                }
                if *closed {
                    self.out.push_str("</");
                    self.out.push_str(name);
                    self.out.push('>');
                }
            }
            Gen::Hidden {
                tag,
                how,
                words,
                nested,
            } => {
                let name = HIDDEN_TAGS[*tag];
                let text = self.markers(*words);
                let inner = if *nested {
                    let more = self.marker();
                    format!("{text} <b>{more}</b> <em>{}</em>", self.marker())
                } else {
                    text
                };
                self.out
                    .push_str(&format!("<{name}{}>{inner}</{name}>", HIDERS[*how]));
            }
            Gen::NeverText { tag, words } => {
                let name = NEVER_TEXT[*tag];
                let text = self.markers(*words);
                self.out.push_str(&format!("<{name}>{text}</{name}>"));
            }
        }
    }
}

fn render(children: &[Gen], wrap: bool) -> (String, Vec<String>) {
    let mut r = Render {
        out: String::new(),
        markers: Vec::new(),
    };
    if wrap {
        r.out
            .push_str("<!DOCTYPE html><html><head><title>A page</title></head><body>");
    }
    for c in children {
        r.node(c);
    }
    if wrap {
        r.out.push_str("</body></html>");
    }
    (r.out, r.markers)
}

/// The parsed page's text: every text node in document order (a superset
/// of what the body may hold), and the marker words that the parser left
/// inside an element hidden by the rules. The parser, not the source, says
/// what is inside what: `<svg><section hidden>a <b>b</b>` puts `b` outside.
fn page_text(html: &str) -> (String, Vec<String>) {
    let parsed = dom::parse(html);
    let tree = Dom::build(&parsed, usize::MAX);
    let mut text = String::new();
    let mut hidden = Vec::new();
    let mut hidden_end = 0usize;
    for (i, n) in tree.iter().enumerate() {
        match n.data {
            Data::Element(tag, el) => {
                let by_tag = matches!(tag, Tag::Script | Tag::Style | Tag::Template);
                let by_attr = el.attr("hidden").is_some()
                    || el
                        .attr("aria-hidden")
                        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
                    || el.attr("style").is_some_and(|s| {
                        let s: String = s.split_whitespace().collect::<String>().to_lowercase();
                        s.contains("display:none") || s.contains("visibility:hidden")
                    });
                if by_tag || by_attr {
                    hidden_end = hidden_end.max(n.end as usize);
                }
            }
            Data::Text(t) => {
                text.push_str(t);
                if i < hidden_end {
                    hidden.extend(
                        t.split_whitespace()
                            .filter(|w| w.starts_with("zqmark"))
                            .map(str::to_string),
                    );
                }
            }
            Data::Other => {}
        }
    }
    (text, hidden)
}

fn check(html: &str, options: &Options, default_depth: bool) -> Result<(), TestCaseError> {
    let article = match extract_with(html, Some("https://example.com/a"), options) {
        Ok(a) => a,
        // Only an empty (all-whitespace) page may be refused.
        Err(e) => {
            prop_assert_eq!(e.kind(), gleaner::ErrorKind::Empty, "refused: {}", e);
            return Ok(());
        }
    };
    // The record survives a JSON round trip unchanged.
    let json = serde_json::to_string(&article).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: gleaner::Article =
        serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&back, &article);

    let body = &article.body;
    prop_assert_eq!(body.trim(), body.as_str(), "body is not trimmed");
    prop_assert!(!body.contains("\n\n\n"), "more than one blank line");
    for line in body.lines() {
        prop_assert_eq!(line.trim(), line, "line not trimmed: {:?}", line);
        prop_assert!(!line.contains("  "), "double space in {:?}", line);
    }
    // Past a depth cap the dropped tags change how the parser nests what
    // is left (a table's foster-parenting, say), so the text to compare
    // with is that of the page the parser was given.
    let seen = gleaner::_internal::prestrip::strip(html, options.max_depth);
    let (text, markers) = page_text(if default_depth { html } else { &seen });
    prop_assert!(
        is_drawn_from(body, &text),
        "body is not drawn from the page's text:\n{}\npage: {}",
        body,
        html
    );
    if !default_depth {
        return Ok(());
    }
    for m in &markers {
        prop_assert!(
            !body.contains(m.as_str()),
            "hidden text {} in the body:\n{}\npage: {}",
            m,
            body,
            html
        );
        for rich in [&article.body_markdown, &article.body_html]
            .into_iter()
            .flatten()
        {
            prop_assert!(!rich.contains(m.as_str()), "hidden text {} in {}", m, rich);
        }
    }
    prop_assert_eq!(
        article.word_count,
        gleaner::_internal::text::word_count(body)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn generated_documents_keep_the_invariants(
        children in prop::collection::vec(gen_tree(), 1..8),
        wrap in any::<bool>(),
        rich in any::<bool>(),
        tables in any::<bool>(),
        captions in any::<bool>(),
    ) {
        let (html, _) = render(&children, wrap);
        let mut options = Options::default();
        options.markdown = rich;
        options.html = rich;
        options.include_tables = tables;
        options.include_captions = captions;
        check(&html, &options, true)?;
    }

    /// Past the depth cap elements are flattened into their ancestor, so
    /// hiding rules cannot apply there; the other invariants still hold.
    #[test]
    fn a_shallow_depth_cap_keeps_the_invariants(
        children in prop::collection::vec(gen_tree(), 1..6),
        depth in 0usize..6,
    ) {
        let (html, _) = render(&children, true);
        let mut options = Options::default();
        options.max_depth = depth;
        options.markdown = true;
        options.html = true;
        check(&html, &options, false)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let mut options = Options::default();
        options.markdown = true;
        options.html = true;
        if let Ok(article) = extract_with(&bytes, None, &options) {
            prop_assert!(serde_json::to_string(&article).is_ok());
        }
    }

    #[test]
    fn markup_shaped_bytes_never_panic(
        parts in prop::collection::vec(
            prop_oneof![
                (0..JUNK.len()).prop_map(|j| JUNK[j].as_bytes().to_vec()),
                (0..WORDS.len()).prop_map(|w| WORDS[w].as_bytes().to_vec()),
                prop::collection::vec(any::<u8>(), 0..8),
            ],
            0..64,
        ),
    ) {
        let bytes: Vec<u8> = parts.concat();
        if let Ok(article) = extract_with(&bytes, Some("https://example.com/"), &Options::default()) {
            prop_assert!(serde_json::to_string(&article).is_ok());
        }
    }
}

/// Hidden text inside a hidden element is gone even when broken markup
/// surrounds it (a fixed case of the property above, easy to read).
#[test]
fn hidden_markers_stay_out_of_a_broken_page() {
    let (html, markers) = render(
        &[
            Gen::Junk(0),
            Gen::Element {
                tag: 2,
                attr: 3,
                children: vec![
                    Gen::Text(vec![1, 2, 3, 4, 5, 6, 7]),
                    Gen::Hidden {
                        tag: 0,
                        how: 0,
                        words: 2,
                        nested: true,
                    },
                    Gen::NeverText { tag: 0, words: 1 },
                    Gen::Junk(5),
                ],
                closed: false,
            },
        ],
        true,
    );
    let (_, hidden) = page_text(&html);
    assert_eq!(hidden.len(), markers.len(), "{html}");
    let article = extract_with(&html, None, &Options::default()).map_err(|e| e.to_string());
    let body = article.expect("extracts").body;
    assert!(body.contains("council met"), "{body}");
    for m in markers {
        assert!(!body.contains(&m), "{m} in {body}");
    }
}
