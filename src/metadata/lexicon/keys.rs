//! Meta tag names and microdata properties, per field, in the order they
//! are trusted. Names are lower-case (the gatherer lower-cases keys).

/// Meta names of a publication date, the standard ones first.
pub(crate) const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "article:published",
    "og:published_time",
    "og:article:published_time",
    "published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "published-date",
    "published_date",
    "publication_date",
    "publication-date",
    "pubdate",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "dc:date",
    "date",
    "article.published",
    "article_date_original",
    "original-publish-date",
    "cxenseparse:recs:publishtime",
    "bt:pubdate",
    "displaydate",
    "datecreated",
    "date_published",
    "release_date",
    "rnews:datepublished",
    "shareaholic:article_published_time",
    "vr:published_time",
    "article:post_date",
    "post_date",
    "created",
    "creation_date",
    "eomportal-lastupdate",
];

/// How many of [`PUBLISHED_KEYS`] are the OpenGraph / schema.org names.
pub(crate) const STANDARD_PUBLISHED_KEYS: usize = 6;

/// Meta names of a modification date.
pub(crate) const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "article:modified",
    "og:updated_time",
    "modified_time",
    "updated_time",
    "datemodified",
    "last-modified",
    "lastmod",
    "dcterms.modified",
    "dc.date.modified",
    "revised",
    "article.updated",
    "date_modified",
    "dateupdated",
    "parsely-updated",
    "last_updated",
];

/// Meta names that hold author names.
pub(crate) const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "og:article:author",
    "dc.creator",
    "dcterms.creator",
    "dc:creator",
    "parsely-author",
    "sailthru.author",
    "citation_author",
    "byl",
    "byline",
    "article:author_name",
    "cxenseparse:author",
    "book:author",
    "authors",
];

/// Microdata / RDFa properties of a publication date.
pub(crate) const PUBLISHED_PROPS: &[&str] = &["datepublished", "datecreated", "issued", "created"];

/// Microdata / RDFa properties of a modification date.
pub(crate) const MODIFIED_PROPS: &[&str] = &["datemodified", "modified"];

/// Meta names of the site's own making that may hold the publication
/// date: a name with one of these in it…
pub(crate) const SITE_PUBLISHED_PARTS: &[&str] = &["publish", "pubdate", "release"];

/// …or ending in one of these…
pub(crate) const SITE_DATE_ENDINGS: &[&str] = &[".date", "_date", "-date", ":date"];

/// …unless it names a modification ("last_published" is the latest
/// re-publication, not the first)…
pub(crate) const SITE_MODIFIED_PARTS: &[&str] = &["modif", "updat", "revis", "last"];

/// …another event's date…
pub(crate) const SITE_OTHER_PARTS: &[&str] = &["expir", "event", "start", "end"];

/// …or the publisher.
pub(crate) const SITE_NOT_DATE_PARTS: &[&str] = &["publisher"];

/// The microdata / RDFa properties the gatherer keeps (the last segment
/// of a vocabulary URL or prefix, lower-cased): exactly those a chooser
/// reads, so that no other fills the lists.
pub(crate) const PROPS_READ: &[&str] = &[
    "headline",
    "author",
    "creator",
    "datepublished",
    "datecreated",
    "datemodified",
    "publisher",
    "issued",
    "created",
    "modified",
];

/// The date properties (read in page chrome too).
pub(crate) const DATE_PROPS: &[&str] = &[
    "datepublished",
    "datecreated",
    "datemodified",
    "issued",
    "created",
    "modified",
];
/// Microdata properties that scope a person or organisation whose nested
/// `name` is the value.
pub(crate) const AGENT_PROPS: &[&str] = &["author", "creator", "publisher"];

/// Microdata / RDFa properties of author names.
pub(crate) const AUTHOR_PROPS: &[&str] = &["author", "creator"];

/// The headline's microdata property.
pub(crate) const HEADLINE_PROPS: &[&str] = &["headline"];

/// The publisher's microdata property.
pub(crate) const PUBLISHER_PROPS: &[&str] = &["publisher"];

/// OpenGraph title.
pub(crate) const OG_TITLE: &[&str] = &["og:title"];

/// Twitter card title.
pub(crate) const TWITTER_TITLE: &[&str] = &["twitter:title"];

/// Other meta names of the article's title (Dublin Core, vendors).
pub(crate) const OTHER_TITLE_KEYS: &[&str] = &[
    "dc.title",
    "dcterms.title",
    "parsely-title",
    "sailthru.title",
    "citation_title",
];

/// The site's own name.
pub(crate) const SITE_NAME_KEYS: &[&str] = &["og:site_name"];

/// Application names: the site's name when it has no og:site_name.
pub(crate) const APP_NAME_KEYS: &[&str] = &["application-name", "apple-mobile-web-app-title"];

/// Names a site goes by, the first found counted among its names.
pub(crate) const SITE_KEYS: &[&str] = &[
    "application-name",
    "apple-mobile-web-app-title",
    "og:site_name",
];

/// The site's Twitter handle ("@thedaily").
pub(crate) const TWITTER_SITE: &[&str] = &["twitter:site"];

/// The page's language, when `<html lang>` is missing.
pub(crate) const LANGUAGE_KEYS: &[&str] =
    &["content-language", "language", "dc.language", "og:locale"];

/// The canonical URL, when `<link rel=canonical>` is missing.
pub(crate) const URL_KEYS: &[&str] = &["og:url"];

/// The page's summary.
pub(crate) const DESCRIPTION_KEYS: &[&str] = &[
    "description",
    "og:description",
    "twitter:description",
    "dc.description",
];

/// The lead image.
pub(crate) const IMAGE_KEYS: &[&str] = &[
    "og:image",
    "og:image:secure_url",
    "og:image:url",
    "twitter:image",
    "twitter:image:src",
];

/// Section tags, one per meta tag.
pub(crate) const TAG_KEYS: &[&str] = &["article:tag", "og:article:tag"];

/// Keywords, comma-separated in one meta tag.
pub(crate) const KEYWORD_KEYS: &[&str] = &["keywords", "news_keywords"];
