//! The chrome classifier: what an element's tag, role, visibility and
//! class/id words say about it. One classifier, read by the body cleaner
//! and by the metadata gatherer, so a teaser box that is chrome to one is
//! chrome to the other. The word lists live here, each with why.

use crate::dom::Tag;

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
    /// Of the contextual words, one naming a discussion (comments,
    /// replies): a thread, which no page names its layout wrapper for.
    pub discussion: bool,
    /// Names page furniture that is content only when long (meta, byline…).
    pub weak_negative: bool,
    /// Every strong word seen names a way around the page (nav, menu,
    /// skip, toc…): links, not text.
    pub wayfinding: bool,
    /// Names the article (content, article-body, post, entry, story…).
    pub positive: bool,
    /// Marks text behind a paywall: on a paragraph that is the article's
    /// own text (gated, but in the page); on a box, the subscription prompt.
    pub gated: bool,
}

impl Hints {
    /// The hints as one byte, a bit each (eight of them).
    fn to_bits(self) -> u8 {
        [
            self.strong_negative,
            self.contextual,
            self.absolute,
            self.discussion,
            self.weak_negative,
            self.positive,
            self.gated,
            self.wayfinding,
        ]
        .iter()
        .enumerate()
        .fold(0u8, |bits, (k, &on)| bits | (u8::from(on) << k))
    }

    /// [`Hints::to_bits`] read back.
    fn from_bits(bits: u8) -> Hints {
        let on = |k: u8| bits & (1 << k) != 0;
        Hints {
            strong_negative: on(0),
            contextual: on(1),
            absolute: on(2),
            discussion: on(3),
            weak_negative: on(4),
            positive: on(5),
            gated: on(6),
            wayfinding: on(7),
        }
    }
}

/// Every node's [`Hints`], a byte each: a page of a million tiny elements
/// keeps them all while the body is chosen.
#[derive(Debug, Clone, Default)]
pub struct HintMap(Vec<u8>);

impl HintMap {
    /// `len` nodes without hints.
    pub fn with_len(len: usize) -> HintMap {
        HintMap(vec![0; len])
    }

    /// Set the hints of node `i` (ignored past the end).
    pub fn set(&mut self, i: usize, h: Hints) {
        if let Some(b) = self.0.get_mut(i) {
            *b = h.to_bits();
        }
    }

    /// The hints of node `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<Hints> {
        self.0.get(i).map(|&b| Hints::from_bits(b))
    }
}

/// Whether an `itemprop` value names the article's body (schema.org
/// `articleBody`): the body stages all read it the same way.
pub(crate) fn names_article_body(itemprop: Option<&str>) -> bool {
    itemprop.is_some_and(|v| v.contains("articleBody"))
}

/// Class/id words that mark chrome whatever the element holds.
/// Strong words that a forum or hub page may use for its content.
const CONTEXTUAL: &[&str] = &[
    // glued forms that the word splitter cannot cut
    "commentbody",
    "commentarea",
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

/// Contextual words that name a discussion: the comments under an
/// article, the posts of a forum thread.
const DISCUSSION: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "commentbody",
    "commentarea",
    "replies",
    "respond",
];

const STRONG_NEGATIVE: &[&str] = &[
    // glued forms that the word splitter cannot cut
    "commentbody",
    "commentarea",
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

/// Strong words that name a way around the page: menus, skip and jump
/// links, breadcrumbs, pagers, tables of contents. Such an element is made
/// of links; one whose text is mostly not links is the place they lead to
/// (`skip-item` sections, a `content-nav-section`), not the links.
const WAYFINDING: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "sidenav",
    "menu",
    "megamenu",
    "breadcrumb",
    "breadcrumbs",
    "pagination",
    "pager",
    "skip",
    "skiplink",
    "jumplink",
    "toc",
];

/// Class/id words that mark gated article text: publishers put them on
/// every paragraph past the fold, and on the prompt that asks to subscribe.
const GATED: &[&str] = &["paywall", "paywalled", "metered"];

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

/// The labels of a forum poster's statistics beside each post ("Joined /
/// Feb 8, 2023 / Posts / 5 / Likes / 3", "Join Date: Aug 2008", "Posts:
/// 116 Threads: 23"), each with its own bit: synonyms share one, so that a
/// block is told by how many different facts it labels, whatever the forum
/// software names them. Labels that prose and product tables use too
/// (location, topics, threads, reviews) are not on it.
const MEMBER_STAT_LABELS: &[(&str, u16)] = &[
    ("joined", 1),
    ("join date", 1),
    ("member since", 1),
    ("registered", 1),
    ("posts", 2),
    ("messages", 2),
    ("reaction score", 4),
    ("likes", 8),
    ("likes received", 8),
    ("reputation", 16),
    ("trophy points", 32),
];

/// Below this much visible text an element holding two or more member
/// statistics is the statistics box, not a post that happens to mention
/// them: a handful of label-value pairs.
pub(crate) const MEMBER_STATS_MAX_CHARS: u32 = 300;

/// The member-statistic label a text node is, as its bit (0 for none): the
/// node is the label alone ("Joined", "Posts:"), or begins with the label
/// and a colon ("Join Date: Aug 2008").
pub(crate) fn member_stat_label(text: &str) -> u16 {
    let t = text.trim();
    // The longest label and its value fit a short line.
    if t.len() > 40 || t.len() < 5 {
        return 0;
    }
    let (label, _) = t.split_once(':').unwrap_or((t, ""));
    let label = label.trim_end();
    MEMBER_STAT_LABELS
        .iter()
        .find(|(l, _)| l.eq_ignore_ascii_case(label))
        .map_or(0, |&(_, bit)| bit)
}

/// How a sign-in gate opens: the prompt forums, comment sections and paywalls
/// put where a guest would write or read on ("Create an account or sign in
/// to comment", "You must log in to answer this question", "You need to be a
/// member in order to leave a comment"). Read in lower case, after an
/// optional "please".
const GATE_LEADS: &[&str] = &[
    "sign in",
    "sign up",
    "log in",
    "login",
    "register",
    "create an account",
    "create a free account",
    "create your free account",
    "subscribe",
    "you must",
    "you need to",
];

/// What the gate keeps from a guest: taking part, or reading on. A lead
/// without one of these after it is an ordinary sentence ("You must try
/// this"). Actions that prose uses of the world (to vote, to participate,
/// to follow) are not on it.
const GATE_ACTIONS: &[&str] = &[
    "to comment",
    "to reply",
    "to post",
    "to answer",
    "to leave a comment",
    "to add a comment",
    "to join the conversation",
    "to join the discussion",
    "to continue reading",
    "to keep reading",
    "to read the full",
    "to read the rest",
];

/// A gate's action starts within this many bytes of its start ("you need
/// to be a member in order to leave a comment" starts it at byte 33).
const GATE_ACTION_WITHIN: usize = 48;

/// A gate's prompt is its first text, within its first few nodes, and only
/// its opening is read: bounds on the work done for each short element
/// (nodes looked at, and bytes read of each text and in all).
pub(crate) const GATE_SCAN_NODES: usize = 64;
pub(crate) const GATE_READ_BYTES: usize = 256;

/// Above this much visible text an element is not a sign-in gate: the
/// prompt, a line under it and its two buttons fit well under it.
pub(crate) const GATE_MAX_CHARS: u32 = 300;

/// Whether a gate may open with this text node: its first word is the first
/// word of a [`GATE_LEADS`] lead, or "please" (a cheap test before the
/// element's text is gathered).
pub(crate) fn may_open_gate(text: &str) -> bool {
    let first = text
        .trim_start()
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or_default();
    first.eq_ignore_ascii_case("please")
        || GATE_LEADS.iter().any(|l| {
            l.split(' ')
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case(first))
        })
}

/// Whether an element's text (lower case, whitespace collapsed) is a
/// sign-in gate: its first sentence opens with a [`GATE_LEADS`] lead and
/// names a [`GATE_ACTIONS`] action.
pub(crate) fn is_sign_in_gate(text: &str) -> bool {
    let text = text.strip_prefix("please ").unwrap_or(text);
    let Some(lead) = GATE_LEADS.iter().find(|l| text.starts_with(*l)) else {
        return false;
    };
    let sentence = text
        .find(['.', '!', '?'])
        .map_or(text, |end| text.get(..end).unwrap_or(text));
    // The action comes after the lead ("you need to answer" is no gate),
    // and soon: a gate says it in a few words, prose takes its time.
    let rest = sentence.get(lead.len()..).unwrap_or_default();
    GATE_ACTIONS.iter().any(|a| {
        rest.find(a)
            .is_some_and(|at| lead.len() + at <= GATE_ACTION_WITHIN)
    })
}

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
    // A word already in lower case (the common case) is passed as the
    // slice of `value` it is, without copying or checking it again.
    let mut word = [0u8; 48];
    let mut len = 0usize;
    let mut start = 0usize;
    let mut upper = false;
    let mut prev_lower = false;
    let mut emit = |word: &[u8], start: usize, len: &mut usize, upper: &mut bool| {
        if *len > 0 {
            let cut = (*len).min(word.len());
            let w = if *upper {
                std::str::from_utf8(word.get(..cut).unwrap_or_default()).unwrap_or_default()
            } else {
                value.get(start..start + cut).unwrap_or_default()
            };
            f(w);
            *len = 0;
            *upper = false;
        }
    };
    for (at, &c) in value.as_bytes().iter().enumerate() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower {
                emit(&word, start, &mut len, &mut upper);
            }
            if len == 0 {
                start = at;
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            upper |= c.is_ascii_uppercase();
            if let Some(slot) = word.get_mut(len) {
                *slot = c.to_ascii_lowercase();
            }
            len += 1;
        } else {
            emit(&word, start, &mut len, &mut upper);
            prev_lower = false;
        }
    }
    emit(&word, start, &mut len, &mut upper);
}

/// Class names that describe what an element holds or its state, not what
/// it is: CMS taxonomy (WordPress's `category-video`, `tag-social`, Movable
/// Type and TypePad's `entry-category-social_media` on each post) and
/// modifiers (`has-sidebar`, `is-active`, `no-ads`, `with-video`).
fn is_state_or_taxonomy(name: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "category-",
        "entry-category-",
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
    // (Every prefix ends in a dash: a name without one, the commonest,
    // has none of them.)
    if !name.bytes().any(|b| b == b'-') {
        return false;
    }
    PREFIXES.iter().any(|p| {
        name.as_bytes()
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
    })
}

/// Utility classes behind a variant prefix or suffix (`print:hidden`,
/// `md:flex`, `hover:underline`, `hidden@print`): when and how an element
/// looks, not what it is.
/// Arbitrary values in brackets (`md:[grid-area:sidebar]`) may still name
/// the element's place, so those are read.
fn is_variant(name: &str) -> bool {
    name.bytes().any(|b| b == b':' || b == b'@') && !name.bytes().any(|b| b == b'[')
}

/// Class names minted by CSS-in-JS tools ("hJpRRP", "dyVSIs", "css-1x2y3z"):
/// random letters whose case changes would read as words.
fn is_generated(name: &str) -> bool {
    if name.starts_with("css-") || name.starts_with("sc-") || name.starts_with("jsx-") {
        return true;
    }
    // (Only a short name can be one: the counts below are skipped for
    // the rest.)
    if name.len() > 10 {
        return false;
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

/// "print" in a class or id is a modifier. `hidden-print`, `no_print` and
/// `d-print-none` keep screen chrome off paper, `print-header` is the paper
/// edition's furniture and `print` alone a print button: chrome. In a name
/// that also names the article (`mainContentPrint`, `print-article`) or
/// says it is ready for paper (`printReady`, the printer-friendly region of
/// print scripts), it names the printable article itself, unless a
/// negation keeps that off paper too.
const PRINT: &str = "print";

/// Words that make "print" name the printable article (beside the
/// positive words).
const PRINT_CONTENT: &[&str] = &["ready"];

/// Words that negate "print": the element is left off paper.
const PRINT_NEGATIONS: &[&str] = &["no", "non", "none", "not", "hide", "hidden", "dn"];

/// Whether the name's "print" names the printable article (see [`PRINT`]).
fn printable_region(name: &str) -> bool {
    let bytes = name.as_bytes();
    let has_print = bytes.iter().enumerate().any(|(at, &b)| {
        b | 0x20 == b'p'
            && bytes
                .get(at..at + PRINT.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(PRINT.as_bytes()))
    });
    if !has_print {
        return false;
    }
    let (mut content, mut negated) = (false, false);
    let words = word_classes();
    for_each_word(name, &mut |w| {
        if PRINT_NEGATIONS.contains(&w) {
            negated = true;
        } else if PRINT_CONTENT.contains(&w) || words.get(w).is_some_and(|&k| k & POS != 0) {
            content = true;
        }
    });
    content && !negated
}

/// The list words of one class name or id, as [`hints`] and
/// [`matched_words`] read them: taxonomy, generated and variant names
/// give none, and a printable region's "print" is not chrome.
fn for_each_hint_word(name: &str, f: &mut impl FnMut(&str)) {
    for_each_name_word(name, &mut |w, chrome| {
        if chrome {
            f(w);
        }
    });
}

/// The words of one class name or id, each with whether the chrome hints
/// read it: taxonomy, generated and variant names give none, and a
/// printable region's "print" (see [`PRINT`]) is a word but not chrome.
fn for_each_name_word(name: &str, f: &mut impl FnMut(&str, bool)) {
    if is_state_or_taxonomy(name) || is_generated(name) || is_variant(name) {
        return;
    }
    let printable = printable_region(name);
    for_each_word(name, &mut |w| f(w, !(printable && w == PRINT)));
}

const STRONG: u8 = 1;
const CONTEXT: u8 = 2;
const WEAK: u8 = 4;
const POS: u8 = 8;
const DISC: u8 = 16;
const GATE: u8 = 32;
const WAY: u8 = 64;

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
            (DISCUSSION, DISC),
            (GATED, GATE),
            (WAYFINDING, WAY),
        ])
    })
}

/// The lists a class word is on, as the bits [`HintWords::add_class`] and
/// [`is_strong`] read: for a caller that looks the word up in a table of
/// its own lists too, with these bits beside them.
pub(crate) fn class_word_lists() -> impl Iterator<Item = (&'static str, u8)> {
    word_classes().iter().map(|(w, k)| (*w, *k))
}

/// Whether class-word bits ([`class_word_lists`]) name a strong word.
pub(crate) fn is_strong(k: u8) -> bool {
    k & STRONG != 0
}

/// Read an element's class/id hints.
pub fn hints(class: Option<&str>, id: Option<&str>) -> Hints {
    let mut h = HintWords::default();
    for value in [class, id].into_iter().flatten() {
        for_each_class_word_read(value, &mut |w, chrome| {
            if chrome {
                h.add(w);
            }
        });
    }
    h.finish()
}

/// [`Hints`] being read word by word: the metadata pass reads its class
/// words through this too, so both stages hear the same classifier.
#[derive(Debug, Default)]
pub(crate) struct HintWords {
    h: Hints,
    /// A strong word that is not a wayfinding one was seen.
    elsewhere: bool,
}

impl HintWords {
    /// Add what one class or id word says; true when it is a strong word.
    pub(crate) fn add(&mut self, w: &str) -> bool {
        let Some(&k) = word_classes().get(w) else {
            return false;
        };
        self.add_class(k)
    }

    /// [`HintWords::add`] for a word whose [`word_class`] is known (0 for a
    /// word on no list, which adds nothing).
    pub(crate) fn add_class(&mut self, k: u8) -> bool {
        let h = &mut self.h;
        if k & STRONG != 0 {
            h.strong_negative = true;
            if k & WAY == 0 {
                self.elsewhere = true;
            }
            if k & CONTEXT != 0 {
                h.contextual = true;
                if k & DISC != 0 {
                    h.discussion = true;
                }
            } else {
                h.absolute = true;
            }
        } else if k & WEAK != 0 {
            h.weak_negative = true;
        } else if k & POS != 0 {
            h.positive = true;
        } else if k & GATE != 0 {
            h.gated = true;
        }
        k & STRONG != 0
    }

    /// The hints the words gave.
    pub(crate) fn finish(self) -> Hints {
        let mut h = self.h;
        h.wayfinding = h.strong_negative && !self.elsewhere;
        h
    }
}

/// Every element's hints, read once per distinct class list: for callers
/// that have not read them on the metadata pass.
pub fn hint_map(dom: &crate::dom::Dom<'_>) -> HintMap {
    let mut map = HintMap::with_len(dom.len());
    let mut by_class: std::collections::HashMap<
        &str,
        Hints,
        std::hash::BuildHasherDefault<crate::text::Fx>,
    > = Default::default();
    for i in 0..dom.len() {
        let Some(el) = dom.element(i) else { continue };
        let attrs = el.common();
        let h = match (attrs.class, attrs.id) {
            (Some(class), None) => *by_class
                .entry(class)
                .or_insert_with(|| hints(Some(class), None)),
            (class, id) => hints(class, id),
        };
        map.set(i, h);
    }
    map
}

/// The list words an element's class/id carries, for explaining drops:
/// `(word, list)` with list one of `strong`, `contextual`, `weak`, `positive`.
#[doc(hidden)]
#[cfg_attr(not(feature = "_internal"), allow(dead_code))] // for tests and examples, via `_internal`
pub fn matched_words(class: Option<&str>, id: Option<&str>) -> Vec<(String, &'static str)> {
    let words = word_classes();
    let mut out = Vec::new();
    for value in [class, id].into_iter().flatten() {
        for name in value.split_ascii_whitespace() {
            for_each_hint_word(name, &mut |w| {
                if let Some(&k) = words.get(w) {
                    let list = if k & CONTEXT != 0 {
                        "contextual"
                    } else if k & STRONG != 0 {
                        "strong"
                    } else if k & WEAK != 0 {
                        "weak"
                    } else {
                        "positive"
                    };
                    out.push((w.to_string(), list));
                }
            });
        }
    }
    out
}

/// Tags that are never content.
pub(crate) fn chrome_tag(tag: Tag) -> bool {
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
pub(crate) fn structural(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Nav | Tag::Aside | Tag::Footer | Tag::Header | Tag::Menu | Tag::Form | Tag::Noscript
    )
}

pub(crate) fn is_inline_text(tag: Tag) -> bool {
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

pub(crate) fn hidden_style(style: &str) -> bool {
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(400)
        .collect::<String>()
        .to_ascii_lowercase();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

/// Utility classes of the common CSS frameworks that hide an element
/// (`display: none`): Bootstrap's `hidden`, `hide` and `d-none`, Tailwind's
/// `hidden`, Bulma's `is-hidden`.
const HIDING_CLASSES: &[&str] = &["hidden", "hide", "d-none", "is-hidden"];

/// Breakpoint names in responsive display utilities (`d-md-block`).
const BREAKPOINTS: &[&str] = &["sm", "md", "lg", "xl", "xxl"];

/// Whether the class list hides the element on screen: a hiding utility
/// and no responsive one showing it again (`hidden md:block`,
/// `d-none d-lg-flex`, `hidden visible-lg`), which a page uses for the
/// wide-screen layout.
pub(crate) fn hidden_class(class: &str) -> bool {
    let mut hides = false;
    for name in class.split_ascii_whitespace() {
        if HIDING_CLASSES.iter().any(|h| name.eq_ignore_ascii_case(h)) {
            hides = true;
        } else if name.contains([':', '@'])
            || name.starts_with("visible")
            || name.strip_prefix("d-").is_some_and(|rest| {
                BREAKPOINTS
                    .iter()
                    .any(|b| rest.strip_prefix(b).is_some_and(|r| r.starts_with('-')))
            })
        {
            return false;
        }
    }
    hides
}

pub(crate) const CHROME_ROLES: &[&str] = &[
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

/// A `tablist` is the row of tab labels, but pages put the role on the
/// whole tab widget too: one holding this much text holds the panels, and
/// they are content (a product's description and specifications, a
/// service's sections).
pub(crate) fn holds_tab_panels(role: Option<&str>, text_len: u32) -> bool {
    text_len >= 500 && role.is_some_and(|r| r.trim().eq_ignore_ascii_case("tablist"))
}

/// Strong words that name the article's own furniture: boilerplate to the
/// body, but the byline, its bio, the credits, captions, share and print
/// tools and screen-reader text sit beside the article and speak for it.
/// The metadata gatherer reads dates and bylines there.
pub(crate) const FURNITURE: &[&str] = &[
    "share",
    "sharing",
    "shares",
    "sharebar",
    "sharetools",
    "sharedaddy",
    "social",
    "socials",
    "rrss",
    "toolbar",
    "print",
    "noprint",
    "sr",
    "visually",
    "visuallyhidden",
    "screenreader",
    "offscreen",
    "skip",
    "skiplink",
    "jumplink",
    "toc",
    "paywall",
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
];

/// The words of one class or id value as [`hints`] reads them: lower-case,
/// split at punctuation and camelCase, CMS taxonomy and state classes,
/// generated names and utility variants skipped. For the metadata
/// gatherer, which reads more words of the same tokens.
#[cfg(test)]
pub(crate) fn for_each_class_word(value: &str, f: &mut impl FnMut(&str)) {
    for_each_class_word_read(value, &mut |w, _| f(w));
}

/// [`for_each_class_word`], saying of each word whether the chrome hints
/// read it: a printable region's "print" is not chrome (see [`PRINT`]),
/// though the metadata words still hear it.
pub(crate) fn for_each_class_word_read(value: &str, f: &mut impl FnMut(&str, bool)) {
    // Keep the cost bounded on pages with gigantic attributes.
    let value = value.get(..value.len().min(512)).unwrap_or(value);
    for name in value.split_ascii_whitespace() {
        for_each_name_word(name, f);
    }
}

/// Whether a class word (from [`for_each_class_word`]) names a region
/// that holds other pages' content or the site's own (related links,
/// comments, navigation, footer, ads, newsletter boxes): a strong word that
/// is not the article's furniture. What is dated or signed there is not
/// the article's. (The metadata pass reads the same from its own word
/// table, which carries [`FURNITURE`] beside the lists' bits.)
#[cfg(test)]
pub(crate) fn names_elsewhere(word: &str) -> bool {
    word_classes().get(word).is_some_and(|k| k & STRONG != 0) && !is_furniture(word)
}

/// Whether a strong word names the article's own furniture (a byline, its
/// meta line), not a region of other content.
#[cfg(test)]
pub(crate) fn is_furniture(word: &str) -> bool {
    static FURNITURE_TABLE: std::sync::OnceLock<crate::text::WordTable<u8>> =
        std::sync::OnceLock::new();
    let furniture = FURNITURE_TABLE.get_or_init(|| crate::text::word_table(&[(FURNITURE, 1)]));
    furniture.get(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_gates_are_told_from_prose_that_opens_alike() {
        for gate in [
            "create an account or sign in to comment",
            "you must log in or register to reply here.",
            "you must be logged in to post a comment.",
            "please sign in to leave a comment",
            "subscribe to continue reading. already a subscriber? log in",
        ] {
            assert!(is_sign_in_gate(gate), "{gate}");
            assert!(may_open_gate(gate), "{gate}");
        }
        for prose in [
            "you must answer to the auditors.",
            "you need to register to vote by friday.",
            "register early: places go fast, and the organisers say you must arrive by nine to post a time.",
            "subscribe to our newsletter",
            "readers must log in to comment, the paper said.",
        ] {
            assert!(!is_sign_in_gate(prose), "{prose}");
        }
        assert!(!may_open_gate("Readers must log in"));
    }

    #[test]
    fn words_split_on_case_and_punctuation() {
        let mut words = Vec::new();
        for_each_word("shareButtons article-body_main", &mut |w| {
            words.push(w.to_string())
        });
        assert_eq!(words, ["share", "buttons", "article", "body", "main"]);
        let long = "a".repeat(60);
        let mut words = Vec::new();
        for_each_word(&format!("XMLHttp {long}Tail 9Lives"), &mut |w| {
            words.push(w.to_string())
        });
        let cut = "a".repeat(48);
        assert_eq!(words, ["xmlhttp", cut.as_str(), "tail", "9", "lives"]);
    }

    #[test]
    fn related_lists_are_elsewhere_and_bylines_are_furniture() {
        let mut words = Vec::new();
        for_each_class_word("relatedPosts has-sidebar byline", &mut |w| {
            words.push((w.to_string(), names_elsewhere(w)))
        });
        let words: Vec<(&str, bool)> = words.iter().map(|(w, e)| (w.as_str(), *e)).collect();
        assert_eq!(
            words,
            [("related", true), ("posts", false), ("byline", false)]
        );
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

    #[test]
    fn hiding_utilities_hide_unless_a_breakpoint_shows_again() {
        assert!(hidden_class("intro-body hidden"));
        assert!(hidden_class("d-none d-print-block"));
        assert!(hidden_class("is-hidden box"));
        assert!(!hidden_class("hidden md:block"));
        assert!(!hidden_class("hide hide@medium"));
        assert!(!hidden_class("d-none d-lg-flex"));
        assert!(!hidden_class("hidden-xs col-md-4"));
        assert!(!hidden_class("hidden visible-lg"));
        assert!(!hidden_class("text-hidden"));
    }

    #[test]
    fn wayfinding_is_only_wayfinding_words() {
        assert!(hints(Some("page-nav__section"), None).wayfinding);
        assert!(hints(Some("skip-item"), Some("toc")).wayfinding);
        assert!(!hints(Some("nav-related"), None).wayfinding);
        assert!(!hints(Some("menu"), Some("footer")).wayfinding);
        assert!(!hints(Some("entry-content"), None).wayfinding);
    }

    #[test]
    fn print_names_the_printable_article_only_beside_content_words() {
        // The printable region: not chrome.
        assert!(!hints(None, Some("printReady")).strong_negative);
        assert!(!hints(None, Some("mainContentPrint")).strong_negative);
        assert!(hints(None, Some("mainContentPrint")).positive);
        // Left off paper, print-only furniture, a print button: chrome.
        for name in [
            "hidden-print",
            "d-print-none",
            "content-no-print",
            "print-footer",
            "print",
        ] {
            assert!(hints(Some(name), None).strong_negative, "{name}");
        }
    }
}
