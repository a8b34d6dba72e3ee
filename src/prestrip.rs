//! A byte scan before parsing that removes what can never be content.
//!
//! About two thirds of a typical news page's bytes sit in scripts, styles,
//! inline SVG and comments. The HTML tokenizer walks them a character at a
//! time and the tree builder stores them, only for the extractor to throw
//! them away; skipping them here with `memchr` is several times cheaper.
//! The same scan bounds nesting depth: html5ever's tree builder does work
//! proportional to the open-element stack for each tag, which turns a page of
//! 100,000 nested `<div>`s quadratic. Tags nested past the cap are dropped
//! (their text stays), exactly the elements the flattened tree would not keep.
//!
//! The scan follows the tokenizer's rules where they matter for finding tag
//! boundaries (quoted attribute values, raw-text and RCDATA elements,
//! comments), so it never cuts inside text the parser would have kept.

use std::borrow::Cow;

use memchr::{memchr, memchr2, memmem};

/// The page with scripts (but JSON-LD), styles, SVG, templates, comments and
/// frames' fallback text emptied, and tags nested deeper than `max_depth`
/// removed. Returns the input untouched when there is nothing to remove.
pub fn strip(text: &str, max_depth: usize) -> Cow<'_, str> {
    let b = text.as_bytes();
    let mut out = Output {
        text,
        buf: None,
        kept: 0,
    };
    let mut depth = Depth::new(max_depth);
    // Attributes of the current start tag that are left out.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    // Open <pre> elements: whitespace inside them is content.
    let mut pre = 0usize;
    while let Some(off) = memchr(b'<', b.get(i..).unwrap_or_default()) {
        let lt = i + off;
        // Indentation between tags: one whitespace character says as much to
        // the parser as the whole run (outside <pre>), and costs a tenth.
        if pre == 0 && off >= 2 {
            let gap = b.get(i..lt).unwrap_or_default();
            if gap.iter().all(u8::is_ascii_whitespace) {
                out.cut(i + 1, lt);
            }
        }
        match b.get(lt + 1).copied() {
            Some(b'!') => {
                if b.get(lt + 2..lt + 4) == Some(b"--") {
                    let end = comment_end(b, lt + 4);
                    out.cut(lt, end);
                    i = end;
                } else {
                    // Doctype, CDATA or a bogus comment: up to the next '>'.
                    i = memchr(b'>', b.get(lt..).unwrap_or_default())
                        .map_or(b.len(), |p| lt + p + 1);
                }
            }
            Some(b'?') => {
                i = memchr(b'>', b.get(lt..).unwrap_or_default()).map_or(b.len(), |p| lt + p + 1);
            }
            Some(b'/') => {
                let (name, after) = tag_name(b, lt + 2);
                if name.is_empty() {
                    i = lt + 2;
                    continue;
                }
                let Some(end) = tag_end(b, after) else {
                    break;
                };
                if depth.close(name) {
                    out.cut(lt, end);
                }
                if is_pre(name.as_bytes()) {
                    pre = pre.saturating_sub(1);
                }
                i = end;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, after) = tag_name(b, lt + 1);
                spans.clear();
                let Some(end) = scan_attrs(b, after, &mut spans) else {
                    break;
                };
                let self_closing = end >= 2 && b.get(end - 2) == Some(&b'/');
                i = end;
                let nb = name.as_bytes();
                if is_pre(nb) && !self_closing {
                    pre += 1;
                }
                match classify(nb) {
                    Kind::Script => {
                        let close = raw_text_end(b, end, b"script");
                        if !is_json_ld(b.get(lt..end).unwrap_or_default()) {
                            out.cut(end, close);
                        }
                        i = close;
                    }
                    Kind::RawText => {
                        let close = raw_text_end(b, end, nb);
                        out.cut(end, close);
                        i = close;
                    }
                    // RCDATA: kept, but nothing inside is a tag.
                    Kind::Rcdata => i = raw_text_end(b, end, nb),
                    Kind::Plaintext => break,
                    Kind::Nested if !self_closing => {
                        // Nested elements: only cut when the matching end
                        // tag exists, else the parser's recovery decides.
                        if let Some(close) = matching_end(b, end, nb) {
                            out.cut(end, close);
                            i = close;
                        }
                    }
                    kind => {
                        if depth.open(name, kind, self_closing) {
                            out.cut(lt, end);
                        } else {
                            for &(from, to) in &spans {
                                out.cut(from, to);
                            }
                        }
                    }
                }
            }
            _ => i = lt + 1,
        }
    }
    out.finish()
}

struct Output<'a> {
    text: &'a str,
    buf: Option<String>,
    kept: usize,
}

impl<'a> Output<'a> {
    /// Leave out `text[from..to]`; both are ASCII positions ('<', '>').
    fn cut(&mut self, from: usize, to: usize) {
        if to <= from || from < self.kept {
            return;
        }
        let buf = self
            .buf
            .get_or_insert_with(|| String::with_capacity(self.text.len() / 2));
        buf.push_str(self.text.get(self.kept..from).unwrap_or_default());
        self.kept = to;
    }

    fn finish(self) -> Cow<'a, str> {
        match self.buf {
            None => Cow::Borrowed(self.text),
            Some(mut buf) => {
                buf.push_str(self.text.get(self.kept..).unwrap_or_default());
                Cow::Owned(buf)
            }
        }
    }
}

/// The tag name starting at `at` and the position after it.
fn tag_name(b: &[u8], at: usize) -> (&str, usize) {
    let rest = b.get(at..).unwrap_or_default();
    if !rest.first().is_some_and(u8::is_ascii_alphabetic) {
        return ("", at);
    }
    let len = rest
        .iter()
        .position(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
        .unwrap_or(rest.len());
    let name = std::str::from_utf8(rest.get(..len).unwrap_or_default()).unwrap_or("");
    (name, at + len)
}

/// One past the '>' that ends the tag whose attributes start at `at`;
/// a quoted attribute value may hold '>'. None when the page ends first.
fn tag_end(b: &[u8], mut at: usize) -> Option<usize> {
    let mut after_eq = false;
    while let Some(&c) = b.get(at) {
        match c {
            b'>' => return Some(at + 1),
            b'=' => after_eq = true,
            b'"' | b'\'' if after_eq => {
                let close = memchr(c, b.get(at + 1..)?)?;
                at += close + 1;
                after_eq = false;
            }
            c if c.is_ascii_whitespace() => {}
            _ => after_eq = false,
        }
        at += 1;
    }
    None
}

/// Like [`tag_end`], noting in `spans` the attributes no stage reads
/// (script hooks, framework state, tracking data), so they never reach the
/// tokenizer. The rules follow the tokenizer's attribute states.
fn scan_attrs(b: &[u8], mut at: usize, spans: &mut Vec<(usize, usize)>) -> Option<usize> {
    loop {
        // Before an attribute name.
        while let Some(&c) = b.get(at) {
            if c.is_ascii_whitespace() || c == b'/' {
                at += 1;
            } else {
                break;
            }
        }
        if *b.get(at)? == b'>' {
            return Some(at + 1);
        }
        let name_start = at;
        at += 1;
        while let Some(&c) = b.get(at) {
            if c.is_ascii_whitespace() || c == b'/' || c == b'>' || c == b'=' {
                break;
            }
            at += 1;
        }
        let name = b.get(name_start..at).unwrap_or_default();
        while b.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        if b.get(at) == Some(&b'=') {
            at += 1;
            while b.get(at).is_some_and(u8::is_ascii_whitespace) {
                at += 1;
            }
            match *b.get(at)? {
                q @ (b'"' | b'\'') => at += 1 + memchr(q, b.get(at + 1..)?)? + 1,
                b'>' => {}
                _ => {
                    while let Some(&c) = b.get(at) {
                        if c.is_ascii_whitespace() || c == b'>' {
                            break;
                        }
                        at += 1;
                    }
                }
            }
        }
        if unread_attr(name) {
            spans.push((name_start, at));
        }
    }
}

/// Attributes no stage reads: event handlers, `aria-*` but `aria-hidden`,
/// and `data-*` but the few that carry lazy images, languages or test ids.
fn unread_attr(name: &[u8]) -> bool {
    const KEEP_DATA: &[&[u8]] = &[
        b"data-src",
        b"data-srcset",
        b"data-lazy-src",
        b"data-original",
        b"data-lang",
        b"data-language",
        b"data-testid",
    ];
    let starts = |p: &[u8]| name.len() > p.len() && name[..p.len()].eq_ignore_ascii_case(p);
    if starts(b"data-") {
        return !KEEP_DATA.iter().any(|k| name.eq_ignore_ascii_case(k));
    }
    if starts(b"aria-") {
        return !name.eq_ignore_ascii_case(b"aria-hidden");
    }
    // Event handlers: "on" and a lower-case event name ("onclick").
    starts(b"on") && name[2..].iter().all(u8::is_ascii_alphabetic)
}

/// Where `<!--` content starting at `at` ends (one past `-->`), as the
/// tokenizer sees it: `<!-->` and `<!--->` are empty, `--!>` also closes,
/// an unclosed comment runs to the end.
fn comment_end(b: &[u8], at: usize) -> usize {
    let rest = b.get(at..).unwrap_or_default();
    if rest.first() == Some(&b'>') {
        return at + 1;
    }
    if rest.starts_with(b"->") {
        return at + 2;
    }
    let mut from = 0;
    while let Some(p) = memchr(b'>', rest.get(from..).unwrap_or_default()) {
        let gt = from + p;
        let head = rest.get(..gt).unwrap_or_default();
        if head.ends_with(b"--") || head.ends_with(b"--!") {
            return at + gt + 1;
        }
        from = gt + 1;
    }
    b.len()
}

/// Start of the end tag `</name` (any case) that closes a raw-text element
/// whose content starts at `at`; the end of the page when there is none.
fn raw_text_end(b: &[u8], at: usize, name: &[u8]) -> usize {
    let mut from = at;
    while let Some(p) = memmem::find(b.get(from..).unwrap_or_default(), b"</") {
        let start = from + p;
        if is_end_tag_of(b, start, name) {
            return start;
        }
        from = start + 2;
    }
    b.len()
}

fn is_end_tag_of(b: &[u8], start: usize, name: &[u8]) -> bool {
    let Some(candidate) = b.get(start + 2..start + 2 + name.len()) else {
        return false;
    };
    candidate.eq_ignore_ascii_case(name)
        && b.get(start + 2 + name.len())
            .is_none_or(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
}

/// Start of the end tag matching an element whose content starts at `at`,
/// counting nested elements of the same name. None when unbalanced.
fn matching_end(b: &[u8], at: usize, name: &[u8]) -> Option<usize> {
    let mut level = 1usize;
    let mut from = at;
    loop {
        let p = memchr(b'<', b.get(from..)?)?;
        let lt = from + p;
        if b.get(lt + 1) == Some(&b'/') {
            if is_end_tag_of(b, lt, name) {
                level -= 1;
                if level == 0 {
                    return Some(lt);
                }
            }
        } else if b
            .get(lt + 1..lt + 1 + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && b.get(lt + 1 + name.len())
                .is_some_and(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
        {
            let end = tag_end(b, lt + 1 + name.len())?;
            if b.get(end.saturating_sub(2)) != Some(&b'/') {
                level += 1;
            }
        }
        from = lt + 1;
    }
}

/// Whether a `<script …>` start tag declares JSON-LD, which metadata reads.
fn is_json_ld(tag: &[u8]) -> bool {
    memchr2(b'l', b'L', tag).is_some() && tag.windows(7).any(|w| w.eq_ignore_ascii_case(b"ld+json"))
}

/// Elements whose whitespace is kept as written.
fn is_pre(name: &[u8]) -> bool {
    name.eq_ignore_ascii_case(b"pre") || name.eq_ignore_ascii_case(b"listing")
}

/// What the scan needs to know of an element.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `<script>`: raw text, emptied unless JSON-LD.
    Script,
    /// Raw text that is never content: emptied.
    RawText,
    /// RCDATA (`<title>`, `<textarea>`): kept, not scanned for tags.
    Rcdata,
    /// Everything after it is text.
    Plaintext,
    /// SVG, MathML, templates: emptied to their own end tag.
    Nested,
    /// No content, no end tag (and `html`, `head`, `body`, never deep).
    Void,
    /// Its end tag is implied when a sibling of the group opens.
    Implied(u8),
    Other,
}

/// Classify a tag name, any case, with one comparison chain.
fn classify(name: &[u8]) -> Kind {
    if name.len() > 9 {
        return Kind::Other;
    }
    let mut buf = [0u8; 9];
    for (d, c) in buf.iter_mut().zip(name) {
        *d = c.to_ascii_lowercase();
    }
    match buf.get(..name.len()).unwrap_or_default() {
        b"script" => Kind::Script,
        b"style" | b"iframe" | b"noembed" | b"noframes" | b"xmp" => Kind::RawText,
        b"textarea" | b"title" => Kind::Rcdata,
        b"plaintext" => Kind::Plaintext,
        b"svg" | b"template" | b"math" => Kind::Nested,
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link"
        | b"meta" | b"source" | b"track" | b"wbr" | b"param" | b"keygen" | b"html" | b"head"
        | b"body" => Kind::Void,
        b"p" => Kind::Implied(1),
        b"li" => Kind::Implied(2),
        b"dt" | b"dd" => Kind::Implied(3),
        b"option" => Kind::Implied(4),
        b"optgroup" => Kind::Implied(5),
        b"tr" => Kind::Implied(6),
        b"td" | b"th" => Kind::Implied(7),
        b"thead" | b"tbody" | b"tfoot" => Kind::Implied(8),
        b"rb" | b"rt" | b"rtc" | b"rp" => Kind::Implied(9),
        _ => Kind::Other,
    }
}

/// How far down the stack an implied end is looked for: far enough for the
/// formatting elements left open inside a paragraph or cell.
const IMPLIED_REACH: usize = 8;

/// Open elements as the parser would nest them, closely enough to know when
/// a page nests past the cap. Keys are name hashes; `group` marks entries
/// whose end tag a sibling implies.
struct Depth {
    max: usize,
    stack: Vec<(u64, u8)>,
    /// Open and dropped elements per name-hash bucket: a collision only
    /// costs a search that finds nothing.
    open: Box<[u32; 256]>,
    dropped: Box<[u32; 256]>,
}

impl Depth {
    fn new(max: usize) -> Depth {
        Depth {
            max,
            stack: Vec::new(),
            open: Box::new([0; 256]),
            dropped: Box::new([0; 256]),
        }
    }

    /// Record a start tag; true when it nests past the cap and goes.
    fn open(&mut self, name: &str, kind: Kind, self_closing: bool) -> bool {
        if self_closing || kind == Kind::Void {
            return false;
        }
        let key = key(name);
        let group = match kind {
            Kind::Implied(g) => g,
            _ => 0,
        };
        if group != 0 {
            // A new paragraph, item or cell closes the previous one and
            // whatever was left open inside it.
            let reach = self.stack.len().saturating_sub(IMPLIED_REACH);
            if let Some(at) = self.stack[reach..].iter().rposition(|e| e.1 == group) {
                self.pop_to(reach + at);
            }
        }
        if self.stack.len() >= self.max {
            self.dropped[bucket(key)] += 1;
            return true;
        }
        self.stack.push((key, group));
        self.open[bucket(key)] += 1;
        false
    }

    /// Record an end tag; true when it closes a dropped start tag and goes.
    fn close(&mut self, name: &str) -> bool {
        let key = key(name);
        if self.open[bucket(key)] > 0 {
            // The parser closes everything opened inside it too.
            if let Some(at) = self.stack.iter().rposition(|e| e.0 == key) {
                self.pop_to(at);
                return false;
            }
        }
        let dropped = &mut self.dropped[bucket(key)];
        if *dropped > 0 {
            *dropped -= 1;
            return true;
        }
        false
    }

    /// Pop the entry at `at` and everything above it.
    fn pop_to(&mut self, at: usize) {
        while self.stack.len() > at {
            if let Some((top, _)) = self.stack.pop() {
                let n = &mut self.open[bucket(top)];
                *n = n.saturating_sub(1);
            }
        }
    }
}

fn bucket(key: u64) -> usize {
    (key & 0xff) as usize
}

/// Case-insensitive FNV-1a of a tag name.
fn key(name: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in name.bytes() {
        h ^= u64::from(c.to_ascii_lowercase());
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> String {
        strip(t, 512).into_owned()
    }

    #[test]
    fn scripts_styles_and_comments_are_emptied() {
        let page =
            "<p>a</p><script>var x = '<p>no</p>';</script><style>p{}</style><!-- c --><p>b</p>";
        assert_eq!(s(page), "<p>a</p><script></script><style></style><p>b</p>");
    }

    #[test]
    fn json_ld_is_kept() {
        let page = r#"<script type="application/ld+json">{"a":1}</script><script>x</script>"#;
        assert_eq!(
            s(page),
            r#"<script type="application/ld+json">{"a":1}</script><script></script>"#
        );
    }

    #[test]
    fn quoted_attributes_may_hold_tag_like_text() {
        let page = r#"<div title="<script>">keep</div><a href='x>y'>link</a>"#;
        assert_eq!(s(page), page);
    }

    #[test]
    fn rcdata_is_not_scanned_for_tags() {
        let page = "<textarea><script>x</script></textarea><title><!-- t --></title>";
        assert_eq!(s(page), page);
    }

    #[test]
    fn nested_svg_is_emptied_to_its_own_end() {
        let page = "<svg><svg><title>icon</title></svg><symbol/></svg><p>after</p>";
        assert_eq!(s(page), "<svg></svg><p>after</p>");
    }

    #[test]
    fn unclosed_svg_is_left_to_the_parser() {
        let page = "<svg><title>icon</title><p>x</p>";
        assert_eq!(s(page), page);
    }

    #[test]
    fn comment_edge_cases_follow_the_tokenizer() {
        assert_eq!(s("a<!-->b"), "ab");
        assert_eq!(s("a<!--->b"), "ab");
        assert_eq!(s("a<!-- x --!>b"), "ab");
        assert_eq!(s("a<!-- never closed <p>x</p>"), "a");
    }

    #[test]
    fn unclosed_script_runs_to_the_end() {
        assert_eq!(s("<p>a</p><script>if (a < b) {"), "<p>a</p><script>");
    }

    #[test]
    fn end_tag_needs_a_delimiter() {
        let page = "<script>a</scripts>b</script><p>c</p>";
        assert_eq!(s(page), "<script></script><p>c</p>");
    }

    #[test]
    fn nesting_past_the_cap_loses_tags_not_text() {
        let page = format!("{}x{}", "<div>".repeat(50), "</div>".repeat(50));
        let out = strip(&page, 10);
        assert_eq!(out.matches("<div>").count(), 10);
        assert_eq!(out.matches("</div>").count(), 10);
        assert!(out.contains('x'));
    }

    #[test]
    fn unclosed_inline_tags_do_not_drift_the_depth() {
        // Each paragraph leaves a <span> open that its </div> closes.
        let page = "<div><span>a</div>".repeat(100);
        assert_eq!(strip(&page, 10).as_ref(), page);
    }

    #[test]
    fn formatting_left_open_in_paragraphs_does_not_drift_the_depth() {
        let page = "<p><b>a<p><font>b</p><li><i>c<li><div><s>d</div>".repeat(200);
        assert_eq!(strip(&page, 10).as_ref(), page);
    }

    #[test]
    fn unread_attributes_are_left_out() {
        let page = r#"<div data-props='{"a":"<b>"}' class="c" onclick="f()" aria-label=x data-src="i.jpg">t</div>"#;
        assert_eq!(s(page), r#"<div  class="c"   data-src="i.jpg">t</div>"#);
    }

    #[test]
    fn attributes_without_values_and_odd_spacing_scan_right() {
        let page = "<input disabled data-x = 'y' hidden><p data-z=1>a</p>";
        assert_eq!(s(page), "<input disabled  hidden><p >a</p>");
    }

    #[test]
    fn indentation_between_tags_shrinks_but_not_in_pre() {
        let page =
            "<div>\n    <p>a  b</p>\n  </div><pre>\n  <b>x</b>\n  <i>y</i></pre>\n\n<p>c</p>";
        assert_eq!(
            s(page),
            "<div>\n<p>a  b</p>\n</div><pre>\n  <b>x</b>\n  <i>y</i></pre>\n<p>c</p>"
        );
    }

    #[test]
    fn untouched_page_is_borrowed() {
        assert!(matches!(strip("<p>plain</p>", 512), Cow::Borrowed(_)));
    }

    #[test]
    fn tag_cut_by_the_end_of_the_page_stops_the_scan() {
        assert_eq!(s("<p>a</p><div class=\"x"), "<p>a</p><div class=\"x");
        assert_eq!(s("<script>x</script><div"), "<script></script><div");
    }
}
