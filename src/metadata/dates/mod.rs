//! Publication and modification dates: candidates from JSON-LD, meta tags,
//! microdata, visible date elements, datelines near the headline, the
//! byline and the URL, each typed by its source ([`DateSource`]), then
//! reconciled by how well each day is supported ([`pick`]).

mod labels;
mod parse;
mod pick;

use chrono::NaiveDate;
use url::Url;

use crate::dom::{Data, Dom};

use super::evidence::{DateEvidence, DateSource, MetaName, Standing};
use super::gather::{COMMENT, Gathered, HIDDEN, TEASER};
use super::jsonld::LdInfo;
use super::lexicon::dates as limits;
use super::lexicon::keys::{
    MODIFIED_KEYS, MODIFIED_PROPS, PUBLISHED_KEYS, PUBLISHED_PROPS, SITE_DATE_ENDINGS,
    SITE_MODIFIED_PARTS, SITE_NOT_DATE_PARTS, SITE_OTHER_PARTS, SITE_PUBLISHED_PARTS,
    STANDARD_PUBLISHED_KEYS,
};
use super::lexicon::labels::NOT_PUBLICATION_WORDS;
pub(crate) use labels::Hint;
use labels::{classify_in_text, label_before};
pub(crate) use parse::*;

/// The publication and modification dates, as ISO 8601.
pub(super) struct Dates {
    pub published: Option<String>,
    pub modified: Option<String>,
}

/// What the date chooser reads.
#[derive(Clone, Copy)]
pub(super) struct Inputs<'d, 'a> {
    pub dom: &'d Dom<'a>,
    pub g: &'d Gathered<'a>,
    pub ld: &'d LdInfo,
    /// Where the headline sits.
    pub anchor: Option<usize>,
    /// Text bylines ([`super::authors::text_bylines`]).
    pub bylines: &'d [(usize, String)],
    pub page_url: Option<&'d Url>,
    /// Day/month order of the page's language.
    pub order: Order,
    /// Dates after the day after this are rejected.
    pub today: NaiveDate,
}

/// A date shown in a date or byline element.
#[derive(Debug, Clone, Copy)]
struct Shown {
    /// Nodes from the headline (those before it count threefold).
    dist: usize,
    stamp: Stamp,
    /// Machine-readable or labelled as the publication.
    strong: bool,
    /// Labelled as the publication.
    labelled: bool,
}

/// A date in a text node near the headline.
#[derive(Debug, Clone, Copy)]
struct Dateline {
    dist: usize,
    stamp: Stamp,
    /// The text is short: mostly the date, not a sentence mentioning one.
    short: bool,
    /// Labelled as the publication.
    labelled: bool,
}

/// Choose the publication and modification dates.
pub(super) fn choose(inp: &Inputs<'_, '_>) -> Dates {
    let (mut pubs, mut mods) = machine_dates(inp);
    let (mut shown_pub, mut shown_mod) = shown_dates(inp);
    // `<time datetime>` elements: their text is read through the attribute.
    let machine_elems: Vec<(usize, Stamp)> = inp
        .g
        .date_elems
        .iter()
        .filter_map(|v| {
            let st = v.machine.as_deref().and_then(parse_machine)?;
            Some((v.index, st))
        })
        .collect();
    let (text_pub, text_mod) = datelines(inp, &machine_elems);
    // An unlabelled date that a nearby "Updated" label names is that
    // update stamp seen through a smaller element: the same day, and the
    // same minute when both give a time (a story published at 12:43 and
    // updated at 12:56 keeps its 12:43).
    let updates: Vec<Stamp> = shown_mod
        .iter()
        .map(|(_, s)| *s)
        .chain(text_mod.map(|(_, s)| s))
        .collect();
    let is_update = |s: &Stamp| updates.iter().any(|u| u.same_shown_time(*s));
    shown_pub.retain(|v| v.labelled || !is_update(&v.stamp));
    if let Some(t) = text_pub.filter(|t| t.labelled || !is_update(&t.stamp)) {
        let standing = if t.short && t.dist <= limits::AT_HEADLINE {
            Standing::AtHeadline
        } else if t.labelled {
            // "Published on …" is a dateline wherever it sits.
            Standing::Labelled
        } else {
            Standing::Plain
        };
        pubs.push(DateEvidence {
            stamp: t.stamp,
            source: DateSource::Dateline(standing),
        });
    }
    // A dateline beside the byline, wherever the byline sits.
    if pubs.is_empty() {
        if let Some(stamp) = byline_date(inp) {
            pubs.push(DateEvidence {
                stamp,
                source: DateSource::Byline,
            });
        }
    }
    shown_pub.sort_by_key(|v| v.dist);
    shown_mod.sort_by_key(|(d, _)| *d);
    let standing = |v: &Shown| {
        if v.dist <= limits::AT_HEADLINE {
            Standing::AtHeadline
        } else if v.strong {
            Standing::Labelled
        } else {
            Standing::Plain
        }
    };
    if let Some(first) = shown_pub.first() {
        // A dateline right under the headline is what the reader is told:
        // it outweighs the machine dates (one witness), not the machine
        // dates and the URL agreeing.
        pubs.push(DateEvidence {
            stamp: first.stamp,
            source: DateSource::Element(standing(first)),
        });
        // When the nearest date is another day than the machine dates (not
        // the same instant in another time zone), the machine date shown
        // elsewhere on the page as the publication ("Published on …") is
        // that date's second witness.
        // Machine stamps in UTC are read on the page's own clock when the
        // page states its offset anywhere; else a day either side may be
        // the same instant.
        let offset = page_offset(&pubs, &mods, &machine_elems);
        let day = |s: &Stamp| s.local_day(offset);
        let machine_days: Vec<_> = pubs
            .iter()
            .filter(|c| c.source.standard_markup())
            .filter_map(|c| day(&c.stamp))
            .collect();
        let slack = if offset.is_some() { 0 } else { 1 };
        let apart = day(&first.stamp).is_some_and(|d0| {
            machine_days
                .iter()
                .all(|m| (*m - d0).num_days().abs() > slack)
        });
        if let Some(second) = shown_pub
            .iter()
            .find(|v| apart && v.strong && day(&v.stamp).is_some_and(|d| machine_days.contains(&d)))
        {
            pubs.push(DateEvidence {
                stamp: second.stamp,
                source: DateSource::Element(standing(second)),
            });
        }
    }
    if let Some((_, stamp)) = shown_mod.first() {
        mods.push(DateEvidence {
            stamp: *stamp,
            source: DateSource::Element(Standing::Plain),
        });
    } else if let Some((_, stamp)) = text_mod.filter(|(d, _)| *d <= limits::UPDATE_TEXT_REACH) {
        mods.push(DateEvidence {
            stamp,
            source: DateSource::Dateline(Standing::Plain),
        });
    }
    if let Some(stamp) = inp
        .page_url
        .and_then(|u| from_url_path(u.path()))
        .filter(|s| s.plausible(inp.today))
    {
        pubs.push(DateEvidence {
            stamp,
            source: DateSource::Url,
        });
    }
    pick::read_ambiguous_as_machine(&mut pubs, &mods, &machine_elems);
    pick::set_aside_unlabelled_updates(&mut pubs, &mut mods);
    // With no publication date anywhere, the visible "Updated" stamp is the
    // date the page gives for its current text (what citation styles use).
    // A date merely mentioned in a sentence near the headline comes last.
    let firm: Vec<DateEvidence> = pubs
        .iter()
        .filter(|c| !c.source.mention())
        .copied()
        .collect();
    let published = pick::best(&firm)
        .or_else(|| {
            let shown: Vec<DateEvidence> = mods
                .iter()
                .filter(|c| c.source.group() == super::evidence::Group::Visible)
                .copied()
                .collect();
            pick::best(&shown)
        })
        .or_else(|| pick::best(&pubs));
    let mut modified = pick::best(&mods);
    if let (Some(p), Some(m)) = (published, modified) {
        if m.day_key() < p.day_key() {
            modified = None;
        }
    }
    Dates {
        published: published.map(|s| s.to_iso()),
        modified: modified.map(|s| s.to_iso()),
    }
}

/// The page's own UTC offset, as a stamp on it states it (a `<time
/// datetime>` with "+02:00"); UTC itself says nothing about the page.
fn page_offset(
    pubs: &[DateEvidence],
    mods: &[DateEvidence],
    machine_elems: &[(usize, Stamp)],
) -> Option<i32> {
    machine_elems
        .iter()
        .map(|(_, s)| *s)
        .chain(pubs.iter().chain(mods).map(|c| c.stamp))
        .find_map(|s| s.offset.filter(|o| *o != 0))
}

/// The dates written for machines: JSON-LD, meta tags, microdata
/// (publication candidates, modification candidates).
fn machine_dates(inp: &Inputs<'_, '_>) -> (Vec<DateEvidence>, Vec<DateEvidence>) {
    let (g, ld) = (inp.g, inp.ld);
    let mut pubs: Vec<DateEvidence> = Vec::new();
    let mut mods: Vec<DateEvidence> = Vec::new();
    let push = |list: &mut Vec<DateEvidence>, value: Option<&str>, source: DateSource| {
        if let Some(stamp) = value
            .and_then(parse_machine)
            .filter(|s| s.plausible(inp.today))
        {
            list.push(DateEvidence { stamp, source });
        }
    };
    push(&mut pubs, ld.published.as_deref(), DateSource::JsonLd);
    push(&mut mods, ld.modified.as_deref(), DateSource::JsonLd);
    for (n, key) in PUBLISHED_KEYS.iter().enumerate() {
        if let Some(v) = g.meta(&[key]) {
            let name = if n < STANDARD_PUBLISHED_KEYS {
                MetaName::Standard
            } else {
                MetaName::Vendor
            };
            push(&mut pubs, Some(v), DateSource::Meta(name));
            break;
        }
    }
    // Meta names of the site's own making ("w-published-date", "published").
    for (k, v) in &g.metas {
        if PUBLISHED_KEYS.contains(&k.as_str()) {
            // Read above: the same value is not a second witness.
            continue;
        }
        let holds = |parts: &[&str]| parts.iter().any(|p| k.contains(p));
        let dated = SITE_DATE_ENDINGS.iter().any(|e| k.ends_with(e));
        if !holds(SITE_MODIFIED_PARTS)
            && !holds(SITE_OTHER_PARTS)
            && (dated || holds(SITE_PUBLISHED_PARTS))
            && !holds(SITE_NOT_DATE_PARTS)
        {
            push(&mut pubs, Some(v), DateSource::SiteMeta);
            break;
        }
    }
    if let Some(v) = g.meta(MODIFIED_KEYS) {
        push(&mut mods, Some(v), DateSource::Meta(MetaName::Standard));
    }
    // A datePublished the page put in chrome ("entry-footer") counts when
    // the article shows none elsewhere.
    if let Some((v, _)) = g
        .prop(PUBLISHED_PROPS)
        .or_else(|| g.chrome_prop(PUBLISHED_PROPS))
    {
        push(&mut pubs, Some(v), DateSource::Microdata);
    }
    if let Some((v, _)) = g
        .prop(MODIFIED_PROPS)
        .or_else(|| g.chrome_prop(MODIFIED_PROPS))
    {
        push(&mut mods, Some(v), DateSource::Microdata);
    }
    (pubs, mods)
}

/// Distance from the headline, those before it counting `before` times;
/// `None` past `reach`.
fn from_anchor(anchor: Option<usize>, i: usize, before: usize, reach: usize) -> Option<usize> {
    match anchor {
        Some(a) if i >= a => Some(i - a).filter(|d| *d <= reach),
        Some(a) => Some((a - i) * before).filter(|d| *d <= reach),
        None => Some(i),
    }
}

/// The dates of date and byline elements: publication candidates and
/// update stamps, each with its distance from the headline.
fn shown_dates(inp: &Inputs<'_, '_>) -> (Vec<Shown>, Vec<(usize, Stamp)>) {
    let (dom, g) = (inp.dom, inp.g);
    let plausible = |s: &Stamp| s.plausible(inp.today);
    let mut pubs: Vec<Shown> = Vec::new();
    let mut mods: Vec<(usize, Stamp)> = Vec::new();
    for v in g.date_elems.iter().chain(g.author_elems.iter()) {
        let Some(dist) = from_anchor(
            inp.anchor,
            v.index,
            limits::BEFORE_HEADLINE,
            limits::ELEMENT_REACH,
        ) else {
            continue;
        };
        if v.chrome && dist > limits::CHROME_REACH {
            continue;
        }
        let lower = v.text.to_lowercase();
        if NOT_PUBLICATION_WORDS.iter().any(|w| lower.contains(w)) {
            continue;
        }
        let mut found: Vec<(Hint, Stamp, bool)> = Vec::new();
        if let Some(m) = v
            .machine
            .as_deref()
            .and_then(parse_machine)
            .filter(plausible)
        {
            // The words on the page before the class names.
            let h = match (classify_in_text(&v.text, v.text.len()), v.hint) {
                (Hint::None, Hint::None) => label_before(dom, &g.flags, v.index),
                (Hint::None, h) => h,
                (h, _) => h,
            };
            found.push((h, m, true));
        } else {
            for (pos, st) in find_dates(&v.text, inp.order)
                .into_iter()
                .take(limits::DATES_PER_ELEMENT)
            {
                if !plausible(&st) {
                    continue;
                }
                let h = match (classify_in_text(&v.text, pos), v.hint) {
                    (Hint::None, Hint::None) if pos == 0 => label_before(dom, &g.flags, v.index),
                    (Hint::None, h) => h,
                    (h, _) => h,
                };
                found.push((h, st, false));
            }
        }
        for (h, stamp, machine) in found {
            match h {
                Hint::Updated => mods.push((dist, stamp)),
                _ => pubs.push(Shown {
                    dist,
                    stamp,
                    strong: machine || h == Hint::Published,
                    labelled: h == Hint::Published,
                }),
            }
        }
    }
    (pubs, mods)
}

/// Datelines without markup: the nearest date in a short text node around
/// the headline, and the nearest update stamp.
fn datelines(
    inp: &Inputs<'_, '_>,
    machine_elems: &[(usize, Stamp)],
) -> (Option<Dateline>, Option<(usize, Stamp)>) {
    let (dom, g) = (inp.dom, inp.g);
    let plausible = |s: &Stamp| s.plausible(inp.today);
    let mut text_pub: Option<Dateline> = None;
    let mut text_mod: Option<(usize, Stamp)> = None;
    let Some(a) = inp.anchor else {
        return (None, None);
    };
    let lo = a.saturating_sub(limits::DATELINE_BEFORE);
    let hi = (a + limits::DATELINE_AFTER).min(dom.len());
    for j in lo..hi {
        let Some(node) = dom.get(j) else {
            continue;
        };
        let Data::Text(t) = node.data else {
            continue;
        };
        if g.flags
            .get(j)
            .is_some_and(|f| f & (HIDDEN | COMMENT | TEASER) != 0)
        {
            continue;
        }
        let t = t.trim();
        if t.len() < limits::TEXT_MIN_BYTES
            || t.len() > limits::TEXT_MAX_BYTES
            || !t.bytes().any(|b| b.is_ascii_digit())
        {
            continue;
        }
        let lower = t.to_lowercase();
        if NOT_PUBLICATION_WORDS.iter().any(|w| lower.contains(w)) {
            continue;
        }
        let Some((pos, mut st)) = find_dates(t, inp.order)
            .into_iter()
            .find(|(_, s)| plausible(s))
        else {
            continue;
        };
        let parent = node.parent as usize;
        if let Some((_, m)) = machine_elems
            .iter()
            .find(|(i, m)| *i == parent && plausible(m))
        {
            st = *m;
        }
        let d = if j >= a {
            j - a
        } else {
            (a - j) * limits::BEFORE_HEADLINE
        };
        let hint = match classify_in_text(t, pos) {
            Hint::None if t.get(..pos).is_none_or(|b| b.trim().is_empty()) => {
                label_before(dom, &g.flags, j)
            }
            h => h,
        };
        if hint == Hint::Updated {
            if text_mod.is_none_or(|(bd, _)| d < bd) {
                text_mod = Some((d, st));
            }
            continue;
        }
        // A short text that is mostly the date is a dateline; a longer
        // one is a sentence that mentions a date.
        let short = t.chars().count() <= limits::DATELINE_SHORT_CHARS;
        if text_pub.is_none_or(|bd| d < bd.dist) {
            text_pub = Some(Dateline {
                dist: d,
                stamp: st,
                short,
                labelled: hint == Hint::Published,
            });
        }
    }
    (text_pub, text_mod)
}

/// The date in a text node beside the byline nearest the headline.
fn byline_date(inp: &Inputs<'_, '_>) -> Option<Stamp> {
    let (dom, g) = (inp.dom, inp.g);
    let dist = |i: usize| {
        inp.anchor.map_or(i, |a| {
            if i >= a {
                i - a
            } else {
                (a - i) * limits::BYLINE_BEFORE_HEADLINE
            }
        })
    };
    let &(b, _) = inp.bylines.iter().min_by_key(|(i, _)| dist(*i))?;
    let lo = b.saturating_sub(limits::BYLINE_WINDOW);
    let hi = (b + limits::BYLINE_WINDOW).min(dom.len());
    let found = (lo..hi).filter_map(|j| match dom.get(j).map(|n| n.data) {
        Some(Data::Text(t))
            if t.len() <= limits::TEXT_MAX_BYTES
                && g.flags
                    .get(j)
                    .is_some_and(|f| f & (HIDDEN | COMMENT | TEASER) == 0) =>
        {
            let (pos, st) = find_dates(t, inp.order)
                .into_iter()
                .find(|(_, s)| s.plausible(inp.today))?;
            (classify_in_text(t, pos) != Hint::Updated).then_some((j.abs_diff(b), st))
        }
        _ => None,
    });
    found.min_by_key(|(d, _)| *d).map(|(_, st)| st)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::metadata::Metadata;
    use crate::metadata::tests::collect_html;

    fn run(page: &str, url: Option<&str>) -> Metadata {
        collect_html(
            page,
            url,
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
        )
    }

    #[test]
    fn a_machine_date_shown_as_published_outvotes_another_date_nearer_the_headline() {
        // A journal page: "Published on" far from the title, the preprint's
        // "first published" date right above it.
        let page = r#"<html><head><title>Efficacy of an app</title>
            <meta name="citation_date" content="2019-06-25"></head><body>
            <p>Published on <time datetime="25.Jun.2019">25.Jun.2019</time> in Vol 7</p>
            <p>Preprints of this paper are at <a href="/p/1">preprints</a>, first published
            <time datetime="04.Apr.2019">04.Apr.2019</time>.</p>
            <article><h1>Efficacy of an app</h1><p>Body text of the article, long enough.</p>
            </article></body></html>"#;
        assert_eq!(run(page, None).published.as_deref(), Some("2019-06-25"));
        // The same instant shown in the page's own zone is not another day.
        let page = r#"<html><head><title>Heat</title>
            <meta property="article:published_time" content="2025-12-19T03:05:00+00:00">
            </head><body><article><h1>Heat</h1>
            <time datetime="2025-12-18T19:05:00-08:00">December 18, 2025</time>
            <p>Body text of the article, long enough.</p></article></body></html>"#;
        let m = collect_html(
            page,
            None,
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
        );
        assert_eq!(m.published.as_deref(), Some("2025-12-18T19:05:00-08:00"));
    }

    #[test]
    fn dateline_outweighs_machine_dates_but_not_machine_and_url() {
        let page = |machine: &str| {
            format!(
                r#"<html><head>{machine}</head><body><h1>Rivers run high after the storm</h1>
                <p class="dateline">March 20, 2023</p><p>Text of the story.</p></body></html>"#
            )
        };
        let one = run(
            &page(r#"<meta property="article:published_time" content="2013-03-11T11:00:00Z">"#),
            None,
        );
        assert_eq!(one.published.as_deref(), Some("2023-03-20"));
        // JSON-LD repeating the meta tag is the same witness.
        let both = page(
            r#"<meta property="article:published_time" content="2013-03-11T11:00:00Z">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2013-03-11T11:00:00Z"}</script>"#,
        );
        assert_eq!(run(&both, None).published.as_deref(), Some("2023-03-20"));
        let with_url = run(&both, Some("https://news.example/2013/03/11/rivers"));
        assert_eq!(
            with_url.published.as_deref(),
            Some("2013-03-11T11:00:00+00:00")
        );
    }

    #[test]
    fn unlabelled_update_date_is_not_published() {
        let m = run(
            r#"<html><head>
            <meta property="article:published_time" content="2022-09-06T13:12:36+00:00">
            <meta property="article:modified_time" content="2023-11-14T23:30:00+00:00">
            </head><body><h1>Cloud security checklist</h1>
            <span class="post-date">November 15, 2023</span><p>Text.</p></body></html>"#,
            None,
        );
        // The shown date is the update, a UTC day apart from the local one.
        assert_eq!(m.published.as_deref(), Some("2022-09-06T13:12:36+00:00"));
    }

    #[test]
    fn future_dates_rejected() {
        let m = run(
            r#"<html><head><meta property="article:published_time" content="2030-01-01"></head>
            <body><h1>T</h1><span class="date">March 3, 2021</span></body></html>"#,
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2021-03-03"));
    }

    fn run_at(page: &str, url: Option<&str>) -> Metadata {
        collect_html(
            page,
            url,
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
        )
    }

    #[test]
    fn an_update_the_same_day_does_not_hide_the_publication_time() {
        let page = r#"<html><head><script type="application/ld+json">
            {"@type":"NewsArticle","datePublished":"2025-11-06T11:43:08Z"}</script></head>
            <body><article><h1>The government will resign today</h1>
            <p><time datetime="2025-11-06 12:43:08">12:43</time></p>
            <p>Updated <time datetime="2025-11-06 12:56:21">12:56</time></p>
            <p>Text of the story, long enough to be the story.</p>
            <p><time datetime="2025-11-05 14:40:00">yesterday 14:40</time></p>
            </article></body></html>"#;
        let m = run_at(page, None);
        assert!(
            m.published
                .as_deref()
                .is_some_and(|p| p.starts_with("2025-11-06")),
            "{:?}",
            m.published
        );
    }

    #[test]
    fn a_utc_machine_date_is_read_on_the_pages_own_clock() {
        // 10:32 UTC is 12:32 on the 27th where the page's clock is +02:00:
        // the stamp shown that day is its witness, the ticker's start on
        // the 26th nearer the headline is not the publication.
        let page = r#"<html><head>
            <meta property="article:published_time" content="2024-08-27T10:32:24+00:00">
            </head><body><h1>News ticker of the war</h1>
            <p><time datetime="2024-08-26T06:00:32+02:00">26.08.2024 um 06:00 Uhr</time></p>
            <p>Text of the ticker, long enough to be the story.</p>
            <p>Published <time datetime="2024-08-27T12:32:24+02:00">27.08.2024, 12:32 Uhr</time></p>
            </body></html>"#;
        let m = run_at(page, None);
        assert_eq!(m.published.as_deref(), Some("2024-08-27T12:32:24+02:00"));
    }

    #[test]
    fn update_labels_in_more_languages_mark_an_update() {
        // Icelandic "Uppfært", German "Akt.:" before the update stamp.
        for label in ["Uppfært", "Akt.:"] {
            let page = format!(
                r#"<html><head><script type="application/ld+json">
                {{"@type":"NewsArticle","datePublished":"2025-02-11T14:03:00Z",
                "dateModified":"2025-02-12T07:25:30Z"}}</script></head>
                <body><h1>Women support the claim</h1>
                <p class="date">{label} 12.2.2025 7:25</p>
                <p>Text of the story, long enough to be the story.</p></body></html>"#
            );
            let m = run_at(&page, None);
            assert_eq!(
                m.published.as_deref(),
                Some("2025-02-11T14:03:00+00:00"),
                "{label}"
            );
        }
    }

    #[test]
    fn an_issue_date_is_not_the_publication() {
        let page = r#"<html><head><script type="application/ld+json">
            {"@type":"NewsArticle","datePublished":"2024-04-25T19:30:04+02:00"}</script></head>
            <body><h1>Medals for the veterans</h1>
            <div class="issue">Aus: Ausgabe vom 26.04.2024</div>
            <p>Text of the story, long enough to be the story.</p></body></html>"#;
        let m = run_at(page, None);
        assert_eq!(m.published.as_deref(), Some("2024-04-25T19:30:04+02:00"));
    }

    /// A page with `n` paragraphs of filler: nodes between the parts of a
    /// test page.
    fn filler(n: usize) -> String {
        "<p>Filler text of the story.</p>".repeat(n)
    }

    #[test]
    fn a_related_list_named_in_camel_case_is_chrome_to_the_date_finder() {
        // "relatedPosts" is chrome to the body cleaner; the date finder
        // reads it the same way: a related story's date far below the
        // article is not the article's.
        let page = format!(
            r#"<html><head><title>Rivers run high</title></head><body>
            <h1>Rivers run high</h1>{}<div class="relatedPosts"><a href="/x">Other story</a>
            <span class="date">March 3, 2023</span></div></body></html>"#,
            filler(200)
        );
        assert_eq!(run(&page, None).published, None);
    }

    #[test]
    fn a_teaser_class_the_body_keeps_does_not_hide_the_articles_dateline() {
        // "teaser" names no chrome to the body: the byline row under the
        // headline is the article's ("Jane Doe / 07.11.2023 / 09:30").
        let page = format!(
            r#"<html><head><title>After the evening in the chancellery</title></head><body>
            <nav>{}</nav><div class="teaser_text"><h1 class="teaser_headline">After the evening
            in the chancellery</h1><div class="teaser_text_meta"><a href="/a">Jane Doe</a>
            / 07.11.2023 / 09:30 /</div></div>{}</body></html>"#,
            "<a href=\"/s\">Section</a>".repeat(120),
            filler(5)
        );
        let m = run_at(&page, None);
        assert_eq!(m.published.as_deref(), Some("2023-11-07T09:30:00"));
    }

    #[test]
    fn a_date_published_in_a_footer_class_counts_when_the_article_has_no_other() {
        let page = format!(
            r#"<html><head><title>Rivers run high</title></head><body><article>
            <h1>Rivers run high</h1>{}<footer class="entry-footer">
            <time itemprop="datePublished" datetime="2023-05-02T08:00:00Z">May 2</time>
            </footer></article></body></html>"#,
            filler(200)
        );
        assert_eq!(
            run(&page, None).published.as_deref(),
            Some("2023-05-02T08:00:00+00:00")
        );
    }
}
