//! The publisher, and the names the site goes by: og:site_name, the JSON-LD
//! publisher and website, application names, the Twitter handle and the
//! host. The headline chooser strips these from titles, the author chooser
//! sets them aside as organisations.

use url::Url;

use super::authors::is_url;
use super::gather::Gathered;
use super::headline::title;
use super::jsonld::LdInfo;
use super::lexicon::headline::TITLE_SITE_WORDS;
use super::lexicon::keys::{
    APP_NAME_KEYS, OG_TITLE, PUBLISHER_PROPS, SITE_KEYS, SITE_NAME_KEYS, TWITTER_SITE,
};
use super::lexicon::titles::HOST_NOT_NAME;

/// The names a site goes by.
pub(super) struct SiteNames {
    /// The site's own name (og:site_name, JSON-LD WebSite, application name),
    /// unless it is the page's title.
    pub site_name: Option<String>,
    /// Every name the site goes by, host labels included.
    pub sites: Vec<String>,
    /// The page's host (from its URL, else its canonical URL).
    pub host: Option<String>,
}

impl SiteNames {
    /// Read the site's names from the gathered sources.
    pub fn read(g: &Gathered<'_>, ld: &LdInfo, page_url: Option<&Url>) -> SiteNames {
        let site_name = g
            .meta(SITE_NAME_KEYS)
            .map(String::from)
            .or_else(|| ld.site_name.clone())
            .or_else(|| g.meta(APP_NAME_KEYS).map(String::from));
        let mut sites: Vec<String> = Vec::new();
        sites.extend(site_name.iter().cloned());
        sites.extend(ld.publisher.iter().cloned());
        sites.extend(ld.site_name.iter().cloned());
        sites.extend(g.meta(SITE_KEYS).map(String::from));
        if let Some(tw) = g.meta(TWITTER_SITE) {
            sites.push(tw.trim_start_matches('@').to_string());
        }
        let host = page_url
            .and_then(|u| u.host_str().map(String::from))
            .or_else(|| {
                g.canonical
                    .and_then(|c| Url::parse(c).ok())
                    .and_then(|u| u.host_str().map(String::from))
            });
        if let Some(h) = &host {
            sites.extend(host_names(h));
        }
        // A "site name" that is the page's own title (templates fill
        // application-name or og:site_name with it) names nothing.
        let page_titles: Vec<String> = [g.title.as_deref(), g.meta(OG_TITLE)]
            .into_iter()
            .flatten()
            .map(title::key)
            .collect();
        let is_page_title = |s: &str| page_titles.contains(&title::key(s));
        sites.retain(|s| !s.trim().is_empty() && !is_page_title(s));
        let site_name = site_name.filter(|s| !is_page_title(s));
        SiteNames {
            site_name,
            sites,
            host,
        }
    }
}

/// The publisher: the JSON-LD publisher, the site's name, a microdata
/// publisher, the title's site segment, or the host.
pub(super) fn choose(
    g: &Gathered<'_>,
    ld: &LdInfo,
    names: &SiteNames,
    headline: Option<&str>,
) -> Option<String> {
    let publisher = ld
        .publisher
        .clone()
        .filter(|p| !is_url(p))
        .or_else(|| names.site_name.clone())
        .or_else(|| g.prop(PUBLISHER_PROPS).map(|(v, _)| v.to_string()))
        .or_else(|| title_suffix(g.title.as_deref(), headline))
        .or_else(|| {
            names
                .host
                .as_deref()
                .map(|h| h.trim_start_matches("www.").to_string())
        });
    publisher
        .map(|p| crate::text::collapse(&p))
        .filter(|p| !p.is_empty())
}

/// The part of `<title>` after the headline: "Headline | Site" → "Site".
fn title_suffix(title: Option<&str>, headline: Option<&str>) -> Option<String> {
    let t = title?;
    let h = headline?;
    let rest = t.strip_prefix(h).or_else(|| {
        let pos = t.find(h)?;
        t.get(pos + h.len()..)
    })?;
    // "Headline | Section | Site": the site is the last segment.
    let last = title::last_segment(rest);
    let last = last.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '|' | '-' | '–' | '—' | '•' | '·' | ':' | '»')
    });
    (!last.is_empty() && last.split_whitespace().count() <= TITLE_SITE_WORDS)
        .then(|| last.to_string())
}

/// Site-name candidates from a host: "www.pcworld.co.uk" → "pcworld",
/// "pcworld.co.uk".
fn host_names(host: &str) -> Vec<String> {
    let h = host.trim_start_matches("www.").trim_start_matches("m.");
    let mut out = vec![h.to_string()];
    let labels: Vec<&str> = h.split('.').collect();
    // The registrable label: the longest label that is not a public suffix part.
    if let Some(best) = labels
        .iter()
        .take(labels.len().saturating_sub(1))
        .filter(|l| !HOST_NOT_NAME.contains(*l))
        .max_by_key(|l| l.len())
    {
        out.push((*best).to_string());
    }
    out
}
