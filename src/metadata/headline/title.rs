//! The headline: the article's own title, without the site name that
//! `<title>` and og:title carry ("Headline | Site", "Site - Headline"),
//! agreeing with the visible h1 where one agrees with the metadata.

use crate::metadata::lexicon::headline::*;
use crate::metadata::lexicon::titles::{
    ATTACHED_SEPARATOR_CHARS, BAR_SEPARATORS, CLOSING_MARKS, OPENING_MARKS, SEPARATORS,
    SITE_ENDINGS, SUBTITLE_SEPARATORS, TIGHT_SEPARATOR_CHARS, TITLE_SEPARATOR_CHARS,
};

/// Short texts the page shows outside its chrome, read on demand.
pub type Shown<'a> = &'a dyn Fn() -> Vec<&'a str>;

/// What the page offers as its title.
#[derive(Default)]
pub struct Inputs<'a> {
    /// `<title>`.
    pub title: Option<&'a str>,
    /// og:title.
    pub og: Option<&'a str>,
    /// twitter:title.
    pub twitter: Option<&'a str>,
    /// JSON-LD headline of an article-like object.
    pub ld: Option<&'a str>,
    /// itemprop=headline, dc.title and the like.
    pub other: Vec<&'a str>,
    /// Visible h1 texts (first few, outside page chrome), in order.
    pub h1s: Vec<&'a str>,
    /// Visible h2 and h3 texts outside page chrome.
    pub h2s: Vec<&'a str>,
    /// Short texts the page shows, when asked for.
    pub shown: Option<Shown<'a>>,
    /// Names the site goes by (og:site_name, publisher, host labels…).
    pub sites: Vec<String>,
    /// The page is a site's home page: its title is the site's own, kept whole.
    pub home: bool,
}

/// Key for comparisons: lower-case letters and digits only.
pub fn key(s: &str) -> String {
    if s.is_ascii() {
        return s
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Split a title at its separators; returns the segments' byte ranges.
fn segments(t: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let bytes = t.len();
    while i < bytes {
        let rest = t.get(i..).unwrap_or("");
        // Every separator starts with a space, '|' or '｜' (0xEF…).
        let may_start = matches!(rest.as_bytes().first(), Some(b' ' | b'|' | 0xEF));
        if let Some(sep) = SEPARATORS
            .iter()
            .filter(|_| may_start)
            .find(|s| rest.starts_with(**s))
        {
            if i > start {
                out.push((start, i));
            }
            i += sep.len();
            start = i;
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    if start < bytes {
        out.push((start, bytes));
    }
    out.retain(|(a, b)| t.get(*a..*b).is_some_and(|s| !s.trim().is_empty()));
    out
}

/// The first segment of a name or title ("Brand - Company GmbH" → "Brand").
pub fn first_part(t: &str) -> &str {
    segments(t)
        .first()
        .and_then(|&(a, b)| t.get(a..b))
        .map_or(t, str::trim)
}

/// The last segment of a title ("Section | Site" → "Site").
pub fn last_segment(t: &str) -> &str {
    segments(t)
        .last()
        .and_then(|&(a, b)| t.get(a..b))
        .unwrap_or(t)
}

/// Whether a title segment names the site: the name itself, the name with
/// its domain ending ("TheDaily.com"), or the start of a longer name.
fn is_site(seg: &str, sites: &[String]) -> bool {
    let k = key(seg);
    if k.is_empty() {
        return false;
    }
    sites.iter().any(|s| {
        let sk = key(s);
        if sk.is_empty() {
            return false;
        }
        if sk == k || (k.chars().count() >= SITE_PREFIX_CHARS && sk.starts_with(&k)) {
            return true;
        }
        k.strip_prefix(sk.as_str())
            .is_some_and(|rest| SITE_ENDINGS.contains(&rest))
    })
}

/// Remove leading and trailing segments that name the site.
pub fn strip_site<'a>(t: &'a str, sites: &[String]) -> &'a str {
    let mut t = strip_site_ends(strip_attached_site(t, sites), sites, true);
    // "example.com Headline": a domain name before the headline.
    for site in sites
        .iter()
        .filter(|s| s.contains('.') && s.len() >= SITE_PREFIX_CHARS)
    {
        if let Some(head) = t.get(..site.len()) {
            if head.eq_ignore_ascii_case(site) {
                let rest = t.get(site.len()..).unwrap_or("");
                if rest.starts_with(' ') && rest.trim().chars().count() >= MIN_HEADLINE_CHARS {
                    t = rest.trim();
                    break;
                }
            }
        }
    }
    // "Site: Headline".
    if let Some((head, rest)) = t.split_once(": ") {
        if is_site(head, sites) && rest.chars().count() >= MIN_HEADLINE_CHARS {
            return rest.trim();
        }
    }
    t
}

/// "Headline-Section|Site" with no spaces: the site's name attached to the
/// last word by separators is cut, and the parts between with it. Only a
/// known name is cut (a hyphen inside a word is the word's own).
fn strip_attached_site<'a>(t: &'a str, sites: &[String]) -> &'a str {
    let t = t.trim_end();
    let last = t.rsplit(char::is_whitespace).next().unwrap_or(t);
    let parts: Vec<&str> = last.split(ATTACHED_SEPARATOR_CHARS).collect();
    let site_last = parts.last().is_some_and(|p| is_site(p, sites));
    let first = parts.first().copied().unwrap_or("");
    if parts.len() >= 2 && site_last && !first.is_empty() {
        let keep = t.len() - last.len() + first.len();
        if let Some(head) = t.get(..keep) {
            if head.chars().count() >= MIN_HEADLINE_CHARS {
                return head;
            }
        }
    }
    t
}

/// Remove trailing (and, when `leading`, leading) segments naming the site.
fn strip_site_ends<'a>(t: &'a str, sites: &[String], leading: bool) -> &'a str {
    let segs = segments(t);
    if segs.len() < 2 {
        return t.trim();
    }
    let seg = |i: usize| segs.get(i).and_then(|&(a, b)| t.get(a..b)).unwrap_or("");
    let mut lo = 0;
    let mut hi = segs.len();
    while hi - lo > 1 && is_site(seg(hi - 1), sites) {
        hi -= 1;
    }
    while leading && hi - lo > 1 && is_site(seg(lo), sites) {
        lo += 1;
    }
    match (segs.get(lo), segs.get(hi.wrapping_sub(1))) {
        (Some(&(start, _)), Some(&(_, end))) => t.get(start..end).unwrap_or(t).trim(),
        _ => t.trim(),
    }
}

/// The first segment, when the title still has several and the first is
/// substantial ("Headline | Subtitle | Site" → "Headline").
fn first_segment(t: &str) -> &str {
    let segs = segments(t);
    if segs.len() < 2 {
        return t.trim();
    }
    let first = segs
        .first()
        .and_then(|&(a, b)| t.get(a..b))
        .unwrap_or(t)
        .trim();
    // A lone short word ("About", "HRMS") is a label or an acronym the
    // rest of the title spells out, not the page's title.
    let min = if first.contains(' ') {
        SEGMENT_MIN_PHRASE
    } else {
        SEGMENT_MIN_WORD
    };
    if first.chars().count() >= min {
        first
    } else {
        t.trim()
    }
}

/// Marks that documentation generators append to headings ("¶", "#").
fn strip_anchor_marks(s: &str) -> &str {
    s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '¶' | '#' | '🔗' | '§'))
}

/// The title, without its site name, and its first segment (also when
/// segments are cut by colons: "Site: Section: Headline").
fn title_keys(t: &str, sites: &[String], out: &mut Vec<String>) {
    out.push(key(t));
    let stripped = strip_site(t, sites);
    out.push(key(stripped));
    let first = |s: &str| -> Option<String> {
        let (a, b) = *segments(s).first()?;
        s.get(a..b).map(key)
    };
    out.extend(first(stripped));
    // Colon chains: every part counts once the site prefix is gone.
    let parts: Vec<&str> = stripped
        .split(": ")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() >= 2 {
        for p in parts.iter().filter(|p| !is_site(p, sites)) {
            out.push(key(p));
        }
    }
    // Consecutive pairs of segments ("Headline - Subtitle | Site").
    let segs = segments(t);
    if segs.len() >= 3 {
        if let (Some((a, _)), Some((_, b))) = (segs.first(), segs.get(1)) {
            if let Some(seg) = t.get(*a..*b) {
                out.push(key(seg));
            }
        }
    }
}

/// "Headline – Subtitle" → "Headline": the part before the first dash or
/// bar, when that part is substantial on its own.
fn headline_part(t: &str) -> &str {
    let t = cut_at(t, BAR_SEPARATORS);
    cut_at(t, SUBTITLE_SEPARATORS)
}

/// The part of `t` before the first of `seps`, when it is substantial on
/// its own.
fn cut_at<'t>(t: &'t str, seps: &[&str]) -> &'t str {
    let cut = seps.iter().filter_map(|sep| t.find(sep)).min();
    match cut.and_then(|i| t.get(..i)) {
        Some(head) => {
            let head = head.trim();
            let min = if head.contains(' ') {
                SEGMENT_MIN_PHRASE
            } else {
                SEGMENT_MIN_WORD
            };
            if head.chars().count() >= min { head } else { t }
        }
        None => t,
    }
}

/// The words of a text, lower-case, with their byte ranges.
fn words(t: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if let Some(w) = t.get(s..i) {
                    out.push((s, i, w.to_lowercase()));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether the text between two words of a title separates parts of it:
/// a separator with a space beside it ("Site - Headline", "Site » Headline"),
/// or a bar or underscore on its own ("Headline_Site"); not a hyphen
/// inside a word, nor a comma, a question mark or a bracket, which are the
/// headline's own. A colon separates only what precedes the part kept
/// ("Section: Headline"): after a headline it opens its subtitle.
fn separates(gap: &str, colon: bool) -> bool {
    let space = gap.chars().any(char::is_whitespace);
    gap.chars().any(|c| {
        (TITLE_SEPARATOR_CHARS.contains(&c) && space)
            || TIGHT_SEPARATOR_CHARS.contains(&c)
            || (colon && c == ':')
    })
}

/// The words of a title before its `i`-th word, in the parts its
/// separators cut: each part is short when they name a site or a section.
fn short_parts(title: &str, upto: usize) -> bool {
    title.get(..upto).is_some_and(|head| {
        head.split(|c: char| TITLE_SEPARATOR_CHARS.contains(&c) || c == ':')
            .all(|part| words(part).len() <= LEADING_PART_WORDS)
    })
}

/// The title's own spelling of what a candidate says, when it differs
/// only in spacing and punctuation ("Integration: Job" for "Integration
/// Job"); else the candidate's.
fn spelled_as_title(candidate: &str, span: &str) -> String {
    let alnum = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    if alnum(candidate) == alnum(span) {
        crate::text::collapse(span)
    } else {
        crate::text::collapse(candidate)
    }
}

/// The longest of `candidates` that the title holds as a run of words cut
/// at separators, when the title holds more (the rest being a site or
/// section name).
fn held_by_title<'c>(
    title: &str,
    candidates: impl Iterator<Item = &'c str>,
    sites: &[String],
) -> Option<String> {
    let tw = words(title);
    if tw.len() < 2 {
        return None;
    }
    let gap = |a: usize, b: usize| -> &str {
        match (tw.get(a), tw.get(b)) {
            (Some(x), Some(y)) => title.get(x.1..y.0).unwrap_or(""),
            _ => "",
        }
    };
    // The title's text from word `i` to word `j`, with the quotes and
    // closing marks that belong to it.
    let span = |i: usize, j: usize| -> &str {
        let (Some(a), Some(b)) = (tw.get(i), tw.get(j - 1)) else {
            return "";
        };
        let head = title.get(..a.0).unwrap_or("");
        let start = a.0 - head.len() + head.trim_end_matches(OPENING_MARKS).len();
        let tail = title.get(b.1..).unwrap_or("");
        let end = b.1 + (tail.len() - tail.trim_start_matches(CLOSING_MARKS).len());
        title.get(start..end).unwrap_or("")
    };
    let mut best: Option<(usize, String)> = None;
    for c in candidates {
        let chars = c.chars().count();
        if chars < SHOWN_MIN_CHARS || best.as_ref().is_some_and(|(n, _)| *n >= chars) {
            continue;
        }
        // Cheap rejection: the first word must be in the title.
        let Some(first) = c
            .split(|ch: char| !ch.is_alphanumeric())
            .find(|w| !w.is_empty())
        else {
            continue;
        };
        let first = first.to_lowercase();
        if !tw.iter().any(|(_, _, w)| *w == first) {
            continue;
        }
        let cw = words(c);
        let n = cw.len();
        if n == 0 || n >= tw.len() {
            continue;
        }
        let held = (0..=tw.len() - n).find(|&i| {
            let j = i + n;
            tw.get(i..j)
                .is_some_and(|run| run.iter().zip(&cw).all(|(a, b)| a.2 == b.2))
                && (i == 0
                    || (separates(gap(i - 1, i), true)
                        && tw.get(i).is_some_and(|w| short_parts(title, w.0))))
                && (j == tw.len() || separates(gap(j - 1, j), false))
        });
        if let Some(i) = held {
            if !is_site(c, sites) {
                best = Some((chars, spelled_as_title(c, span(i, i + n))));
            }
        }
    }
    best.map(|(_, c)| c)
}

/// Pick the headline.
pub fn choose(inp: &Inputs<'_>) -> Option<String> {
    let chosen = choose_from_sources(inp)?;
    if inp.home {
        return Some(chosen);
    }
    // "Headline (Site)", "Headline, December 2025", "Headline by Author":
    // a visible h1 that is the chosen title minus a trailing qualifier is
    // the headline itself.
    let lower = chosen.to_lowercase();
    for h in inp.h1s.iter().take(H1S_READ) {
        let h = crate::text::collapse(strip_anchor_marks(h));
        let hl = h.to_lowercase();
        if hl.chars().count() < QUALIFIED_H1_CHARS || hl.len() >= lower.len() {
            continue;
        }
        let Some(rest) = lower.strip_prefix(hl.as_str()) else {
            continue;
        };
        let rest = rest.trim_start();
        // WordPress titles its archive pages "Category Archives".
        if rest.starts_with([',', '(', '[', '+']) || rest.starts_with("by ") || rest == "archives" {
            return Some(h);
        }
    }
    Some(agreed_social_title(inp).map_or(chosen.clone(), |social| {
        edge_of(social, &chosen).unwrap_or(chosen)
    }))
}

/// The publisher's social title (og:title, else the JSON-LD headline) when
/// a second field repeats it (twitter:title or the JSON-LD headline), it is
/// not a copy of `<title>` and not cut off ("…").
fn agreed_social_title<'a>(inp: &Inputs<'a>) -> Option<&'a str> {
    let og = inp.og.or(inp.ld)?;
    let k = key(og);
    let repeated = [inp.twitter, inp.ld]
        .into_iter()
        .flatten()
        .any(|other| !std::ptr::eq(other, og) && key(other) == k);
    let copy = inp.title.is_some_and(|t| key(t) == k);
    let cut = og.trim_end().ends_with("...") || og.trim_end().ends_with('…');
    (repeated && !copy && !cut && !k.is_empty()).then_some(og)
}

/// The social title, when it and the chosen headline differ only at one
/// edge: a kicker before a colon ("Kicker: Headline" for "Headline"), or
/// words the visible headline adds at its end (a deck, the brand).
fn edge_of(social: &str, chosen: &str) -> Option<String> {
    let sw: Vec<String> = words(social).into_iter().map(|w| w.2).collect();
    let cw: Vec<String> = words(chosen).into_iter().map(|w| w.2).collect();
    if sw.len() < MIN_SOCIAL_WORDS || sw == cw {
        return None;
    }
    // "Headline and its deck" for the social "Headline".
    if sw.len() < cw.len() && cw.starts_with(&sw) {
        return Some(crate::text::collapse(social));
    }
    // "Kicker: Headline …" for the visible "Headline".
    let (kicker, rest) = social.split_once(": ")?;
    let rw: Vec<String> = words(rest).into_iter().map(|w| w.2).collect();
    (words(kicker).len() <= KICKER_WORDS && !cw.is_empty() && rw.starts_with(&cw))
        .then(|| crate::text::collapse(social))
}

fn choose_from_sources(inp: &Inputs<'_>) -> Option<String> {
    let h1s: Vec<&str> = inp
        .h1s
        .iter()
        .map(|h| strip_anchor_marks(h))
        .filter(|h| !h.is_empty() && !is_site(h, &inp.sites))
        .collect();
    let metas: Vec<&str> = [inp.title, inp.og, inp.ld, inp.twitter]
        .into_iter()
        .flatten()
        .chain(inp.other.iter().copied())
        .filter(|s| !s.trim().is_empty())
        .collect();
    // 1. A visible h1 that agrees with the metadata: whole, without the
    //    site name, or one of the title's segments.
    let mut keys: Vec<String> = Vec::new();
    for m in &metas {
        title_keys(m, &inp.sites, &mut keys);
    }
    keys.retain(|k| k.chars().count() >= MIN_HEADLINE_CHARS && k.chars().any(char::is_alphabetic));
    // An h1 is cut at a dash ("Headline – Subtitle") only when another
    // source names the cut form: the JSON-LD headline, og:title or
    // twitter:title when not copies of `<title>`, another h1. `<title>`
    // itself is no witness: its dashes are what is in doubt.
    let title_key = inp.title.map(key);
    let support: Vec<String> = [inp.og, inp.ld, inp.twitter]
        .into_iter()
        .flatten()
        .chain(inp.other.iter().copied())
        .filter(|m| title_key.as_ref() != Some(&key(m)))
        .flat_map(|m| [key(m), key(strip_site(m, &inp.sites))])
        .collect();
    let whole: Vec<String> = [inp.og, inp.ld].into_iter().flatten().map(key).collect();
    for h in h1s.iter().take(H1S_READ) {
        let k = key(h);
        if keys.contains(&k) {
            // What follows a bar is a section or the site's name, never
            // the headline's own words.
            // The article's own structured headline, when the h1 repeats
            // it whole, is the headline as the publisher wrote it, bars
            // and all.
            let h = if inp.home || whole.contains(&k) {
                h
            } else {
                cut_at(h, BAR_SEPARATORS)
            };
            let cut = cut_at(h, SUBTITLE_SEPARATORS);
            let cut_key = key(cut);
            let supported = cut_key != key(h)
                && (support.contains(&cut_key) || h1s.iter().any(|other| key(other) == cut_key));
            let mut h = if !inp.home && supported { cut } else { h };
            if !inp.home {
                // The h1 may carry the site name too ("Headline – Site").
                let s = strip_site_ends(h, &inp.sites, false);
                if s.chars().count() >= MIN_HEADLINE_CHARS {
                    h = s;
                }
            }
            // Element boundaries inside a word ("C<span>ycle") read as
            // spaces; metadata spelling the same characters knows better.
            let bare = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            let hb = bare(h);
            let spelled = metas
                .iter()
                .map(|m| strip_site(m, &inp.sites))
                .find(|m| *m != h && bare(m) == hb);
            return Some(crate::text::collapse(spelled.unwrap_or(h)));
        }
    }
    if inp.home {
        // A home page's title is the site's own: keep a leading brand.
        if let Some(t) = inp
            .title
            .map(|t| crate::text::collapse(strip_site_ends(t, &inp.sites, false)))
        {
            if !t.is_empty() {
                return Some(t);
            }
        }
    }
    // 2. Text the page shows that the title holds between separators:
    //    "Site - Headline", "Section > Story > Headline",
    //    "Headline_English_Site", with the site's name unknown.
    if !inp.home {
        if let Some(t) = inp.title {
            let shown = inp.shown.map(|f| f()).unwrap_or_default();
            let candidates = h1s
                .iter()
                .chain(&inp.h2s)
                .copied()
                .chain(shown.iter().copied());
            // A metadata title that is one part of `<title>` names the
            // part; else what the page shows does.
            // (One that has separators of its own names no part.)
            let named = [inp.og, inp.ld, inp.twitter]
                .into_iter()
                .flatten()
                .chain(inp.other.iter().copied())
                .filter(|m| segments(m).len() == 1);
            if let Some(h) = held_by_title(t, named, &inp.sites)
                .or_else(|| held_by_title(t, candidates, &inp.sites))
            {
                return Some(h);
            }
        }
    }
    let clean = |s: &str, first: bool| -> Option<String> {
        let stripped = strip_site(s, &inp.sites);
        if is_site(stripped, &inp.sites) && segments(s).len() < 2 {
            // The title is only the site's name.
            return None;
        }
        let t = if first {
            first_segment(stripped)
        } else {
            stripped
        };
        let t = crate::text::collapse(t);
        (!t.is_empty()).then_some(t)
    };
    // 3. <title> without the site name and secondary segments; an h1 it
    //    is a truncated start of wins.
    if let Some(t) = inp.title.and_then(|t| clean(t, true)) {
        let tk = key(&t);
        if tk.chars().count() >= TRUNCATED_TITLE_CHARS {
            if let Some(h) = h1s.iter().find(|h| key(h).starts_with(&tk)) {
                return Some(crate::text::collapse(h));
            }
        }
        return Some(t);
    }
    // 4. Other metadata.
    if let Some(ld) = inp.ld.and_then(|s| clean(s, false)) {
        return Some(headline_part(&ld).to_string());
    }
    for s in [inp.og, inp.twitter]
        .into_iter()
        .flatten()
        .chain(inp.other.iter().copied())
    {
        if let Some(p) = clean(s, true) {
            return Some(p);
        }
    }
    // 5. The first h1, else the title as it is.
    h1s.first()
        .map(|h| crate::text::collapse(h))
        .filter(|s| !s.is_empty())
        .or_else(|| {
            inp.title
                .map(crate::text::collapse)
                .filter(|s| !s.is_empty())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sites(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn site_suffix_and_prefix() {
        let s = sites(&["The Daily", "thedaily.com", "thedaily"]);
        assert_eq!(strip_site("Big news | The Daily", &s), "Big news");
        assert_eq!(strip_site("The Daily - Big news", &s), "Big news");
        assert_eq!(strip_site("Big news – The Daily", &s), "Big news");
        assert_eq!(strip_site("Big news – TheDaily.com", &s), "Big news");
        assert_eq!(strip_site("Spider-Man returns", &s), "Spider-Man returns");
    }

    #[test]
    fn h1_agreement() {
        let inp = Inputs {
            title: Some("Big news today | Section | The Daily"),
            og: Some("Big news today"),
            h1s: vec!["Menu", "Big news today"],
            sites: sites(&["The Daily"]),
            ..Inputs::default()
        };
        assert_eq!(choose(&inp).as_deref(), Some("Big news today"));
        let inp = Inputs {
            title: Some("Big news today | Section | The Daily"),
            sites: sites(&["The Daily"]),
            ..Inputs::default()
        };
        assert_eq!(choose(&inp).as_deref(), Some("Big news today"));
    }
}

#[cfg(test)]
mod debug_tests {
    use super::*;

    #[test]
    fn slash_titles_stay_whole() {
        let inp = Inputs {
            title: Some("Tech conferences in Americas 2026 / 2027"),
            og: Some("Tech conferences in Americas 2026 / 2027"),
            h1s: vec!["Tech conferences in Americas 2026 / 2027"],
            sites: vec!["dev.events".into(), "dev".into()],
            ..Inputs::default()
        };
        assert_eq!(
            choose(&inp).as_deref(),
            Some("Tech conferences in Americas 2026 / 2027")
        );
    }
}
