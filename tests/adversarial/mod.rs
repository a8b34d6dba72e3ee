//! Generated adversarial pages, shared by the scaling example
//! (`examples/scaling.rs`) and the no-panic test (`tests/hostile.rs`).
//! Each pattern takes a unit count; the page grows linearly with it.

/// A pattern: its name, and the page for `n` units.
pub struct Pattern {
    pub name: &'static str,
    /// Units at scale 1x in the scaling example (about 200 KB of page).
    pub base: usize,
    pub page: fn(usize) -> String,
}

const LEAD: &str = "<!DOCTYPE html><html><head><title>Hostile page | Site</title></head><body><article><h1>Hostile page</h1><p>An ordinary opening paragraph, with commas, so that there is prose to find.</p>";
const TAIL: &str = "</article></body></html>";

fn wrap(inner: &str) -> String {
    let mut s = String::with_capacity(inner.len() + LEAD.len() + TAIL.len());
    s.push_str(LEAD);
    s.push_str(inner);
    s.push_str(TAIL);
    s
}

pub const PATTERNS: &[Pattern] = &[
    Pattern {
        name: "deep_nesting",
        // 16x is the 100,000-deep page of the issue.
        base: 6_250,
        page: |n| {
            wrap(&format!(
                "{}deep text.{}",
                "<div>".repeat(n),
                "</div>".repeat(n)
            ))
        },
    },
    Pattern {
        name: "deep_unclosed",
        base: 6_250,
        page: |n| wrap(&"<div><span>x, ".repeat(n)),
    },
    Pattern {
        name: "tiny_paragraphs",
        base: 20_000,
        page: |n| wrap(&"<p>A b.</p>".repeat(n)),
    },
    Pattern {
        name: "huge_table",
        base: 1_000,
        page: |n| {
            let row = format!("<tr>{}</tr>", "<td>cell, 1</td>".repeat(12));
            wrap(&format!("<table>{}</table>", row.repeat(n)))
        },
    },
    Pattern {
        name: "link_run",
        base: 6_000,
        page: |n| {
            let mut s = String::from("<p>");
            for i in 0..n {
                s.push_str(&format!("<a href=\"/a/{i}\">link {i}</a> "));
            }
            s.push_str("</p>");
            wrap(&s)
        },
    },
    Pattern {
        name: "long_word",
        base: 200_000,
        page: |n| wrap(&format!("<p>{}.</p>", "x".repeat(n))),
    },
    Pattern {
        name: "giant_attributes",
        base: 200_000,
        page: |n| {
            let words = "share content ".repeat(n / 28);
            wrap(&format!(
                "<div class=\"{words}\" id=\"{words}\" style=\"{}\" data-x=\"{}\"><p>Attribute text, here.</p></div>",
                "color:red;".repeat(n / 40),
                "y".repeat(n / 4)
            ))
        },
    },
    Pattern {
        name: "many_siblings",
        base: 20_000,
        page: |n| wrap(&format!("<div>{}</div>", "<i>x</i>".repeat(n))),
    },
    Pattern {
        name: "unclosed_tags",
        base: 10_000,
        page: |n| wrap(&"<p>Some text, <b>bold <li>item <td>cell ".repeat(n)),
    },
    Pattern {
        name: "nested_inline",
        base: 4_000,
        page: |n| {
            wrap(&format!(
                "<p>{}inline text.{}</p>",
                "<b><i>".repeat(n / 2),
                "</i></b>".repeat(n / 2)
            ))
        },
    },
    Pattern {
        name: "nested_tables",
        base: 1_500,
        page: |n| {
            wrap(&format!(
                "{}cell, text.{}",
                "<table><tr><td>".repeat(n),
                "</td></tr></table>".repeat(n)
            ))
        },
    },
    Pattern {
        name: "many_headings_lists",
        base: 4_000,
        page: |n| wrap(&"<h2>Head</h2><ul><li>One, two.</li><li>Three.</li></ul>".repeat(n)),
    },
    Pattern {
        name: "many_meta_authors",
        base: 2_000,
        page: |n| {
            let mut head = String::from("<!DOCTYPE html><html><head><title>T</title>");
            for i in 0..n {
                head.push_str(&format!(
                    "<meta name=\"author\" content=\"Author Number{i}\"><meta property=\"article:tag\" content=\"tag{i}\"><meta property=\"article:published_time\" content=\"2021-12-{:02}T11:46:00+03:00\">",
                    i % 28 + 1
                ));
            }
            head.push_str("</head><body><article><p>Text of the article, with commas.</p>");
            for i in 0..n / 4 {
                head.push_str(&format!("<span class=\"byline\">By Writer{i}</span><time datetime=\"2020-01-01\">1 Jan</time>"));
            }
            head.push_str("</article></body></html>");
            head
        },
    },
    Pattern {
        name: "jsonld_graph",
        base: 2_000,
        page: |n| {
            let mut items = Vec::with_capacity(n);
            for i in 0..n {
                items.push(format!(
                    "{{\"@type\":\"Person\",\"@id\":\"#p{i}\",\"name\":\"Person {i}\"}}"
                ));
            }
            let authors: Vec<String> = (0..n).map(|i| format!("{{\"@id\":\"#p{i}\"}}")).collect();
            format!(
                "<html><head><script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@graph\":[{},{{\"@type\":\"NewsArticle\",\"headline\":\"H\",\"author\":[{}],\"articleBody\":\"{}\"}}]}}</script></head><body><p>Short.</p></body></html>",
                items.join(","),
                authors.join(","),
                "Body text, said here. ".repeat(n / 10 + 1)
            )
        },
    },
    Pattern {
        name: "entities_and_brs",
        base: 10_000,
        page: |n| {
            wrap(&format!(
                "<p>{}</p>",
                "&amp;&#x2014;&nbsp;word<br>".repeat(n)
            ))
        },
    },
    Pattern {
        name: "wide_row",
        base: 10_000,
        page: |n| {
            wrap(&format!(
                "<table><tr>{}</tr></table>",
                "<td>c, d</td>".repeat(n)
            ))
        },
    },
    Pattern {
        name: "figure_captions",
        base: 5_000,
        page: |n| {
            wrap(&format!(
                "<figure>{}<figcaption>{}</figcaption></figure>",
                "<div>f</div>".repeat(n),
                "<p>A caption, here.</p>".repeat(n)
            ))
        },
    },
    Pattern {
        name: "prose_link_siblings",
        base: 400,
        page: |n| {
            let prose = "Prose that reads like an article, with commas, full stops and enough words to count as a paragraph of real text. ".repeat(3);
            let links = "<a href=\"/x\">A long run of link text that is as long as the paragraph beside it, to cancel it out in the sums of the parent element here</a> ".repeat(3);
            wrap(&format!(
                "<div>{}</div>",
                format!("<div><p>{prose}</p></div><div><p>{links}</p></div>").repeat(n)
            ))
        },
    },
    Pattern {
        name: "sibling_articles",
        base: 4_000,
        page: |n| wrap(&"<article><p>Teaser, text.</p></article>".repeat(n)),
    },
    Pattern {
        name: "unclosed_svg",
        base: 10_000,
        page: |n| wrap(&"<p>Text, then an icon.</p><svg><path d=x>".repeat(n)),
    },
    Pattern {
        name: "unclosed_comments_scripts",
        base: 10_000,
        page: |n| wrap(&"<p>Text, <template>then <math>raw <script>".repeat(n)),
    },
];
