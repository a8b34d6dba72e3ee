//! Typed evidence: where a candidate value was read, how much that source
//! is trusted, and which independent group of witnesses it belongs to. The
//! choosers weigh candidates by these and by nothing else about their origin.

use super::dates::Stamp;
use super::lexicon::weights;

/// Independent kinds of witness for a date. Sources within one group repeat
/// one another (a CMS writes its JSON-LD and its meta tags from one field),
/// so a day's support counts the strongest witness of each group once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Group {
    /// JSON-LD and meta tags.
    Machine,
    /// What the reader sees: datelines, `<time>`, bylines, the microdata on them.
    Visible,
    /// The URL path.
    Url,
}

/// How a date shown on the page stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Standing {
    /// Right under the headline: the dateline the reader is told.
    AtHeadline,
    /// Elsewhere, but labelled as the publication ("Published on …") or
    /// given in a machine-readable attribute.
    Labelled,
    /// Elsewhere and unlabelled. (Update stamps are all weighed so: where
    /// an update is shown says nothing about which one it is.)
    Plain,
}

/// Which meta tag names a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MetaName {
    /// The OpenGraph / schema.org names every CMS writes
    /// (`article:published_time`, `datePublished`…), and the modification
    /// names (only one of them is read).
    Standard,
    /// Vendor and Dublin Core names (`sailthru.date`, `dc.date`…).
    Vendor,
}

/// Where a date was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateSource {
    /// `datePublished` / `dateModified` of the page's main JSON-LD object.
    JsonLd,
    /// A meta tag of a well-known name.
    Meta(MetaName),
    /// A meta tag whose name the site made up ("w-published-date").
    SiteMeta,
    /// A microdata or RDFa property (`itemprop="datePublished"`).
    Microdata,
    /// A visible element that is a date: a `<time>`, an element whose class
    /// names a date, a byline element holding one.
    Element(Standing),
    /// A date in a text node near the headline, without markup.
    Dateline(Standing),
    /// The URL path (`/2021/12/10/`).
    Url,
    /// A date in a text node beside the byline.
    Byline,
}

impl DateSource {
    /// How much a witness from this source counts.
    pub fn weight(self) -> u32 {
        use DateSource as S;
        match self {
            S::JsonLd => weights::JSON_LD,
            S::Meta(MetaName::Standard) => weights::META_STANDARD,
            S::Meta(MetaName::Vendor) => weights::META_VENDOR,
            S::SiteMeta => weights::SITE_META,
            S::Microdata => weights::MICRODATA,
            S::Element(Standing::AtHeadline) | S::Dateline(Standing::AtHeadline) => {
                weights::AT_HEADLINE
            }
            S::Element(Standing::Labelled) => weights::ELEMENT_LABELLED,
            S::Element(Standing::Plain) => weights::ELEMENT_PLAIN,
            S::Dateline(Standing::Labelled) => weights::DATELINE_LABELLED,
            S::Dateline(Standing::Plain) => weights::DATELINE_PLAIN,
            S::Url => weights::URL,
            S::Byline => weights::BYLINE,
        }
    }

    /// The independent group the source belongs to.
    pub fn group(self) -> Group {
        match self {
            DateSource::JsonLd | DateSource::Meta(_) | DateSource::SiteMeta => Group::Machine,
            DateSource::Url => Group::Url,
            DateSource::Microdata
            | DateSource::Element(_)
            | DateSource::Dateline(_)
            | DateSource::Byline => Group::Visible,
        }
    }

    /// Structured data under a standard vocabulary (JSON-LD, the known meta
    /// names, microdata): what a CMS writes from its own date field, in UTC
    /// as often as not. Everything else names the page's local day.
    pub fn standard_markup(self) -> bool {
        matches!(
            self,
            DateSource::JsonLd | DateSource::Meta(_) | DateSource::Microdata
        )
    }

    /// Read out of visible text, where a numeric date's day/month order is
    /// a guess (03/04/2021).
    pub fn read_from_text(self) -> bool {
        matches!(
            self,
            DateSource::Element(_) | DateSource::Dateline(_) | DateSource::Byline
        )
    }

    /// A date merely mentioned in running text near the headline or the
    /// byline: the last resort.
    pub fn mention(self) -> bool {
        matches!(
            self,
            DateSource::Dateline(Standing::Plain) | DateSource::Byline
        )
    }
}

/// A candidate date and where it was read.
#[derive(Debug, Clone, Copy)]
pub(super) struct DateEvidence {
    pub stamp: Stamp,
    pub source: DateSource,
}

impl DateEvidence {
    /// How much this witness counts.
    pub fn weight(self) -> u32 {
        self.source.weight()
    }
}

/// Where author names were read, most trusted first: the chooser takes the
/// persons of the first source that names any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AuthorSource {
    /// The main JSON-LD object's `author` (persons only).
    JsonLd,
    /// `<meta name="author">` and its kin.
    Meta,
    /// `itemprop="author"` / `creator` on the page.
    Microdata,
    /// The visible byline region nearest the headline: `rel=author` links,
    /// byline elements, "By …" texts.
    Visible,
}

/// Where a publisher name was read, most trusted first: the chooser takes
/// the first that names a brand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PublisherSource {
    /// The main JSON-LD object's `publisher` (or the site's organisation).
    JsonLd,
    /// og:site_name, the JSON-LD WebSite, the application name.
    SiteName,
    /// `itemprop="publisher"` on the page.
    Microdata,
    /// The site segment of `<title>` ("Headline | Site").
    TitleSegment,
    /// The page's host.
    Host,
}
