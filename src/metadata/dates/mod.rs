//! Publication and modification dates: candidates from JSON-LD, meta tags,
//! microdata, visible date elements, datelines near the headline, the
//! byline and the URL, reconciled by how well each day is supported.

mod labels;
mod parse;

use chrono::NaiveDate;
use url::Url;

use crate::dom::{Data, Dom};

use super::gather::{COMMENT, Gathered, HIDDEN, TEASER};
use super::jsonld::LdInfo;
pub(crate) use labels::Hint;
use labels::{NOT_PUBLICATION_WORDS, classify_in_text, label_before};
pub(crate) use parse::*;

/// The publication and modification dates, as ISO 8601.
pub(super) struct Dates {
    pub published: Option<String>,
    pub modified: Option<String>,
}

/// What the date chooser reads.
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

const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "article:published",
    "og:published_time",
    "og:article:published_time",
    "published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "published-date",
    "published_date",
    "publication_date",
    "publication-date",
    "pubdate",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "dc:date",
    "date",
    "article.published",
    "article_date_original",
    "original-publish-date",
    "cxenseparse:recs:publishtime",
    "bt:pubdate",
    "displaydate",
    "datecreated",
    "date_published",
    "release_date",
    "rnews:datepublished",
    "shareaholic:article_published_time",
    "vr:published_time",
    "article:post_date",
    "post_date",
    "created",
    "creation_date",
    "eomportal-lastupdate",
];

const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "article:modified",
    "og:updated_time",
    "modified_time",
    "updated_time",
    "datemodified",
    "last-modified",
    "lastmod",
    "dcterms.modified",
    "dc.date.modified",
    "revised",
    "article.updated",
    "date_modified",
    "dateupdated",
    "parsely-updated",
    "last_updated",
];

/// A date candidate: the stamp, how much the source is trusted, and a
/// source key so one source is not counted twice.
#[derive(Debug, Clone, Copy)]
struct Cand {
    stamp: Stamp,
    weight: u32,
    source: u8,
}

/// Visible dates within this many nodes after the headline are its dateline.
const AT_HEADLINE: usize = 40;

/// Independent kinds of evidence for a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    /// JSON-LD and meta tags: one CMS writes them all from one field.
    Machine,
    /// What the reader sees: datelines, `<time>`, microdata on them.
    Visible,
    /// The URL path.
    Url,
}

fn source_group(source: u8) -> Group {
    match source {
        1 | 2 | 7 => Group::Machine,
        5 => Group::Url,
        _ => Group::Visible,
    }
}

/// Pick the best-supported day, then its most specific value. A day's
/// support is the strongest witness of each independent group, summed:
/// JSON-LD repeating the meta tags is one witness, a dateline agreeing with
/// them is a second.
fn pick_date(cands: &[Cand]) -> Option<Stamp> {
    let mut best: Option<(u32, u32, Stamp)> = None;
    for c in cands {
        let key = c.stamp.day_key();
        let mut groups: [u32; 3] = [0; 3];
        let mut top = 0;
        let mut chosen = c.stamp;
        let mut chosen_w = 0;
        for d in cands.iter().filter(|d| d.stamp.day_key() == key) {
            let g = match source_group(d.source) {
                Group::Machine => 0,
                Group::Visible => 1,
                Group::Url => 2,
            };
            if let Some(w) = groups.get_mut(g) {
                *w = (*w).max(d.weight);
            }
            top = top.max(d.weight);
            if (d.stamp.precision(), d.weight) > (chosen.precision(), chosen_w) {
                chosen = d.stamp;
                chosen_w = d.weight;
            }
        }
        let score: u32 = groups.iter().sum();
        let better = match best {
            None => true,
            Some((s, t, _)) => (score, top) > (s, t),
        };
        if better {
            best = Some((score, top, chosen));
        }
    }
    let chosen = best.map(|(_, _, s)| s)?;
    // A machine stamp in UTC may fall on the next or previous calendar day
    // from the page's own: a visible date (or the URL's) a day away names
    // the local day.
    if chosen.offset == Some(0) {
        let day = |s: &Stamp| NaiveDate::from_ymd_opt(s.year, s.month, s.day);
        if let Some(d0) = day(&chosen) {
            let local = cands
                .iter()
                .filter(|c| c.source >= 4 && c.stamp.offset.is_none())
                .find(|c| day(&c.stamp).is_some_and(|d| (d - d0).num_days().abs() == 1));
            if let Some(c) = local {
                return Some(c.stamp);
            }
        }
    }
    Some(chosen)
}

/// Choose the publication and modification dates.
pub(super) fn choose(inp: &Inputs<'_, '_>) -> Dates {
    let Inputs {
        dom,
        g,
        ld,
        anchor,
        bylines: texts,
        page_url,
        order,
        today,
    } = *inp;
    let plausible = |s: &Stamp| s.plausible(today);
    let mut pubs: Vec<Cand> = Vec::new();
    let mut mods: Vec<Cand> = Vec::new();
    let push = |list: &mut Vec<Cand>, value: Option<&str>, weight: u32, source: u8| {
        if let Some(st) = value.and_then(parse_machine).filter(plausible) {
            list.push(Cand {
                stamp: st,
                weight,
                source,
            });
        }
    };
    push(&mut pubs, ld.published.as_deref(), 10, 1);
    push(&mut mods, ld.modified.as_deref(), 10, 1);
    for (n, key) in PUBLISHED_KEYS.iter().enumerate() {
        if let Some(v) = g.meta(&[key]) {
            let w = if n < 6 { 9 } else { 7 };
            push(&mut pubs, Some(v), w, 2);
            break;
        }
    }
    // Meta names of the site's own making ("w-published-date", "published").
    for (k, v) in &g.metas {
        if PUBLISHED_KEYS.contains(&k.as_str()) {
            // Read above: the same value is not a second witness.
            continue;
        }
        // "last_published" is the latest re-publication, not the first.
        let modified =
            k.contains("modif") || k.contains("updat") || k.contains("revis") || k.contains("last");
        let dated = k.ends_with(".date")
            || k.ends_with("_date")
            || k.ends_with("-date")
            || k.ends_with(":date");
        let other =
            k.contains("expir") || k.contains("event") || k.contains("start") || k.contains("end");
        if !modified
            && !other
            && (dated || k.contains("publish") || k.contains("pubdate") || k.contains("release"))
            && !k.contains("publisher")
        {
            push(&mut pubs, Some(v), 6, 7);
            break;
        }
    }
    if let Some(v) = g.meta(MODIFIED_KEYS) {
        push(&mut mods, Some(v), 8, 2);
    }
    if let Some((v, _)) = g.prop(&["datepublished", "datecreated", "issued", "created"]) {
        push(&mut pubs, Some(v), 8, 3);
    }
    if let Some((v, _)) = g.prop(&["datemodified", "modified"]) {
        push(&mut mods, Some(v), 8, 3);
    }
    // Visible dates: the nearest to the headline (after it preferred).
    let near = |i: usize| -> Option<usize> {
        match anchor {
            Some(a) if i >= a => Some(i - a).filter(|d| *d <= 1200),
            Some(a) => Some((a - i) * 3).filter(|d| *d <= 1200),
            None => Some(i),
        }
    };
    // (distance, stamp, strong, labelled published)
    let mut visible_pub: Vec<(usize, Stamp, bool, bool)> = Vec::new();
    let mut visible_mod: Vec<(usize, Stamp)> = Vec::new();
    for v in g.date_elems.iter().chain(g.author_elems.iter()) {
        let Some(dist) = near(v.index) else { continue };
        if v.chrome && dist > 150 {
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
            for (pos, st) in find_dates(&v.text, order).into_iter().take(3) {
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
        for (h, st, machine) in found {
            match h {
                Hint::Updated => visible_mod.push((dist, st)),
                _ => visible_pub.push((
                    dist,
                    st,
                    machine || h == Hint::Published,
                    h == Hint::Published,
                )),
            }
        }
    }
    // Datelines without markup: short text nodes around the headline.
    // (distance, stamp, short dateline, labelled published)
    let mut text_pub: Option<(usize, Stamp, bool, bool)> = None;
    let mut text_mod: Option<(usize, Stamp)> = None;
    // `<time datetime>` elements: their text is read through the attribute.
    let machine_elems: Vec<(usize, Stamp)> = g
        .date_elems
        .iter()
        .filter_map(|v| {
            let st = v.machine.as_deref().and_then(parse_machine)?;
            Some((v.index, st))
        })
        .collect();
    if let Some(a) = anchor {
        let lo = a.saturating_sub(150);
        let hi = (a + 400).min(dom.nodes.len());
        for j in lo..hi {
            let Some(node) = dom.nodes.get(j) else {
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
            if t.len() < 6 || t.len() > 160 || !t.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            let lower = t.to_lowercase();
            if NOT_PUBLICATION_WORDS.iter().any(|w| lower.contains(w)) {
                continue;
            }
            let Some((pos, mut st)) = find_dates(t, order).into_iter().find(|(_, s)| plausible(s))
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
            let d = if j >= a { j - a } else { (a - j) * 3 };
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
            let dateline = t.chars().count() <= 60;
            if text_pub.is_none_or(|(bd, _, _, _)| d < bd) {
                text_pub = Some((d, st, dateline, hint == Hint::Published));
            }
        }
    }
    // An unlabelled date that a nearby "Updated" label names is that
    // update stamp seen through a smaller element.
    let updated_days: Vec<(i32, u32, u32)> = visible_mod
        .iter()
        .map(|(_, s)| s.day_key())
        .chain(text_mod.map(|(_, s)| s.day_key()))
        .collect();
    visible_pub.retain(|(_, s, _, labelled)| *labelled || !updated_days.contains(&s.day_key()));
    if let Some((d, st, dateline, labelled)) =
        text_pub.filter(|(_, s, _, labelled)| *labelled || !updated_days.contains(&s.day_key()))
    {
        let weight = if dateline && d <= AT_HEADLINE {
            11
        } else if labelled {
            // "Published on …" is a dateline wherever it sits.
            6
        } else {
            4
        };
        pubs.push(Cand {
            stamp: st,
            weight,
            source: 6,
        });
    }
    // A dateline beside the byline, wherever the byline sits.
    if pubs.is_empty() {
        let dist = |i: usize| anchor.map_or(i, |a| if i >= a { i - a } else { (a - i) * 2 });
        if let Some(&(b, _)) = texts.iter().min_by_key(|(i, _)| dist(*i)) {
            let lo = b.saturating_sub(30);
            let hi = (b + 30).min(dom.nodes.len());
            let found = (lo..hi).filter_map(|j| match dom.nodes.get(j).map(|n| n.data) {
                Some(Data::Text(t))
                    if t.len() <= 160
                        && g.flags
                            .get(j)
                            .is_some_and(|f| f & (HIDDEN | COMMENT | TEASER) == 0) =>
                {
                    let (pos, st) = find_dates(t, order)
                        .into_iter()
                        .find(|(_, s)| plausible(s))?;
                    (classify_in_text(t, pos) != Hint::Updated).then_some((j.abs_diff(b), st))
                }
                _ => None,
            });
            if let Some((_, st)) = found.min_by_key(|(d, _)| *d) {
                pubs.push(Cand {
                    stamp: st,
                    weight: 3,
                    source: 8,
                });
            }
        }
    }
    visible_pub.sort_by_key(|(d, _, _, _)| *d);
    visible_mod.sort_by_key(|(d, _)| *d);
    let visible_weight = |dist: usize, strong: bool| {
        if dist <= AT_HEADLINE {
            11
        } else if strong {
            8
        } else {
            5
        }
    };
    if let Some((dist, st, strong, _)) = visible_pub.first() {
        // A dateline right under the headline is what the reader is told:
        // it outweighs the machine dates (one witness), not the machine
        // dates and the URL agreeing.
        pubs.push(Cand {
            stamp: *st,
            weight: visible_weight(*dist, *strong),
            source: 4,
        });
        // When the nearest date is another day than the machine dates (not
        // the same instant in another time zone), the machine date shown
        // elsewhere on the page as the publication ("Published on …") is
        // that date's second witness.
        let day = |s: &Stamp| NaiveDate::from_ymd_opt(s.year, s.month, s.day);
        let machine_days: Vec<_> = pubs
            .iter()
            .filter(|c| c.source < 4)
            .filter_map(|c| day(&c.stamp))
            .collect();
        let apart =
            day(st).is_some_and(|d0| machine_days.iter().all(|m| (*m - d0).num_days().abs() > 1));
        if let Some((dist, st, strong, _)) = visible_pub.iter().find(|(_, s, strong, _)| {
            apart && *strong && day(s).is_some_and(|d| machine_days.contains(&d))
        }) {
            pubs.push(Cand {
                stamp: *st,
                weight: visible_weight(*dist, *strong),
                source: 4,
            });
        }
    }
    if let Some((_, st)) = visible_mod.first() {
        mods.push(Cand {
            stamp: *st,
            weight: 5,
            source: 4,
        });
    } else if let Some((_, st)) = text_mod.filter(|(d, _)| *d <= 150) {
        mods.push(Cand {
            stamp: st,
            weight: 4,
            source: 6,
        });
    }
    if let Some(st) = page_url
        .and_then(|u| from_url_path(u.path()))
        .filter(plausible)
    {
        pubs.push(Cand {
            stamp: st,
            weight: 4,
            source: 5,
        });
    }
    // Visible dates read against the machine ones: an ambiguous 03/04
    // read the way the metadata has it.
    let machine_pub: Vec<Stamp> = pubs
        .iter()
        .filter(|c| c.source < 4 || c.source == 5 || c.source == 7)
        .map(|c| c.stamp)
        .chain(machine_elems.iter().map(|(_, s)| *s))
        .collect();
    let machine_mod: Vec<Stamp> = mods
        .iter()
        .filter(|c| c.source < 4)
        .map(|c| c.stamp)
        .collect();
    for c in pubs
        .iter_mut()
        .filter(|c| c.source >= 4 && c.source != 5 && c.source != 7)
    {
        let s = c.stamp;
        if s.day <= 12 && s.month <= 12 && s.day != s.month {
            let swapped = (s.year, s.day, s.month);
            if machine_pub
                .iter()
                .chain(&machine_mod)
                .any(|m| m.day_key() == swapped)
            {
                c.stamp = Stamp {
                    month: s.day,
                    day: s.month,
                    ..s
                };
            }
        }
    }
    // A visible date that is the machine modification day and no machine
    // publication day is the page showing when it was updated, unlabelled.
    let machine_days = |list: &[Cand]| -> Vec<(Stamp, bool)> {
        list.iter()
            .filter(|c| source_group(c.source) == Group::Machine)
            .map(|c| (c.stamp, c.stamp.time.is_some() && c.stamp.offset == Some(0)))
            .collect()
    };
    let machine_pub_days = machine_days(&pubs);
    let machine_mod_days = machine_days(&mods);
    // A UTC stamp may name the next or previous local day.
    let near_day = |days: &[(Stamp, bool)], s: Stamp| {
        let d = NaiveDate::from_ymd_opt(s.year, s.month, s.day);
        days.iter().any(|(m, utc)| {
            let md = NaiveDate::from_ymd_opt(m.year, m.month, m.day);
            match (d, md) {
                (Some(d), Some(md)) => {
                    let gap = (d - md).num_days().abs();
                    gap == 0 || (*utc && gap == 1)
                }
                _ => false,
            }
        })
    };
    pubs.retain(|c| {
        let updated = source_group(c.source) == Group::Visible
            && !machine_pub_days.is_empty()
            && near_day(&machine_mod_days, c.stamp)
            && !near_day(&machine_pub_days, c.stamp);
        if updated {
            mods.push(Cand {
                stamp: c.stamp,
                weight: 5,
                source: 4,
            });
        }
        !updated
    });
    // With no publication date anywhere, the visible "Updated" stamp is the
    // date the page gives for its current text (what citation styles use).
    // A date merely mentioned in a sentence near the headline comes last.
    let mention = |c: &Cand| matches!(c.source, 6 | 8) && c.weight <= 4;
    let firm: Vec<Cand> = pubs.iter().filter(|c| !mention(c)).copied().collect();
    let published = pick_date(&firm)
        .or_else(|| {
            let shown: Vec<Cand> = mods
                .iter()
                .filter(|c| source_group(c.source) == Group::Visible)
                .copied()
                .collect();
            pick_date(&shown)
        })
        .or_else(|| pick_date(&pubs));
    let mut modified = pick_date(&mods);
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
