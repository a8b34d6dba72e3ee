//! What an element's class, id, rel, itemprop, data-testid and property
//! words say to the metadata pass: chrome, a comment thread, a byline, its
//! noise, a date and which kind of date.

use super::dates::Hint;
use super::lexicon::classes::*;
use super::lexicon::gather::HINT_VALUE_BYTES;
use super::text::has;

/// An element's lower-cased class/id/rel/itemprop text and the union of its
/// words' kinds, found in one pass: several tests below look at them.
pub(super) struct Attrs<'s> {
    text: &'s str,
    /// The union of the words' kinds (`W_*`).
    kinds: u8,
}

impl<'s> Attrs<'s> {
    pub fn new(text: &'s str) -> Attrs<'s> {
        let table = word_kinds();
        let kind = |w: &str| table.get(w).copied().unwrap_or(0);
        let mut attrs = Attrs { text, kinds: 0 };
        if text.is_ascii() {
            let b = text.as_bytes();
            let mut start = None;
            for (i, c) in b.iter().enumerate() {
                match (c.is_ascii_alphanumeric(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(st)) => {
                        attrs.kinds |= text.get(st..i).map_or(0, kind);
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(st) = start {
                attrs.kinds |= text.get(st..).map_or(0, kind);
            }
        } else {
            attrs.kinds = attrs.words().fold(0, |k, w| k | kind(w));
        }
        attrs
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The runs of letters and digits.
    pub fn words(&self) -> impl Iterator<Item = &'s str> + use<'s> {
        let text = self.text;
        let ascii = text.is_ascii();
        text.split(move |c: char| {
            if ascii {
                !c.is_ascii_alphanumeric()
            } else {
                !c.is_alphanumeric()
            }
        })
        .filter(|t| !t.is_empty())
    }
}

/// The attributes the metadata pass reads on every element.
pub(super) struct Seen<'a> {
    /// class, id, rel, itemprop, data-testid and property values.
    hints: [Option<&'a str>; 6],
    pub itemtype: Option<&'a str>,
    pub itemprop: Option<&'a str>,
    pub property: Option<&'a str>,
    pub rel: Option<&'a str>,
}

impl<'a> Seen<'a> {
    pub fn of(el: crate::dom::El<'a>) -> Seen<'a> {
        let c = el.common();
        Seen {
            hints: [c.class, c.id, c.rel, c.itemprop, c.testid, c.property],
            itemtype: c.itemtype,
            itemprop: c.itemprop,
            property: c.property,
            rel: c.rel,
        }
    }

    /// The hint values, lower-cased and space-joined into `out` (reused
    /// across elements, so no allocation per element).
    pub fn lower_into(&self, out: &mut String) {
        out.clear();
        for v in self.hints.iter().flatten() {
            if v.len() <= HINT_VALUE_BYTES {
                out.push_str(v);
                out.push(' ');
            }
        }
        if out.is_ascii() {
            out.make_ascii_lowercase();
        } else {
            *out = out.to_lowercase();
        }
    }
}

const W_CHROME: u8 = 1;
const W_COMMENT: u8 = 2;
const W_AUTHOR: u8 = 4;
const W_NOISE: u8 = 8;
const W_UPDATED: u8 = 16;
const W_PUBLISHED: u8 = 32;
const W_DATE: u8 = 64;

/// The class-word lists as one table: one lookup per word instead of a
/// comparison with every list entry (this runs for every element).
fn word_kinds() -> &'static crate::text::WordTable<u8> {
    static TABLE: std::sync::OnceLock<crate::text::WordTable<u8>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        crate::text::word_table(&[
            (CHROME_WORDS, W_CHROME),
            (COMMENT_WORDS, W_COMMENT),
            (AUTHOR_WORDS, W_AUTHOR),
            (AUTHOR_NOISE_WORDS, W_NOISE),
            (UPDATED_CLASS_WORDS, W_UPDATED),
            (PUBLISHED_CLASS_WORDS, W_PUBLISHED),
            (DATE_WORDS, W_DATE),
        ])
    })
}

pub(super) fn chrome_attrs(attrs: &Attrs<'_>) -> bool {
    // "related-", "-related", "comment-", "read-next", "more-stories",
    // looked for around each hyphen in one pass.
    let b = attrs.text.as_bytes();
    attrs.kinds & W_CHROME != 0
        || memchr::memchr_iter(b'-', b).any(|p| {
            let (before, after) = (
                b.get(..p).unwrap_or_default(),
                b.get(p + 1..).unwrap_or_default(),
            );
            before.ends_with(b"related")
                || after.starts_with(b"related")
                || before.ends_with(b"comment")
                || (before.ends_with(b"read") && after.starts_with(b"next"))
                || (before.ends_with(b"more") && after.starts_with(b"stories"))
        })
}

pub(super) fn comment_attrs(attrs: &Attrs<'_>) -> bool {
    attrs.kinds & W_COMMENT != 0 || has(attrs.text, "comment-")
}

pub(super) fn author_attrs(attrs: &Attrs<'_>) -> bool {
    attrs.kinds & W_AUTHOR != 0 || has(attrs.text, "author-name") || has(attrs.text, "byline")
}

pub(super) fn author_noise(attrs: &Attrs<'_>) -> bool {
    attrs.kinds & W_NOISE != 0
}

pub(super) fn date_attrs(attrs: &Attrs<'_>) -> Option<Hint> {
    if attrs.kinds & W_UPDATED != 0 {
        return Some(Hint::Updated);
    }
    if attrs.kinds & W_PUBLISHED != 0 {
        return Some(Hint::Published);
    }
    let fuzzy = || {
        // Every word that passes holds "date" or "published".
        (has(attrs.text, "date") || has(attrs.text, "published"))
            && attrs
                .words()
                .any(|t| t.ends_with("date") || t.starts_with("date") || has(t, "published"))
    };
    (attrs.kinds & W_DATE != 0 || fuzzy()).then_some(Hint::None)
}
