//! Every word list and threshold the metadata choosers use, each with why.
//! Logic lives in the choosers; what they look for and how far lives here.

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
}
