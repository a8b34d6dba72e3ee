//! Every word list and threshold the metadata choosers use, each with why.
//! Logic lives in the choosers; what they look for and how far lives here.
//! (The grammar tables of the parsers stay with them: month and weekday
//! names and time zones in `dates/parse.rs`, schema.org types in
//! `jsonld.rs`.)

pub(crate) mod bylines;
pub(crate) mod classes;
pub(crate) mod keys;
pub(crate) mod labels;
pub(crate) mod titles;

/// How much one witness of a date counts ([`super::evidence::DateSource::weight`]).
/// A day's support is the strongest witness of each independent group,
/// summed, so the numbers matter in sums: a dateline at the headline (11)
/// outweighs the machine dates alone (10) but not the machine dates and
/// the URL agreeing (10 + 4).
pub(super) mod weights {
    /// The main JSON-LD object's date: the CMS's own field.
    pub const JSON_LD: u32 = 10;
    /// A standard meta name: as good as JSON-LD, one step below so that
    /// JSON-LD's more precise value wins on the same day.
    pub const META_STANDARD: u32 = 9;
    /// A vendor or Dublin Core meta name: often a crawl or index date.
    pub const META_VENDOR: u32 = 7;
    /// A meta name the site made up: it says "publish" or "date", little more.
    pub const SITE_META: u32 = 6;
    /// A microdata property on the page.
    pub const MICRODATA: u32 = 8;
    /// A date shown right under the headline: what the reader is told.
    pub const AT_HEADLINE: u32 = 11;
    /// A date element elsewhere, labelled or machine-readable.
    pub const ELEMENT_LABELLED: u32 = 8;
    /// A date element elsewhere, unlabelled.
    pub const ELEMENT_PLAIN: u32 = 5;
    /// "Published on …" in a text near the headline.
    pub const DATELINE_LABELLED: u32 = 6;
    /// A date mentioned in a text near the headline.
    pub const DATELINE_PLAIN: u32 = 4;
    /// The URL path: a second witness, rarely enough alone.
    pub const URL: u32 = 4;
    /// A date beside the byline, read only when nothing else has one.
    pub const BYLINE: u32 = 3;
}

/// How far the date chooser looks, in nodes of the flat tree and in bytes.
pub(super) mod dates {
    /// Dates within this many nodes after the headline are its dateline.
    pub const AT_HEADLINE: usize = 40;
    /// A node before the headline counts this many times its distance:
    /// datelines sit under headlines, what sits above is the site's.
    pub const BEFORE_HEADLINE: usize = 3;
    /// Date elements farther than this from the headline belong to
    /// something else on the page.
    pub const ELEMENT_REACH: usize = 1200;
    /// A date element in page chrome (an aside, a sidebar) counts only this
    /// close to the headline: a layout may put the article's own there.
    pub const CHROME_REACH: usize = 150;
    /// Dates read from one element's text: more is a list, not a stamp.
    pub const DATES_PER_ELEMENT: usize = 3;
    /// An "Updated" text counts only this close to the headline.
    pub const UPDATE_TEXT_REACH: usize = 150;
    /// Text nodes read for a dateline: this many nodes before the headline…
    pub const DATELINE_BEFORE: usize = 150;
    /// …and this many after it.
    pub const DATELINE_AFTER: usize = 400;
    /// The shortest text that holds a date ("3.5.21").
    pub const TEXT_MIN_BYTES: usize = 6;
    /// The longest text read for a date: longer is a paragraph.
    pub const TEXT_MAX_BYTES: usize = 160;
    /// A text of at most this many characters is mostly its date (a
    /// dateline); a longer one is a sentence that mentions a date.
    pub const DATELINE_SHORT_CHARS: usize = 60;
    /// Bylines before the headline count this many times their distance
    /// when choosing the byline a date is read beside.
    pub const BYLINE_BEFORE_HEADLINE: usize = 2;
    /// Text nodes read on each side of that byline.
    pub const BYLINE_WINDOW: usize = 30;
    /// The characters before a date read for its label ("Last updated on").
    pub const LABEL_CHARS: usize = 60;
    /// A label in a text node of its own is read this many nodes back…
    pub const LABEL_NODES: usize = 8;
    /// …when it is this short and has no digits (not a sentence or a date).
    pub const LABEL_NODE_CHARS: usize = 40;
}

/// How far the author chooser looks.
pub(super) mod authors {
    /// Bylines before the headline count this many times their distance.
    pub const BEFORE_HEADLINE: usize = 2;
    /// Byline candidates farther than this (in nodes) from the headline
    /// belong to something else.
    pub const REACH: usize = 1500;
    /// The byline region: candidates within this many nodes of the nearest.
    pub const REGION: usize = 40;
    /// At most this many names from visible bylines: more is a list of
    /// contributors or teasers, not the article's byline.
    pub const MAX_VISIBLE: usize = 4;
    /// At most this many organisations when no person is named.
    pub const MAX_ORGANISATIONS: usize = 2;
    /// Text bylines ("By Jane Roe") kept from one page.
    pub const MAX_TEXT_BYLINES: usize = 64;
    /// Longest text node read for a byline, in bytes: longer is prose.
    pub const TEXT_NODE_BYTES: usize = 240;
    /// A byline that opens with "By …" is at most this many characters.
    pub const TEXT_BYLINE_CHARS: usize = 120;
    /// After a "Written by" label, the name is in one of the next this many nodes…
    pub const LABEL_REACH: usize = 12;
    /// …and at most this many characters long.
    pub const LABELLED_NAME_CHARS: usize = 100;
}

/// What the gathering pass keeps: caps that bound the work a page can
/// cause, each far above what a real page uses.
pub(super) mod gather {
    /// Most visible candidates kept per kind (bylines, date elements, rel=author links).
    pub const MAX_CANDIDATES: usize = 64;
    /// Longest visible candidate text, in characters.
    pub const MAX_CANDIDATE_TEXT: usize = 300;
    /// Longest byline element text: longer is a bio or a paragraph.
    pub const BYLINE_CHARS: usize = 200;
    /// An element of at most this many nodes may be a byline or a date; a
    /// larger one is a container whose class names its contents.
    pub const SMALL_ELEMENT: usize = 60;
    /// The h1s looked up when telling a layout wrapper from chrome.
    pub const MAX_H1S_SEEN: usize = 64;
    /// An element holding more than 1/this of the page's nodes is a layout
    /// wrapper, whatever its class says.
    pub const WRAPPER_SHARE: usize = 2;
    /// A link with more than this many nodes inside may be a teaser card…
    pub const CARD_MIN_NODES: usize = 3;
    /// …read this far for the heading that makes it one.
    pub const CARD_SCAN: usize = 200;
    /// Longest `<title>` read, in characters.
    pub const TITLE_CHARS: usize = 500;
    /// Longest heading read, in characters.
    pub const HEADING_CHARS: usize = 400;
    /// h1s kept (outside chrome).
    pub const MAX_H1S: usize = 8;
    /// h2s and h3s kept: where the headline sits when the h1 is the logo.
    pub const MAX_H2S: usize = 12;
    /// JSON-LD scripts kept.
    pub const MAX_LD_SCRIPTS: usize = 32;
    /// Meta tags kept.
    pub const MAX_METAS: usize = 1000;
    /// Longest meta content kept, in bytes.
    pub const MAX_META_CONTENT: usize = 5000;
    /// Names read from one `name`/`property`/`itemprop` value.
    pub const NAMES_PER_ATTR: usize = 4;
    /// Longest name read from a link or a nested itemprop="name".
    pub const NAME_CHARS: usize = 120;
    /// Nodes searched for the itemprop="name" inside an author scope.
    pub const NESTED_SCAN: usize = 200;
    /// Longest class/id/rel/itemprop value read, in bytes.
    pub const HINT_VALUE_BYTES: usize = 300;
}

/// What the headline chooser counts as a headline, in characters.
pub(super) mod headline {
    /// The shortest text that can be a headline (or what is left of a
    /// title once the site name is cut).
    pub const MIN_HEADLINE_CHARS: usize = 3;
    /// A title segment that is a phrase must be this long to stand alone…
    pub const SEGMENT_MIN_PHRASE: usize = 4;
    /// …a single word this long: "About" or "HRMS" is a label or an
    /// acronym the rest of the title spells out.
    pub const SEGMENT_MIN_WORD: usize = 6;
    /// A title segment this long may be the start of a longer site name
    /// ("The Daily" of "The Daily Herald").
    pub const SITE_PREFIX_CHARS: usize = 4;
    /// The h1s compared with the title: later ones are teasers'.
    pub const H1S_READ: usize = 4;
    /// An h1 this long that is the title minus a qualifier ("(Site)",
    /// ", December 2025") is the headline.
    pub const QUALIFIED_H1_CHARS: usize = 12;
    /// A title this long (as a key) that an h1 starts with was truncated
    /// by the CMS: the h1 is the whole headline.
    pub const TRUNCATED_TITLE_CHARS: usize = 20;
    /// A headline this long (as a key) is looked for as a text node when
    /// no heading spells it; shorter ones match too much.
    pub const SPELLED_HEADLINE_CHARS: usize = 8;
    /// A shown text held by the title is a headline when this long…
    pub const SHOWN_MIN_CHARS: usize = 12;
    /// …read from text nodes of this many bytes (longer is prose)…
    pub const SHOWN_MIN_BYTES: usize = 12;
    pub const SHOWN_MAX_BYTES: usize = 300;
    /// …at most this many of them, in document order.
    pub const MAX_SHOWN: usize = 4000;
    /// A title's parts dropped before its headline name a site or a
    /// section when each has at most this many words ("TV3 > News >").
    pub const LEADING_PART_WORDS: usize = 3;
    /// A social title (og:title) this short says too little to override
    /// the visible headline.
    pub const MIN_SOCIAL_WORDS: usize = 3;
    /// A kicker before a colon ("Nach Gaetz-Rückzug: …") has at most this
    /// many words.
    pub const KICKER_WORDS: usize = 5;
    /// The site segment of a title has at most this many words.
    pub const TITLE_SITE_WORDS: usize = 6;
    /// Longest text node compared with the headline, in bytes.
    pub const SPELLED_TEXT_BYTES: usize = 600;
}
