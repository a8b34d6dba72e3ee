//! Authors: person names from JSON-LD, meta tags, microdata and the visible
//! byline, most trusted source first; organisations only when no person is
//! named. [`byline`] turns one byline text into names.

mod byline;

use crate::dom::{Data, Dom};

use super::evidence::AuthorSource;
use super::gather::{CHROME, COMMENT, Gathered, HIDDEN};
use super::jsonld::LdInfo;
use super::lexicon::authors as limits;
use super::lexicon::keys::{AUTHOR_KEYS, AUTHOR_PROPS};

pub(super) use byline::{is_url, push_unique};

/// Names from one source, split and cleaned; site names set aside.
fn names_from(raw: &[String], sites: &[String], persons: &mut Vec<String>, orgs: &mut Vec<String>) {
    for r in raw {
        if byline::is_url(r) {
            continue;
        }
        for n in byline::parse_byline(r) {
            if byline::is_site_name(&n, sites) {
                push_unique(orgs, n);
            } else {
                push_unique(persons, n);
            }
        }
    }
}

/// Bylines written as plain text near the headline: "By Jane Roe", or a
/// "Written by" label followed by the name.
pub(super) fn text_bylines(dom: &Dom<'_>, g: &Gathered<'_>) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let hi = dom.len();
    let text_at = |j: usize| -> Option<&str> {
        match dom.get(j).map(|n| n.data) {
            Some(Data::Text(t))
                if g.flags
                    .get(j)
                    .is_some_and(|f| f & (HIDDEN | COMMENT | CHROME) == 0) =>
            {
                Some(t.trim()).filter(|t| !t.is_empty())
            }
            _ => None,
        }
    };
    let mut j = 0;
    while j < hi && out.len() < limits::MAX_TEXT_BYLINES {
        let Some(t) = text_at(j).filter(|t| t.len() <= limits::TEXT_NODE_BYTES) else {
            j += 1;
            continue;
        };
        if byline::is_label(t) {
            if let Some((k, next)) =
                (j + 1..(j + limits::LABEL_REACH).min(hi)).find_map(|k| text_at(k).map(|t| (k, t)))
            {
                if next.chars().count() <= limits::LABELLED_NAME_CHARS {
                    out.push((j, format!("{t} {next}")));
                    j = k + 1;
                    continue;
                }
            }
        } else if t.chars().count() <= limits::TEXT_BYLINE_CHARS && byline::starts_byline(t) {
            out.push((j, t.to_string()));
        }
        j += 1;
    }
    out
}

/// The article's authors: the persons of the most trusted source that
/// names any, else the organisations named.
pub(super) fn choose(
    g: &Gathered<'_>,
    ld: &LdInfo,
    sites: &[String],
    anchor: Option<usize>,
    texts: &[(usize, String)],
) -> Vec<String> {
    let mut orgs: Vec<String> = Vec::new();
    // Sources, most trusted first.
    let mut sources: Vec<(AuthorSource, Vec<String>)> = vec![
        (
            AuthorSource::JsonLd,
            ld.authors
                .iter()
                .filter(|a| !a.organisation)
                .map(|a| a.name.clone())
                .collect(),
        ),
        (
            AuthorSource::Meta,
            g.metas_all(AUTHOR_KEYS)
                .filter(|v| !byline::is_url(v))
                .map(String::from)
                .collect(),
        ),
        (
            AuthorSource::Microdata,
            g.props
                .iter()
                .filter(|p| !p.chrome && AUTHOR_PROPS.contains(&p.key.as_str()))
                .map(|p| p.value.clone())
                .collect(),
        ),
    ];
    // Visible: rel=author links and byline elements, nearest the headline.
    let dist = |i: usize| {
        anchor.map_or(i, |a| {
            if i >= a {
                i - a
            } else {
                (a - i) * limits::BEFORE_HEADLINE
            }
        })
    };
    let mut vis: Vec<(usize, &str)> = g
        .rel_authors
        .iter()
        .map(|(i, t)| (*i, t.as_str()))
        .chain(g.author_elems.iter().map(|v| (v.index, v.text.as_str())))
        .chain(texts.iter().map(|(i, t)| (*i, t.as_str())))
        .filter(|(i, _)| dist(*i) <= limits::REACH)
        .collect();
    vis.sort_by_key(|(i, _)| dist(*i));
    if let Some((first, _)) = vis.first().copied() {
        // Only the byline region: candidates close to the nearest one.
        let d0 = dist(first);
        let v: Vec<String> = vis
            .iter()
            .filter(|(i, _)| dist(*i) <= d0 + limits::REGION)
            .map(|(_, t)| t.to_string())
            .collect();
        sources.push((AuthorSource::Visible, v));
    }
    for (source, raw) in &sources {
        let mut persons = Vec::new();
        names_from(raw, sites, &mut persons, &mut orgs);
        if !persons.is_empty() {
            // Visible bylines nested in one another repeat names: dedupe
            // names contained in a longer one.
            if *source == AuthorSource::Visible {
                let all = persons.clone();
                persons.retain(|p| {
                    let lp = p.to_lowercase();
                    !all.iter()
                        .any(|q| q.len() > p.len() && q.to_lowercase().contains(&lp))
                });
                persons.truncate(limits::MAX_VISIBLE);
            }
            return persons;
        }
    }
    for a in ld.authors.iter().filter(|a| a.organisation) {
        if !byline::is_url(&a.name) {
            push_unique(&mut orgs, crate::text::collapse(&a.name));
        }
    }
    orgs.truncate(limits::MAX_ORGANISATIONS);
    orgs
}
