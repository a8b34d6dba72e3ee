//! JSON-LD: a tolerant parse (what browsers and search engines accept:
//! comment and CDATA wrappers, trailing commas, raw newlines in strings,
//! several objects in one script) and a bounded walk that finds the page's
//! main creative work and the site's organisation.

use serde_json::{Map, Value};

use super::text::decode_entities;

/// The deepest a walk descends into nested JSON-LD.
const MAX_DEPTH: usize = 32;
/// The most objects a page's JSON-LD may contribute.
const MAX_OBJECTS: usize = 2000;
/// The largest script parsed.
const MAX_SCRIPT: usize = 2_000_000;

/// A person or organisation named as author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    /// The name as given.
    pub name: String,
    /// Whether the JSON-LD types it as an organisation.
    pub organisation: bool,
}

/// What the JSON-LD says about the page.
#[derive(Debug, Clone, Default)]
pub struct LdInfo {
    /// `@type` of the main object, lower-cased.
    pub kind: Option<String>,
    /// How article-like the main object is (higher is more).
    pub rank: u8,
    /// `headline` (or `name`) of the main object.
    pub headline: Option<String>,
    /// `datePublished` (or `dateCreated` / `uploadDate`).
    pub published: Option<String>,
    /// `dateModified`.
    pub modified: Option<String>,
    /// Authors, in order.
    pub authors: Vec<Agent>,
    /// `publisher.name`.
    pub publisher: Option<String>,
    /// `WebSite.name`.
    pub site_name: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `image` (first URL).
    pub image: Option<String>,
    /// `articleBody`.
    pub article_body: Option<String>,
    /// `keywords`.
    pub keywords: Vec<String>,
    /// `inLanguage`.
    pub language: Option<String>,
    /// `url` / `mainEntityOfPage`.
    pub url: Option<String>,
}

/// Read the page's JSON-LD scripts.
pub fn read(scripts: &[String]) -> LdInfo {
    let mut values = Vec::new();
    for s in scripts {
        parse_script(s, &mut values);
    }
    extract(&values)
}

/// Parse one script's text into JSON values, forgiving what browsers forgive.
pub fn parse_script(raw: &str, out: &mut Vec<Value>) {
    if raw.len() > MAX_SCRIPT {
        return;
    }
    let text = strip_wrappers(raw);
    if text.is_empty() {
        return;
    }
    if let Ok(v) = serde_json::from_str::<Value>(text) {
        out.push(v);
        return;
    }
    let repaired = repair(text);
    if let Ok(v) = serde_json::from_str::<Value>(&repaired) {
        out.push(v);
        return;
    }
    // Several values one after another (possibly separated by `;` or `,`).
    let mut rest = repaired.as_str();
    let mut guard = 0;
    while guard < 64 {
        guard += 1;
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ';' || c == ',');
        if rest.is_empty() {
            break;
        }
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        match stream.next() {
            Some(Ok(v)) => {
                out.push(v);
                let used = stream.byte_offset();
                rest = rest.get(used..).unwrap_or("");
            }
            _ => break,
        }
    }
}

fn strip_wrappers(raw: &str) -> &str {
    let mut s = raw.trim();
    for _ in 0..4 {
        let before = s.len();
        for p in [
            "<!--",
            "//<![CDATA[",
            "/*<![CDATA[*/",
            "<![CDATA[",
            "//-->",
            "-->",
        ] {
            if let Some(r) = s.strip_prefix(p) {
                s = r.trim_start();
            }
        }
        for p in ["-->", "//]]>", "/*]]>*/", "]]>", "//<!--", "//", ";"] {
            if let Some(r) = s.strip_suffix(p) {
                s = r.trim_end();
            }
        }
        if s.len() == before {
            break;
        }
    }
    s
}

/// Escape raw control characters inside strings and drop trailing commas
/// before `}` / `]`.
fn repair(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut in_string = false;
    let mut escaped = false;
    let mut pending_comma: Option<usize> = None;
    for c in text.chars() {
        if in_string {
            if escaped {
                escaped = false;
                out.push(c);
                continue;
            }
            match c {
                '\\' => {
                    escaped = true;
                    out.push(c);
                }
                '"' => {
                    in_string = false;
                    out.push(c);
                }
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 => {}
                c => out.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                pending_comma = None;
                in_string = true;
                out.push(c);
            }
            ',' => {
                pending_comma = Some(out.len());
                out.push(c);
            }
            '}' | ']' => {
                if let Some(at) = pending_comma.take() {
                    if out
                        .get(at..)
                        .is_some_and(|tail| tail.trim_start_matches(',').trim().is_empty())
                    {
                        out.truncate(at);
                    }
                }
                out.push(c);
            }
            c if c.is_whitespace() => out.push(c),
            c => {
                pending_comma = None;
                out.push(c);
            }
        }
    }
    out
}

fn types_of(obj: &Map<String, Value>) -> Vec<String> {
    match obj.get("@type") {
        Some(Value::String(s)) => vec![short_type(s)],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(short_type)
            .take(8)
            .collect(),
        _ => Vec::new(),
    }
}

fn short_type(s: &str) -> String {
    s.rsplit(['/', '#', ':'])
        .next()
        .unwrap_or(s)
        .trim()
        .to_ascii_lowercase()
}

/// How article-like a type is: 0 not a creative work of interest.
fn type_rank(t: &str) -> u8 {
    match t {
        "newsarticle"
        | "reportagenews"
        | "analysisnewsarticle"
        | "opinionnewsarticle"
        | "backgroundnewsarticle"
        | "reviewnewsarticle"
        | "blogposting"
        | "liveblogposting"
        | "article"
        | "techarticle"
        | "scholarlyarticle"
        | "medicalscholarlyarticle"
        | "socialmediaposting"
        | "discussionforumposting"
        | "report"
        | "advertisercontentarticle"
        | "satiricalarticle"
        | "posting" => 5,
        "recipe" | "howto" | "review" | "creativework" | "videoobject" | "podcastepisode"
        | "event" | "course" => 3,
        "webpage" | "itempage" | "aboutpage" | "qapage" | "faqpage" | "collectionpage"
        | "profilepage" | "medicalwebpage" | "searchresultspage" | "contactpage"
        | "checkoutpage" => 2,
        _ => 0,
    }
}

fn is_org_type(t: &str) -> bool {
    matches!(
        t,
        "organization"
            | "newsmediaorganization"
            | "corporation"
            | "localbusiness"
            | "educationalorganization"
            | "governmentorganization"
            | "ngo"
            | "onlinebusiness"
            | "store"
            | "brand"
            | "website"
            | "collegeoruniversity"
            | "medicalorganization"
            | "sportsorganization"
            | "researchorganization"
    )
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let t = crate::text::collapse(&decode_entities(s));
            (!t.is_empty()).then_some(t)
        }
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => a.iter().find_map(text_of),
        Value::Object(o) => o.get("@value").and_then(text_of),
        _ => None,
    }
}

fn url_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(url_of),
        Value::Object(o) => o
            .get("url")
            .or_else(|| o.get("contentUrl"))
            .or_else(|| o.get("@id"))
            .and_then(url_of),
        _ => None,
    }
}

type Ids<'a> = std::collections::HashMap<&'a str, &'a Map<String, Value>>;

/// An object, or the full definition a bare `{"@id": …}` reference points to.
fn resolve_ref<'a>(v: &'a Value, by_id: &Ids<'a>) -> Option<&'a Map<String, Value>> {
    let o = v.as_object()?;
    if o.len() <= 2 {
        if let Some(id) = o.get("@id").and_then(Value::as_str) {
            if let Some(full) = by_id.get(id) {
                return Some(full);
            }
        }
    }
    Some(o)
}

/// Every object in the values, each with its depth, walked with an explicit
/// stack (the page controls the nesting).
fn all_objects(values: &[Value]) -> Vec<(&Map<String, Value>, usize)> {
    let mut out = Vec::new();
    let mut stack: Vec<(&Value, usize)> = values.iter().rev().map(|v| (v, 0)).collect();
    while let Some((v, depth)) = stack.pop() {
        if depth > MAX_DEPTH || out.len() >= MAX_OBJECTS {
            continue;
        }
        match v {
            Value::Object(o) => {
                out.push((o, depth));
                // Pre-order: push children in reverse.
                let kids: Vec<&Value> = o
                    .iter()
                    .filter(|(k, _)| k.as_str() != "articleBody" && k.as_str() != "text")
                    .map(|(_, v)| v)
                    .filter(|v| v.is_object() || v.is_array())
                    .collect();
                for k in kids.into_iter().rev() {
                    stack.push((k, depth + 1));
                }
            }
            Value::Array(a) => {
                for k in a.iter().rev() {
                    stack.push((k, depth + 1));
                }
            }
            _ => {}
        }
    }
    out
}

/// Read everything useful out of a page's JSON-LD values.
pub fn extract<'a>(values: &'a [Value]) -> LdInfo {
    let objects = all_objects(values);
    let mut by_id: std::collections::HashMap<&'a str, &'a Map<String, Value>> =
        std::collections::HashMap::new();
    for (o, _) in &objects {
        if let Some(id) = o.get("@id").and_then(Value::as_str) {
            // Keep the fullest definition of an id.
            let keep = by_id.get(id).is_none_or(|prev| prev.len() < o.len());
            if keep {
                by_id.insert(id, o);
            }
        }
    }
    let resolve = |v: &'a Value| resolve_ref(v, &by_id);

    let mut info = LdInfo::default();
    // The main object: the most article-like, shallowest, first.
    let mut best: Option<(&Map<String, Value>, u8, usize)> = None;
    for (o, depth) in &objects {
        let types = types_of(o);
        let rank = types.iter().map(|t| type_rank(t)).max().unwrap_or(0);
        if rank == 0 {
            continue;
        }
        // An article object with a headline beats a bare one.
        let bonus = u8::from(o.contains_key("headline") || o.contains_key("datePublished"));
        let score = rank * 2 + bonus;
        let better = match best {
            None => true,
            Some((_, s, d)) => score > s || (score == s && *depth < d),
        };
        if better {
            best = Some((o, score, *depth));
        }
        if info.site_name.is_none() && types.iter().any(|t| t == "website") {
            info.site_name = o.get("name").and_then(text_of);
        }
    }
    for (o, _) in &objects {
        if info.site_name.is_none() && types_of(o).iter().any(|t| t == "website") {
            info.site_name = o.get("name").and_then(text_of);
        }
    }
    let Some((main, score, _)) = best else {
        // No creative work: an organisation may still name the publisher.
        info.publisher = objects
            .iter()
            .find(|(o, _)| types_of(o).iter().any(|t| is_org_type(t) && t != "website"))
            .and_then(|(o, _)| o.get("name").and_then(text_of));
        return info;
    };
    info.rank = score / 2;
    // A page whose subject is one thing (QAPage → Question, WebPage →
    // Article): read what the page object lacks from its main entity.
    let entity = main
        .get("mainEntity")
        .filter(|v| v.is_object())
        .and_then(resolve);
    let main: &Map<String, Value> = match entity {
        Some(e)
            if score / 2 <= 2
                && !main.contains_key("author")
                && !main.contains_key("datePublished") =>
        {
            e
        }
        _ => main,
    };
    info.kind = types_of(main).into_iter().next();
    info.headline = main
        .get("headline")
        .and_then(text_of)
        .or_else(|| main.get("name").and_then(text_of));
    let date_of = |o: &Map<String, Value>, keys: &[&str]| {
        keys.iter().find_map(|k| o.get(*k).and_then(text_of))
    };
    info.published = date_of(
        main,
        &["datePublished", "dateCreated", "uploadDate", "startDate"],
    );
    info.modified = date_of(main, &["dateModified"]);
    info.description = main.get("description").and_then(text_of);
    info.image = main
        .get("image")
        .or_else(|| main.get("thumbnailUrl"))
        .and_then(|v| match v {
            Value::Object(_) => resolve(v)
                .and_then(|o| o.get("url").or_else(|| o.get("contentUrl")))
                .and_then(url_of),
            other => url_of(other),
        });
    // The body keeps its line breaks: they are its paragraphs.
    info.article_body = main.get("articleBody").and_then(|v| match v {
        Value::String(s) => {
            let t = decode_entities(s).into_owned();
            (!t.trim().is_empty()).then_some(t)
        }
        other => text_of(other),
    });
    info.language = main.get("inLanguage").and_then(text_of);
    info.url = main
        .get("url")
        .and_then(url_of)
        .or_else(|| main.get("mainEntityOfPage").and_then(url_of));
    match main.get("keywords") {
        Some(Value::String(s)) => {
            info.keywords = decode_entities(s)
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .take(32)
                .map(String::from)
                .collect();
        }
        Some(Value::Array(a)) => {
            info.keywords = a.iter().filter_map(text_of).take(32).collect();
        }
        _ => {}
    }
    // Authors: strings, objects, arrays, @id references.
    let mut pending: Vec<&Value> = Vec::new();
    for key in ["author", "creator"] {
        match main.get(key) {
            Some(Value::Array(a)) => pending.extend(a.iter().take(32)),
            Some(v) => pending.push(v),
            None => {}
        }
        if !pending.is_empty() {
            break;
        }
    }
    for v in pending {
        match v {
            Value::String(s) => {
                let name = crate::text::collapse(&decode_entities(s));
                if !name.is_empty() {
                    info.authors.push(Agent {
                        name,
                        organisation: false,
                    });
                }
            }
            Value::Object(_) => {
                if let Some(o) = resolve(v) {
                    let org = types_of(o).iter().any(|t| is_org_type(t));
                    let name = o.get("name").and_then(text_of).or_else(|| {
                        let given = o.get("givenName").and_then(text_of)?;
                        let family = o.get("familyName").and_then(text_of).unwrap_or_default();
                        Some(format!("{given} {family}").trim().to_string())
                    });
                    if let Some(name) = name {
                        info.authors.push(Agent {
                            name,
                            organisation: org,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    // Publisher: the main object's, else the site's organisation.
    info.publisher = main
        .get("publisher")
        .and_then(|v| match v {
            Value::Array(a) => a.first(),
            v => Some(v),
        })
        .and_then(|v| match v {
            Value::String(_) => text_of(v),
            v => resolve(v).and_then(|o| o.get("name")).and_then(text_of),
        })
        .filter(|s| !s.is_empty());
    if info.publisher.is_none() {
        info.publisher = objects
            .iter()
            .find(|(o, _)| types_of(o).iter().any(|t| is_org_type(t) && t != "website"))
            .and_then(|(o, _)| o.get("name").and_then(text_of));
    }
    // A WebPage whose dates are missing may nest them in mainEntity.
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(script: &str) -> LdInfo {
        let mut v = Vec::new();
        parse_script(script, &mut v);
        extract(&v)
    }

    #[test]
    fn graph_with_references() {
        let i = info(
            r#"{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","@id":"/#site","name":"The Daily"},
              {"@type":"Organization","@id":"/#org","name":"Daily Media"},
              {"@type":"Person","@id":"/#p1","name":"Jane Roe"},
              {"@type":"WebPage","@id":"/x#page","name":"Page"},
              {"@type":"NewsArticle","headline":"Big news","datePublished":"2021-12-10T11:46:00+03:00",
               "author":{"@id":"/#p1"},"publisher":{"@id":"/#org"}}]}"#,
        );
        assert_eq!(i.headline.as_deref(), Some("Big news"));
        assert_eq!(i.published.as_deref(), Some("2021-12-10T11:46:00+03:00"));
        assert_eq!(
            i.authors,
            vec![Agent {
                name: "Jane Roe".into(),
                organisation: false
            }]
        );
        assert_eq!(i.publisher.as_deref(), Some("Daily Media"));
        assert_eq!(i.site_name.as_deref(), Some("The Daily"));
    }

    #[test]
    fn broken_json_is_forgiven() {
        let i = info(
            "<!--\n{\"@type\":\"Article\",\"headline\":\"Line\none\",\"author\":[\"A\",\"B\",],}\n-->",
        );
        assert_eq!(i.headline.as_deref(), Some("Line one"));
        assert_eq!(i.authors.len(), 2);
        let i = info(
            "{\"@type\":\"WebSite\",\"name\":\"S\"}\n{\"@type\":\"BlogPosting\",\"headline\":\"H\"}",
        );
        assert_eq!(i.headline.as_deref(), Some("H"));
        assert_eq!(i.site_name.as_deref(), Some("S"));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        let i = info(&deep);
        assert!(i.headline.is_none());
        let mut nested = String::from("{\"@type\":\"Article\",\"headline\":\"H\",\"x\":");
        nested.push_str(&"{\"a\":".repeat(100));
        nested.push('1');
        nested.push_str(&"}".repeat(101));
        let i = info(&nested);
        assert!(i.headline.is_none() || i.headline.as_deref() == Some("H"));
    }
}
