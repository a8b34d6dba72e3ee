//! Markdown rendering of the kept blocks (CommonMark with GitHub tables).
//! Everything Markdown would read as syntax is escaped, so the rendered
//! Markdown reads as the same text as the plain `body`.

use std::collections::BTreeSet;

use super::blocks::{Block, Kind};
use super::layout::{self, Parts, Table, Unit};
use super::rich::{Container, Inline, Mark as M, Marks, Rich};

/// How the Markdown is written.
#[derive(Debug, Clone)]
pub struct MarkdownOptions {
    /// Keep links; without them the link text stays. Default: `true`.
    pub links: bool,
}

impl Default for MarkdownOptions {
    fn default() -> Self {
        MarkdownOptions { links: true }
    }
}

/// Render blocks (as kept by the extractor, prepared by
/// [`super::rich::prepare`]) as Markdown.
pub fn render_markdown(blocks: &[Block], opts: &MarkdownOptions) -> String {
    let units = layout::units(blocks);
    let mut out = String::new();
    let mut seen: BTreeSet<u32> = BTreeSet::new();
    let mut prev: Option<(&[Container], bool)> = None;
    for unit in &units {
        let cs = unit.containers();
        let lines = unit_lines(unit, opts);
        if lines.is_empty() {
            continue;
        }
        if let Some((p, p_block)) = prev {
            let opens_item =
                matches!(cs.last(), Some(Container::Item { li, .. }) if !seen.contains(li));
            if !(opens_item && p_block && tight_after(p, cs)) {
                // A blank line, inside the quotes both blocks share.
                let common = p.iter().zip(cs).take_while(|(a, b)| a == b).count();
                out.push_str(continuation(&cs[..common]).trim_end());
                out.push('\n');
            }
        }
        let first = first_prefix(cs, &mut seen);
        let cont = continuation(cs);
        for (k, line) in lines.iter().enumerate() {
            if line.is_empty() {
                out.push_str(cont.trim_end());
            } else {
                out.push_str(if k == 0 { &first } else { &cont });
                out.push_str(line);
            }
            out.push('\n');
        }
        prev = Some((cs, matches!(unit, Unit::Block(_))));
    }
    let end = out.trim_end().len();
    out.truncate(end);
    out
}

/// Whether a new list item may follow the previous block on the next line:
/// a sibling in the same list, or the first item of a list nested right
/// under it (an ordered one only from 1: other numbers cannot interrupt a
/// paragraph and would be read as its text).
fn tight_after(prev: &[Container], cur: &[Container]) -> bool {
    let Some((
        Container::Item {
            list,
            ordered,
            number,
            ..
        },
        outer,
    )) = cur.split_last()
    else {
        return false;
    };
    let sibling = prev
        .iter()
        .any(|c| matches!(c, Container::Item { list: l, .. } if l == list));
    let nested = prev == outer && matches!(outer.last(), Some(Container::Item { .. }));
    sibling || (nested && (!ordered || *number == 1))
}

fn marker(c: &Container) -> String {
    match c {
        Container::Quote { .. } => "> ".to_string(),
        Container::Item {
            ordered: true,
            number,
            ..
        } => format!("{number}. "),
        Container::Item { .. } => "- ".to_string(),
    }
}

/// The prefix of a unit's first line: list markers for items not yet begun.
fn first_prefix(cs: &[Container], seen: &mut BTreeSet<u32>) -> String {
    let mut s = String::new();
    for c in cs {
        let m = marker(c);
        match c {
            Container::Item { li, .. } if !seen.insert(*li) => {
                s.extend(std::iter::repeat_n(' ', m.len()));
            }
            _ => s.push_str(&m),
        }
    }
    s
}

/// The prefix of a unit's other lines.
fn continuation(cs: &[Container]) -> String {
    let mut s = String::new();
    for c in cs {
        let m = marker(c);
        match c {
            Container::Quote { .. } => s.push_str(&m),
            Container::Item { .. } => s.extend(std::iter::repeat_n(' ', m.len())),
        }
    }
    s
}

fn unit_lines(unit: &Unit<'_>, opts: &MarkdownOptions) -> Vec<String> {
    match unit {
        Unit::Block(b) => block_lines(b, opts),
        Unit::Code { lang, text, .. } => code_lines(text, *lang),
        Unit::Table(t) => table_lines(t, opts),
    }
}

fn block_lines(b: &Block, opts: &MarkdownOptions) -> Vec<String> {
    let Some(rich) = b.rich.as_deref() else {
        // Not expected (rich output is on), but never lose text.
        return b
            .text
            .lines()
            .enumerate()
            .map(|(k, l)| escape(l, true, false, k + 1 == b.text.lines().count()))
            .collect();
    };
    let mut cx = InlineCx {
        links: opts.links,
        ..InlineCx::default()
    };
    match b.kind {
        Kind::Heading(level) => {
            cx.single_line = true;
            cx.heading = true;
            let text = inline(rich, &rich.inlines, &cx).join(" ");
            if text.is_empty() {
                return Vec::new();
            }
            let hashes = "#".repeat(level.clamp(1, 6) as usize);
            vec![format!("{hashes} {text}")]
        }
        Kind::Pre => code_lines(&b.text, None),
        Kind::Caption => {
            let mut lines = Vec::new();
            if let Some(img) = &rich.figure {
                lines.push(image(&img.alt, &img.src));
                lines.push(String::new());
            }
            cx.force_em = true;
            lines.extend(inline(rich, &rich.inlines, &cx));
            lines
        }
        _ => inline(rich, &rich.inlines, &cx),
    }
}

fn code_lines(text: &str, lang: Option<&str>) -> Vec<String> {
    let fence = "`".repeat((longest_run(text, '`') + 1).max(3));
    let mut lines = vec![format!("{fence}{}", lang.unwrap_or(""))];
    lines.extend(text.lines().map(|l| {
        // An empty line inside the fence must stay one (prefix only).
        if l.trim().is_empty() {
            String::new()
        } else {
            l.trim_end().to_string()
        }
    }));
    lines.push(fence);
    lines
}

fn longest_run(text: &str, ch: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for c in text.chars() {
        if c == ch {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

fn table_lines(t: &Table<'_>, opts: &MarkdownOptions) -> Vec<String> {
    let mut lines = Vec::new();
    let cx = InlineCx {
        links: opts.links,
        single_line: true,
        table: true,
        ..InlineCx::default()
    };
    for cap in &t.captions {
        lines.extend(block_lines(cap, opts));
        lines.push(String::new());
    }
    for (r, row) in t.rows.iter().enumerate() {
        let mut line = String::from("|");
        for cell in row {
            let text = cell_text(&cell.parts, &cx);
            let text = text.trim();
            line.push(' ');
            line.push_str(text);
            line.push_str(if text.is_empty() { "|" } else { " |" });
        }
        lines.push(line);
        if r == 0 {
            let mut sep = String::from("|");
            for _ in row {
                sep.push_str(" --- |");
            }
            lines.push(sep);
        }
    }
    lines
}

fn cell_text(parts: &Parts<'_>, cx: &InlineCx) -> String {
    let mut out = String::new();
    for (rich, items) in parts {
        let s = inline(rich, items, cx).join(" ");
        if s.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s);
    }
    out
}

fn image(alt: &str, src: &str) -> String {
    format!("![{}]({})", escape(alt, false, false, false), url(src))
}

/// A link destination: pointy brackets when parentheses could confuse.
fn url(u: &str) -> String {
    let u = u
        .replace(' ', "%20")
        .replace('<', "%3C")
        .replace('>', "%3E")
        .replace('\\', "%5C");
    if u.contains(['(', ')']) {
        format!("<{u}>")
    } else {
        u
    }
}

/// Inline rendering settings.
#[derive(Debug, Default, Clone)]
struct InlineCx {
    links: bool,
    /// Breaks become spaces (headings, table cells).
    single_line: bool,
    heading: bool,
    table: bool,
    /// Everything in emphasis (captions).
    force_em: bool,
}

#[derive(Debug)]
enum Tok {
    /// Escaped text.
    Text(String),
    /// Raw text inside a code span.
    Raw(String),
    /// Markup that is not text (an image).
    Atom(String),
    Open(M),
    Close(M),
    Break,
}

/// Escape text for Markdown. `line_start`: the text opens a line, where
/// block syntax (`#`, `>`, `-`, `+`, `=`, `1.`) is escaped too;
/// `heading`: every `#`; `last`: a link follows the text (so a final `!`
/// is escaped, or it would make the link an image).
pub fn escape(s: &str, line_start: bool, heading: bool, last: bool) -> String {
    let chars: Vec<char> = s.chars().collect();
    let first = if line_start {
        chars.iter().position(|c| !c.is_whitespace())
    } else {
        None
    };
    // "12. " or "3) " opening a line would start an ordered list.
    let mut list_punct = None;
    if let Some(f) = first {
        let digits = chars[f..].iter().take_while(|c| c.is_ascii_digit()).count();
        let p = f + digits;
        if (1..=9).contains(&digits)
            && matches!(chars.get(p), Some('.' | ')'))
            && chars.get(p + 1).is_none_or(|c| c.is_whitespace())
        {
            list_punct = Some(p);
        }
    }
    let mut out = String::with_capacity(s.len() + 8);
    for (k, &c) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(k + 1).copied();
        let esc = match c {
            '\\' | '*' | '`' | '[' | ']' | '~' | '|' | '<' => true,
            // Intraword underscores never make emphasis.
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            '&' => next.is_some_and(|n| n.is_alphanumeric() || n == '#'),
            '!' => next == Some('[') || (next.is_none() && last),
            '#' => heading || Some(k) == first,
            '>' | '-' | '+' | '=' => Some(k) == first,
            '.' | ')' => Some(k) == list_punct,
            _ => false,
        };
        if esc {
            out.push('\\');
        }
        out.push(match c {
            '\t' | '\n' | '\r' => ' ',
            c => c,
        });
    }
    out
}

/// Render inline content: one string per line (one line when
/// `single_line`).
fn inline(rich: &Rich, items: &[Inline], cx: &InlineCx) -> Vec<String> {
    let toks = tokens(rich, items, cx);
    let mut lines = Vec::new();
    let mut line = String::new();
    // Emphasis markers of this line: (open at, close at, marker length).
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    let mut open: Vec<(M, usize)> = Vec::new();
    let mut code: Option<String> = None;
    for tok in toks {
        match tok {
            Tok::Text(s) | Tok::Atom(s) => match code.as_mut() {
                Some(c) => c.push_str(&s),
                None => line.push_str(&s),
            },
            Tok::Raw(s) => match code.as_mut() {
                Some(c) => c.push_str(&s),
                None => line.push_str(&escape(&s, false, cx.heading, false)),
            },
            Tok::Open(M::Code) => code = Some(String::new()),
            Tok::Close(M::Code) => {
                if let Some(c) = code.take() {
                    line.push_str(&code_span(&c, cx.table));
                }
            }
            Tok::Open(m) => {
                open.push((m, line.len()));
                line.push_str(delim(m));
            }
            Tok::Close(m) => {
                let Some(pos) = open.iter().rposition(|(o, _)| *o == m) else {
                    continue;
                };
                let (_, at) = open.remove(pos);
                let d = delim(m);
                if line.len() == at + d.len() {
                    line.truncate(at); // nothing inside: no markup
                    continue;
                }
                match m {
                    M::Link(node) => {
                        let href = rich.href(Some(node)).unwrap_or("");
                        line.push_str("](");
                        line.push_str(&url(href));
                        line.push(')');
                    }
                    _ => {
                        pairs.push((at, line.len(), d.len()));
                        line.push_str(d);
                    }
                }
            }
            Tok::Break => {
                line.push('\\');
                lines.push(fix_emphasis(std::mem::take(&mut line), &mut pairs));
            }
        }
    }
    if let Some(c) = code.take() {
        line.push_str(&code_span(&c, cx.table));
    }
    if !line.is_empty() || !lines.is_empty() {
        lines.push(fix_emphasis(line, &mut pairs));
    }
    if cx.single_line && lines.len() > 1 {
        return vec![lines.join(" ")];
    }
    lines
}

fn delim(m: M) -> &'static str {
    match m {
        M::Link(_) => "[",
        M::Strong => "**",
        M::Em => "*",
        M::Code => "`",
    }
}

/// A code span: a fence longer than any backtick run inside; padded when
/// the content starts or ends with a backtick or a space.
fn code_span(content: &str, table: bool) -> String {
    let content = content.replace(['\t', '\n'], " ");
    if content.trim().is_empty() {
        return content;
    }
    let content = if table {
        content.replace('|', "\\|")
    } else {
        content
    };
    let fence = "`".repeat(longest_run(&content, '`') + 1);
    let pad = content.starts_with(['`', ' ']) || content.ends_with(['`', ' ']);
    let sp = if pad { " " } else { "" };
    format!("{fence}{sp}{content}{sp}{fence}")
}

fn is_punct(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace()))
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// The characters around the `*` run that contains `at..at+len`.
fn around(line: &str, at: usize, len: usize) -> (Option<char>, Option<char>) {
    let b = line.as_bytes();
    let mut s = at;
    while s > 0 && b[s - 1] == b'*' && !(s >= 2 && b[s - 2] == b'\\') {
        s -= 1;
    }
    let mut e = at + len;
    while e < b.len() && b[e] == b'*' {
        e += 1;
    }
    (
        line.get(..s).and_then(|x| x.chars().next_back()),
        line.get(e..).and_then(|x| x.chars().next()),
    )
}

/// Drop the emphasis markers CommonMark would not read as emphasis (so they
/// would show as literal asterisks): an opener must be left-flanking, a
/// closer right-flanking.
fn fix_emphasis(mut line: String, pairs: &mut Vec<(usize, usize, usize)>) -> String {
    let mut cut: Vec<(usize, usize)> = Vec::new();
    for &(o, c, len) in pairs.iter() {
        let (ob, oa) = around(&line, o, len);
        let (cb, ca) = around(&line, c, len);
        let opens = !is_space(oa) && (!is_punct(oa) || is_space(ob) || is_punct(ob));
        let closes = !is_space(cb) && (!is_punct(cb) || is_space(ca) || is_punct(ca));
        if !(opens && closes) {
            cut.push((o, len));
            cut.push((c, len));
        }
    }
    pairs.clear();
    cut.sort_unstable_by(|a, b| b.cmp(a));
    for (at, len) in cut {
        if line
            .get(at..at + len)
            .is_some_and(|d| d.bytes().all(|x| x == b'*'))
        {
            line.replace_range(at..at + len, "");
        }
    }
    line
}

/// The token stream of inline content: marks opened and closed in a fixed
/// nesting order (link, strong, em, code), whitespace kept outside them.
fn tokens(rich: &Rich, items: &[Inline], cx: &InlineCx) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::new();
    let mut stack: Vec<M> = Vec::new();
    // Block syntax only counts where a line starts a paragraph.
    let mut line_start = !(cx.table || cx.heading);
    let want = |m: &Marks, code: bool| m.wanted(rich, cx.links, code, cx.force_em);
    for (k, item) in items.iter().enumerate() {
        match item {
            Inline::Text(t, m) => {
                let w = want(m, true);
                set(&mut toks, &mut stack, &w, None);
                let lead_len = t.len() - t.trim_start().len();
                let opening = stack.len() < w.len();
                let (lead, rest) = if opening {
                    t.split_at(lead_len)
                } else {
                    ("", t.as_str())
                };
                if !lead.is_empty() {
                    toks.push(Tok::Text(" ".into()));
                }
                set(&mut toks, &mut stack, &w, Some(()));
                if stack.last() == Some(&M::Code) {
                    toks.push(Tok::Raw(rest.to_string()));
                } else {
                    // A link opening right after would turn "!" into an image.
                    let link_next = matches!(items.get(k + 1),
                        Some(Inline::Text(_, n)) if cx.links && n.link.is_some() && n.link != m.link);
                    toks.push(Tok::Text(escape(rest, line_start, cx.heading, link_next)));
                }
                if !rest.trim().is_empty() {
                    line_start = false;
                }
            }
            Inline::Image { src, alt, marks } => {
                let w = want(marks, false);
                set(&mut toks, &mut stack, &w, None);
                set(&mut toks, &mut stack, &w, Some(()));
                toks.push(Tok::Atom(image(alt, src)));
                // "word ![x](y)Next": the space collapsed before the image.
                let space_before =
                    matches!(toks.iter().rev().nth(1), Some(Tok::Text(t)) if t.ends_with(' '));
                let glued = matches!(items.get(k + 1), Some(Inline::Text(t, _)) if !t.starts_with(char::is_whitespace));
                if space_before && glued {
                    toks.push(Tok::Text(" ".into()));
                }
                line_start = false;
            }
            Inline::Break if !cx.single_line => {
                set(&mut toks, &mut stack, &[], None);
                toks.push(Tok::Break);
                line_start = !(cx.table || cx.heading);
            }
            Inline::Break | Inline::Cell(_) => {
                if !line_start {
                    toks.push(Tok::Text(" ".into()));
                }
            }
        }
    }
    set(&mut toks, &mut stack, &[], None);
    // No break may end the content: a trailing one would be a literal `\`.
    while matches!(toks.last(), Some(Tok::Break)) {
        toks.pop();
    }
    toks
}

/// Move the open marks towards `want`: close those that differ (moving
/// trailing whitespace out of them); with `open`, also open the missing.
fn set(toks: &mut Vec<Tok>, stack: &mut Vec<M>, want: &[M], open: Option<()>) {
    let common = stack.iter().zip(want).take_while(|(a, b)| a == b).count();
    if stack.len() > common {
        let mut ws = false;
        if let Some(Tok::Text(s) | Tok::Raw(s)) = toks.last_mut() {
            let keep = s.trim_end().len();
            // An escaped trailing space cannot exist; a trailing "\ " can.
            if keep < s.len() && !s[..keep].ends_with('\\') {
                s.truncate(keep);
                ws = true;
            }
        }
        while stack.len() > common {
            if let Some(m) = stack.pop() {
                toks.push(Tok::Close(m));
            }
        }
        if ws {
            toks.push(Tok::Text(" ".into()));
        }
    }
    if open.is_some() {
        for &m in &want[common..] {
            toks.push(Tok::Open(m));
            stack.push(m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_syntax_is_escaped() {
        assert_eq!(
            escape("a*b_c [x] `y` <z> \\ | ~", false, false, false),
            "a\\*b_c \\[x\\] \\`y\\` \\<z> \\\\ \\| \\~"
        );
        assert_eq!(
            escape("_x_ snake_case", false, false, false),
            "\\_x\\_ snake_case"
        );
        assert_eq!(
            escape("&amp; & &#1; AT&T", false, false, false),
            "\\&amp; & \\&#1; AT\\&T"
        );
        assert_eq!(escape("Wow!", false, false, true), "Wow\\!");
        assert_eq!(escape("Wow!", false, false, false), "Wow!");
    }

    #[test]
    fn block_syntax_is_escaped_at_line_start() {
        assert_eq!(
            escape("# not a heading", true, false, false),
            "\\# not a heading"
        );
        assert_eq!(
            escape("> not a quote", true, false, false),
            "\\> not a quote"
        );
        assert_eq!(
            escape("- not an item", true, false, false),
            "\\- not an item"
        );
        assert_eq!(
            escape("+ not an item", true, false, false),
            "\\+ not an item"
        );
        assert_eq!(escape("=====", true, false, false), "\\=====");
        assert_eq!(escape("2024. A year", true, false, false), "2024\\. A year");
        assert_eq!(escape("3) third", true, false, false), "3\\) third");
        assert_eq!(escape("1.5 million", true, false, false), "1.5 million");
        assert_eq!(
            escape("a - b # c > d", false, false, false),
            "a - b # c > d"
        );
        assert_eq!(escape("C# and F#", false, true, false), "C\\# and F\\#");
    }

    #[test]
    fn code_spans_outgrow_their_backticks() {
        assert_eq!(code_span("a`b", false), "``a`b``");
        assert_eq!(code_span("`x`", false), "`` `x` ``");
        assert_eq!(code_span("a|b", true), "`a\\|b`");
    }

    #[test]
    fn emphasis_that_cannot_parse_is_dropped() {
        let mut pairs = vec![(1, 6, 2)];
        // a**"b"**c: the opener is not left-flanking.
        assert_eq!(fix_emphasis("a**\"b\"**c".into(), &mut pairs), "a\"b\"c");
        let mut pairs = vec![(0, 3, 1)];
        assert_eq!(fix_emphasis("*ab*".into(), &mut pairs), "*ab*");
    }
}
