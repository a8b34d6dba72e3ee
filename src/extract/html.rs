//! Clean HTML rendering of the kept blocks: a small, safe fragment of
//! semantic tags only (p, h1–h6, ul, ol, li, blockquote, pre, code, em,
//! strong, `a[href]`, `img[src, alt]`, figure, figcaption, table, thead, tbody,
//! tr, th, td, br). No attribute but `href`, `src`, `alt` and `start` is
//! ever written; URLs are http(s)/mailto only; text and attributes are
//! escaped.

use super::blocks::{Block, Kind};
use super::layout::{self, Table, Unit};
use super::rich::{Container, Inline, Mark as M, Marks, Rich};

/// Render blocks (as kept by the extractor, prepared by
/// [`super::rich::prepare`]) as an HTML fragment.
pub fn render_html(blocks: &[Block]) -> String {
    let units = layout::units(blocks);
    let mut out = String::new();
    // Open containers: (node, closing tag).
    let mut open: Vec<(u32, &'static str)> = Vec::new();
    for unit in &units {
        let want = expand(unit.containers());
        let common = open
            .iter()
            .zip(&want)
            .take_while(|(a, b)| a.0 == b.0 && a.1 == b.2)
            .count();
        while open.len() > common {
            if let Some((_, close)) = open.pop() {
                out.push_str(close);
            }
        }
        // One unit a line: after what closed, before what opens.
        if !out.is_empty() {
            out.push('\n');
        }
        for (node, opening, close) in &want[common..] {
            out.push_str(opening);
            open.push((*node, close));
        }
        match unit {
            Unit::Block(b) => block(&mut out, b, unit.containers()),
            Unit::Code { text, .. } => {
                out.push_str("<pre><code>");
                escape_into(&mut out, text);
                out.push_str("</code></pre>");
            }
            Unit::Table(t) => table(&mut out, t),
        }
    }
    while let Some((_, close)) = open.pop() {
        out.push_str(close);
    }
    out
}

/// The elements a container chain opens: (node, opening tag, closing tag).
/// A list item opens its list too; the list's node is offset so that it
/// never equals an element's node.
fn expand(cs: &[Container]) -> Vec<(u32, String, &'static str)> {
    let mut v = Vec::new();
    for c in cs {
        match *c {
            Container::Quote { node } => v.push((node, "<blockquote>".into(), "</blockquote>")),
            Container::Item {
                li,
                list,
                ordered,
                number,
            } => {
                let list_node = list | 0x8000_0000;
                if ordered {
                    let start = if number == 1 {
                        String::new()
                    } else {
                        format!(" start=\"{number}\"")
                    };
                    v.push((list_node, format!("<ol{start}>"), "</ol>"));
                } else {
                    v.push((list_node, "<ul>".into(), "</ul>"));
                }
                v.push((li, "<li>".into(), "</li>"));
            }
        }
    }
    v
}

fn block(out: &mut String, b: &Block, cs: &[Container]) {
    let Some(rich) = b.rich.as_deref() else {
        out.push_str("<p>");
        escape_into(out, &b.text);
        out.push_str("</p>");
        return;
    };
    let inline_html = |out: &mut String| inline(out, rich, &rich.inlines);
    match b.kind {
        Kind::Heading(level) => {
            let l = level.clamp(1, 6);
            out.push_str(&format!("<h{l}>"));
            inline_html(out);
            out.push_str(&format!("</h{l}>"));
        }
        Kind::Pre => {
            out.push_str("<pre><code>");
            escape_into(out, &b.text);
            out.push_str("</code></pre>");
        }
        Kind::Caption => {
            out.push_str("<figure>");
            if let Some(img) = &rich.figure {
                image(out, &img.src, &img.alt);
            }
            out.push_str("<figcaption>");
            inline_html(out);
            out.push_str("</figcaption></figure>");
        }
        // The item's own text sits in the `li` itself.
        Kind::ListItem if matches!(cs.last(), Some(Container::Item { li, .. }) if *li as usize == b.owner) =>
        {
            inline_html(out);
        }
        _ => {
            out.push_str("<p>");
            inline_html(out);
            out.push_str("</p>");
        }
    }
}

fn table(out: &mut String, t: &Table<'_>) {
    for cap in &t.captions {
        block(out, cap, &[]);
    }
    out.push_str("<table>");
    for (r, row) in t.rows.iter().enumerate() {
        if r == 0 && t.header {
            out.push_str("<thead>");
        }
        if (r == 0 && !t.header) || (r == 1 && t.header) {
            out.push_str("<tbody>");
        }
        out.push_str("<tr>");
        for cell in row {
            let tag = if cell.header || (r == 0 && t.header) {
                "th"
            } else {
                "td"
            };
            let mut content = String::new();
            for (k, (rich, items)) in cell.parts.iter().enumerate() {
                if k > 0 {
                    content.push(' ');
                }
                inline(&mut content, rich, items);
            }
            out.push_str(&format!("<{tag}>{}</{tag}>", content.trim()));
        }
        out.push_str("</tr>");
        if r == 0 && t.header {
            out.push_str("</thead>");
        }
    }
    if t.rows.len() > 1 || !t.header {
        out.push_str("</tbody>");
    }
    out.push_str("</table>");
}

fn wanted(rich: &Rich, m: &Marks, code: bool) -> Vec<M> {
    m.wanted(rich, true, code, false)
}

fn inline(out: &mut String, rich: &Rich, items: &[Inline]) {
    let mut stack: Vec<M> = Vec::new();
    let mut set = |out: &mut String, want: &[M]| {
        let common = stack.iter().zip(want).take_while(|(a, b)| a == b).count();
        while stack.len() > common {
            if let Some(m) = stack.pop() {
                out.push_str(match m {
                    M::Link(_) => "</a>",
                    M::Strong => "</strong>",
                    M::Em => "</em>",
                    M::Code => "</code>",
                });
            }
        }
        for &m in &want[common..] {
            match m {
                M::Link(_) => {
                    out.push_str("<a href=\"");
                    if let M::Link(node) = m {
                        escape_attr(out, rich.href(Some(node)).unwrap_or(""));
                    }
                    out.push_str("\">");
                }
                M::Strong => out.push_str("<strong>"),
                M::Em => out.push_str("<em>"),
                M::Code => out.push_str("<code>"),
            }
            stack.push(m);
        }
    };
    for item in items {
        match item {
            Inline::Text(t, m) => {
                set(out, &wanted(rich, m, true));
                escape_into(out, &t.replace('\t', " "));
            }
            Inline::Image { src, alt, marks } => {
                set(out, &wanted(rich, marks, false));
                image(out, src, alt);
            }
            Inline::Break => out.push_str("<br>"),
            Inline::Cell(_) => out.push(' '),
        }
    }
    set(out, &[]);
}

fn image(out: &mut String, src: &str, alt: &str) {
    out.push_str("<img src=\"");
    escape_attr(out, src);
    out.push_str("\" alt=\"");
    escape_attr(out, alt);
    out.push_str("\">");
}

/// Escape text.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// Escape a (double-quoted) attribute value.
pub fn escape_attr(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            c => escape_into(out, c.encode_utf8(&mut [0; 4])),
        }
    }
}
