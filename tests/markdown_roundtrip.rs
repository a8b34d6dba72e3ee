//! The Markdown body must read as the plain body: render it with a
//! CommonMark + tables parser back to text and compare the word sequences
//! (whitespace and table-cell separators ignored; image alt text, which the
//! plain body never has, skipped). Over the fixtures, over generated pages,
//! and — `cargo test -- --ignored` with `GLEANER_ROUNDTRIP_LIST` naming an
//! input list (`path [url]` per line, gzip allowed) — over a corpus.
//!
//! Also checks the invariant the renderers rest on: every rich block's
//! inline text is exactly the block's plain text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::io::Read;
use std::path::Path;

use gleaner::Options;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Markdown to text, the way a reader sees it.
fn md_text(md: &str) -> String {
    let mut out = String::new();
    let mut in_image = 0usize;
    let opts = pulldown_cmark::Options::ENABLE_TABLES;
    for ev in Parser::new_ext(md, opts) {
        match ev {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            // Tight list items hold text without paragraphs: a nested
            // list or a new item starts a new word too.
            Event::Start(Tag::List(_) | Tag::Item | Tag::BlockQuote(_)) => out.push(' '),
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if in_image == 0 => out.push_str(&t),
            // Raw HTML is never written: let it show as a mismatch.
            Event::Html(t) | Event::InlineHtml(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::List(_),
            ) => out.push(' '),
            _ => {}
        }
    }
    out
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// `None` when the two texts hold the same words, else where they part.
fn compare(body: &str, md: &str) -> Option<String> {
    let text = md_text(md);
    let (a, b) = (words(body), words(&text));
    if a == b {
        return None;
    }
    let at = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let from = at.saturating_sub(6);
    Some(format!(
        "word {at}: body {:?}\n   markdown {:?}",
        a.get(from..(at + 6).min(a.len())).unwrap_or(&[]),
        b.get(from..(at + 6).min(b.len())).unwrap_or(&[]),
    ))
}

fn variants() -> Vec<(&'static str, Options)> {
    // Captions in the text and figures in the Markdown; or neither.
    let mut with = Options::default();
    with.markdown = true;
    with.html = true;
    with.include_captions = true;
    let mut without = Options::default();
    without.markdown = true;
    without.markdown_images = false;
    let mut no_links = without.clone();
    no_links.markdown_links = false;
    no_links.include_tables = false;
    vec![
        ("captions", with),
        ("no-images", without),
        ("no-links-no-tables", no_links),
    ]
}

/// Failures for one page, over all option variants.
fn check_page(name: &str, page: &[u8], url: Option<&str>) -> Vec<String> {
    let mut failures = Vec::new();
    for (variant, opts) in variants() {
        let Ok(a) = gleaner::extract_with(page, url, &opts) else {
            continue;
        };
        let md = a.body_markdown.expect("markdown on");
        if let Some(why) = compare(&a.body, &md) {
            failures.push(format!("{name} [{variant}]: {why}"));
        }
    }
    // The invariant under the renderers.
    let text = String::from_utf8_lossy(page);
    let html = gleaner::_internal::dom::parse(&text);
    let dom = gleaner::_internal::dom::Dom::build(&html, 512);
    let mut opts = Options::default();
    opts.markdown = true;
    let body = gleaner::_internal::extract::select_body(&dom, &opts, None);
    for b in &body.blocks {
        let plain = b.rich.as_ref().map(|r| r.plain_text());
        if plain.as_deref() != Some(b.text.as_str()) {
            failures.push(format!(
                "{name}: rich text {plain:?} differs from block text {:?}",
                b.text
            ));
            break;
        }
    }
    failures
}

#[test]
fn fixtures_round_trip() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    dirs.sort();
    let mut failures = Vec::new();
    let mut checked = 0;
    for dir in dirs {
        let Ok(page) = std::fs::read(dir.join("page.html")) else {
            continue;
        };
        let url = std::fs::read_to_string(dir.join("expected.json"))
            .ok()
            .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
            .and_then(|v| v.get("url").and_then(|u| u.as_str()).map(str::to_string));
        let name = dir.file_name().map(|n| n.to_string_lossy().to_string());
        failures.extend(check_page(
            name.as_deref().unwrap_or("?"),
            &page,
            url.as_deref(),
        ));
        checked += 1;
    }
    assert!(checked >= 12, "only {checked} fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A small deterministic generator (xorshift).
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "the",
    "council",
    "said",
    "plans",
    "water",
    "river",
    "2024.",
    "1.",
    "#tag",
    "*star*",
    "_under_",
    "snake_case",
    "a|b",
    "[note]",
    "`tick`",
    "<b>",
    "&amp;",
    "AT&T",
    "C#",
    "\\path",
    "50%",
    "~tilde~",
    "x>y",
    "-",
    "+",
    "=",
    "!",
    "(paren)",
    "don't",
    "“quoted”",
    "naïve",
    "東京",
    "3)",
    "**",
    "__",
    "> q",
    "![not]",
    "1986.",
    "e.g.",
    "http://example.com/x",
    "&lt;tag&gt;",
    "***",
];

fn words_html(g: &mut Gen, n: usize) -> String {
    let mut s = String::new();
    for k in 0..n {
        if k > 0 {
            s.push(' ');
        }
        let w = g.pick(WORDS);
        let esc = w
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        match g.below(14) {
            0 => s.push_str(&format!("<strong>{esc}</strong>")),
            1 => s.push_str(&format!(
                "<em>{esc} {}</em>",
                g.pick(WORDS).replace(['<', '>', '&'], "")
            )),
            2 => s.push_str(&format!("<code>{esc}</code>")),
            3 => s.push_str(&format!("<a href=\"/p/{k}\">{esc}</a>")),
            4 => s.push_str(&format!("<b><i>{esc}</i></b>")),
            5 => s.push_str(&format!("<a href=\"javascript:x()\">{esc}</a>")),
            6 => s.push_str(&format!("{esc}<br>")),
            7 => s.push_str(&format!("<em> {esc} </em>")),
            _ => s.push_str(&esc),
        }
    }
    s
}

fn sentence(g: &mut Gen) -> String {
    let n = 8 + g.below(14);
    format!("{}, and more words here.", words_html(g, n))
}

fn generated_page(seed: u64) -> String {
    let mut g = Gen(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut body = String::new();
    for _ in 0..(6 + g.below(10)) {
        match g.below(10) {
            0 => body.push_str(&format!("<h{l}>{}</h{l}>", words_html(&mut g, 4), l = 2 + g.below(3))),
            1 => {
                let tag = if g.below(2) == 0 { "ul" } else { "ol" };
                body.push_str(&format!("<{tag} start=\"{}\">", 1 + g.below(12)));
                for _ in 0..(2 + g.below(3)) {
                    body.push_str(&format!("<li>{}", sentence(&mut g)));
                    if g.below(3) == 0 {
                        body.push_str(&format!(
                            "<ol><li>{}</li><li><p>{}</p><p>{}</p></li></ol>",
                            sentence(&mut g),
                            sentence(&mut g),
                            sentence(&mut g)
                        ));
                    }
                    body.push_str("</li>");
                }
                body.push_str(&format!("</{tag}>"));
            }
            2 => body.push_str(&format!(
                "<blockquote><p>{}</p><blockquote><p>{}</p></blockquote><p>{}</p></blockquote>",
                sentence(&mut g),
                sentence(&mut g),
                sentence(&mut g)
            )),
            3 => {
                body.push_str("<table><thead><tr><th>Name</th><th>A | B</th><th>Value</th></tr></thead><tbody>");
                for _ in 0..(1 + g.below(4)) {
                    match g.below(3) {
                        0 => body.push_str(&format!(
                            "<tr><td colspan=\"2\">{}</td><td>{}</td></tr>",
                            words_html(&mut g, 3),
                            words_html(&mut g, 2)
                        )),
                        1 => body.push_str(&format!(
                            "<tr><td><p>{}</p></td><td>{}</td><td></td></tr>",
                            words_html(&mut g, 3),
                            words_html(&mut g, 2)
                        )),
                        _ => body.push_str(&format!(
                            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                            words_html(&mut g, 2),
                            words_html(&mut g, 2),
                            words_html(&mut g, 1)
                        )),
                    }
                }
                body.push_str("</tbody></table>");
            }
            4 => body.push_str(
                "<pre><code class=\"language-python\">def f(x):\n    return x * 2  # ``` fence\n\n```\nprint(f(3))</code></pre>",
            ),
            5 => body.push_str(&format!(
                "<figure><img src=\"/img/{}.jpg\" alt=\"Alt [text]\"><figcaption>{}</figcaption></figure>",
                g.below(100),
                sentence(&mut g)
            )),
            _ => body.push_str(&format!("<p>{}</p>", sentence(&mut g))),
        }
    }
    format!(
        "<!doctype html><html><head><title>Generated {seed}</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>Generated {seed}</h1><p>{}</p>{body}<p>{}</p></article><footer>© Example</footer></body></html>",
        sentence(&mut g),
        sentence(&mut g)
    )
}

#[test]
fn generated_round_trip() {
    let mut failures = Vec::new();
    for seed in 1..=150u64 {
        let page = generated_page(seed);
        let found = check_page(
            &format!("generated {seed}"),
            page.as_bytes(),
            Some("https://example.com/news/story.html"),
        );
        if !found.is_empty() && failures.is_empty() {
            failures.push(format!("--- page ---\n{page}"));
        }
        failures.extend(found);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[ignore = "needs GLEANER_ROUNDTRIP_LIST"]
fn corpus_round_trip() {
    let Ok(list) = std::env::var("GLEANER_ROUNDTRIP_LIST") else {
        return;
    };
    let text = std::fs::read_to_string(&list).unwrap_or_default();
    let mut failures = Vec::new();
    let mut n = 0;
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        let (Some(path), url) = (parts.next(), parts.next()) else {
            continue;
        };
        let Ok(raw) = std::fs::read(path) else {
            continue;
        };
        let page = if path.ends_with(".gz") {
            let mut out = Vec::new();
            let _ = flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out);
            out
        } else {
            raw
        };
        failures.extend(check_page(path, &page, url));
        n += 1;
    }
    assert!(
        failures.is_empty(),
        "{} of {n} pages:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn html_fragment_is_safe() {
    let page = r#"<html><body><article>
        <p onclick="evil()" class="x" id="y" style="color:red">A first paragraph with <a href="javascript:alert(1)">a bad link</a>,
        <a href="https://ok.example/" data-track="1" rel="nofollow">a good one</a> and <img src="data:image/png;base64,AAA" alt="inline">
        an image, long enough to be kept as the article's text for sure, yes.</p>
        <script>alert(2)</script><style>p{}</style>
        <p>Second paragraph with &lt;script&gt; text, "quotes" &amp; ampersands, long enough to stay.</p>
        </article></body></html>"#;
    let mut opts = Options::default();
    opts.html = true;
    let a = gleaner::extract_with(page, Some("https://site.example/a/"), &opts);
    let html = a.expect("extracts").body_html.expect("html on");
    for bad in [
        "onclick",
        "class=",
        "id=",
        "style",
        "javascript:",
        "data:",
        "<script",
        "data-track",
        "rel=",
    ] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    assert!(
        html.contains("<a href=\"https://ok.example/\">a good one</a>"),
        "{html}"
    );
    assert!(
        html.contains("&lt;script&gt; text, \"quotes\" &amp; ampersands"),
        "{html}"
    );
}

#[test]
fn html_fragment_keeps_structure() {
    let page = r#"<html><head><title>Notes on structure</title></head><body><article>
        <h1>Notes on structure</h1>
        <p>An opening paragraph that is long enough to be the article, with <em>emphasis</em> and a <a href="/more">link</a>.</p>
        <h2>Steps</h2>
        <ol start="3"><li>Third step, described in a sentence.<ul><li>A detail, also a sentence.</li></ul></li><li>Fourth step, described too.</li></ol>
        <blockquote><p>A quoted line, with a comma.</p></blockquote>
        <table><tr><th>Key</th><th>Value</th></tr><tr><td>a &amp; b</td><td>1</td></tr></table>
        <p>A closing paragraph, which ends the article for good.</p>
        </article></body></html>"#;
    let mut opts = Options::default();
    opts.html = true;
    let a = gleaner::extract_with(page, Some("https://site.example/a/"), &opts);
    let html = a.expect("extracts").body_html.expect("html on");
    // The headline is the record's `headline`, not repeated in the body.
    let want = "<p>An opening paragraph that is long enough to be the article, with <em>emphasis</em> and a <a href=\"https://site.example/more\">link</a>.</p>\n\
<h2>Steps</h2>\n\
<ol start=\"3\"><li>Third step, described in a sentence.\n\
<ul><li>A detail, also a sentence.</li></ul></li>\n\
<li>Fourth step, described too.</li></ol>\n\
<blockquote><p>A quoted line, with a comma.</p></blockquote>\n\
<table><thead><tr><th>Key</th><th>Value</th></tr></thead><tbody><tr><td>a &amp; b</td><td>1</td></tr></tbody></table>\n\
<p>A closing paragraph, which ends the article for good.</p>";
    assert_eq!(html, want);
}
