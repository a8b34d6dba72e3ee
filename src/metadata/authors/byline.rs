//! Author names: cleaning bylines ("By Jane Roe, Staff Writer | The Daily")
//! and splitting lists ("A, B and C", "A & B", "A und B", "A et B", "A y B",
//! "A e B"). The words it knows are in `lexicon/bylines.rs`.

use crate::metadata::lexicon::bylines::*;

fn strip_prefix_ci<'a>(s: &'a str, p: &str) -> Option<&'a str> {
    let head = s.get(..p.len())?;
    if !head.eq_ignore_ascii_case(p) && head.to_lowercase() != p {
        return None;
    }
    let rest = s.get(p.len()..)?;
    // A word prefix must end at a boundary.
    let boundary = p.ends_with([':', '/', '：'])
        || !p.chars().last().is_some_and(char::is_alphanumeric)
        || rest.chars().next().is_none_or(|c| !c.is_alphanumeric());
    boundary.then_some(rest)
}

/// Remove lead-ins, repeatedly: "By: Written by Jane" → "Jane"; also
/// "Recipe by Jane", "Photos and text by Jane".
fn strip_lead(mut s: &str) -> &str {
    let lower = s.to_lowercase();
    if let Some(pos) = lower.find(" by ") {
        if lower
            .get(..pos)
            .is_some_and(|head| head.split_whitespace().count() <= 3)
        {
            s = s.get(pos + 4..).unwrap_or(s);
        }
    }
    for _ in 0..3 {
        s = s.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '–' | '—' | '|' | ':' | '·' | '•' | '/')
        });
        let before = s.len();
        for p in PREFIXES {
            if let Some(rest) = strip_prefix_ci(s, p) {
                s = rest;
                break;
            }
        }
        if s.len() == before {
            break;
        }
    }
    s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—'))
}

fn is_role(s: &str) -> bool {
    let l = s.trim().trim_end_matches('.').to_lowercase();
    if l.split(|c: char| !c.is_alphanumeric())
        .any(|w| ROLE_WORDS.contains(&w))
    {
        return true;
    }
    ROLES.contains(&l.as_str())
        || ROLES.iter().any(|r| {
            l.ends_with(&format!(" {r}")) && l.split_whitespace().count() <= 4 && {
                let first = l.split_whitespace().next().unwrap_or("");
                ROLE_QUALIFIERS.contains(&first)
            }
        })
}

/// Cut a byline at what follows the names: a date, a " | Publication", a
/// role after a comma, an email, "and contributors".
fn cut_tail(s: &str) -> &str {
    let mut end = s.len();
    // Separators that end the name part.
    for sep in NAME_ENDS {
        if let Some(i) = s.find(sep) {
            if i > 0 {
                end = end.min(i);
            }
        }
    }
    // A word made of digits starts a date or a count, not a name (digits
    // inside a handle such as "paulb203" are part of it).
    let mut prev_space = true;
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() && prev_space {
            end = end.min(i);
            break;
        }
        prev_space = c.is_whitespace() || c == '(' || c == ',';
    }
    if let Some(i) = s.to_lowercase().find("and contributors") {
        end = end.min(i);
    }
    s.get(..end).unwrap_or(s)
}

/// Split a cleaned byline into name candidates.
fn split_names(s: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    for chunk in s.split([',', ';', '&', '/', '、', '，', '+']) {
        // Split on connector words.
        let mut current: Vec<&str> = Vec::new();
        for w in chunk.split_whitespace() {
            let lw = w.to_lowercase();
            if AND_WORDS.contains(&lw.as_str()) {
                if !current.is_empty() {
                    parts.push(current.join(" "));
                }
                current.clear();
            } else {
                current.push(w);
            }
        }
        if !current.is_empty() {
            parts.push(current.join(" "));
        }
    }
    parts
}

/// Whether a candidate looks like a person's (or an organisation's) name.
fn plausible_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || s.chars().count() > 60 {
        return false;
    }
    if s.contains('@') || s.contains("://") || s.starts_with("www.") {
        return false;
    }
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || letters * 2 < s.chars().count() {
        return false;
    }
    let lower = s.to_lowercase();
    if lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| NOT_NAME_WORDS.contains(&w))
    {
        return false;
    }
    // A lone month or weekday name is what is left of a date; a lone
    // function word is what is left of a sentence ("by over 20 experts").
    if words.len() == 1 {
        let w = lower.trim_end_matches('.');
        if crate::metadata::dates::is_month_name(w)
            || crate::metadata::dates::is_weekday_name(w)
            || LONE_NOT_NAME.contains(&w)
        {
            return false;
        }
    }
    true
}

fn tidy(name: &str) -> String {
    let t = name.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ';'
                    | ':'
                    | '-'
                    | '–'
                    | '—'
                    | '|'
                    | '.'
                    | '('
                    | ')'
                    | '"'
                    | '\''
                    | '“'
                    | '”'
                    | '·'
                    | '•'
            )
    });
    // Drop a trailing handle or parenthesised note.
    let t = match t.find(" (") {
        Some(i) => t.get(..i).unwrap_or(t),
        None => t,
    };
    // Drop trailing month names left by a cut date ("Jane Roe December"),
    // a trailing job word ("Jane Roe Writer") and dangling connectors.
    let mut words: Vec<&str> = t.split_whitespace().collect();
    // A dangling connector marks a label ("Insights from"), not a name.
    if words.len() > 1
        && words
            .last()
            .is_some_and(|w| DANGLING_WORDS.contains(&w.to_lowercase().as_str()))
    {
        return String::new();
    }
    while words.len() > 2
        && words
            .last()
            .is_some_and(|w| ROLE_WORDS.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    while words.len() > 1
        && words.last().is_some_and(|w| {
            crate::metadata::dates::is_month_word(&w.trim_end_matches('.').to_lowercase())
        })
    {
        words.pop();
    }
    let joined = words.join(" ");
    let t = joined.as_str();
    let t = t.trim_start_matches('@');
    crate::text::collapse(t)
}

/// Turn a byline into person names: lead-ins, roles, trailing publication
/// names, dates, emails, handles and URLs removed; lists split; duplicates
/// dropped. A byline cut into segments ("Dec 19, 2025 · Jane Roe", "Jane
/// Roe | The Daily") yields the names of its first segment that has any.
pub fn parse_byline(raw: &str) -> Vec<String> {
    let text: String = raw.chars().take(MAX_BYLINE).collect();
    let text = crate::text::collapse(&text);
    for seg in text
        .split(['|', '·', '•', '\n', '»', '«'])
        .flat_map(|s| s.split(" — "))
        .flat_map(|s| s.split(" – "))
        .flat_map(|s| s.split(" - "))
        .take(8)
    {
        let names = parse_segment(seg);
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}

fn parse_segment(seg: &str) -> Vec<String> {
    // A date ends the names: "By Jane Roe December 10, 2021".
    let seg =
        match crate::metadata::dates::find_dates(seg, crate::metadata::dates::Order::MonthFirst)
            .first()
        {
            Some((pos, _)) => seg.get(..*pos).unwrap_or(seg),
            None => seg,
        };
    let s = strip_lead(seg.trim());
    let s = cut_tail(s);
    let mut names: Vec<String> = Vec::new();
    let mut roles: Vec<String> = Vec::new();
    for part in split_names(s) {
        let part = strip_lead(&part).to_string();
        let part: String = part
            .split_whitespace()
            .filter(|w| !w.contains('@') && !w.contains("://"))
            .collect::<Vec<_>>()
            .join(" ");
        let name = tidy(&part);
        if !plausible_name(&name) {
            continue;
        }
        if is_role(&name) || is_credential(&name) {
            push_unique(&mut roles, name);
        } else {
            push_unique(&mut names, name);
        }
    }
    // Job titles and credentials go when a name is there; a byline made of
    // them alone ("Community Editor", "Marketing Team") is kept.
    if names.is_empty() {
        roles.retain(|r| !is_credential(r));
        roles
    } else {
        names
    }
}

/// "MD", "PhD", "RN", "Ph.D.": letters after a name, not a name.
fn is_credential(s: &str) -> bool {
    let letters: String = s.chars().filter(|c| c.is_alphabetic()).collect();
    let n = letters.chars().count();
    (2..=5).contains(&n)
        && !s.contains(' ')
        && (letters.chars().all(char::is_uppercase)
            || CREDENTIALS.contains(&letters.to_lowercase().as_str()))
}

/// Labels that stand alone before a name ("Written by" | "Jane Roe").
pub fn is_label(text: &str) -> bool {
    if text.len() > 24 {
        return false;
    }
    let l = text
        .trim()
        .trim_end_matches([':', '：'])
        .trim()
        .to_lowercase();
    LABELS.contains(&l.as_str())
}

/// Whether a text opens with a byline lead-in ("By Jane Roe").
pub fn starts_byline(text: &str) -> bool {
    let t = text.trim_start();
    // Cheap rejection before any allocation: every lead-in starts so.
    if !t.bytes().next().is_some_and(|c| {
        let c = c.to_ascii_lowercase();
        !c.is_ascii()
            || BYLINE_OPENERS
                .iter()
                .any(|p| p.as_bytes().first() == Some(&c))
    }) {
        return false;
    }
    let l = t.to_lowercase();
    let Some(p) = BYLINE_OPENERS.iter().find(|p| l.starts_with(**p)) else {
        return false;
    };
    // A name follows: capitalised where the script has case.
    let rest = l.get(p.len()..).map_or("", str::trim_start);
    let offset = t.len() - rest.len();
    let strong = !WEAK_OPENERS.contains(p);
    (strong
        || t.get(offset..)
            .and_then(|r| r.chars().next())
            .is_none_or(|c| c.is_uppercase() || !(c.is_lowercase())))
        && t.split_whitespace().count() <= 12
}

/// Add a name unless it is already there (case-insensitively).
pub fn push_unique(out: &mut Vec<String>, name: String) {
    let key = name.to_lowercase();
    if !out.iter().any(|n| n.to_lowercase() == key) {
        out.push(name);
    }
}

/// Whether `name` is the site or publisher (so not a person's byline).
pub fn is_site_name(name: &str, sites: &[String]) -> bool {
    let n: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    !n.is_empty()
        && sites.iter().any(|s| {
            let s: String = s
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            !s.is_empty()
                && (s == n || (n.len() >= 4 && s.contains(&n)) || (s.len() >= 4 && n.contains(&s)))
        })
}

/// Whether a value is a URL (an author given as a profile link).
pub fn is_url(s: &str) -> bool {
    let t = s.trim();
    t.starts_with("http://")
        || t.starts_with("https://")
        || t.starts_with("//")
        || t.starts_with('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Vec<String> {
        parse_byline(s)
    }

    #[test]
    fn english_bylines() {
        assert_eq!(p("By Jane Roe"), vec!["Jane Roe"]);
        assert_eq!(p("By Jane Roe, Staff Writer"), vec!["Jane Roe"]);
        assert_eq!(p("Words by Jane Roe | The Daily"), vec!["Jane Roe"]);
        assert_eq!(
            p("By Jane Roe, John Doe and Max Mustermann"),
            vec!["Jane Roe", "John Doe", "Max Mustermann"]
        );
        assert_eq!(p("Jane Roe & John Doe"), vec!["Jane Roe", "John Doe"]);
        assert_eq!(p("By JANE ROE and jane roe"), vec!["JANE ROE"]);
        assert_eq!(p("Jane Roe jane@example.com"), vec!["Jane Roe"]);
        assert_eq!(p("By Jane Roe @janeroe"), vec!["Jane Roe"]);
        assert_eq!(p("Jane Roe and contributors"), vec!["Jane Roe"]);
        assert_eq!(p("By Jane Roe December 10, 2021"), vec!["Jane Roe"]);
        assert_eq!(p("Reuters"), vec!["Reuters"]);
        assert_eq!(p("Jane Roe, Senior Correspondent"), vec!["Jane Roe"]);
        assert!(p("Share on Facebook").is_empty());
        // What is left of a date or a sentence is not a name.
        assert!(p("Sat").is_empty());
        assert!(p("by over").is_empty());
        assert_eq!(p("By Sam Sat"), vec!["Sam Sat"]);
    }

    #[test]
    fn other_languages() {
        assert_eq!(
            p("Von Max Mustermann und Erika Musterfrau"),
            vec!["Max Mustermann", "Erika Musterfrau"]
        );
        assert_eq!(
            p("Par Jean Dupont et Marie Curie"),
            vec!["Jean Dupont", "Marie Curie"]
        );
        assert_eq!(
            p("Por Juan Pérez y María López"),
            vec!["Juan Pérez", "María López"]
        );
        assert_eq!(
            p("Por João Silva e Ana Souza"),
            vec!["João Silva", "Ana Souza"]
        );
        assert_eq!(
            p("di Mario Rossi e Luigi Bianchi"),
            vec!["Mario Rossi", "Luigi Bianchi"]
        );
        assert_eq!(p("Автор: Иван Петров"), vec!["Иван Петров"]);
        assert_eq!(p("作者：张三"), vec!["张三"]);
    }

    #[test]
    fn site_names() {
        let sites = vec!["The Daily".to_string()];
        assert!(is_site_name("the daily", &sites));
        assert!(!is_site_name("Jane Roe", &sites));
    }
}
