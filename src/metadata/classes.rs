//! What an element's class, id, rel, itemprop, data-testid and property
//! words say to the metadata pass: a region of other content (the shared
//! chrome classifier's verdict, the one the body cleaner reads), a comment
//! thread, a byline, its noise, a date and which kind of date. The words
//! are the chrome classifier's tokens, read once per element.

use crate::chrome::{
    FURNITURE, HintWords, Hints, class_word_lists, for_each_class_word_read, is_strong,
};
use crate::dom::El;

use super::dates::Hint;
use super::lexicon::classes::*;
use super::lexicon::gather::HINT_VALUE_BYTES;

/// The attributes the metadata pass reads on every element. (The one place
/// that knows the DOM's attribute API.)
#[derive(Clone, Copy)]
pub(super) struct Seen<'a> {
    pub class: Option<&'a str>,
    id: Option<&'a str>,
    /// rel, itemprop, data-testid and property: read for bylines and dates.
    others: [Option<&'a str>; 4],
    pub itemtype: Option<&'a str>,
    pub itemprop: Option<&'a str>,
    pub property: Option<&'a str>,
    pub rel: Option<&'a str>,
}

impl<'a> Seen<'a> {
    pub fn of(el: El<'a>) -> Seen<'a> {
        let c = el.common();
        Seen {
            class: c.class,
            id: c.id,
            others: [c.rel, c.itemprop, c.testid, c.property],
            itemtype: c.itemtype,
            itemprop: c.itemprop,
            property: c.property,
            rel: c.rel,
        }
    }

    /// Only a class (the common case, and the one worth caching: pages
    /// repeat their class lists).
    pub fn class_only(&self) -> Option<&'a str> {
        match (self.class, self.id, self.others) {
            (Some(c), None, [None, None, None, None]) => Some(c),
            _ => None,
        }
    }
}

/// What the words say.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ClassWords {
    /// Some hint attribute is present.
    pub any: bool,
    /// Names a region of other content or the site's: a strong chrome word
    /// that is not the article's furniture.
    pub elsewhere: bool,
    /// Names a comment thread.
    pub comment: bool,
    /// Names a byline.
    pub author: bool,
    /// Names what sits beside a byline (avatar, bio, follow button).
    pub noise: bool,
    /// Names a date, and which kind.
    pub date: Option<Hint>,
    /// What the chrome classifier reads in the class and id, for the body
    /// cleaner: the same words, split once.
    pub hints: Hints,
}

const W_COMMENT: u8 = 1;
const W_AUTHOR: u8 = 2;
const W_NOISE: u8 = 4;
const W_UPDATED: u8 = 8;
const W_PUBLISHED: u8 = 16;
const W_DATE: u8 = 32;

/// What the lists say of one word: the metadata lists' bits, the chrome
/// classifier's (see [`class_word_lists`]), whether it names the article's
/// furniture and whether it negates the next word.
#[derive(Debug, Clone, Copy, Default)]
struct Kinds {
    meta: u8,
    chrome: u8,
    furniture: bool,
    negation: bool,
}

/// Every list a class word is read against, the metadata pass's and the
/// chrome classifier's, as one table: one lookup per word instead of one
/// per list (this runs for every element).
fn word_kinds() -> &'static std::collections::HashMap<
    &'static str,
    Kinds,
    std::hash::BuildHasherDefault<crate::text::Fx>,
> {
    type Table = std::collections::HashMap<
        &'static str,
        Kinds,
        std::hash::BuildHasherDefault<crate::text::Fx>,
    >;
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let meta = crate::text::word_table(&[
            (COMMENT_WORDS, W_COMMENT),
            (AUTHOR_WORDS, W_AUTHOR),
            (AUTHOR_NOISE_WORDS, W_NOISE),
            (UPDATED_CLASS_WORDS, W_UPDATED),
            (PUBLISHED_CLASS_WORDS, W_PUBLISHED),
            (DATE_WORDS, W_DATE),
        ]);
        let mut t = Table::default();
        for (w, k) in meta {
            t.entry(w).or_default().meta = k;
        }
        for (w, k) in class_word_lists() {
            t.entry(w).or_default().chrome = k;
        }
        for w in FURNITURE {
            t.entry(w).or_default().furniture = true;
        }
        for w in NEGATIONS {
            t.entry(w).or_default().negation = true;
        }
        t
    })
}

impl ClassWords {
    /// Read an element's words: region and thread from its class and id
    /// (as the body cleaner reads them), bylines and dates from all six.
    pub fn read(seen: &Seen<'_>) -> ClassWords {
        // (An element without any of the six, the commonest, says nothing.)
        if seen.class.is_none() && seen.id.is_none() && seen.others == [None; 4] {
            return ClassWords::default();
        }
        let table = word_kinds();
        let mut kinds = 0u8;
        let mut out = ClassWords::default();
        // "Every word that passes holds 'date' or 'published'", and
        // glued bylines ("articlebyline").
        let mut fuzzy_date = false;
        let mut glued_byline = false;
        let values = [seen.class, seen.id]
            .into_iter()
            .map(|v| (v, true))
            .chain(seen.others.iter().map(|v| (*v, false)));
        let mut hints = HintWords::default();
        for (value, region) in values {
            let Some(value) = value else { continue };
            // A long value still counts for the chrome classifier (which
            // reads its first 512 bytes), not for the metadata words.
            let long = value.len() > HINT_VALUE_BYTES;
            if long && !region {
                continue;
            }
            out.any |= !long;
            let mut negated = false;
            for_each_class_word_read(value, &mut |w, chrome| {
                let kind = table.get(w).copied().unwrap_or_default();
                let strong = region && chrome && hints.add_class(kind.chrome);
                if long {
                    return;
                }
                // "notUpdated", "no-date": a word negated names nothing.
                if std::mem::replace(&mut negated, kind.negation) {
                    return;
                }
                let k = kind.meta;
                if region {
                    kinds |= k;
                    // (A word the hints skip still names a region when it
                    // is strong and not furniture.)
                    out.elsewhere |= if chrome {
                        strong && !kind.furniture
                    } else {
                        is_strong(kind.chrome) && !kind.furniture
                    };
                } else {
                    kinds |= k & !W_COMMENT;
                }
                fuzzy_date |=
                    w.ends_with("date") || w.starts_with("date") || w.contains("published");
                glued_byline |= w.contains("byline");
            });
        }
        out.hints = hints.finish();
        out.comment = kinds & W_COMMENT != 0;
        out.author = kinds & W_AUTHOR != 0 || glued_byline;
        out.noise = kinds & W_NOISE != 0;
        out.date = if kinds & W_UPDATED != 0 {
            Some(Hint::Updated)
        } else if kinds & W_PUBLISHED != 0 {
            Some(Hint::Published)
        } else if kinds & W_DATE != 0 || fuzzy_date {
            Some(Hint::None)
        } else {
            None
        };
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_table_reads_regions_as_the_chrome_classifier_does() {
        let table = word_kinds();
        for (w, _) in class_word_lists() {
            let kind = table.get(w).copied().unwrap_or_default();
            assert_eq!(
                is_strong(kind.chrome) && !kind.furniture,
                crate::chrome::names_elsewhere(w),
                "{w}"
            );
        }
        for w in NEGATIONS {
            assert!(table.get(w).is_some_and(|k| k.negation), "{w}");
        }
    }
}
