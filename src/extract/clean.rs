//! Cleaning: decide which elements can never be article content. A node is
//! dropped when its tag is chrome (script, nav, players…), when it is hidden
//! (`hidden`, `aria-hidden`, inline `display:none`), when its role names
//! chrome, or when its class/id names boilerplate (share bars, comments,
//! related teasers, consent banners, newsletter boxes, ads…).

use crate::dom::{Data, Dom, Tag};

/// Why an element is being looked at in class/id hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Hints {
    /// Names boilerplate that is never content (share, comments, related…).
    pub strong_negative: bool,
    /// Of those, names that are content on some pages: comments on a forum,
    /// "related" on a hub page. A relaxed second pass keeps them.
    pub contextual: bool,
    /// A strong word that is not contextual was seen.
    pub absolute: bool,
    /// Names page furniture that is content only when long (meta, byline…).
    pub weak_negative: bool,
    /// Names the article (content, article-body, post, entry, story…).
    pub positive: bool,
}

/// Class/id words that mark chrome whatever the element holds.
/// Strong words that a forum or hub page may use for its content.
const CONTEXTUAL: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "replies",
    "respond",
    "related",
    "recommended",
    "recommendation",
    "recommendations",
    "sidebar",
    "most",
    "popular",
    "trending",
    "toc",
];

const STRONG_NEGATIVE: &[&str] = &[
    "share",
    "sharing",
    "shares",
    "sharebar",
    "sharetools",
    "social",
    "socials",
    "comment",
    "comments",
    "commentlist",
    "disqus",
    "respond",
    "replies",
    "related",
    "recommended",
    "recommendation",
    "recommendations",
    "recirc",
    "recirculation",
    "newsletter",
    "newsletters",
    "subscribe",
    "subscription",
    "signup",
    "optin",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "advert",
    "advertisement",
    "advertising",
    "ad",
    "ads",
    "adsbygoogle",
    "adslot",
    "adunit",
    "dfp",
    "sponsor",
    "sponsored",
    "promo",
    "promos",
    "promoted",
    "outbrain",
    "taboola",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "sidenav",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "megamenu",
    "footer",
    "popup",
    "modal",
    "pagination",
    "pager",
    "paywall",
    "skiplink",
    "skip",
    "toolbar",
    "rrss",
    "most",
    "popular",
    "trending",
    "readmore",
    "login",
    "signin",
    "masthead",
    "tagcloud",
    "jumplink",
    "toc",
    "print",
    "donate",
    "donation",
    "sr",
    "visually",
    "visuallyhidden",
    "screenreader",
    "offscreen",
    "noprint",
    "anzeige",
    "werbung",
    "publicite",
    "publicidad",
    "reklama",
    "sharedaddy",
    "bio",
    "biography",
    "authorbio",
    "authorbox",
    "byline",
    "contributor",
    "contributors",
    "caption",
    "captions",
    "figcaption",
    "credit",
    "credits",
    "copyright",
    "attribution",
    "newsletter",
    "wp-caption-text",
];

/// Class/id words that mark furniture: dropped only when the element is short.
const WEAK_NEGATIVE: &[&str] = &[
    "meta",
    "byline",
    "author",
    "authors",
    "date",
    "dateline",
    "time",
    "timestamp",
    "published",
    "updated",
    "tags",
    "tag",
    "topics",
    "categories",
    "category",
    "header",
    "head",
    "tools",
    "actions",
    "rating",
    "bio",
    "disclaimer",
    "banner",
    "share-count",
    "avatar",
    "profile",
    "cta",
    "button",
    "btn",
    "icon",
    "kicker",
    "eyebrow",
    "badge",
    "breaking",
    "ticker",
    "byl",
    "gallery",
    "overlay",
    "podcast",
    "player",
    "audio",
    "video",
];

const POSITIVE: &[&str] = &[
    "article",
    "content",
    "body",
    "main",
    "post",
    "entry",
    "story",
    "text",
    "prose",
    "blog",
    "articlebody",
    "richtext",
    "rte",
    "copy",
    "page",
    "hentry",
    "single",
];

/// Split class and id values into lower-case words at spaces, `-`, `_`,
/// `:` and camelCase boundaries, calling `f` with each.
fn for_each_word(value: &str, f: &mut impl FnMut(&str)) {
    // Words are ASCII letters and digits, lower-cased into a buffer on the
    // stack; a word longer than it names nothing the lists hold, so it is
    // passed on cut (this runs for every class name of every element).
    let mut word = [0u8; 48];
    let mut len = 0usize;
    let mut prev_lower = false;
    let mut emit = |word: &[u8], len: &mut usize| {
        if *len > 0 {
            let w = word.get(..(*len).min(word.len())).unwrap_or_default();
            f(std::str::from_utf8(w).unwrap_or_default());
            *len = 0;
        }
    };
    for &c in value.as_bytes() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower {
                emit(&word, &mut len);
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            if let Some(slot) = word.get_mut(len) {
                *slot = c.to_ascii_lowercase();
            }
            len += 1;
        } else {
            emit(&word, &mut len);
            prev_lower = false;
        }
    }
    emit(&word, &mut len);
}

/// Class names that describe what an element holds or its state, not what
/// it is: CMS taxonomy (`category-video`, `tag-social`) and modifiers
/// (`has-sidebar`, `is-active`, `no-ads`, `with-video`).
fn is_state_or_taxonomy(name: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "category-",
        "tag-",
        "tags-",
        "topic-",
        "format-",
        "type-",
        "status-",
        "postid-",
        "post-format-",
        "has-",
        "is-",
        "no-",
        "with-",
        "js-",
    ];
    PREFIXES.iter().any(|p| {
        name.as_bytes()
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
    })
}

/// Utility classes behind a variant prefix (`print:hidden`, `md:flex`,
/// `hover:underline`): when and how an element looks, not what it is.
/// Arbitrary values in brackets (`md:[grid-area:sidebar]`) may still name
/// the element's place, so those are read.
fn is_variant(name: &str) -> bool {
    name.contains(':') && !name.contains('[')
}

/// Class names minted by CSS-in-JS tools ("hJpRRP", "dyVSIs", "css-1x2y3z"):
/// random letters whose case changes would read as words.
fn is_generated(name: &str) -> bool {
    if name.starts_with("css-") || name.starts_with("sc-") || name.starts_with("jsx-") {
        return true;
    }
    let letters = name.chars().all(|c| c.is_ascii_alphanumeric());
    let uppers = name.chars().filter(char::is_ascii_uppercase).count();
    let lowers = name.chars().filter(char::is_ascii_lowercase).count();
    letters
        && name.len() <= 10
        && uppers >= 2
        && lowers >= 2
        && !name.starts_with(|c: char| c.is_ascii_uppercase() && uppers == 1)
}

const STRONG: u8 = 1;
const CONTEXT: u8 = 2;
const WEAK: u8 = 4;
const POS: u8 = 8;

/// The word lists as one table: a lookup per class word instead of a scan
/// of every list (this ran for every element of every page).
fn word_classes() -> &'static crate::text::WordTable<u8> {
    static TABLE: std::sync::OnceLock<crate::text::WordTable<u8>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        crate::text::word_table(&[
            (STRONG_NEGATIVE, STRONG),
            (CONTEXTUAL, CONTEXT),
            (WEAK_NEGATIVE, WEAK),
            (POSITIVE, POS),
        ])
    })
}

/// Read an element's class/id hints.
pub fn hints(class: Option<&str>, id: Option<&str>) -> Hints {
    let mut h = Hints::default();
    let words = word_classes();
    let mut check = |w: &str| {
        let Some(&k) = words.get(w) else {
            return;
        };
        if k & STRONG != 0 {
            h.strong_negative = true;
            if k & CONTEXT != 0 {
                h.contextual = true;
            } else {
                h.absolute = true;
            }
        } else if k & WEAK != 0 {
            h.weak_negative = true;
        } else if k & POS != 0 {
            h.positive = true;
        }
    };
    for value in [class, id].into_iter().flatten() {
        // Keep the cost bounded on pages with gigantic attributes.
        let value = value.get(..value.len().min(512)).unwrap_or(value);
        for name in value.split_ascii_whitespace() {
            if !is_state_or_taxonomy(name) && !is_generated(name) && !is_variant(name) {
                for_each_word(name, &mut check);
            }
        }
    }
    h
}

/// Tags that are never content.
fn chrome_tag(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Head
            | Tag::Title
            | Tag::Meta
            | Tag::Link
            | Tag::Script
            | Tag::Style
            | Tag::Noscript
            | Tag::Template
            | Tag::Svg
            | Tag::Math
            | Tag::Iframe
            | Tag::Object
            | Tag::Embed
            | Tag::Canvas
            | Tag::Audio
            | Tag::Video
            | Tag::Source
            | Tag::Track
            | Tag::Button
            | Tag::Input
            | Tag::Select
            | Tag::Textarea
            | Tag::Option
            | Tag::Nav
            | Tag::Dialog
            | Tag::Menu
            | Tag::Aside
            | Tag::Footer
            | Tag::Label
    )
}

/// Chrome by tag, but also the kind of element a broken page can leave
/// unclosed around everything: these are kept when they hold most of the text.
fn structural(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Nav | Tag::Aside | Tag::Footer | Tag::Header | Tag::Menu | Tag::Form | Tag::Noscript
    )
}

fn is_inline_text(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::A
            | Tag::Strong
            | Tag::B
            | Tag::Em
            | Tag::I
            | Tag::U
            | Tag::S
            | Tag::Sup
            | Tag::Sub
            | Tag::Small
            | Tag::Mark
            | Tag::Q
            | Tag::Cite
            | Tag::Abbr
            | Tag::Code
            | Tag::Time
            | Tag::Font
    )
}

fn hidden_style(style: &str) -> bool {
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(400)
        .collect::<String>()
        .to_ascii_lowercase();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

const CHROME_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "menuitem",
    "toolbar",
    "dialog",
    "alertdialog",
    "button",
    "tablist",
    "form",
    "log",
    "marquee",
    "timer",
    "tooltip",
];

/// Per-node facts the later stages share.
#[derive(Debug, Clone)]
pub struct Cleaned {
    /// Dropped nodes (the whole subtree).
    pub dropped: Vec<bool>,
    /// Class/id hints per node.
    pub hints: Vec<Hints>,
    /// Visible text dropped only for contextual class words.
    pub contextual_chars: u32,
}

/// Visible text length of each subtree (non-whitespace characters).
pub fn text_lengths(dom: &Dom<'_>) -> Vec<u32> {
    let mut len = vec![0u32; dom.len()];
    for i in (0..dom.len()).rev() {
        match dom.nodes[i].data {
            Data::Text(t) => len[i] = crate::text::visible_chars(t) as u32,
            // Scripts, styles and the like are not visible text.
            Data::Element(tag, _) if chrome_tag(tag) && !structural(tag) => len[i] = 0,
            _ => {}
        }
        if i > 0 {
            let p = dom.nodes[i].parent as usize;
            if p != i {
                len[p] = len[p].saturating_add(len[i]);
            }
        }
    }
    len
}

/// Decide what to drop.
pub fn clean(dom: &Dom<'_>, relaxed: bool) -> Cleaned {
    let n = dom.len();
    let raw = text_lengths(dom);
    let body = dom.find(Tag::Body).unwrap_or(0);
    let total = raw.get(body).copied().unwrap_or(0).max(1);
    // Elements that hold the article's own markers (its h1, <main>, the
    // articleBody) are not chrome, whatever their class says.
    let mut marker = vec![false; n];
    for i in (1..n).rev() {
        let node = &dom.nodes[i];
        let own = matches!(node.tag(), Some(Tag::H1) | Some(Tag::Main))
            || node
                .attr("itemprop")
                .is_some_and(|v| v.contains("articleBody"));
        if own {
            marker[i] = true;
        }
        let p = node.parent as usize;
        if marker[i] && p != i {
            marker[p] = true;
        }
    }
    let repeated = repeated_items(dom);
    let mut item_end = 0usize;
    let mut dropped = vec![false; n];
    let mut contextual_chars = 0u32;
    let mut hint_of = vec![Hints::default(); n];
    // `inside_article` tracks whether a node is within article/main, where
    // a <header> holds the headline and lead rather than site chrome.
    let mut article_end = 0usize;
    let mut outer_article_end = 0usize;
    // <article> children per element, counted once: asking each article
    // for its siblings is quadratic on a page of thousands of them.
    let mut articles = vec![0u32; n];
    for node in &dom.nodes {
        if node.tag() == Some(Tag::Article) {
            if let Some(c) = articles.get_mut(node.parent as usize) {
                *c = c.saturating_add(1);
            }
        }
    }
    // Pages repeat their class lists (every item of a list, every card):
    // read each distinct one once.
    let mut class_hints: std::collections::HashMap<
        &str,
        Hints,
        std::hash::BuildHasherDefault<crate::text::Fnv>,
    > = Default::default();
    let mut i = 0;
    while i < n {
        let node = dom.nodes[i];
        let end = node.end as usize;
        let parent = node.parent as usize;
        if i > 0 && parent != i && dropped[parent] {
            dropped[i] = true;
            i += 1;
            continue;
        }
        let Data::Element(tag, el) = node.data else {
            i += 1;
            continue;
        };
        let attrs = el.common();
        let h = match (attrs.class, attrs.id) {
            (Some(class), None) => *class_hints
                .entry(class)
                .or_insert_with(|| hints(Some(class), None)),
            (class, id) => hints(class, id),
        };
        if repeated[i] {
            item_end = item_end.max(end);
        }
        hint_of[i] = h;
        if matches!(tag, Tag::Article | Tag::Main) || attrs.itemprop == Some("articleBody") {
            article_end = article_end.max(end);
        }
        let article_outer_end = outer_article_end;
        if tag == Tag::Article && i >= outer_article_end {
            outer_article_end = end;
        }
        let dominant = raw[i] * 5 > total * 2 && raw[i] > 1000;
        let hidden = attrs.hidden.is_some()
            || attrs
                .aria_hidden
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
            || attrs.style.is_some_and(hidden_style)
            || attrs.kind.is_some_and(|v| v.eq_ignore_ascii_case("hidden"));
        let chrome_role = attrs.role.is_some_and(|r| {
            r.split_ascii_whitespace()
                .any(|r| CHROME_ROLES.contains(&r.to_ascii_lowercase().as_str()))
        }) && !holds_tab_panels(attrs.role, raw[i]);
        // Repeated <article>s inside an article are teasers ("you may also
        // like"), and a <header> outside the article is the site's.
        let teaser =
            tag == Tag::Article && i < article_outer_end && parent != i && articles[parent] >= 2;
        let site_header = tag == Tag::Header && i >= article_end;
        let drop = if matches!(tag, Tag::Html | Tag::Body) || (structural(tag) && dominant) {
            false
        } else if hidden {
            // Streaming server renderers (React's `<div hidden id="S:0">`)
            // park the finished page in a hidden element that a script
            // moves into place; a hidden element holding most of the
            // page's text is such a page, not a hidden widget.
            let deferred = attrs.id.is_some_and(|id| id.starts_with("S:"));
            chrome_tag(tag) || !(deferred || dominant)
        } else if chrome_tag(tag) || chrome_role || site_header || teaser {
            true
        } else if tag == Tag::Form {
            // Whole-page ASP.NET forms hold the article; small forms are
            // search boxes, logins and newsletter sign-ups.
            raw[i] < 1000 || raw[i] * 3 < total
        } else if is_inline_text(tag) {
            // Class words on links and emphasis inside a sentence describe
            // the link ("recommendation-inline-link"), not a chrome block.
            false
        } else if h.strong_negative && (h.absolute || !relaxed) {
            // A mislabelled page wrapper (`has-sidebar`, `no-ads`…) holds
            // most of the page's text: keep it.
            !(marker[i] || dominant)
        } else {
            // Inside the items of a list or grid, a short "date", "author",
            // "rating" or "video" part is the item's own (a product card's
            // format, a teaser's byline), not page furniture.
            h.weak_negative && !h.positive && raw[i] < 200 && i >= item_end
        };
        if drop && h.strong_negative && !h.absolute && !structural(tag) && !chrome_tag(tag) {
            contextual_chars = contextual_chars.saturating_add(raw[i]);
        }
        dropped[i] = drop;
        i += 1;
    }
    Cleaned {
        dropped,
        hints: hint_of,
        contextual_chars,
    }
}

/// A `tablist` is the row of tab labels, but pages put the role on the
/// whole tab widget too: one holding this much text holds the panels, and
/// they are content (a product's description and specifications, a
/// service's sections).
fn holds_tab_panels(role: Option<&str>, text_len: u32) -> bool {
    text_len >= 500 && role.is_some_and(|r| r.trim().eq_ignore_ascii_case("tablist"))
}

/// Elements with an element sibling of the same tag and class: the items of
/// a list, grid or feed. One pass, comparing each element with the previous
/// element child of its parent.
fn repeated_items(dom: &Dom<'_>) -> Vec<bool> {
    let n = dom.len();
    let mut repeated = vec![false; n];
    let mut last = vec![usize::MAX; n];
    for i in 1..n {
        let node = &dom.nodes[i];
        let (Some(tag), p) = (node.tag(), node.parent as usize) else {
            continue;
        };
        if p == i {
            continue;
        }
        let l = last[p];
        if l != usize::MAX
            && dom.nodes[l].tag() == Some(tag)
            && dom.nodes[l].attr("class") == node.attr("class")
        {
            repeated[i] = true;
            repeated[l] = true;
        }
        last[p] = i;
    }
    repeated
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_case_and_punctuation() {
        let mut words = Vec::new();
        for_each_word("shareButtons article-body_main", &mut |w| {
            words.push(w.to_string())
        });
        assert_eq!(words, ["share", "buttons", "article", "body", "main"]);
    }

    #[test]
    fn hints_read_class_and_id() {
        assert!(hints(Some("social-share"), None).strong_negative);
        assert!(hints(None, Some("relatedPosts")).strong_negative);
        assert!(hints(Some("entry-content"), None).positive);
        assert!(hints(Some("post-meta"), None).weak_negative);
        assert_eq!(hints(Some("shadow"), Some("x")), Hints::default());
        assert_eq!(hints(Some("sc-77igqf-0 hJpRRP"), None), Hints::default());
    }
}
