//! Text helpers of the metadata pass: the visible text of a subtree, the
//! one HTML entity decoder, and short substring searches over labels.

use crate::dom::{Data, Dom, Tag};

/// Visible text of a subtree: element boundaries become spaces, block
/// boundaries " | "; hidden subtrees are skipped; capped.
pub(super) fn subtree_text(dom: &Dom<'_>, index: usize, cap: usize) -> String {
    subtree_text_sep(dom, index, cap, " | ")
}

/// Like [`subtree_text`], with block boundaries joined by `sep`.
pub(super) fn subtree_text_sep(dom: &Dom<'_>, index: usize, cap: usize, sep: &str) -> String {
    const BLOCK: char = '\u{1F}';
    let mut out = String::new();
    let Some(node) = dom.get(index) else {
        return out;
    };
    let end = (node.end as usize).min(dom.len());
    let mut j = index + 1;
    let mut visited = 0;
    let mut block_ends: Vec<usize> = Vec::new();
    while j < end && visited < 2000 && out.len() < cap * 2 {
        visited += 1;
        while block_ends.last().is_some_and(|&e| e <= j) {
            block_ends.pop();
            out.push(BLOCK);
        }
        let Some(n) = dom.get(j) else { break };
        match n.data {
            Data::Element(tag, _) => {
                if matches!(
                    tag,
                    Tag::Script
                        | Tag::Style
                        | Tag::Noscript
                        | Tag::Template
                        | Tag::Svg
                        | Tag::Button
                        | Tag::Select
                        | Tag::Iframe
                ) {
                    j = (n.end as usize).max(j + 1);
                    continue;
                }
                if tag.is_block() {
                    out.push(BLOCK);
                    block_ends.push(n.end as usize);
                } else {
                    out.push(' ');
                }
            }
            Data::Text(t) => {
                out.push_str(t);
                out.push(' ');
            }
            Data::Other => {}
        }
        j += 1;
    }
    let mut parts: Vec<String> = out
        .split(BLOCK)
        .map(crate::text::collapse)
        .filter(|p| !p.is_empty())
        .collect();
    parts.dedup();
    let joined = parts.join(sep);
    if joined.chars().count() > cap {
        joined.chars().take(cap).collect()
    } else {
        joined
    }
}

/// Where `needle` (a word, not empty) starts in `hay`: each place its first
/// byte is found, by `memchr`. The strings searched here (class lists, the 60 characters
/// before a date) are too short to repay building a substring searcher for
/// every word looked for.
pub(super) fn starts_of<'h>(hay: &'h str, needle: &'h str) -> impl Iterator<Item = usize> + 'h {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let first = n.first().copied().unwrap_or_default();
    memchr::memchr_iter(first, h).filter(move |&i| h.get(i..i + n.len()) == Some(n))
}

/// The last start of `needle` in `hay` (see [`starts_of`]).
pub(super) fn last_index(hay: &str, needle: &str) -> Option<usize> {
    starts_of(hay, needle).last()
}

/// The first letter or digit of a text, lower-cased.
pub(super) fn first_alnum(t: &str) -> Option<char> {
    t.chars()
        .find(|c| c.is_alphanumeric())
        .and_then(|c| c.to_lowercase().next())
}

/// Decode HTML character references (`&oacute;`, `&#243;`, `&#xF3;`) with
/// the HTML standard's table. For text that is raw: JSON-LD strings, which
/// templates fill with entities. Text the parser produced (element text,
/// attribute values) is decoded already, and decoding it again would turn
/// a page's literal "&lt;" into "<".
pub(super) fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let tail = rest.get(at..).unwrap_or("");
        // The longest entity name is 32 bytes ("&CounterClockwiseContourIntegral;").
        let end = tail.get(1..).and_then(|t| t.find(';')).filter(|e| *e <= 40);
        let decoded = end.and_then(|e| {
            let name = tail.get(1..e + 2)?; // "oacute;"
            let chars: Vec<char> = match name.strip_prefix('#') {
                Some(num) => {
                    let num = num.strip_suffix(';')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    vec![char::from_u32(code).filter(|c| *c != '\0')?]
                }
                None => {
                    let &(a, b) = html5ever::data::NAMED_ENTITIES.get(name)?;
                    if a == 0 {
                        return None;
                    }
                    [a, b]
                        .into_iter()
                        .filter(|c| *c != 0)
                        .filter_map(char::from_u32)
                        .collect()
                }
            };
            Some((chars, e + 2))
        });
        match decoded {
            Some((chars, len)) => {
                out.extend(chars);
                rest = tail.get(len..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::decode_entities;

    #[test]
    fn entities_are_decoded_with_the_html_table() {
        assert_eq!(decode_entities("Redacci&oacute;n"), "Redacción");
        assert_eq!(decode_entities("&#243;&#xF3;&amp;&lt;"), "óó&<");
        assert_eq!(decode_entities("AT&T &nope; &"), "AT&T &nope; &");
        assert_eq!(decode_entities("&NotEqualTilde;"), "\u{2242}\u{338}");
    }
}
