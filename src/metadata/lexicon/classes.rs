//! Class, id, rel, itemprop, data-testid and property words the metadata
//! pass reads on every element (see `classes.rs`): each list names what an
//! element with such a word is. Whether an element is chrome is the shared
//! classifier's call (`crate::chrome::HintWords` with `crate::chrome::FURNITURE`), not
//! a list here.

/// Class words of comment threads.
pub(crate) const COMMENT_WORDS: &[&str] = &["comment", "comments", "reply", "replies", "disqus"];

/// Class words of bylines.
pub(crate) const AUTHOR_WORDS: &[&str] = &[
    "author",
    "authors",
    "byline",
    "bylines",
    "byl",
    "writer",
    "creator",
    "contributor",
    "contributors",
    "autor",
    "auteur",
    "autore",
    "reporter",
    "authorname",
    "postauthor",
    "articleauthor",
    "author_name",
    "authorinfo",
];

/// Class words of what sits beside a byline: avatars, bios, follow buttons.
pub(crate) const AUTHOR_NOISE_WORDS: &[&str] = &[
    "avatar",
    "img",
    "image",
    "photo",
    "bio",
    "description",
    "desc",
    "social",
    "follow",
    "role",
    "job",
    "twitter",
    "email",
    "icon",
    "pic",
    "picture",
    "about",
    "position",
];

/// Class words of an update stamp.
pub(crate) const UPDATED_CLASS_WORDS: &[&str] = &[
    "updated",
    "modified",
    "lastmod",
    "datemodified",
    "update",
    "revised",
];

/// Class words of a publication stamp.
pub(crate) const PUBLISHED_CLASS_WORDS: &[&str] = &[
    "published",
    "pubdate",
    "datepublished",
    "publish",
    "posted",
    "publishdate",
    "publication",
    "created",
];

/// Class words of a date of either kind.
pub(crate) const DATE_WORDS: &[&str] = &[
    "date",
    "time",
    "dateline",
    "timestamp",
    "datetime",
    "meta",
    "byline",
    "info",
    "postdate",
    "entrydate",
    "posted_on",
    "postmeta",
    "postinfo",
    "articledate",
    "dates",
    "fecha",
    "datum",
    "data",
];

/// Words that negate the class word after them ("notUpdated").
pub(crate) const NEGATIONS: &[&str] = &["not", "no", "non", "without"];
