//! Options for one extraction. Every field is public and documented with its
//! default, so a caller can start from `Options::default()` and change one.

/// How the extractor behaves.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Options {
    /// Pages larger than this many bytes are refused with `Error::TooLarge`.
    /// Default: 50 MiB.
    pub max_input_bytes: usize,
    /// Keep table rows in the body as lines of text. Default: `true`.
    pub include_tables: bool,
    /// Keep image captions (`figcaption`) in the body. Default: `false`:
    /// captions describe pictures, not the story, and repeat across pages.
    pub include_captions: bool,
    /// Also render the body as Markdown into `Article::body_markdown`.
    /// Default: `false`.
    pub markdown: bool,
    /// Also render the body as a small safe HTML fragment into
    /// `Article::body_html`. Default: `false`.
    pub html: bool,
    /// Keep links in the Markdown body (without them the link text stays).
    /// The HTML body always keeps its (safe) links. Default: `true`.
    pub markdown_links: bool,
    /// Keep images in the Markdown and HTML bodies: images inside the text,
    /// and figures whose caption sits within the article (the image, then
    /// its caption in italics), even though captions stay out of the plain
    /// `body` unless `include_captions` is set. Default: `true`.
    pub markdown_images: bool,
    /// Elements nested deeper than this are treated as flat text of their
    /// ancestor at that depth, so hostile nesting cannot exhaust memory or time.
    /// Default: 512.
    pub max_depth: usize,
    /// The day the page was fetched: dates more than a day after it are
    /// not taken as the publication date. For WARC records this is the
    /// WARC-Date. Default: `None`, meaning today.
    pub reference_date: Option<chrono::NaiveDate>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_input_bytes: 50 * 1024 * 1024,
            include_tables: true,
            include_captions: false,
            markdown: false,
            html: false,
            markdown_links: true,
            markdown_images: true,
            max_depth: 512,
            reference_date: None,
        }
    }
}
