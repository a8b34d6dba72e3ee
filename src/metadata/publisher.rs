//! The publisher, and the names the site goes by: og:site_name, the JSON-LD
//! publisher and website, application names, the Twitter handle and the
//! host. The headline chooser strips these from titles, the author chooser
//! sets them aside as organisations.

use url::Url;

use super::authors::is_url;
use super::evidence::PublisherSource;
use super::gather::Gathered;
use super::headline::title;
use super::jsonld::LdInfo;
use super::lexicon::headline::TITLE_SITE_WORDS;
use super::lexicon::keys::{
    APP_NAME_KEYS, OG_TITLE, PUBLISHER_PROPS, SITE_KEYS, SITE_NAME_KEYS, TWITTER_SITE,
};
use super::lexicon::titles::{HOST_NOT_NAME, LEGAL_FORMS};

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

/// The publisher: the first brand among the JSON-LD publisher, the site's
/// name, a microdata publisher, the title's site segment and the host. A
/// legal entity ("Ediciones EL PAÍS S.L.") or a domain ("dagbladet.no")
/// yields to a brand the page also names; alone, it is cut to its name.
pub(super) fn choose(
    g: &Gathered<'_>,
    ld: &LdInfo,
    names: &SiteNames,
    headline: Option<&str>,
) -> Option<String> {
    let candidates: Vec<(PublisherSource, String)> = [
        (
            PublisherSource::JsonLd,
            ld.publisher.clone().filter(|p| !is_url(p)),
        ),
        (PublisherSource::SiteName, names.site_name.clone()),
        (
            PublisherSource::Microdata,
            g.prop(PUBLISHER_PROPS).map(|(v, _)| v.to_string()),
        ),
        (
            PublisherSource::TitleSegment,
            title_suffix(g.title.as_deref(), headline),
        ),
        (
            PublisherSource::Host,
            names
                .host
                .as_deref()
                .map(|h| h.trim_start_matches("www.").to_string()),
        ),
    ]
    .into_iter()
    .filter_map(|(source, name)| {
        let name = crate::text::collapse(&name?);
        (!name.is_empty()).then_some((source, name))
    })
    .collect();
    // The title's segment and the host name a brand only when the page
    // gives no other name: the segment may be a section ("| Wirtschaft").
    candidates
        .iter()
        .filter(|(source, _)| {
            !matches!(
                source,
                PublisherSource::TitleSegment | PublisherSource::Host
            )
        })
        .find(|(_, name)| shape(name) == Shape::Brand)
        .or_else(|| candidates.first())
        .map(|(_, name)| brand_of(name))
        .filter(|p| !p.is_empty())
}

/// What a publisher name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// The name readers know.
    Brand,
    /// A company's registered name: it ends in a legal form.
    LegalEntity,
    /// A host name.
    Domain,
}

fn shape(name: &str) -> Shape {
    if is_domain(name) {
        return Shape::Domain;
    }
    let last = name
        .split_whitespace()
        .last()
        .unwrap_or("")
        .trim_end_matches(',');
    if LEGAL_FORMS.iter().any(|f| f.eq_ignore_ascii_case(last)) {
        Shape::LegalEntity
    } else {
        Shape::Brand
    }
}

/// "dagbladet.no", "politics.people.com.cn": one lower-case word of
/// labels, the last a top-level domain. ("Canada.com", "ElDiario.es" are
/// brands spelled as their domain.)
fn is_domain(name: &str) -> bool {
    let labels: Vec<&str> = name.split('.').collect();
    let tld = labels.last().copied().unwrap_or("");
    !name.contains(char::is_whitespace)
        && !name.chars().any(char::is_uppercase)
        && labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_alphabetic())
}

/// The brand in a legal entity's or a domain's name: "Krautreporter eG" →
/// "Krautreporter", "Freie Presse - Verlag GmbH" → "Freie Presse",
/// "hessenschau.de" → "hessenschau".
fn brand_of(name: &str) -> String {
    match shape(name) {
        Shape::Brand => name.to_string(),
        Shape::Domain => {
            let labels: Vec<&str> = name.trim_start_matches("www.").split('.').collect();
            // The label before the public suffix ("co.uk", "com.cn").
            let mut end = labels.len().saturating_sub(1);
            while end > 1
                && labels
                    .get(end - 1)
                    .is_some_and(|l| HOST_NOT_NAME.contains(&l.to_ascii_lowercase().as_str()))
            {
                end -= 1;
            }
            labels
                .get(end.saturating_sub(1))
                .map_or_else(|| name.to_string(), |l| (*l).to_string())
        }
        Shape::LegalEntity => {
            let head = title::first_part(name);
            if head != name {
                return head.to_string();
            }
            let mut words: Vec<&str> = name.split_whitespace().collect();
            while words.len() > 1
                && words.last().is_some_and(|w| {
                    let w = w.trim_end_matches(',');
                    LEGAL_FORMS.iter().any(|f| f.eq_ignore_ascii_case(w)) || w == "&"
                })
            {
                words.pop();
            }
            words.join(" ").trim_end_matches(',').to_string()
        }
    }
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

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::metadata::Metadata;
    use crate::metadata::tests::collect_html;

    fn run(head: &str, body: &str) -> Metadata {
        let page = format!("<html><head>{head}</head><body>{body}<p>Text.</p></body></html>");
        collect_html(
            &page,
            None,
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
        )
    }

    #[test]
    fn a_legal_entity_yields_to_the_brand_the_page_names() {
        let m = run(
            r#"<title>Story</title><meta property="og:site_name" content="El Diario">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Story",
            "publisher":{"@type":"Organization","name":"Ediciones El Diario S.L."}}</script>"#,
            "",
        );
        assert_eq!(m.publisher.as_deref(), Some("El Diario"));
        // Alone, the legal form is cut.
        let m = run(
            r#"<title>Story</title><script type="application/ld+json">{"@type":"NewsArticle",
            "publisher":{"@type":"Organization","name":"Krautreporter eG"}}</script>"#,
            "",
        );
        assert_eq!(m.publisher.as_deref(), Some("Krautreporter"));
    }

    #[test]
    fn a_host_name_given_as_the_publisher_is_cut_to_its_name() {
        let m = run(
            r#"<title>Story</title><meta property="og:site_name" content="dagbladet.no">"#,
            "",
        );
        assert_eq!(m.publisher.as_deref(), Some("dagbladet"));
        // A brand spelled as its domain stays as it is.
        let m = run(
            r#"<title>Story</title><meta property="og:site_name" content="ElDiario.es">"#,
            "",
        );
        assert_eq!(m.publisher.as_deref(), Some("ElDiario.es"));
    }

    #[test]
    fn many_itemprop_names_do_not_push_out_the_publisher() {
        let names = "<span itemprop=\"name\">Item</span>".repeat(130);
        let m = run(
            "<title>Big news today</title>",
            &format!("{names}<span itemprop=\"publisher\">The Daily Planet</span>"),
        );
        assert_eq!(m.publisher.as_deref(), Some("The Daily Planet"));
    }
}
