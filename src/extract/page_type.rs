//! The page type: is this one article, or a page of many items (a listing,
//! a shop grid, a thread of posts), or a product, service or reference
//! page? The body is chosen by it. The evidence is read once into a short
//! feature vector (the page's structure, its declared types, its address)
//! and a small multinomial logistic model, trained by
//! `scripts/train_page_type.py` on the development sets, scores the types.

use url::Url;

use super::blocks::{Block, Kind};
use super::clean::Cleaned;
use super::page_type_model as model;
use super::select::{self, Scores};
use crate::PageType;
use crate::dom::{Data, Dom, Tag};

/// The features, in the order the model reads them. Each says why it is
/// evidence; counts enter as `ln(1 + n)` so that a page of a thousand
/// items does not outweigh everything else.
pub const FEATURES: [&str; N] = [
    // How much prose the best element has, and how much of the page's
    // unlinked text it holds: one article is most of its page.
    "best_score_ln",
    "article_share",
    "region_share",
    // Link-heavy pages are hubs and grids.
    "page_link_density",
    "page_chars_ln",
    // Prose paragraphs on the page and inside the article.
    "prose_blocks_ln",
    "prose_in_article",
    // Many <article> elements, repeated cards with headings, headline
    // links: a page of many items.
    "article_tags_ln",
    "cards_ln",
    "prose_cards_ln",
    "linked_headings_ln",
    "headings_ln",
    "h1_count_ln",
    "list_items_ln",
    "linked_items_share",
    // Code and tables: reference pages.
    "pre_ln",
    "code_ln",
    "table_rows_ln",
    // Prices, forms and buttons: shops and service pages.
    "prices_ln",
    "forms_ln",
    "buttons_ln",
    "inputs_ln",
    "images_ln",
    // Comment threads: a discussion under (or as) the content.
    "discussion_share",
    "time_tags_ln",
    // An article says when it was published and who wrote it.
    "published_declared",
    "author_declared",
    // Articles are long paragraphs under few headings; service and product
    // pages are many headings over short blurbs.
    "mean_prose_len_ln",
    "headings_per_prose",
    "short_blocks_share",
    // What the page declares itself to be (OpenGraph, schema.org).
    "og_article",
    "og_product",
    "og_website",
    "ld_article",
    "ld_product",
    "ld_discussion",
    "ld_faq",
    "ld_list",
    "ld_tech",
    "ld_webpage",
    "ld_org",
    "declared_none",
    // The address: a slug or a date names one item; a short path is a
    // hub; common path words name forums, shops, docs and archives.
    "url_present",
    "url_depth",
    "url_slug",
    "url_date",
    "url_root",
    "url_query",
    "url_forum",
    "url_shop",
    "url_docs",
    "url_archive",
    "url_post",
    // CMS body classes (`single`, `archive`, `product`…).
    "body_single",
    "body_archive",
    "body_product",
    // The voice of the main text: a business speaks as "we" to "you",
    // a report tells what somebody said, a diary or a post says "I".
    "voice_we",
    "voice_you",
    "voice_said",
    "voice_i",
    // Call-us links and a service path word: the page sells a service.
    "tel_links_ln",
    "url_service",
    // Links and buttons that ask the reader to act ("Contact us", "Get a
    // quote", "Book now"): a page that sells.
    "calls_to_action_ln",
    // A path that ends in a section word (`/news`, `/blog`) is that
    // section's index, not one of its items.
    "url_section_end",
    "bias",
];

/// Number of features.
pub const N: usize = 65;

/// The evidence of one page.
#[derive(Debug, Clone)]
pub struct Features(pub [f32; N]);

fn ln1(n: f32) -> f32 {
    (1.0 + n.max(0.0)).ln()
}

fn set(f: &mut [f32; N], name: &str, v: f32) {
    if let Some(i) = FEATURES.iter().position(|&n| n == name) {
        f[i] = v;
    }
}

/// Read the page's features.
pub fn features(
    dom: &Dom<'_>,
    cleaned: &Cleaned,
    blocks: &[Block],
    scores: &Scores,
    article: &[(usize, usize)],
    url: Option<&Url>,
) -> Features {
    let mut f = [0f32; N];
    let body = scores.body;
    let page_own = scores.own(body).max(1.0);
    let chosen: f32 = article.iter().map(|&(s, _)| scores.own(s)).sum();
    let region = select::main_region(dom, &scores.chars, body);
    set(&mut f, "best_score_ln", ln1(scores.best_score));
    set(&mut f, "article_share", (chosen / page_own).min(1.0));
    set(
        &mut f,
        "region_share",
        (chosen / scores.own(region).max(1.0)).min(1.0),
    );
    let page_chars = scores.chars.get(body).copied().unwrap_or(0.0);
    let page_links = scores.links.get(body).copied().unwrap_or(0.0);
    set(
        &mut f,
        "page_link_density",
        page_links / page_chars.max(1.0),
    );
    set(&mut f, "page_chars_ln", ln1(page_chars));

    let in_article = |owner: usize| {
        let after = article.partition_point(|&(s, _)| s <= owner);
        after > 0 && article.get(after - 1).is_some_and(|&(_, e)| owner < e)
    };
    let (mut prose, mut prose_in, mut items, mut linked_items) = (0f32, 0f32, 0f32, 0f32);
    let (mut headings, mut linked_headings, mut prices) = (0f32, 0f32, 0f32);
    let (mut prose_chars, mut short) = (0f32, 0f32);
    let mut voice = Voice::default();
    for b in blocks {
        let w = select::block_weight(b);
        if b.chars < 50 && b.link_density() < 0.5 {
            short += 1.0;
        }
        if b.kind == Kind::Para && w > 0.0 {
            prose += 1.0;
            prose_chars += b.chars as f32;
            if in_article(b.owner) {
                prose_in += 1.0;
                voice.read(&b.text);
            }
        }
        match b.kind {
            Kind::ListItem => {
                items += 1.0;
                if b.link_density() > 0.5 {
                    linked_items += 1.0;
                }
            }
            Kind::Heading(_) => {
                headings += 1.0;
                if b.link_density() > 0.5 {
                    linked_headings += 1.0;
                }
            }
            _ => {}
        }
        if b.chars < 200 && has_price(&b.text) {
            prices += 1.0;
        }
    }
    set(&mut f, "prose_blocks_ln", ln1(prose));
    set(
        &mut f,
        "mean_prose_len_ln",
        ln1(prose_chars / prose.max(1.0)),
    );
    set(&mut f, "headings_per_prose", headings / (prose + 1.0));
    set(
        &mut f,
        "short_blocks_share",
        short / (blocks.len() as f32).max(1.0),
    );
    set(&mut f, "prose_in_article", prose_in / prose.max(1.0));
    set(&mut f, "linked_headings_ln", ln1(linked_headings));
    set(&mut f, "headings_ln", ln1(headings));
    set(&mut f, "list_items_ln", ln1(items));
    set(&mut f, "linked_items_share", linked_items / items.max(1.0));
    set(&mut f, "prices_ln", ln1(prices));
    voice.write(&mut f);

    let (cards, prose_cards) = cards(dom, &cleaned.repeated, blocks);
    set(&mut f, "cards_ln", ln1(cards));
    set(&mut f, "prose_cards_ln", ln1(prose_cards));

    let mut counts = TagCounts::default();
    let mut declared = Declared::default();
    // (Elements only, read in place: no text node is built.)
    for (i, el) in (0..dom.len()).filter_map(|i| dom.element(i).map(|el| (i, el))) {
        let tag = el.tag();
        let visible = !cleaned.dropped.get(i).copied().unwrap_or(false);
        match tag {
            Tag::Article if visible => counts.articles += 1.0,
            Tag::H1 if visible => counts.h1 += 1.0,
            Tag::Pre if visible => counts.pre += 1.0,
            Tag::Code if visible => counts.code += 1.0,
            Tag::Tr if visible => counts.rows += 1.0,
            Tag::Form => counts.forms += 1.0,
            Tag::Button => {
                counts.buttons += 1.0;
                if calls_to_action(dom, i) {
                    counts.calls += 1.0;
                }
            }
            Tag::Input | Tag::Select | Tag::Textarea => counts.inputs += 1.0,
            Tag::Img if visible => counts.images += 1.0,
            Tag::Time => counts.times += 1.0,
            Tag::A => {
                let href = el.attr("href").unwrap_or_default().trim_start();
                if href
                    .get(..4)
                    .is_some_and(|p| p.eq_ignore_ascii_case("tel:"))
                {
                    counts.tel += 1.0;
                }
                if calls_to_action(dom, i) {
                    counts.calls += 1.0;
                }
            }
            Tag::Meta => {
                let c = el.common();
                let name = c.property.or_else(|| el.attr("name")).unwrap_or_default();
                if name == "og:type" {
                    declared.og(el.attr("content").unwrap_or_default());
                } else if matches!(
                    name,
                    "article:published_time"
                        | "datePublished"
                        | "date"
                        | "pubdate"
                        | "publish-date"
                        | "article:published"
                        | "dc.date"
                        | "DC.date.issued"
                ) {
                    declared.published = true;
                } else if matches!(
                    name,
                    "author" | "article:author" | "dc.creator" | "DC.creator"
                ) {
                    declared.author = true;
                }
            }
            Tag::Script => {
                let c = el.common();
                if c.kind
                    .is_some_and(|k| k.trim().eq_ignore_ascii_case("application/ld+json"))
                {
                    if let Some(Data::Text(t)) = dom.get(i + 1).map(|n| n.data) {
                        declared.json_ld(t);
                    }
                }
            }
            _ => {}
        }
        let c = el.common();
        if let Some(t) = c.itemtype {
            declared.schema_types(t);
        }
        match c.itemprop {
            Some("datePublished") => declared.published = true,
            Some("author") => declared.author = true,
            _ => {}
        }
        if c.rel == Some("author") {
            declared.author = true;
        }
    }
    set(&mut f, "article_tags_ln", ln1(counts.articles));
    set(&mut f, "h1_count_ln", ln1(counts.h1));
    set(&mut f, "pre_ln", ln1(counts.pre));
    set(&mut f, "code_ln", ln1(counts.code));
    set(&mut f, "table_rows_ln", ln1(counts.rows));
    set(&mut f, "forms_ln", ln1(counts.forms));
    set(&mut f, "buttons_ln", ln1(counts.buttons));
    set(&mut f, "inputs_ln", ln1(counts.inputs));
    set(&mut f, "images_ln", ln1(counts.images));
    set(&mut f, "time_tags_ln", ln1(counts.times));
    set(&mut f, "tel_links_ln", ln1(counts.tel));
    set(&mut f, "calls_to_action_ln", ln1(counts.calls));
    let raw_total = page_chars.max(1.0);
    set(
        &mut f,
        "discussion_share",
        (cleaned.discussion_chars as f32 / raw_total).min(1.0),
    );
    declared.write(&mut f);
    url_features(&mut f, url);
    body_classes(&mut f, dom, body);
    set(&mut f, "bias", 1.0);
    Features(f)
}

#[derive(Default)]
struct TagCounts {
    articles: f32,
    h1: f32,
    pre: f32,
    code: f32,
    rows: f32,
    forms: f32,
    buttons: f32,
    inputs: f32,
    images: f32,
    times: f32,
    tel: f32,
    calls: f32,
}

/// Whether `word` is on `list`, ignoring ASCII case.
fn on_list(word: &str, list: &[&str]) -> bool {
    list.iter().any(|x| word.eq_ignore_ascii_case(x))
}

/// Whether the link or button at `i` reads as a call to act: its first
/// words (within its first few nodes) start with an imperative of trade.
fn calls_to_action(dom: &Dom<'_>, i: usize) -> bool {
    let end = dom.end(i).min(i + 6);
    let Some(text) = (i + 1..end)
        .filter_map(|j| dom.text_at(j))
        .find(|t| !t.trim().is_empty())
    else {
        return false;
    };
    if text.len() > 40 {
        return false;
    }
    let mut words = text.split_whitespace();
    let (Some(first), second) = (words.next(), words.next()) else {
        return false;
    };
    on_list(first, CALL_VERBS)
        || (on_list(first, CALL_LEADS) && second.is_some_and(|s| on_list(s, CALL_OBJECTS)))
}

/// Verbs that ask the reader to do business, whatever follows them.
const CALL_VERBS: &[&str] = &[
    "contact", "call", "enroll", "enrol", "apply", "hire", "order", "quote",
];
/// Verbs that ask for business only with one of [`CALL_OBJECTS`] after
/// them ("Get a quote", not "Get the facts").
const CALL_LEADS: &[&str] = &["get", "request", "book", "schedule", "start"];
/// What a [`CALL_LEADS`] verb asks for when a business asks.
const CALL_OBJECTS: &[&str] = &[
    "a",
    "your",
    "started",
    "quote",
    "now",
    "free",
    "consultation",
    "demo",
    "appointment",
    "today",
    "in",
];

/// Pronouns and reporting verbs of the main text, as shares of its words.
#[derive(Default)]
struct Voice {
    words: f32,
    we: f32,
    you: f32,
    said: f32,
    i: f32,
}

impl Voice {
    fn read(&mut self, text: &str) {
        for raw in text.split_whitespace() {
            let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
            if w.is_empty() {
                continue;
            }
            self.words += 1.0;
            if on_list(w, VOICE_WE) {
                self.we += 1.0;
            } else if on_list(w, VOICE_YOU) {
                self.you += 1.0;
            } else if on_list(w, VOICE_SAID) {
                self.said += 1.0;
            } else if on_list(w, VOICE_I) {
                self.i += 1.0;
            }
        }
    }

    fn write(&self, f: &mut [f32; N]) {
        let n = self.words.max(1.0);
        // Per hundred words, so that the shares sit near the other features' scale.
        set(f, "voice_we", 100.0 * self.we / n);
        set(f, "voice_you", 100.0 * self.you / n);
        set(f, "voice_said", 100.0 * self.said / n);
        set(f, "voice_i", 100.0 * self.i / n);
    }
}

/// The words of each voice (English, the web's most common language; on
/// other pages the shares are zero and the other features decide).
const VOICE_WE: &[&str] = &["we", "our", "ours", "us", "we're", "we've", "we'll"];
const VOICE_YOU: &[&str] = &["you", "your", "yours", "you're", "you'll", "you've"];
const VOICE_SAID: &[&str] = &["said", "says", "told", "according"];
const VOICE_I: &[&str] = &["i", "my", "me", "i'm", "i've", "i'd"];

/// Repeated items (siblings of one tag and class) that hold a heading, and
/// those that hold a paragraph of prose: the cards of a listing, the posts
/// of a thread. Counted once per outermost item.
fn cards(dom: &Dom<'_>, repeated: &[bool], blocks: &[Block]) -> (f32, f32) {
    let (mut cards, mut prose_cards) = (0f32, 0f32);
    let mut k = 0;
    let mut i = 0;
    while i < dom.len() {
        if !repeated.get(i).copied().unwrap_or(false) {
            i += 1;
            continue;
        }
        let end = (dom.end(i)).max(i + 1);
        while k < blocks.len() && blocks[k].owner < i {
            k += 1;
        }
        let (mut heading, mut para) = (false, false);
        while k < blocks.len() && blocks[k].owner < end {
            let b = &blocks[k];
            heading |=
                matches!(b.kind, Kind::Heading(_)) || (b.link_density() > 0.5 && b.chars >= 20);
            para |= b.kind == Kind::Para && select::block_weight(b) > 0.0;
            k += 1;
        }
        if heading {
            cards += 1.0;
        }
        if para {
            prose_cards += 1.0;
        }
        i = end;
    }
    (cards, prose_cards)
}

/// "$12.99", "12,50 €", "£5", "USD 20": a price.
fn has_price(text: &str) -> bool {
    // Each sign is '$' or starts with C2 or E2 in UTF-8, within the first
    // 200 characters' 800 bytes: a text without such a byte (most) has
    // none, and is not copied out.
    if !text
        .bytes()
        .take(800)
        .any(|b| matches!(b, b'$' | 0xC2 | 0xE2))
    {
        return false;
    }
    let chars: Vec<char> = text.chars().take(200).collect();
    for (i, &c) in chars.iter().enumerate() {
        if matches!(c, '$' | '€' | '£' | '¥' | '₹') {
            let before = i > 0 && chars[i - 1].is_ascii_digit();
            let after = chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())
                || (chars.get(i + 1) == Some(&' ')
                    && chars.get(i + 2).is_some_and(|c| c.is_ascii_digit()));
            let before_space = i > 1 && chars[i - 1] == ' ' && chars[i - 2].is_ascii_digit();
            if before || after || before_space {
                return true;
            }
        }
    }
    false
}

/// What the page says it is, in OpenGraph and schema.org.
#[derive(Default)]
struct Declared {
    published: bool,
    author: bool,
    og_article: bool,
    og_product: bool,
    og_website: bool,
    article: bool,
    product: bool,
    discussion: bool,
    faq: bool,
    list: bool,
    tech: bool,
    webpage: bool,
    org: bool,
}

impl Declared {
    fn og(&mut self, value: &str) {
        let v = value.trim().to_ascii_lowercase();
        if v == "article" || v.starts_with("article") || v == "blog" || v.ends_with("article") {
            self.og_article = true;
        } else if v.contains("product") {
            self.og_product = true;
        } else if v == "website" {
            self.og_website = true;
        }
    }

    /// The `@type` values of a JSON-LD block, read with a scan for the key
    /// rather than a parse: types are all that is wanted here, and broken
    /// JSON-LD is common.
    fn json_ld(&mut self, text: &str) {
        let text = crate::text::head(text, 200_000);
        if text.contains("\"datePublished\"") {
            self.published = true;
        }
        if text.contains("\"author\"") {
            self.author = true;
        }
        let mut rest = text;
        let mut seen = 0;
        while let Some(at) = rest.find("\"@type\"") {
            seen += 1;
            if seen > 200 {
                break;
            }
            rest = rest.get(at + 7..).unwrap_or_default();
            let value = rest.trim_start().trim_start_matches(':').trim_start();
            let value = value.trim_start_matches('[').trim_start();
            if let Some(v) = value.strip_prefix('"') {
                if let Some(end) = v.find('"') {
                    self.schema_type(&v[..end]);
                }
            }
        }
    }

    /// Microdata `itemtype` URLs.
    fn schema_types(&mut self, value: &str) {
        for t in value.split_ascii_whitespace().take(8) {
            self.schema_type(t.rsplit('/').next().unwrap_or(t));
        }
    }

    fn schema_type(&mut self, t: &str) {
        let t = t.rsplit(['/', ':']).next().unwrap_or(t);
        match t {
            "Article"
            | "NewsArticle"
            | "BlogPosting"
            | "Report"
            | "ScholarlyArticle"
            | "OpinionNewsArticle"
            | "AnalysisNewsArticle"
            | "ReportageNewsArticle"
            | "LiveBlogPosting"
            | "Review"
            | "Recipe"
            | "SocialMediaPosting" => self.article = true,
            "Product"
            | "Offer"
            | "AggregateOffer"
            | "ProductGroup"
            | "IndividualProduct"
            | "Car"
            | "Book"
            | "SoftwareApplication"
            | "Course" => self.product = true,
            "DiscussionForumPosting" | "QAPage" | "Question" | "Answer" | "Comment" => {
                self.discussion = true
            }
            "FAQPage" | "HowTo" => self.faq = true,
            "ItemList" | "CollectionPage" | "SearchResultsPage" | "OfferCatalog" => {
                self.list = true
            }
            "TechArticle" | "APIReference" => self.tech = true,
            "WebPage" | "AboutPage" | "ContactPage" => self.webpage = true,
            "Organization"
            | "LocalBusiness"
            | "Service"
            | "ProfessionalService"
            | "Corporation"
            | "ProfilePage" => self.org = true,
            _ => {}
        }
    }

    fn write(&self, f: &mut [f32; N]) {
        let b = |v: bool| if v { 1.0 } else { 0.0 };
        set(f, "published_declared", b(self.published));
        set(f, "author_declared", b(self.author));
        set(f, "og_article", b(self.og_article));
        set(f, "og_product", b(self.og_product));
        set(f, "og_website", b(self.og_website));
        set(f, "ld_article", b(self.article));
        set(f, "ld_product", b(self.product));
        set(f, "ld_discussion", b(self.discussion));
        set(f, "ld_faq", b(self.faq));
        set(f, "ld_list", b(self.list));
        set(f, "ld_tech", b(self.tech));
        set(f, "ld_webpage", b(self.webpage));
        set(f, "ld_org", b(self.org));
        let none = !(self.og_article
            || self.og_product
            || self.og_website
            || self.article
            || self.product
            || self.discussion
            || self.faq
            || self.list
            || self.tech
            || self.webpage
            || self.org);
        set(f, "declared_none", b(none));
    }
}

/// Path words that name a kind of page on sites at large.
const URL_FORUM: &[&str] = &[
    "forum",
    "forums",
    "thread",
    "threads",
    "topic",
    "topics",
    "t",
    "questions",
    "question",
    "discussion",
    "discussions",
    "community",
    "talk",
    "viewtopic",
    "showthread",
    "showtopic",
    "bbs",
    "discuss",
    "comments",
];
const URL_SHOP: &[&str] = &[
    "product",
    "products",
    "shop",
    "store",
    "item",
    "items",
    "p",
    "dp",
    "buy",
    "collections",
    "catalog",
    "c",
];
const URL_DOCS: &[&str] = &[
    "docs",
    "doc",
    "documentation",
    "api",
    "reference",
    "manual",
    "guide",
    "guides",
    "wiki",
    "help",
    "learn",
    "tutorial",
    "tutorials",
    "kb",
    "developer",
    "developers",
    "support",
];
const URL_ARCHIVE: &[&str] = &[
    "category",
    "categories",
    "tag",
    "tags",
    "archive",
    "archives",
    "search",
    "page",
    "list",
    "index",
    "section",
    "topics",
];
const URL_SERVICE: &[&str] = &[
    "service",
    "services",
    "solutions",
    "pricing",
    "plans",
    "consulting",
    "programs",
    "offers",
    "contact",
    "about",
];
const URL_POST: &[&str] = &[
    "blog", "news", "article", "articles", "story", "stories", "post", "posts", "opinion",
];

fn url_features(f: &mut [f32; N], url: Option<&Url>) {
    let Some(url) = url else {
        return;
    };
    set(f, "url_present", 1.0);
    let segments: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    set(f, "url_depth", ln1(segments.len() as f32));
    set(f, "url_root", if segments.is_empty() { 1.0 } else { 0.0 });
    set(
        f,
        "url_query",
        if url.query().is_some() { 1.0 } else { 0.0 },
    );
    let last = segments.last().copied().unwrap_or_default();
    let stem = last.split('.').next().unwrap_or(last);
    let words = stem
        .split(['-', '_'])
        .filter(|w| w.chars().any(|c| c.is_alphabetic()))
        .count();
    set(f, "url_slug", if words >= 3 { 1.0 } else { 0.0 });
    let date = segments.windows(2).any(|w| {
        let y = w[0].len() == 4
            && w[0].starts_with(['1', '2'])
            && w[0].chars().all(|c| c.is_ascii_digit());
        let m = w[1].len() <= 2 && !w[1].is_empty() && w[1].chars().all(|c| c.is_ascii_digit());
        y && m
    }) || segments
        .iter()
        .any(|s| s.len() == 8 && s.starts_with("20") && s.chars().all(|c| c.is_ascii_digit()));
    set(f, "url_date", if date { 1.0 } else { 0.0 });
    // A path word counts as the whole segment, its stem before an
    // extension (`viewtopic.php`) or its first word (`thread-222085.html`);
    // a slug's words are the item's title, not a kind. Subdomain labels
    // name kinds too (`forum.`, `docs.`).
    let named = |s: &str, list: &[&str]| {
        let stem = s.split('.').next().unwrap_or(s);
        let first = stem.split(['-', '_']).next().unwrap_or(stem);
        [s, stem, first].iter().any(|w| on_list(w, list))
    };
    let labels: Vec<&str> = url
        .host_str()
        .map(|h| {
            let l: Vec<&str> = h.split('.').collect();
            l[..l.len().saturating_sub(2)].to_vec()
        })
        .unwrap_or_default();
    let has = |list: &[&str]| {
        segments[..segments
            .len()
            .saturating_sub(if words >= 3 { 1 } else { 0 })]
            .iter()
            .any(|s| named(s, list))
            || labels.iter().any(|l| named(l, list))
    };
    set(f, "url_forum", if has(URL_FORUM) { 1.0 } else { 0.0 });
    set(f, "url_shop", if has(URL_SHOP) { 1.0 } else { 0.0 });
    set(f, "url_docs", if has(URL_DOCS) { 1.0 } else { 0.0 });
    set(f, "url_archive", if has(URL_ARCHIVE) { 1.0 } else { 0.0 });
    set(f, "url_post", if has(URL_POST) { 1.0 } else { 0.0 });
    // A service is often named in the slug itself ("data-analytics-services").
    let service = segments
        .iter()
        .any(|s| s.split(['-', '_', '.']).any(|w| on_list(w, URL_SERVICE)));
    set(f, "url_service", if service { 1.0 } else { 0.0 });
    let section_end = !stem.is_empty()
        && [URL_POST, URL_ARCHIVE, URL_FORUM, URL_SHOP, URL_DOCS]
            .iter()
            .any(|list| on_list(stem, list));
    set(f, "url_section_end", if section_end { 1.0 } else { 0.0 });
}

/// Content management systems say on `<body>` what they rendered:
/// `single`/`single-post`/`post-template`, `archive`/`category`/`home`/
/// `blog`/`search`, `product`/`woocommerce`.
fn body_classes(f: &mut [f32; N], dom: &Dom<'_>, body: usize) {
    let Some(class) = dom.get(body).and_then(|n| n.attr("class")) else {
        return;
    };
    let (mut single, mut archive, mut product) = (false, false, false);
    for name in class.split_ascii_whitespace().take(64) {
        let name = name.to_ascii_lowercase();
        match name.as_str() {
            "single"
            | "single-post"
            | "post-template-default"
            | "postid"
            | "article-page"
            | "post-template" => single = true,
            "archive" | "category" | "home" | "blog" | "search" | "tag" | "paged"
            | "search-results" | "post-type-archive" => archive = true,
            "woocommerce" | "single-product" | "product-template-default" => product = true,
            _ => {}
        }
        if name.starts_with("postid-") {
            single = true;
        }
    }
    let b = |v: bool| if v { 1.0 } else { 0.0 };
    set(f, "body_single", b(single));
    set(f, "body_archive", b(archive));
    set(f, "body_product", b(product));
}

/// The model's probability for each type, in [`PageType::ALL`] order.
pub fn probabilities(features: &Features) -> [f32; 7] {
    let mut z = [0f32; 7];
    for (k, zk) in z.iter_mut().enumerate() {
        let mut s = 0f32;
        for (j, &x) in features.0.iter().enumerate() {
            let x = (x - model::MEAN[j]) / model::SCALE[j];
            s += model::WEIGHTS[k][j] * x;
        }
        *zk = s;
    }
    let max = z.iter().copied().fold(f32::MIN, f32::max);
    let mut total = 0f32;
    for zk in &mut z {
        *zk = (*zk - max).exp();
        total += *zk;
    }
    for zk in &mut z {
        *zk /= total.max(f32::MIN_POSITIVE);
    }
    z
}

/// Below this probability the classifier is unsure and says nothing.
pub const CONFIDENT: f32 = 0.5;

/// A type this probable, though too unsure to choose a narrower body path
/// by, is still the page's likeliest kind: the record names it, and the
/// body is chosen as for an unsure page.
pub const LEANING: f32 = 0.4;

/// An "article" whose best prose is thin (a short post, or a page with no
/// prose at all) must hold this share of the page's unlinked text to be
/// one: a short post is most of what its page says outside the link
/// lists; a table of contents or a page of short items is not.
pub const THIN_ARTICLE_SHARE: f32 = 0.4;

/// Below this share of its main region's unlinked text, an article's
/// chosen prose is one part of a text the scorer split (sections, tabs):
/// the region is the article.
pub const ARTICLE_REGION_SHARE: f32 = 0.4;

/// How the body is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Path {
    /// The article's own subtrees.
    Article,
    /// The main region of an article whose text is split in parts.
    ArticleRegion,
    /// Pages of other kinds, and pages the classifier is unsure of: the
    /// best prose, or the main region kept whole when the prose is little
    /// or one section among others.
    General,
    /// A discussion: as [`Path::General`], with a thread that holds most of
    /// the page kept.
    Thread,
    /// A page the classifier is unsure of that marks up exactly one entry
    /// (one `<article>`, one `hentry`, one schema.org article): that entry,
    /// however little prose it holds (a photo post, a video post).
    Entry,
}

/// The page type the evidence supports and the path it chooses. `thin`:
/// the best prose is too little for an article by itself
/// (`select::looks_like_listing`).
pub fn decide(kind: Option<PageType>, features: &Features, thin: bool) -> (Option<PageType>, Path) {
    let get = |name: &str| {
        FEATURES
            .iter()
            .position(|&n| n == name)
            .and_then(|i| features.0.get(i).copied())
            .unwrap_or(0.0)
    };
    match kind {
        Some(PageType::Article) => {
            if thin && get("article_share") < THIN_ARTICLE_SHARE {
                // The model reads an article, the prose does not: unsure.
                (None, Path::General)
            } else if !thin && get("region_share") < ARTICLE_REGION_SHARE {
                (kind, Path::ArticleRegion)
            } else {
                (kind, Path::Article)
            }
        }
        Some(PageType::Forum) => (kind, Path::Thread),
        _ => (kind, Path::General),
    }
}

/// The likeliest type when its probability reaches `bar` (the first of
/// equals wins).
fn likeliest(p: &[f32; 7], bar: f32) -> Option<PageType> {
    let (k, &best) = p.iter().enumerate().fold(
        (0, &0f32),
        |acc, (k, v)| if *v > *acc.1 { (k, v) } else { acc },
    );
    if best >= bar {
        PageType::ALL.get(k).copied()
    } else {
        None
    }
}

/// The likeliest type when it reaches [`LEANING`].
pub fn leaning(p: &[f32; 7]) -> Option<PageType> {
    likeliest(p, LEANING)
}

/// The page's type, or `None` when the model is unsure.
pub fn classify(features: &Features) -> (Option<PageType>, [f32; 7]) {
    let p = probabilities(features);
    (likeliest(&p, CONFIDENT), p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url_feature(url: &str, name: &str) -> f32 {
        let mut f = [0f32; N];
        let url = Url::parse(url).expect("test URL");
        url_features(&mut f, Some(&url));
        let i = FEATURES.iter().position(|&n| n == name).expect("feature");
        f[i]
    }

    #[test]
    fn forum_words_are_read_in_script_names_item_prefixes_and_subdomains() {
        for url in [
            "https://example.org/viewtopic.php?f=2&t=9",
            "https://example.org/thread-222085.html",
            "https://forum.example.org/some/place",
            "https://bbs.example.org/index.php?id=4",
        ] {
            assert_eq!(url_feature(url, "url_forum"), 1.0, "{url}");
        }
        assert_eq!(
            url_feature(
                "https://example.org/news/forum-plans-for-the-new-town-hall",
                "url_forum"
            ),
            0.0,
            "a slug's words are its title"
        );
    }

    #[test]
    fn a_service_word_in_the_path_or_slug_marks_a_service_page() {
        assert_eq!(
            url_feature("https://example.com/services/hr-consulting/", "url_service"),
            1.0
        );
        assert_eq!(
            url_feature(
                "https://example.com/data-analytics-services/",
                "url_service"
            ),
            1.0
        );
        assert_eq!(
            url_feature(
                "https://example.com/2021/05/a-day-at-the-lake",
                "url_service"
            ),
            0.0
        );
    }

    #[test]
    fn a_path_ending_in_a_section_word_is_that_section_s_index() {
        assert_eq!(
            url_feature("https://example.com/news", "url_section_end"),
            1.0
        );
        assert_eq!(
            url_feature("https://example.com/blog/", "url_section_end"),
            1.0
        );
        assert_eq!(
            url_feature(
                "https://example.com/news/a-long-story-slug",
                "url_section_end"
            ),
            0.0
        );
    }

    #[test]
    fn an_unsure_page_is_named_by_its_leaning_type_only_above_the_leaning_bar() {
        let mut p = [0.1f32; 7];
        p[1] = 0.45;
        assert_eq!(leaning(&p), Some(PageType::ALL[1]));
        p[1] = 0.3;
        assert_eq!(leaning(&p), None);
        const { assert!(LEANING < CONFIDENT) };
    }

    #[test]
    fn voice_counts_pronouns_and_reporting_verbs_per_hundred_words() {
        let mut v = Voice::default();
        v.read("We build what you need. Our team, the mayor said, is small; I agree.");
        let mut f = [0f32; N];
        v.write(&mut f);
        let get = |n: &str| f[FEATURES.iter().position(|&x| x == n).expect("feature")];
        // 14 words: we, our (2); you (1); said (1); i (1).
        assert!((get("voice_we") - 200.0 / 14.0).abs() < 1e-3);
        assert!((get("voice_you") - 100.0 / 14.0).abs() < 1e-3);
        assert!((get("voice_said") - 100.0 / 14.0).abs() < 1e-3);
        assert!((get("voice_i") - 100.0 / 14.0).abs() < 1e-3);
    }

    fn calls(html: &str) -> usize {
        let doc = crate::dom::parse(html);
        let dom = Dom::build(&doc, 64);
        (0..dom.len())
            .filter(|&i| {
                matches!(dom.tag(i), Some(Tag::A | Tag::Button)) && calls_to_action(&dom, i)
            })
            .count()
    }

    #[test]
    fn links_that_ask_the_reader_to_do_business_are_calls_to_action() {
        let page = "<p><a href='/c'>Contact us</a> <a href='/q'><span>Get a quote</span></a> \
                    <button>Book now</button> <a href='/s'>Schedule a free consultation</a></p>";
        assert_eq!(calls(page), 4);
    }

    #[test]
    fn ordinary_links_are_not_calls_to_action() {
        let page = "<p><a href='/a'>Get the facts about the vote</a> <a href='/b'>Book review</a> \
                    <a href='/c'>Contact lenses and how they changed the way people see the world</a> \
                    <a href='/d'>Read more</a></p>";
        assert_eq!(calls(page), 0);
    }
}
