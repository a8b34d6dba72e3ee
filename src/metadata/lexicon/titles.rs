//! How titles are cut into segments and which segments name the site (see
//! `headline/title.rs` and `publisher.rs`).

/// What separates a title's segments ("Headline | Section | Site").
pub(crate) const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " • ", " · ", " :: ", " » ", " « ", " / ", " ~ ", " › ", " ‹ ",
    "｜", " ｜ ", " -- ", "|", " ― ", " : ",
];

/// Endings a site name carries in titles ("TheDaily.com", "Daily News", "Acme Ltd").
pub(crate) const SITE_ENDINGS: &[&str] = &[
    "com", "org", "net", "io", "co", "couk", "de", "fr", "es", "it", "ru", "ai", "app", "dev",
    "info", "news", "online", "blog", "magazine", "inc", "llc", "ltd", "gmbh",
];

/// What separates a headline from its subtitle ("Headline – Subtitle").
pub(crate) const SUBTITLE_SEPARATORS: &[&str] = &[" | ", " – ", " — ", " - ", " • ", " · ", " ｜ "];

/// Host labels that are never the site's name (public suffix parts).
pub(crate) const HOST_NOT_NAME: &[&str] = &[
    "co", "com", "org", "net", "gov", "ac", "edu", "blog", "news",
];
