//! The headline: the article's own title, without the site name that
//! `<title>` and og:title carry ("Headline | Site", "Site - Headline"),
//! agreeing with the visible h1 where one agrees with the metadata.

/// What the page offers as its title.
#[derive(Debug, Default)]
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
    /// Names the site goes by (og:site_name, publisher, host labels…).
    pub sites: Vec<String>,
}

const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " • ", " · ", " :: ", " » ", " « ", " / ", " ~ ", " › ", " ‹ ", "｜", " ｜ ",
    " -- ", "|", " ― ", " : ",
];

/// Key for comparisons: lower-case letters and digits only.
pub fn key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Split a title at its separators; returns the segments' byte ranges.
fn segments(t: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let bytes = t.len();
    while i < bytes {
        let rest = t.get(i..).unwrap_or("");
        if let Some(sep) = SEPARATORS.iter().find(|s| rest.starts_with(**s)) {
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

fn is_site(seg: &str, sites: &[String]) -> bool {
    let k = key(seg);
    if k.is_empty() {
        return false;
    }
    sites.iter().any(|s| {
        let sk = key(s);
        !sk.is_empty()
            && (sk == k
                || (k.len() >= 4 && sk.starts_with(&k))
                || (sk.len() >= 4 && k.starts_with(&sk) && seg.split_whitespace().count() <= 5)
                || (sk.len() >= 5 && k.contains(&sk) && seg.split_whitespace().count() <= 3))
    })
}

/// Remove leading and trailing segments that name the site.
pub fn strip_site<'a>(t: &'a str, sites: &[String]) -> &'a str {
    let segs = segments(t);
    if segs.len() < 2 {
        return t.trim();
    }
    let mut lo = 0;
    let mut hi = segs.len();
    while hi - lo > 1 {
        let (a, b) = segs[hi - 1];
        if is_site(t.get(a..b).unwrap_or(""), sites) {
            hi -= 1;
        } else {
            break;
        }
    }
    while hi - lo > 1 {
        let (a, b) = segs[lo];
        if is_site(t.get(a..b).unwrap_or(""), sites) {
            lo += 1;
        } else {
            break;
        }
    }
    let (start, _) = segs[lo];
    let (_, end) = segs[hi - 1];
    t.get(start..end).unwrap_or(t).trim()
}

/// The first segment, when the title still has several and the first is
/// substantial ("Headline | Subtitle | Site" → "Headline").
fn first_segment(t: &str) -> &str {
    let segs = segments(t);
    if segs.len() < 2 {
        return t.trim();
    }
    let (a, b) = segs[0];
    let first = t.get(a..b).unwrap_or(t).trim();
    if first.split_whitespace().count() >= 2 && first.chars().count() >= 10 {
        first
    } else {
        t.trim()
    }
}

/// Pick the headline.
pub fn choose(inp: &Inputs<'_>) -> Option<String> {
    let metas: Vec<&str> = [inp.ld, inp.og, inp.title, inp.twitter]
        .into_iter()
        .flatten()
        .chain(inp.other.iter().copied())
        .filter(|s| !s.trim().is_empty())
        .collect();
    // 1. A visible h1 that agrees with the metadata (whole, without the
    //    site name, or as the title's first segment).
    let mut keys: Vec<String> = Vec::new();
    for m in &metas {
        let stripped = strip_site(m, &inp.sites);
        keys.push(key(m));
        keys.push(key(stripped));
        keys.push(key(first_segment(stripped)));
    }
    for h in inp.h1s.iter().take(4) {
        let k = key(h);
        if k.len() >= 2 && keys.contains(&k) {
            return Some(crate::text::collapse(h));
        }
    }
    // 2. Metadata: JSON-LD headline as given (minus a site name); og:title
    //    and <title> without the site name and secondary segments.
    let pick = |s: &str, first: bool| -> String {
        let stripped = strip_site(s, &inp.sites);
        let t = if first { first_segment(stripped) } else { stripped };
        crate::text::collapse(t)
    };
    // Agreement between og:title and <title> after cleaning wins over a
    // JSON-LD headline that disagrees with both only if they agree.
    if let Some(ld) = inp.ld.filter(|s| !s.trim().is_empty()) {
        return Some(pick(ld, false));
    }
    for s in [inp.og, inp.twitter, inp.title].into_iter().flatten().chain(inp.other.iter().copied()) {
        if !s.trim().is_empty() {
            let p = pick(s, true);
            if !p.is_empty() {
                return Some(p);
            }
        }
    }
    // 3. The first h1.
    inp.h1s.first().map(|h| crate::text::collapse(h)).filter(|s| !s.is_empty())
}

/// Site-name candidates from a host: "www.pcworld.co.uk" → "pcworld",
/// "pcworld.co.uk".
pub fn host_names(host: &str) -> Vec<String> {
    let h = host.trim_start_matches("www.").trim_start_matches("m.");
    let mut out = vec![h.to_string()];
    let labels: Vec<&str> = h.split('.').collect();
    // The registrable label: the longest label that is not a public suffix part.
    if let Some(best) = labels
        .iter()
        .take(labels.len().saturating_sub(1))
        .filter(|l| !matches!(**l, "co" | "com" | "org" | "net" | "gov" | "ac" | "edu" | "blog" | "news"))
        .max_by_key(|l| l.len())
    {
        out.push((*best).to_string());
    }
    out
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
