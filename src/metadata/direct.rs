//! The fields read straight from the first source that has them: language,
//! canonical URL, description, lead image and tags. No evidence to weigh.

use url::Url;

use super::authors::push_unique;
use super::gather::Gathered;
use super::jsonld::LdInfo;
use super::lexicon::keys::{
    DESCRIPTION_KEYS, IMAGE_KEYS, KEYWORD_KEYS, LANGUAGE_KEYS, TAG_KEYS, URL_KEYS,
};

/// The page's language, lower-cased, `_` read as `-`.
pub(super) fn language(g: &Gathered<'_>, ld: &LdInfo) -> Option<String> {
    g.lang
        .map(str::to_string)
        .or_else(|| g.meta(LANGUAGE_KEYS).map(String::from))
        .or_else(|| ld.language.clone())
        .map(|l| l.trim().replace('_', "-").to_lowercase())
        .filter(|l| !l.is_empty() && l.len() <= 35)
}

/// The canonical URL: `<link rel=canonical>`, og:url, the JSON-LD url.
pub(super) fn canonical(g: &Gathered<'_>, ld: &LdInfo, page_url: Option<&Url>) -> Option<String> {
    g.canonical
        .and_then(|c| resolve_url(c, page_url))
        .or_else(|| g.meta(URL_KEYS).and_then(|c| resolve_url(c, page_url)))
        .or_else(|| ld.url.as_deref().and_then(|c| resolve_url(c, page_url)))
}

/// The summary the page gives of itself.
pub(super) fn description(g: &Gathered<'_>, ld: &LdInfo) -> Option<String> {
    g.meta(DESCRIPTION_KEYS)
        .map(String::from)
        .or_else(|| ld.description.clone())
}

/// The lead image, absolute.
pub(super) fn image(g: &Gathered<'_>, ld: &LdInfo, page_url: Option<&Url>) -> Option<String> {
    g.meta(IMAGE_KEYS)
        .and_then(|v| resolve_url(v, page_url))
        .or_else(|| ld.image.as_deref().and_then(|v| resolve_url(v, page_url)))
        .or_else(|| g.image_src.and_then(|v| resolve_url(v, page_url)))
}

/// Keywords and section tags, each once.
pub(super) fn tags(g: &Gathered<'_>, ld: &LdInfo) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for t in g.metas_all(TAG_KEYS) {
        push_unique(&mut tags, t.to_string());
    }
    if let Some(k) = g.meta(KEYWORD_KEYS) {
        for t in k.split(',').map(str::trim).filter(|t| !t.is_empty()) {
            push_unique(&mut tags, t.to_string());
        }
    }
    for t in &ld.keywords {
        push_unique(&mut tags, t.clone());
    }
    tags.truncate(32);
    tags
}

/// An http(s) URL, resolved against the page's.
fn resolve_url(value: &str, base: Option<&Url>) -> Option<String> {
    let v = value.trim();
    if v.is_empty() || v.starts_with("data:") || v.starts_with("javascript:") {
        return None;
    }
    let parsed = match base {
        Some(b) => b.join(v).ok()?,
        None => Url::parse(v).ok()?,
    };
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}
