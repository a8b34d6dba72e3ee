//! Small text helpers shared by the stages: whitespace collapsing and the
//! removal of invisible characters.

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

/// Count words the way the record's `word_count` does: runs of alphanumerics.
pub fn word_count(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        let w = c.is_alphanumeric();
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
    }
}
