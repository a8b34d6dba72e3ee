//! What the words written before a date say about it: a publication, an
//! update, or nothing ("Updated on March 4", "Posted: 3 May", a label in
//! the text node before the date).

use crate::dom::{Data, Dom};

use crate::metadata::gather::HIDDEN;
use crate::metadata::lexicon::dates::{LABEL_CHARS, LABEL_NODE_CHARS, LABEL_NODES};
use crate::metadata::lexicon::labels::{PUBLISHED_WORDS, UPDATED_WORDS, WEAK_PUBLISHED_WORDS};
use crate::metadata::text::{last_index, starts_of};

/// What a label or class says a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    None,
    Published,
    Updated,
}

pub(crate) fn classify_in_text(text: &str, pos: usize) -> Hint {
    // Only the 60 characters before the date are read: cut before
    // lower-casing, the text may be long.
    let before = text.get(..pos).unwrap_or("");
    let start = before
        .char_indices()
        .rev()
        .nth(LABEL_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let tail = before.get(start..).unwrap_or("").to_lowercase();
    let last = |words: &[&str]| words.iter().filter_map(|w| last_index(&tail, w)).max();
    match (last(UPDATED_WORDS), last(PUBLISHED_WORDS)) {
        (Some(u), Some(p)) => {
            if u > p {
                Hint::Updated
            } else {
                Hint::Published
            }
        }
        (Some(_), None) => Hint::Updated,
        (None, Some(_)) => Hint::Published,
        (None, None) if weak_label(&tail) => Hint::Published,
        (None, None) => Hint::None,
    }
}

/// A weak label as a word of its own ("on 3 May", not "season 3 May").
fn weak_label(tail: &str) -> bool {
    WEAK_PUBLISHED_WORDS.iter().any(|w| {
        starts_of(tail, w).any(|i| {
            tail.get(..i)
                .and_then(|b| b.chars().next_back())
                .is_none_or(|c| !c.is_alphanumeric())
        })
    })
}

/// The hint of a label written just before a date: "Last Updated:" in
/// its own text node, then the date in the next.
pub(crate) fn label_before(dom: &Dom<'_>, flags: &[u8], index: usize) -> Hint {
    for j in (index.saturating_sub(LABEL_NODES)..index).rev() {
        let Some(Data::Text(t)) = dom.get(j).map(|n| n.data) else {
            continue;
        };
        if flags.get(j).is_some_and(|f| f & HIDDEN != 0) {
            continue;
        }
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        // Only a short label, not a sentence or another date.
        if t.chars().count() > LABEL_NODE_CHARS || t.bytes().any(|b| b.is_ascii_digit()) {
            return Hint::None;
        }
        return classify_in_text(t, t.len());
    }
    Hint::None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_words_before_weak_labels() {
        let t = "We updated our review on March 4, 2025";
        let pos = t.find("March").unwrap_or(0);
        assert_eq!(classify_in_text(t, pos), Hint::Updated);
        let t = "Posted on March 4, 2025";
        let pos = t.find("March").unwrap_or(0);
        assert_eq!(classify_in_text(t, pos), Hint::Published);
        // "on" inside a word is not a label.
        let t = "The tax season ends April 15, 2025";
        let pos = t.find("April").unwrap_or(0);
        assert_eq!(classify_in_text(t, pos), Hint::None);
        let t = "Last post: 01/12/2025";
        assert_eq!(classify_in_text(t, t.len()), Hint::Updated);
    }
}
