//! Small text helpers shared by the stages: whitespace collapsing and the
//! removal of invisible characters.

/// Whether the visible characters of `body` occur, in order, in `page`: a
/// body holds nothing its page does not. Whitespace, invisible characters,
/// NUL and U+FFFD (the parser turns one into the other) do not count. The
/// property tests and the fuzzer check every extraction with it.
#[cfg_attr(not(feature = "_internal"), allow(dead_code))] // for tests, via `_internal`
pub fn is_drawn_from(body: &str, page: &str) -> bool {
    let significant =
        |c: &char| !c.is_whitespace() && !is_invisible(*c) && !matches!(c, '\0' | '\u{FFFD}');
    let mut page = page.chars().filter(significant);
    body.chars()
        .filter(significant)
        .all(|c| page.any(|p| p == c))
}

/// Characters that carry no text: soft hyphen, zero-width spaces and joiners,
/// word joiner, BOM.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}'
    )
}

/// Collapse runs of whitespace to one space, drop invisible characters, trim.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_collapsed(&mut out, text, true);
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// The longest start of `text` of at most `bytes` bytes that ends on a
/// character boundary (`str::floor_char_boundary`, which is newer than the
/// crate's minimum Rust).
pub fn head(text: &str, bytes: usize) -> &str {
    let end = (0..=text.len().min(bytes))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    text.get(..end).unwrap_or_default()
}

/// Append `text` to `out` with whitespace collapsed; `at_start` says whether
/// `out` currently ends at a line start (so leading spaces are dropped).
/// Returns whether `out` ends in a space afterwards.
pub fn push_collapsed(out: &mut String, text: &str, at_start: bool) -> bool {
    let mut space = at_start || out.ends_with(' ') || out.ends_with('\n') || out.is_empty();
    for c in text.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
                space = true;
            }
        } else if !is_invisible(c) {
            out.push(c);
            space = false;
        }
    }
    space
}

/// A multiply-rotate hash that takes eight bytes a step (FxHash's mixing,
/// with its final rotation so the table's index bits see the high bits):
/// for the word tables and the per-page maps keyed by class lists, looked
/// up once per element (in place of FNV-1a, which took a byte a step).
/// Not keyed: a page that chose colliding class lists costs only its own
/// time, bounded by the deadline.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

impl Fx {
    const K: u64 = 0xf135_7aea_2e62_a9c5;

    fn add(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(Fx::K);
    }
}

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            for (slot, b) in last.iter_mut().zip(rest) {
                *slot = *b;
            }
            // The length keeps "ab" and "ab\0" apart.
            self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

/// A word table keyed by static strings, hashed with [`Fx`].
pub type WordTable<V> =
    std::collections::HashMap<&'static str, V, std::hash::BuildHasherDefault<Fx>>;

/// One table of several word lists, each word carrying the bits of the
/// lists it is on.
pub fn word_table(lists: &[(&[&'static str], u8)]) -> WordTable<u8> {
    let mut t = WordTable::default();
    for (list, bit) in lists {
        for w in *list {
            *t.entry(*w).or_insert(0) |= bit;
        }
    }
    t
}

/// Characters that are not whitespace, as `char::is_whitespace` sees it.
///
/// Counted on the bytes, in one pass the compiler vectorises: the bytes
/// that start a character, less the ASCII whitespace (tab to carriage
/// return, space). The other whitespace characters (U+0085, U+00A0,
/// U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) start
/// with C2, E1, E2 or E3; only a text holding such a byte is read again
/// for them.
pub fn visible_chars(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut starts, mut spaces, mut leads) = (0usize, 0usize, false);
    for chunk in bytes.chunks(255) {
        // (A byte each per chunk: no chunk counts past 255.)
        let (mut s, mut w, mut l) = (0u8, 0u8, false);
        for &b in chunk {
            s += u8::from(b & 0xC0 != 0x80);
            w += u8::from(b == b' ' || (b'\t'..=b'\r').contains(&b));
            l |= matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3);
        }
        starts += usize::from(s);
        spaces += usize::from(w);
        leads |= l;
    }
    let mut visible = starts.saturating_sub(spaces);
    if leads {
        visible = visible.saturating_sub(other_spaces(bytes));
    }
    visible
}

/// The whitespace characters beyond ASCII in UTF-8 `bytes` (see
/// [`visible_chars`]).
fn other_spaces(bytes: &[u8]) -> usize {
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        let space = match b {
            0xC2 => matches!(next(1), 0x85 | 0xA0),
            0xE1 => next(1) == 0x9A && next(2) == 0x80,
            0xE2 => match next(1) {
                0x80 => matches!(next(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                0x81 => next(2) == 0x9F,
                _ => false,
            },
            0xE3 => next(1) == 0x80 && next(2) == 0x80,
            _ => false,
        };
        n += usize::from(space);
    }
    n
}

/// `char::is_alphanumeric` with shortcuts for the blocks body text is mostly
/// made of, which skip its table search.
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        // Latin-1 letters (but the multiplication and division signs),
        // basic Cyrillic, CJK ideographs, Hangul syllables: all letters.
        0xC0..=0xFF => c != '\u{D7}' && c != '\u{F7}',
        0x410..=0x44F | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3 => true,
        // General punctuation: dashes, quotes, spaces, invisible marks.
        0x2000..=0x206F => false,
        _ => c.is_alphanumeric(),
    }
}

/// Count words the way the record's `word_count` does: runs of alphanumerics.
pub fn word_count(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    if text.is_ascii() {
        for b in text.bytes() {
            let w = b.is_ascii_alphanumeric();
            if w && !in_word {
                count += 1;
            }
            in_word = w;
        }
        return count;
    }
    for c in text.chars() {
        let w = is_word_char(c);
        if w && !in_word {
            count += 1;
        }
        in_word = w;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_removes_invisibles_and_runs() {
        assert_eq!(collapse("  a\u{00AD}b \n\t c\u{200B}d  "), "ab cd");
        assert_eq!(collapse(""), "");
    }

    #[test]
    fn words_are_counted() {
        assert_eq!(word_count("Hello, world — it's 2021."), 5);
        assert_eq!(word_count("Hello, world - it's 2021."), 5);
    }

    #[test]
    fn word_char_shortcuts_agree_with_the_tables() {
        for range in [
            0..0x300u32,
            0x400..0x460,
            0x2000..0x2070,
            0x4E00..0x4F00,
            0xAC00..0xAD00,
        ] {
            for c in range.filter_map(char::from_u32) {
                assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            }
        }
        for c in [char::from_u32(0x9FFF), char::from_u32(0xD7A3)]
            .into_iter()
            .flatten()
        {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn visible_chars_agree_with_char_whitespace() {
        let slow = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
        for t in ["a b\t\n\x0Bc", "\u{a0}x\u{3000}y z", ""] {
            assert_eq!(visible_chars(t), slow(t), "{t:?}");
        }
        // Every character, alone and in a run past the 256-byte chunks.
        let mut all = String::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let t = c.to_string();
            assert_eq!(visible_chars(&t), slow(&t), "{c:?}");
            all.push(c);
            all.push(c);
        }
        assert_eq!(visible_chars(&all), slow(&all));
        for run in [
            " ".repeat(255),
            "x".repeat(256),
            " ".repeat(511) + "y",
            "é".repeat(300),
        ] {
            assert_eq!(visible_chars(&run), slow(&run), "{}", run.len());
        }
    }
}
