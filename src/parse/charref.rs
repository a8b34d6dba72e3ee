//! Character references (`&amp;`, `&#233;`, `&#x1F600;`), decoded as the
//! tokenizer's character reference state does, with html5ever's own table
//! of named references (which also lists every prefix of every name, for the
//! longest-match rule).

use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

/// Decode the reference whose `&` is just before `at` in `b`, appending its
/// characters to `out`. Returns the position after it, or `None` when there
/// is no reference there (the `&` is then plain text and scanning goes on
/// at `at`). `in_attr` applies the attribute rule: a named reference not
/// ended by `;` and followed by `=` or an alphanumeric is left as written.
pub(super) fn decode(b: &[u8], at: usize, in_attr: bool, out: &mut String) -> Option<usize> {
    match b.get(at)? {
        b'#' => numeric(b, at + 1, out),
        c if c.is_ascii_alphanumeric() => named(b, at, in_attr, out),
        _ => None,
    }
}

/// The most common references, matched without a table lookup.
fn common(rest: &[u8]) -> Option<(usize, &'static str)> {
    const COMMON: [(&[u8], &str); 7] = [
        (b"amp;", "&"),
        (b"quot;", "\""),
        (b"nbsp;", "\u{a0}"),
        (b"lt;", "<"),
        (b"gt;", ">"),
        (b"#39;", "'"),
        (b"apos;", "'"),
    ];
    COMMON
        .iter()
        .find(|(k, _)| rest.starts_with(k))
        .map(|&(k, v)| (k.len(), v))
}

fn named(b: &[u8], at: usize, in_attr: bool, out: &mut String) -> Option<usize> {
    let rest = b.get(at..)?;
    if let Some((len, s)) = common(rest) {
        out.push_str(s);
        return Some(at + len);
    }
    // Longest match: extend while the name read so far is a name or a prefix
    // of one; remember the last full name.
    let mut best: Option<(usize, (u32, u32))> = None;
    let mut len = 0;
    while len < rest.len() {
        let c = rest[len];
        if !(c.is_ascii_alphanumeric() || c == b';') {
            break;
        }
        len += 1;
        // ASCII only, so the slice is valid UTF-8.
        let name = std::str::from_utf8(&rest[..len]).unwrap_or("");
        match NAMED_ENTITIES.get(name) {
            Some(&m) => {
                if m.0 != 0 {
                    best = Some((len, m));
                }
                if c == b';' {
                    break;
                }
            }
            None => break,
        }
    }
    let (len, (c1, c2)) = best?;
    if rest[len - 1] != b';' && in_attr {
        if let Some(&next) = rest.get(len) {
            if next == b'=' || next.is_ascii_alphanumeric() {
                return None;
            }
        }
    }
    for c in [c1, c2] {
        if c != 0 {
            out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
        }
    }
    Some(at + len)
}

fn numeric(b: &[u8], mut at: usize, out: &mut String) -> Option<usize> {
    let hex = matches!(b.get(at), Some(b'x' | b'X'));
    if hex {
        at += 1;
    }
    let base = if hex { 16 } else { 10 };
    let mut num: u32 = 0;
    let mut too_big = false;
    let mut digits = 0;
    while let Some(d) = b.get(at).and_then(|&c| (c as char).to_digit(base)) {
        num = num.wrapping_mul(base);
        if num > 0x10FFFF {
            too_big = true;
        }
        num = num.wrapping_add(d);
        digits += 1;
        at += 1;
    }
    if digits == 0 {
        return None;
    }
    if b.get(at) == Some(&b';') {
        at += 1;
    }
    let c = match num {
        _ if too_big || num > 0x10FFFF => '\u{fffd}',
        0 | 0xD800..=0xDFFF => '\u{fffd}',
        0x80..=0x9F => C1_REPLACEMENTS[(num - 0x80) as usize]
            .unwrap_or_else(|| char::from_u32(num).unwrap_or('\u{fffd}')),
        n => char::from_u32(n).unwrap_or('\u{fffd}'),
    };
    out.push(c);
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str, attr: bool) -> Option<(String, usize)> {
        let mut out = String::new();
        decode(s.as_bytes(), 0, attr, &mut out).map(|p| (out, p))
    }

    #[test]
    fn named_numeric_and_legacy() {
        assert_eq!(dec("amp;x", false), Some(("&".into(), 4)));
        assert_eq!(dec("notit;", false), Some(("\u{ac}".into(), 3)));
        assert_eq!(dec("notin;", false), Some(("\u{2209}".into(), 6)));
        assert_eq!(dec("#x41;", false), Some(("A".into(), 5)));
        assert_eq!(dec("#65", false), Some(("A".into(), 3)));
        assert_eq!(dec("#x80;", false), Some(("\u{20ac}".into(), 5)));
        assert_eq!(dec("#0;", false), Some(("\u{fffd}".into(), 3)));
        assert_eq!(dec("#;", false), None);
        assert_eq!(dec("xyz;", false), None);
        // In attributes a legacy reference before `=` or a letter stays.
        assert_eq!(dec("amp=1", true), None);
        assert_eq!(dec("ampx", true), None);
        assert_eq!(dec("amp x", true), Some(("&".into(), 3)));
        assert_eq!(dec("ampx", false), Some(("&".into(), 3)));
    }
}
