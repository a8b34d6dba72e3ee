//! The extractor proper: parse, clean, cut into blocks, select the article,
//! render its text. Pure: text in, `Article` out.

mod blocks;
pub mod clean;
pub(crate) mod explain;
pub mod html;
mod layout;
pub mod markdown;
pub mod page_type;
mod page_type_model;
mod plain;
pub mod rich;
mod select;

use url::Url;

pub use blocks::{Block, Kind};
use page_type::Path;

use crate::chrome::HintMap;
use crate::deadline::Deadline;
use crate::dom::Dom;
use crate::metadata;
use crate::text::word_count;
use crate::{Article, Attribution, Options, PageType, Warning, WarningKind};

/// Everything the body stage produces before rendering.
#[derive(Debug, Clone)]
pub struct Body {
    /// The kept blocks, in document order.
    pub blocks: Vec<Block>,
    /// Figure captions set aside for the structured renderings (empty
    /// unless Markdown or HTML is on and captions are out of the text).
    pub figures: Vec<Block>,
    /// The page type the body was chosen by.
    pub page_type: Option<PageType>,
}

/// Extract the article from decoded page text.
/// Past the deadline, the page is a timeout error: the stages stop at the
/// next boundary (the parse loop stops early on its own).
pub fn extract_text(
    text: &str,
    url: Option<&Url>,
    options: &Options,
    deadline: &Deadline,
) -> Result<Article, crate::Error> {
    let stripped = crate::prestrip::strip(text, options.max_depth);
    deadline.check("the pre-parse scan")?;
    let html = crate::parse::parse_within(&stripped, options.parser, options.max_nodes, deadline);
    deadline.check("parsing")?;
    let dom = Dom::build_within(&html, options.max_depth, Some(deadline));
    deadline.check("building the tree")?;
    let today = options
        .reference_date
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let (meta, hints) = metadata::collect_with_hints(&dom, url, today);
    deadline.check("reading the metadata")?;
    let body = select_body_hinted(&dom, options, meta.headline.as_deref(), url, hints);
    deadline.check("selecting the body")?;
    let page_type = body.page_type;
    let mut text = render_text(&body.blocks);
    let mut marked = options
        .list_markers
        .then(|| plain::render_marked(&body.blocks));
    let (mut body_markdown, mut body_html) = rich::render(body, url, options);
    deadline.check("rendering the body")?;
    let mut warnings = Vec::new();
    // Pages that render their text with scripts often still carry it in
    // JSON-LD: when the markup gave (almost) nothing, that is the body.
    if let Some(ld) = meta.article_body.as_deref().map(ld_body_text) {
        if text.chars().count() < 200 && ld.chars().count() > text.chars().count() * 2 {
            text = ld;
            warnings.push(Warning::new(
                WarningKind::BodyFromJsonLd,
                "body taken from JSON-LD articleBody",
            ));
            marked = None;
            // The structured bodies say the same, as plain paragraphs.
            let paragraphs: Vec<&str> = text.split("\n\n").collect();
            body_markdown = body_markdown.map(|_| {
                let escaped: Vec<String> = paragraphs
                    .iter()
                    .map(|p| markdown::escape(p, true, false, true))
                    .collect();
                escaped.join("\n\n")
            });
            body_html = body_html.map(|_| {
                let mut out = String::new();
                for p in &paragraphs {
                    out.push_str("<p>");
                    html::escape_into(&mut out, p);
                    out.push_str("</p>\n");
                }
                out
            });
        }
    }
    if text.is_empty() {
        warnings.push(Warning::new(WarningKind::NoBody, "no article body found"));
    }
    if html.truncated() {
        warnings.push(Warning::new(
            WarningKind::Truncated,
            format!(
                "the page has more than {} elements; the rest was left out",
                options.max_nodes
            ),
        ));
    }
    Ok(Article {
        source: String::new(),
        url: url.map(|u| u.to_string()),
        headline: meta.headline,
        published: meta.published,
        modified: meta.modified,
        word_count: word_count(&text),
        body: marked.unwrap_or(text),
        attribution: Attribution {
            authors: meta.authors,
            publisher: meta.publisher,
            canonical_url: meta.canonical_url,
        },
        language: meta.language,
        description: meta.description,
        image: meta.image,
        site_name: meta.site_name,
        tags: meta.tags,
        page_type,
        body_markdown,
        body_html,
        fetched: None,
        warnings,
        error: None,
    })
}

/// JSON-LD text as a body: one paragraph per line, whitespace collapsed.
fn ld_body_text(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = crate::text::collapse(line);
        if !line.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&line);
        }
    }
    out
}

/// Clean, cut, select and filter: the article's blocks.
#[cfg_attr(not(feature = "_internal"), allow(dead_code))] // for tests and examples, via `_internal`
pub fn select_body(dom: &Dom<'_>, options: &Options, headline: Option<&str>) -> Body {
    select_body_at(dom, options, headline, None)
}

/// [`select_body`] with the page's address, which the page type reads.
pub fn select_body_at(
    dom: &Dom<'_>,
    options: &Options,
    headline: Option<&str>,
    url: Option<&Url>,
) -> Body {
    select_body_hinted(dom, options, headline, url, crate::chrome::hint_map(dom))
}

/// [`select_body_at`] with the chrome hints the metadata pass read.
pub fn select_body_hinted(
    dom: &Dom<'_>,
    options: &Options,
    headline: Option<&str>,
    url: Option<&Url>,
    hints: HintMap,
) -> Body {
    let stage = Stage::new(dom, options, url, headline, hints);
    let (page_type, path) = stage.decide();
    let mut body = stage.into_body(path, headline);
    body.page_type = page_type;
    body
}

/// What the strict cleaning pass found, from which every path starts.
struct Stage<'d, 'a> {
    dom: &'d Dom<'a>,
    options: &'d Options,
    cleaned: clean::Cleaned,
    all: Vec<Block>,
    scores: select::Scores,
    roots: Vec<(usize, usize)>,
    features: page_type::Features,
    entry: Option<usize>,
    /// Every element's class/id hints, for the passes that clean again.
    hints: HintMap,
}

impl<'d, 'a> Stage<'d, 'a> {
    fn new(
        dom: &'d Dom<'a>,
        options: &'d Options,
        url: Option<&Url>,
        headline: Option<&str>,
        hints: HintMap,
    ) -> Self {
        let cleaned = clean::clean_hinted(dom, &hints, false, false);
        let rich = options.rich();
        let all = blocks::blocks(dom, &cleaned.dropped, options.include_tables, rich);
        let scores = select::score(dom, &all, &cleaned.hints);
        // The page type reads the roots the prose alone gives (what its
        // model was trained on); the body takes the headline's story.
        let prose_roots = select::article_roots(dom, &scores, &cleaned.hints, None);
        let features = page_type::features(dom, &cleaned, &all, &scores, &prose_roots, url);
        let roots = select::article_roots(dom, &scores, &cleaned.hints, headline);
        let entry = select::single_entry(dom, &cleaned.dropped, &scores);
        Stage {
            dom,
            options,
            cleaned,
            all,
            scores,
            roots,
            features,
            entry,
            hints,
        }
    }

    fn thin(&self) -> bool {
        select::looks_like_listing(&self.scores)
    }

    fn decide(&self) -> (Option<PageType>, Path) {
        let (classified, probabilities) = page_type::classify(&self.features);
        let (kind, path) = page_type::decide(classified, &self.features, self.thin());
        // Unsure of the type, the record still names a likely one; an
        // "article" the prose contradicts stays unnamed.
        let named = match classified {
            None => page_type::leaning(&probabilities),
            Some(_) => kind,
        };
        // An entry whose text all goes (a story link above its comment
        // thread) is not where the page's content is.
        if kind.is_none()
            && path == Path::General
            && self.entry.is_some()
            && !self.body(Path::Entry, None).blocks.is_empty()
        {
            return (named, Path::Entry);
        }
        (named, path)
    }

    /// The body the path gives.
    fn body(&self, path: Path, headline: Option<&str>) -> Body {
        let (_, all, selection) = self.choose(path);
        finish(all, &selection, self.options, headline)
    }

    /// [`Stage::body`], handing over the strict pass's blocks instead of
    /// copying them.
    fn into_body(mut self, path: Path, headline: Option<&str>) -> Body {
        let all = std::mem::take(&mut self.all);
        let (_, all, selection) = self.choose_with(path, move || all);
        finish(all, &selection, self.options, headline)
    }

    /// The cleaning pass, its blocks and the selection the path gives.
    fn choose(&self, path: Path) -> (Pass, Vec<Block>, select::Selection) {
        self.choose_with(path, || self.all.clone())
    }

    /// [`Stage::choose`], with the strict pass's blocks from `strict` when
    /// the path keeps them.
    fn choose_with(
        &self,
        path: Path,
        strict: impl FnOnce() -> Vec<Block>,
    ) -> (Pass, Vec<Block>, select::Selection) {
        let (dom, options) = (self.dom, self.options);
        let rich = options.rich();
        let article = match path {
            Path::Article => Some(self.roots.clone()),
            Path::ArticleRegion => {
                let region = select::main_region(dom, &self.scores.chars, self.scores.body);
                Some(vec![(region, dom.end(region))])
            }
            Path::Entry => self.entry.map(|e| vec![(e, dom.end(e))]),
            Path::General | Path::Thread => None,
        };
        if let Some(roots) = article {
            let selection = select::Selection {
                roots,
                // A thin entry is read as the general path reads a page
                // without prose: its link lists are its own.
                listing: path == Path::Entry && self.thin(),
                score: self.scores.best_score,
            };
            return (Pass::Strict, strict(), selection);
        }
        let thread_clean;
        let mut pass = Pass::Strict;
        let (cleaned, mut all, mut selection) = if path == Path::Thread {
            pass = Pass::Thread;
            // A thread holding most of the page is a forum's content.
            thread_clean = clean::clean_hinted(dom, &self.hints, false, true);
            let all = blocks::blocks(dom, &thread_clean.dropped, options.include_tables, rich);
            let selection = select::select(dom, &all, &thread_clean.hints);
            (&thread_clean, all, selection)
        } else {
            // The strict pass was scored once, in `Stage::new`.
            let selection = select::select_scored(dom, &self.scores, &self.cleaned.hints);
            (&self.cleaned, strict(), selection)
        };
        if selection.listing && cleaned.contextual_chars >= 500 {
            // No prose survived cleaning. On forums the posts are "comments"
            // and on hubs the content is "related", "popular", a carousel: try
            // again keeping those. A short article among its comments keeps
            // its own text instead.
            let relaxed = clean::clean_hinted(dom, &self.hints, true, false);
            let again = blocks::blocks(dom, &relaxed.dropped, options.include_tables, rich);
            let sel = select::select(dom, &again, &relaxed.hints);
            if sel.listing || selection.score < 200.0 {
                all = again;
                selection = sel;
                pass = Pass::Relaxed;
            }
        }
        (pass, all, selection)
    }
}

/// Which cleaning the body's blocks come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// The strict pass every page starts from.
    Strict,
    /// A forum's: the thread kept.
    Thread,
    /// Comments and related items kept, when no prose survived.
    Relaxed,
}

/// The selected blocks, filtered: captions set aside, boilerplate lines,
/// datelines, the headline and edge furniture dropped.
fn finish(
    all: Vec<Block>,
    selection: &select::Selection,
    options: &Options,
    headline: Option<&str>,
) -> Body {
    let rich = options.rich();
    // Captions left out of the text still go with their figures in the
    // structured renderings.
    let want_figures = rich && options.markdown_images && !options.include_captions;
    let mut figures = Vec::new();
    let mut kept: Vec<Block> = all
        .into_iter()
        .filter(|b| selection.contains(b.owner))
        .filter_map(|b| {
            if options.include_captions || b.kind != Kind::Caption {
                return Some(b);
            }
            if want_figures && !is_boilerplate(&b, selection.listing) {
                figures.push(b);
            }
            None
        })
        .filter(|b| !is_boilerplate(b, selection.listing))
        .collect();
    if !selection.listing {
        kept.retain(|b| !is_dateline(b));
    }
    strip_headline(&mut kept, headline);
    trim_edges(&mut kept, selection.listing);
    Body {
        blocks: kept,
        figures,
        page_type: None,
    }
}

/// What the page-type stage sees of a page, for training and checking the
/// classifier: its features, whether its prose is thin, the type and path
/// chosen, and the body each path would give (`article`, `article_region`,
/// `general`, `thread`).
#[doc(hidden)]
#[derive(Debug, Clone)]
#[cfg_attr(not(feature = "_internal"), allow(dead_code))] // for tests and examples, via `_internal`
pub struct Study {
    /// The features, in `page_type::FEATURES` order.
    pub features: Vec<f32>,
    /// The best prose is thin.
    pub thin: bool,
    /// The type chosen.
    pub page_type: Option<PageType>,
    /// `(path, body)` for every path.
    pub bodies: Vec<(&'static str, String)>,
}

/// Study one page (see [`Study`]).
#[doc(hidden)]
#[cfg_attr(not(feature = "_internal"), allow(dead_code))] // for tests and examples, via `_internal`
pub fn study(text: &str, url: Option<&Url>) -> Study {
    let options = Options::default();
    let stripped = crate::prestrip::strip(text, options.max_depth);
    let html = crate::dom::parse(&stripped);
    let dom = Dom::build(&html, options.max_depth);
    let meta = metadata::collect(&dom, url);
    let headline = meta.headline.as_deref();
    let stage = Stage::new(&dom, &options, url, headline, crate::chrome::hint_map(&dom));
    let (page_type, _) = stage.decide();
    let bodies = [
        ("article", Path::Article),
        ("article_region", Path::ArticleRegion),
        ("general", Path::General),
        ("thread", Path::Thread),
    ]
    .into_iter()
    .map(|(name, path)| (name, render_text(&stage.body(path, headline).blocks)))
    .collect();
    Study {
        features: stage.features.0.to_vec(),
        thin: stage.thin(),
        page_type,
        bodies,
    }
}

/// Blocks that are chrome whatever their place: link lists, player time
/// readouts, share and teaser lines.
fn is_boilerplate(b: &Block, listing: bool) -> bool {
    let ld = b.link_density();
    if !listing && ld > 0.6 && b.chars < 400 && !matches!(b.kind, Kind::Heading(_) | Kind::Row) {
        return true;
    }
    if is_time_readout(&b.text) {
        return true;
    }
    b.chars < 200 && is_chrome_phrase(&b.text)
}

/// "0:00", "27:26 / 1:02:03": what audio and video players print.
fn is_time_readout(text: &str) -> bool {
    let mut any = false;
    for token in text.split(|c: char| c.is_whitespace() || c == '/') {
        if token.is_empty() {
            continue;
        }
        if !token.contains(':') || !token.chars().all(|c| c.is_ascii_digit() || c == ':') {
            return false;
        }
        any = true;
    }
    any
}

const CHROME_STARTS: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "also on ",
    "see also",
    "related:",
    "related articles",
    "related stories",
    "related posts",
    "recommended",
    "more from",
    "more on this",
    "share this",
    "share on",
    "share:",
    "follow us",
    "sign up",
    "subscribe",
    "click here",
    "like this story",
    "like this:",
    "advertisement",
    "story continues",
    "continue reading",
    "you may also like",
    "you might also like",
    "read the full",
    "read next",
    "up next",
    "listen to this",
    "cookie",
    "we use cookies",
    "all rights reserved",
    "copyright ©",
    "©",
    "tags:",
    "filed under",
    "print this",
    "email this",
    "leave a comment",
    "loading",
    "enjoyed this article",
    "get short url",
    "add to favourites",
    "add to favorites",
    "lesen sie auch",
    "lesen sie mehr",
    "mehr zum thema",
    "anzeige",
    "werbung",
    "lire aussi",
    "à lire aussi",
    "publicité",
    "lea también",
    "leer más",
    "ver también",
    "publicidad",
    "leia também",
    "leia mais",
    "publicidade",
    "leggi anche",
    "pubblicità",
    "читайте также",
    "реклама",
    "相关阅读",
    "广告",
    "関連記事",
    "広告",
    "관련기사",
    "광고",
];

/// Calls to pass the article on, wherever they sit in a short line.
const SHARE_CALLS: &[&str] = &[
    "share it with a friend",
    "share this story",
    "share this article",
    "forward this to",
    "tell a friend",
    "send to a friend",
    "pass it on",
];

fn is_chrome_phrase(text: &str) -> bool {
    let head: String = text.chars().take(60).collect::<String>().to_lowercase();
    let head = head.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©');
    if CHROME_STARTS.iter().any(|p| head.starts_with(p)) {
        return true;
    }
    let lower = text.to_lowercase();
    SHARE_CALLS.iter().any(|p| lower.contains(p))
}

/// Short unpunctuated blocks at the very start or end of the article are
/// bylines, datelines, kickers and button labels, not text; a heading with
/// nothing after it introduced something that was removed.
fn trim_edges(blocks: &mut Vec<Block>, listing: bool) {
    let junk = |b: &Block| {
        !matches!(b.kind, Kind::Heading(_) | Kind::ListItem | Kind::Row)
            && b.chars < 40
            && b.punct == 0
    };
    // One drain, not a remove(0) per block: linear on pages of a million
    // tiny paragraphs.
    let first = blocks.iter().position(|b| !junk(b)).unwrap_or(blocks.len());
    blocks.drain(..first);
    while blocks
        .last()
        .is_some_and(|b| junk(b) || (!listing && matches!(b.kind, Kind::Heading(_))))
    {
        blocks.pop();
    }
}

/// A short line that is only a date or time ("10 Dec, 2021 11:46",
/// "Updated: 2021-12-10"): a dateline, not text.
fn is_dateline(b: &Block) -> bool {
    if b.kind != Kind::Para || b.chars > 45 {
        return false;
    }
    let tokens: Vec<&str> = b.text.split_whitespace().collect();
    if tokens.is_empty() || tokens.len() > 7 {
        return false;
    }
    let dateish = tokens.iter().filter(|t| is_date_token(t)).count();
    let has_number = tokens.iter().any(|t| t.chars().any(|c| c.is_ascii_digit()));
    has_number && dateish * 4 >= tokens.len() * 3
}

/// Numbers, month names and the small words of datelines.
fn is_date_token(token: &str) -> bool {
    // Month and weekday names are the metadata date parser's; these are
    // the rest.
    const WORDS: &[&str] = &[
        "am",
        "pm",
        "utc",
        "gmt",
        "est",
        "edt",
        "pst",
        "pdt",
        "cet",
        "cest",
        "bst",
        "at",
        "on",
        "updated",
        "published",
        "posted",
        "last",
        "modified",
        "le",
        "um",
        "el",
        "de",
        "del",
        "du",
    ];
    let t: String = token
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if t.is_empty()
        || t.chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.' || c == '/' || c == '-')
    {
        return true;
    }
    let digits_then_suffix = t.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
    if !digits_then_suffix.is_empty() && digits_then_suffix.chars().all(|c| c.is_ascii_digit()) {
        return true; // 1st, 2nd, 10th
    }
    let word = t.trim_end_matches('.');
    WORDS.contains(&word)
        || metadata::dates::is_month_name(word)
        || metadata::dates::is_weekday_name(word)
}

fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Drop the headline where it opens the body, with the kicker, dateline and
/// widget labels that sit above it in the article container.
fn strip_headline(blocks: &mut Vec<Block>, headline: Option<&str>) {
    let h = headline.map(normalize).unwrap_or_default();
    let is_headline = |b: &Block| {
        let t = normalize(&b.text);
        if t.is_empty() {
            return false;
        }
        if !h.is_empty() && t == h {
            return true;
        }
        // An h1 opening the article is its headline, whatever <title> says.
        b.kind == Kind::Heading(1)
    };
    let Some(pos) = blocks.iter().take(8).position(is_headline) else {
        return;
    };
    // Everything above the headline must be short furniture to go with it.
    if blocks[..pos].iter().all(|b| b.chars < 120) {
        blocks.drain(..=pos);
    } else {
        blocks.remove(pos);
    }
}

/// What goes between two blocks of the text body: a single newline inside
/// a run of list items or table rows, a blank line elsewhere.
pub(crate) fn separator(prev: Kind, next: Kind) -> &'static str {
    let tight = matches!(
        (prev, next),
        (Kind::ListItem, Kind::ListItem) | (Kind::Row, Kind::Row)
    );
    if tight { "\n" } else { "\n\n" }
}

/// Join blocks into the plain-text body: paragraphs separated by a blank
/// line, consecutive list items and table rows by a single newline.
pub fn render_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut prev: Option<Kind> = None;
    for b in blocks {
        if let Some(p) = prev {
            out.push_str(separator(p, b.kind));
        }
        out.push_str(&b.text);
        prev = Some(b.kind);
    }
    out
}

fn describe(dom: &Dom<'_>, i: usize) -> String {
    let mut path = Vec::new();
    let mut j = i;
    for _ in 0..3 {
        let n = dom.node(j);
        if let Some(el) = n.element() {
            let mut s = el.name().to_string();
            if let Some(id) = el.attr("id") {
                s.push('#');
                s.push_str(id);
            }
            if let Some(c) = el.attr("class") {
                s.push('.');
                s.push_str(&c.split_whitespace().collect::<Vec<_>>().join("."));
            }
            path.push(s);
        }
        if n.parent as usize == j {
            break;
        }
        j = n.parent as usize;
    }
    path.reverse();
    path.join(" > ")
}
