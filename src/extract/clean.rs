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
    /// Names page furniture that is content only when long (meta, byline…).
    pub weak_negative: bool,
    /// Names the article (content, article-body, post, entry, story…).
    pub positive: bool,
}

/// Class/id words that mark chrome whatever the element holds.
const STRONG_NEGATIVE: &[&str] = &[
    "share", "sharing", "shares", "sharebar", "sharetools", "social", "socials", "comment",
    "comments", "commentlist", "disqus", "respond", "replies", "related", "recommended",
    "recommendation", "recommendations", "recirc", "recirculation", "newsletter", "newsletters",
    "subscribe", "subscription", "signup", "optin", "cookie", "cookies", "consent", "gdpr", "cmp",
    "advert", "advertisement", "advertising", "ad", "ads", "adsbygoogle", "adslot", "adunit",
    "dfp", "sponsor", "sponsored", "promo", "promos", "promoted", "outbrain", "taboola",
    "breadcrumb", "breadcrumbs", "sidebar", "sidenav", "nav", "navbar", "navigation", "menu",
    "megamenu", "footer", "popup", "modal", "pagination", "pager", "paywall", "skiplink", "skip",
    "toolbar", "follow", "rrss", "most", "popular", "trending", "readmore", "login", "signin",
    "masthead", "tagcloud", "jumplink", "toc", "print", "donate", "donation", "podcast", "player",
    "audio", "video", "carousel", "slider", "sr", "visually", "visuallyhidden", "screenreader",
    "offscreen", "noprint",
];

/// Class/id words that mark furniture: dropped only when the element is short.
const WEAK_NEGATIVE: &[&str] = &[
    "meta", "byline", "author", "authors", "date", "dateline", "time", "timestamp", "published",
    "updated", "tags", "tag", "topics", "categories", "category", "caption", "credit", "credits",
    "header", "head", "tools", "actions", "rating", "bio", "disclaimer", "banner", "share-count",
    "avatar", "profile", "cta", "button", "btn", "icon", "kicker", "eyebrow", "badge", "breaking",
    "ticker", "byl", "gallery", "overlay",
];

const POSITIVE: &[&str] = &[
    "article", "content", "body", "main", "post", "entry", "story", "text", "prose", "blog",
    "articlebody", "richtext", "rte", "copy", "page", "hentry", "single",
];

/// Split class and id values into lower-case words at spaces, `-`, `_`,
/// `:` and camelCase boundaries, calling `f` with each.
fn for_each_word(value: &str, f: &mut impl FnMut(&str)) {
    let mut word = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower && !word.is_empty() {
                f(&word);
                word.clear();
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            word.push(c.to_ascii_lowercase());
        } else {
            if !word.is_empty() {
                f(&word);
                word.clear();
            }
            prev_lower = false;
        }
    }
    if !word.is_empty() {
        f(&word);
    }
}

/// Read an element's class/id hints.
pub fn hints(class: Option<&str>, id: Option<&str>) -> Hints {
    let mut h = Hints::default();
    let mut check = |w: &str| {
        if STRONG_NEGATIVE.contains(&w) {
            h.strong_negative = true;
        } else if WEAK_NEGATIVE.contains(&w) {
            h.weak_negative = true;
        } else if POSITIVE.contains(&w) {
            h.positive = true;
        }
    };
    for value in [class, id].into_iter().flatten() {
        // Keep the cost bounded on pages with gigantic attributes.
        let value = value.get(..value.len().min(512)).unwrap_or(value);
        for_each_word(value, &mut check);
    }
    h
}

/// Tags that are never content.
fn chrome_tag(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Head | Tag::Title | Tag::Meta | Tag::Link | Tag::Script | Tag::Style | Tag::Noscript
            | Tag::Template | Tag::Svg | Tag::Math | Tag::Iframe | Tag::Object | Tag::Embed
            | Tag::Canvas | Tag::Audio | Tag::Video | Tag::Source | Tag::Track | Tag::Button
            | Tag::Input | Tag::Select | Tag::Textarea | Tag::Option | Tag::Nav | Tag::Dialog
            | Tag::Menu | Tag::Aside | Tag::Footer | Tag::Label | Tag::Fieldset
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
    "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
    "menuitem", "toolbar", "dialog", "alertdialog", "button", "tablist", "form", "log",
    "marquee", "timer", "tooltip",
];

/// Per-node facts the later stages share.
#[derive(Debug, Clone)]
pub struct Cleaned {
    /// Dropped nodes (the whole subtree).
    pub dropped: Vec<bool>,
    /// Class/id hints per node.
    pub hints: Vec<Hints>,
}

/// Visible text length of each subtree (non-whitespace characters).
pub fn text_lengths(dom: &Dom<'_>) -> Vec<u32> {
    let mut len = vec![0u32; dom.len()];
    for i in (0..dom.len()).rev() {
        if let Data::Text(t) = dom.nodes[i].data {
            len[i] = t.chars().filter(|c| !c.is_whitespace()).count() as u32;
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
pub fn clean(dom: &Dom<'_>) -> Cleaned {
    let n = dom.len();
    let raw = text_lengths(dom);
    let body = dom.find(Tag::Body).unwrap_or(0);
    let total = raw.get(body).copied().unwrap_or(0).max(1);
    let mut dropped = vec![false; n];
    let mut hint_of = vec![Hints::default(); n];
    // `inside_article` tracks whether a node is within article/main, where
    // a <header> holds the headline and lead rather than site chrome.
    let mut article_end = 0usize;
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
        let h = hints(el.attr("class"), el.attr("id"));
        hint_of[i] = h;
        if matches!(tag, Tag::Article | Tag::Main) || el.attr("itemprop") == Some("articleBody") {
            article_end = article_end.max(end);
        }
        let drop = if matches!(tag, Tag::Html | Tag::Body) {
            false
        } else if chrome_tag(tag) {
            true
        } else if el.attr("hidden").is_some()
            || el.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
            || el.attr("style").is_some_and(hidden_style)
            || el.attr("type").is_some_and(|v| v.eq_ignore_ascii_case("hidden"))
        {
            true
        } else if el.attr("role").is_some_and(|r| {
            r.split_ascii_whitespace().any(|r| CHROME_ROLES.contains(&r.to_ascii_lowercase().as_str()))
        }) {
            true
        } else if tag == Tag::Header && i >= article_end {
            true
        } else if tag == Tag::Form {
            // Whole-page ASP.NET forms hold the article; small forms are
            // search boxes, logins and newsletter sign-ups.
            raw[i] < 1000 || raw[i] * 3 < total
        } else if h.strong_negative {
            // A mislabelled page wrapper (`has-sidebar`, `no-ads`…) holds
            // most of the page's text: keep it.
            !(raw[i] * 2 > total && raw[i] > 2000)
        } else if h.weak_negative && !h.positive {
            raw[i] < 200
        } else {
            false
        };
        dropped[i] = drop;
        i += 1;
    }
    Cleaned { dropped, hints: hint_of }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_case_and_punctuation() {
        let mut words = Vec::new();
        for_each_word("shareButtons article-body_main", &mut |w| words.push(w.to_string()));
        assert_eq!(words, ["share", "buttons", "article", "body", "main"]);
    }

    #[test]
    fn hints_read_class_and_id() {
        assert!(hints(Some("social-share"), None).strong_negative);
        assert!(hints(None, Some("relatedPosts")).strong_negative);
        assert!(hints(Some("entry-content"), None).positive);
        assert!(hints(Some("post-meta"), None).weak_negative);
        assert_eq!(hints(Some("shadow"), Some("x")), Hints::default());
    }
}
