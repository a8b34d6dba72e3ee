//! Never an invented value: over every golden fixture, each date the record
//! gives (published, modified) and each author name can be found in the
//! page, its URL or its metadata. A date counts as found when the page or
//! the URL writes its day in a common form (ISO, numeric with separators,
//! CJK, or a month name near the day and year); a name when each of its
//! words is in the page's text, markup or URL.

use std::path::Path;

use serde_json::Value;

/// Month names (lower-case prefixes) by month, in the fixtures' languages.
const MONTHS: [&[&str]; 12] = [
    &["jan", "ene", "gen", "janv", "янв"],
    &["feb", "fév", "fev", "февр"],
    &["mar", "mär", "mrt", "мар"],
    &["apr", "avr", "abr", "апр"],
    &["may", "mai", "mag", "mei", "mayo", "мая", "май"],
    &["jun", "juin", "giu", "июн"],
    &["jul", "juil", "lug", "июл"],
    &["aug", "aoû", "aou", "ago", "авг"],
    &["sep", "set", "сент"],
    &["oct", "okt", "out", "ott", "окт"],
    &["nov", "ноя"],
    &["dec", "dez", "déc", "dic", "дек"],
];

/// A small decoder for the entities the fixtures use in raw markup.
fn decode(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                "oacute" => 'ó',
                "eacute" => 'é',
                "aacute" => 'á',
                "uuml" => 'ü',
                "ouml" => 'ö',
                "auml" => 'ä',
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `hay` holds `n` as a number of its own (not inside a longer one).
fn has_number(hay: &str, n: &str) -> bool {
    hay.match_indices(n).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + n.len()..].chars().next();
        before.is_none_or(|c| !c.is_ascii_digit()) && after.is_none_or(|c| !c.is_ascii_digit())
    })
}

/// The nearest char boundary at or before `i`.
fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest char boundary at or after `i`.
fn ceil(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Whether the day `y-m-d` is written in `hay` (lower-case).
fn day_written(hay: &str, y: u32, m: u32, d: u32) -> bool {
    let forms = [
        format!("{y}-{m:02}-{d:02}"),
        format!("{y}/{m:02}/{d:02}"),
        format!("{y}/{m}/{d}"),
        format!("{y}.{m:02}.{d:02}"),
        format!("{y}{m:02}{d:02}"),
        format!("{d:02}.{m:02}.{y}"),
        format!("{d}.{m}.{y}"),
        format!("{d:02}/{m:02}/{y}"),
        format!("{m:02}/{d:02}/{y}"),
        format!("{m}/{d}/{y}"),
        format!("{d}/{m}/{y}"),
        format!("{y}年{m}月{d}日"),
        format!("{y}년 {m}월 {d}일"),
        format!("{d:02}.{m:02}.{:02}", y % 100),
    ];
    if forms.iter().any(|f| has_number(hay, f)) {
        return true;
    }
    // "10 Dec, 2021", "December 10, 2021", "10. Dezember 2021".
    let year = y.to_string();
    let day = d.to_string();
    let Some(names) = MONTHS.get(m as usize - 1) else {
        return false;
    };
    names.iter().any(|name| {
        hay.match_indices(name).any(|(i, _)| {
            // The day right before the month's word or right after it.
            let word_end = hay[i..]
                .char_indices()
                .find(|(_, c)| !c.is_alphabetic())
                .map_or(hay.len(), |(j, _)| i + j);
            let before = &hay[floor(hay, i.saturating_sub(5))..i];
            let after = &hay[word_end..ceil(hay, (word_end + 4).min(hay.len()))];
            let lo = floor(hay, i.saturating_sub(24));
            let hi = ceil(hay, (word_end + 32).min(hay.len()));
            (has_number(before, &day) || has_number(after, &day)) && hay[lo..hi].contains(&year)
        })
    })
}

fn check(dir: &Path) -> Vec<String> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let Ok(raw) = std::fs::read_to_string(dir.join("page.html")) else {
        return vec![format!("{name}: no page.html")];
    };
    let expected: Value = std::fs::read_to_string(dir.join("expected.json"))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(Value::Null);
    let url = expected.get("url").and_then(Value::as_str);
    let article = match gleaner::extract_with(raw.as_bytes(), url, &gleaner::Options::default()) {
        Ok(a) => a,
        Err(e) => return vec![format!("{name}: extraction failed: {e}")],
    };
    let hay = format!("{} {} {}", raw, decode(&raw), url.unwrap_or("")).to_lowercase();
    let mut failures = Vec::new();
    let record = serde_json::to_value(&article).unwrap_or(Value::Null);
    for field in ["published", "modified"] {
        let Some(value) = record.get(field).and_then(Value::as_str) else {
            continue;
        };
        let parts: Vec<u32> = value
            .get(..10)
            .unwrap_or("")
            .split('-')
            .filter_map(|p| p.parse().ok())
            .collect();
        let found = matches!(parts.as_slice(), [y, m, d] if day_written(&hay, *y, *m, *d));
        if !found {
            failures.push(format!(
                "{name}: {field} {value} is nowhere in the page or its URL"
            ));
        }
    }
    for author in &article.attribution.authors {
        let missing: Vec<&str> = author
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .filter(|w| !hay.contains(&w.to_lowercase()))
            .collect();
        if !missing.is_empty() {
            failures.push(format!(
                "{name}: author {author:?} ({missing:?}) is not in the page"
            ));
        }
    }
    failures
}

#[test]
fn every_date_and_author_of_every_fixture_is_in_its_page() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.join("page.html").exists())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    assert!(
        dirs.len() >= 12,
        "expected the fixtures, found {}",
        dirs.len()
    );
    let failures: Vec<String> = dirs.iter().flat_map(|d| check(d)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_check_finds_what_is_written_and_rejects_what_is_not() {
    let hay = "published 10 dec, 2021 11:46 — and 2020-03-04 and 3.5.2019".to_lowercase();
    assert!(day_written(&hay, 2021, 12, 10));
    assert!(day_written(&hay, 2020, 3, 4));
    assert!(day_written(&hay, 2019, 5, 3));
    assert!(!day_written(&hay, 2021, 12, 11));
    assert!(!day_written(&hay, 2020, 4, 3));
}
