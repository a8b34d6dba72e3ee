//! Options for one extraction. Every field is public and documented with its
//! default, so a caller can start from `Options::default()` and change one.

/// The default node budget, [`Options::max_nodes`]. The largest page of
/// the development sets has about 25,000 nodes; real pages average one node
/// per 100 bytes or so.
pub const DEFAULT_MAX_NODES: usize = 1_000_000;

/// The default per-page time limit, [`Options::deadline`]: about a
/// thousand times what the slowest development page takes.
pub const DEFAULT_DEADLINE: std::time::Duration = std::time::Duration::from_secs(10);

/// How the extractor behaves.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Options {
    /// Pages larger than this many bytes (after gzip or HTTP decompression)
    /// are refused with [`Error::TooLarge`](crate::Error::TooLarge).
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
    /// Write list items in `body` with their markers: `- ` for an
    /// unordered list, `1. ` (the item's own number) for an ordered one,
    /// nested items indented under theirs, as a reader expects. Only the
    /// markers and indentation are added; `word_count` is unchanged.
    /// Default: `false`: `body` is the text alone, for programs.
    pub list_markers: bool,
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
    /// The most nodes (elements, texts, comments) a page's tree may hold;
    /// past it the rest of the page is dropped and the record carries the
    /// warning `truncated` (the article is nearly always near the top).
    /// This bounds a page's memory whatever its markup: docs/performance.md
    /// ("Limits") gives the peak memory it allows.
    /// Default: [`DEFAULT_MAX_NODES`].
    pub max_nodes: usize,
    /// Which parser builds the tree: the fast path with html5ever for the
    /// pages it leaves ([`crate::parse::Parser::Auto`]), or html5ever
    /// alone (slower; for comparing the two). Both give the same tree.
    /// Default: `Auto`.
    pub parser: crate::parse::Parser,
    /// The day the page was fetched: dates more than a day after it are
    /// not taken as the publication date. For WARC records this is the
    /// WARC-Date. Default: `None`, meaning today.
    pub reference_date: Option<chrono::NaiveDate>,
    /// The most time one page's extraction may take, from its bytes to its
    /// record; past it the page yields an error record of kind `timeout`
    /// and the worker moves on. Every stage is linear in the page, so a
    /// real page takes milliseconds: this only catches a slow path nobody
    /// foresaw. `None`: no limit. Default: 10 seconds.
    pub deadline: Option<std::time::Duration>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_input_bytes: 50 * 1024 * 1024,
            include_tables: true,
            include_captions: false,
            markdown: false,
            html: false,
            list_markers: false,
            markdown_links: true,
            markdown_images: true,
            max_depth: 512,
            max_nodes: DEFAULT_MAX_NODES,
            parser: crate::parse::Parser::Auto,
            reference_date: None,
            deadline: Some(DEFAULT_DEADLINE),
        }
    }
}

/// Builder-style setters, so that options read as one expression:
/// `Options::default().with_markdown(true).with_include_tables(false)`.
impl Options {
    /// Set [`max_input_bytes`](Self::max_input_bytes).
    pub fn with_max_input_bytes(mut self, bytes: usize) -> Self {
        self.max_input_bytes = bytes;
        self
    }

    /// Set [`include_tables`](Self::include_tables).
    pub fn with_include_tables(mut self, on: bool) -> Self {
        self.include_tables = on;
        self
    }

    /// Set [`include_captions`](Self::include_captions).
    pub fn with_include_captions(mut self, on: bool) -> Self {
        self.include_captions = on;
        self
    }

    /// Set [`markdown`](Self::markdown).
    pub fn with_markdown(mut self, on: bool) -> Self {
        self.markdown = on;
        self
    }

    /// Set [`html`](Self::html).
    pub fn with_html(mut self, on: bool) -> Self {
        self.html = on;
        self
    }

    /// Set [`list_markers`](Self::list_markers).
    pub fn with_list_markers(mut self, on: bool) -> Self {
        self.list_markers = on;
        self
    }

    /// Set [`markdown_links`](Self::markdown_links).
    pub fn with_markdown_links(mut self, on: bool) -> Self {
        self.markdown_links = on;
        self
    }

    /// Set [`markdown_images`](Self::markdown_images).
    pub fn with_markdown_images(mut self, on: bool) -> Self {
        self.markdown_images = on;
        self
    }

    /// Set [`max_depth`](Self::max_depth).
    pub fn with_max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// Set [`reference_date`](Self::reference_date).
    pub fn with_reference_date(mut self, day: Option<chrono::NaiveDate>) -> Self {
        self.reference_date = day;
        self
    }

    /// Set [`deadline`](Self::deadline).
    pub fn with_deadline(mut self, limit: Option<std::time::Duration>) -> Self {
        self.deadline = limit;
        self
    }
}

impl Options {
    /// Whether the blocks must carry their structure (lists, links,
    /// tables) for a rendering beyond the plain text.
    pub(crate) fn rich(&self) -> bool {
        self.markdown || self.html || self.list_markers
    }
}
