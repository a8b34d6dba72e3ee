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

/// What separates a headline from a section or site name: what follows a
/// bar is never the headline's own words.
pub(crate) const BAR_SEPARATORS: &[&str] = &[" | ", " ｜ "];

/// What may separate a headline from its subtitle ("Headline – Subtitle"),
/// or join the parts of one headline ("Nintendo Switch – OLED Model").
pub(crate) const SUBTITLE_SEPARATORS: &[&str] = &[" – ", " — ", " - ", " • ", " · "];

/// Host labels that are never the site's name (public suffix parts).
pub(crate) const HOST_NOT_NAME: &[&str] = &[
    "co", "com", "org", "net", "gov", "ac", "edu", "blog", "news",
];

/// Characters that separate a title's parts when a space is beside them
/// ("Site - Headline", "News > World", "start- al.com").
pub(crate) const TITLE_SEPARATOR_CHARS: &[char] = &[
    '|', '｜', '-', '–', '—', '―', '•', '·', '»', '«', '›', '‹', '>', '<', '/', '~', '_', '¦',
];

/// Characters that separate a title's parts even without a space: no
/// headline writes them inside a word ("Headline_English_Site").
pub(crate) const TIGHT_SEPARATOR_CHARS: &[char] = &['_', '|', '｜'];

/// Marks that open a quoted or bracketed part of a title…
pub(crate) const OPENING_MARKS: &[char] = &['"', '\'', '“', '‘', '„', '«', '(', '['];

/// …and that close it or end a sentence.
pub(crate) const CLOSING_MARKS: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '?', '!', '.', '…'];

/// Characters that attach a site's name to a title's last word with no
/// space ("Headline-Site", "Headline-Section\u{3163}Site": Korean titles
/// use the letter U+3163 as a bar).
pub(crate) const ATTACHED_SEPARATOR_CHARS: &[char] = &['-', '_', '|', '｜', '\u{3163}', '·'];

/// Legal forms that end a company's registered name ("… GmbH", "… S.L.",
/// "… A/S"): the publisher's brand is the name without them.
pub(crate) const LEGAL_FORMS: &[&str] = &[
    "GmbH",
    "AG",
    "KG",
    "KGaA",
    "eG",
    "e.V.",
    "mbH",
    "SE",
    "S.L.",
    "SL",
    "S.A.",
    "SA",
    "S.p.A.",
    "SpA",
    "S.r.l.",
    "Srl",
    "SAS",
    "SARL",
    "S.A.S.",
    "B.V.",
    "BV",
    "N.V.",
    "NV",
    "Ltd",
    "Ltd.",
    "Limited",
    "LLC",
    "L.L.C.",
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "plc",
    "Pty",
    "A/S",
    "ASA",
    "AB",
    "Oy",
    "Oyj",
    "K.K.",
    "Co.",
    "LLP",
    "Sp.",
    "z.o.o.",
    "s.r.o.",
    "a.s.",
];
