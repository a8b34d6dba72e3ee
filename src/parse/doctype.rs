//! The DOCTYPE: its tokenizer states, and the quirks mode it selects (which
//! changes one tree-building rule that matters here: in quirks mode a
//! `<table>` does not close an open `<p>`).

use super::tokenizer::{Doctype, Str, Tokenizer};

fn is_ws(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b' ' | b'\r')
}

/// Read a DOCTYPE whose keyword ends at `at`; returns it and the position
/// after it.
pub(super) fn parse(t: &mut Tokenizer<'_>, at: usize) -> (Doctype, usize) {
    let b = t.bytes();
    let mut d = Doctype::default();
    let mut i = at;
    let quirky = |mut d: Doctype| {
        d.force_quirks = true;
        d
    };
    // DOCTYPE state, then before DOCTYPE name.
    while b.get(i).is_some_and(|&c| is_ws(c)) {
        i += 1;
    }
    match b.get(i) {
        None => return (quirky(d), i),
        Some(b'>') => return (quirky(d), i + 1),
        Some(_) => {}
    }
    // DOCTYPE name.
    let name_start = i;
    while b.get(i).is_some_and(|&c| !is_ws(c) && c != b'>') {
        i += 1;
    }
    d.name = Some(t.lower(name_start, i));
    // After DOCTYPE name.
    while b.get(i).is_some_and(|&c| is_ws(c)) {
        i += 1;
    }
    match b.get(i) {
        None => return (quirky(d), i),
        Some(b'>') => return (d, i + 1),
        Some(_) => {}
    }
    let keyword = b.get(i..i + 6).unwrap_or_default();
    let public = keyword.eq_ignore_ascii_case(b"public");
    if !public && !keyword.eq_ignore_ascii_case(b"system") {
        return bogus(quirky(d), b, i);
    }
    i += 6;
    // After the keyword: whitespace (optional, a parse error when
    // missing), then a quoted identifier.
    while b.get(i).is_some_and(|&c| is_ws(c)) {
        i += 1;
    }
    let (id, next) = match identifier(t, b, i) {
        Ok(x) => x,
        Err((None, next)) => return (quirky(d), next),
        Err((Some(()), next)) => return bogus(quirky(d), b, next),
    };
    if public {
        d.public_id = Some(id.0);
    } else {
        d.system_id = Some(id.0);
    }
    if id.1 {
        return (quirky(d), next);
    }
    i = next;
    if public {
        // After the public identifier, between it and the system one.
        while b.get(i).is_some_and(|&c| is_ws(c)) {
            i += 1;
        }
        match b.get(i) {
            None => return (quirky(d), i),
            Some(b'>') => return (d, i + 1),
            Some(b'"' | b'\'') => {}
            Some(_) => return bogus(quirky(d), b, i),
        }
        let (id, next) = match identifier(t, b, i) {
            Ok(x) => x,
            Err((None, next)) => return (quirky(d), next),
            Err((Some(()), next)) => return bogus(quirky(d), b, next),
        };
        d.system_id = Some(id.0);
        if id.1 {
            return (quirky(d), next);
        }
        i = next;
    }
    // After the system identifier: anything but `>` is bogus (and does
    // not force quirks).
    while b.get(i).is_some_and(|&c| is_ws(c)) {
        i += 1;
    }
    match b.get(i) {
        None => (quirky(d), i),
        Some(b'>') => (d, i + 1),
        Some(_) => bogus(d, b, i),
    }
}

/// A quoted identifier at `i`: `Ok(((value, ended_by_gt_or_eof), next))`;
/// `Err((None, next))` when the DOCTYPE ends there (`>` or the page's end),
/// `Err((Some(()), at))` when something else is there (bogus).
#[allow(clippy::type_complexity)]
fn identifier(
    t: &mut Tokenizer<'_>,
    b: &[u8],
    i: usize,
) -> Result<((Str, bool), usize), (Option<()>, usize)> {
    let q = match b.get(i) {
        None => return Err((None, i)),
        Some(b'>') => return Err((None, i + 1)),
        Some(&q @ (b'"' | b'\'')) => q,
        Some(_) => return Err((Some(()), i)),
    };
    let start = i + 1;
    let mut j = start;
    while let Some(&c) = b.get(j) {
        if c == q {
            return Ok(((t.verbatim(start, j), false), j + 1));
        }
        if c == b'>' {
            // Abrupt end: the DOCTYPE ends here, forcing quirks.
            return Ok(((t.verbatim(start, j), true), j + 1));
        }
        j += 1;
    }
    Ok(((t.verbatim(start, j), true), j))
}

/// The bogus DOCTYPE state: everything to the next `>` is ignored.
fn bogus(d: Doctype, b: &[u8], i: usize) -> (Doctype, usize) {
    let next = memchr::memchr(b'>', b.get(i..).unwrap_or_default()).map_or(b.len(), |o| i + o + 1);
    (d, next)
}

// The quirks tables, as html5ever has them (lower case).
static QUIRKY_PUBLIC_PREFIXES: &[&str] = &[
    "-//advasoft ltd//dtd html 3.0 aswedit + extensions//",
    "-//as//dtd html 3.0 aswedit + extensions//",
    "-//ietf//dtd html 2.0 level 1//",
    "-//ietf//dtd html 2.0 level 2//",
    "-//ietf//dtd html 2.0 strict level 1//",
    "-//ietf//dtd html 2.0 strict level 2//",
    "-//ietf//dtd html 2.0 strict//",
    "-//ietf//dtd html 2.0//",
    "-//ietf//dtd html 2.1e//",
    "-//ietf//dtd html 3.0//",
    "-//ietf//dtd html 3.2 final//",
    "-//ietf//dtd html 3.2//",
    "-//ietf//dtd html 3//",
    "-//ietf//dtd html level 0//",
    "-//ietf//dtd html level 1//",
    "-//ietf//dtd html level 2//",
    "-//ietf//dtd html level 3//",
    "-//ietf//dtd html strict level 0//",
    "-//ietf//dtd html strict level 1//",
    "-//ietf//dtd html strict level 2//",
    "-//ietf//dtd html strict level 3//",
    "-//ietf//dtd html strict//",
    "-//ietf//dtd html//",
    "-//metrius//dtd metrius presentational//",
    "-//microsoft//dtd internet explorer 2.0 html strict//",
    "-//microsoft//dtd internet explorer 2.0 html//",
    "-//microsoft//dtd internet explorer 2.0 tables//",
    "-//microsoft//dtd internet explorer 3.0 html strict//",
    "-//microsoft//dtd internet explorer 3.0 html//",
    "-//microsoft//dtd internet explorer 3.0 tables//",
    "-//netscape comm. corp.//dtd html//",
    "-//netscape comm. corp.//dtd strict html//",
    "-//o'reilly and associates//dtd html 2.0//",
    "-//o'reilly and associates//dtd html extended 1.0//",
    "-//o'reilly and associates//dtd html extended relaxed 1.0//",
    "-//softquad software//dtd hotmetal pro 6.0::19990601::extensions to html 4.0//",
    "-//softquad//dtd hotmetal pro 4.0::19971010::extensions to html 4.0//",
    "-//spyglass//dtd html 2.0 extended//",
    "-//sq//dtd html 2.0 hotmetal + extensions//",
    "-//sun microsystems corp.//dtd hotjava html//",
    "-//sun microsystems corp.//dtd hotjava strict html//",
    "-//w3c//dtd html 3 1995-03-24//",
    "-//w3c//dtd html 3.2 draft//",
    "-//w3c//dtd html 3.2 final//",
    "-//w3c//dtd html 3.2//",
    "-//w3c//dtd html 3.2s draft//",
    "-//w3c//dtd html 4.0 frameset//",
    "-//w3c//dtd html 4.0 transitional//",
    "-//w3c//dtd html experimental 19960712//",
    "-//w3c//dtd html experimental 970421//",
    "-//w3c//dtd w3 html//",
    "-//w3o//dtd w3 html 3.0//",
    "-//webtechs//dtd mozilla html 2.0//",
    "-//webtechs//dtd mozilla html//",
];

static QUIRKY_PUBLIC_MATCHES: &[&str] = &[
    "-//w3o//dtd w3 html strict 3.0//en//",
    "-/w3c/dtd html 4.0 transitional/en",
    "html",
];

static QUIRKY_SYSTEM_MATCHES: &[&str] =
    &["http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd"];

static HTML4_PUBLIC_PREFIXES: &[&str] = &[
    "-//w3c//dtd html 4.01 frameset//",
    "-//w3c//dtd html 4.01 transitional//",
];

/// Whether this DOCTYPE puts the document in quirks mode (limited quirks
/// changes nothing in tree construction).
pub(super) fn is_quirky(t: &Tokenizer<'_>, d: &Doctype) -> bool {
    if d.force_quirks || d.name.map(|n| t.text(n)) != Some("html") {
        return true;
    }
    let public = d.public_id.map(|s| t.text(s).to_ascii_lowercase());
    let system = d.system_id.map(|s| t.text(s).to_ascii_lowercase());
    if let Some(p) = &public {
        if QUIRKY_PUBLIC_MATCHES.contains(&p.as_str()) {
            return true;
        }
    }
    if let Some(s) = &system {
        if QUIRKY_SYSTEM_MATCHES.contains(&s.as_str()) {
            return true;
        }
    }
    if let Some(p) = &public {
        if QUIRKY_PUBLIC_PREFIXES.iter().any(|x| p.starts_with(x)) {
            return true;
        }
        // Limited quirks (xhtml 1.0 frameset/transitional) is checked first
        // in html5ever and is not quirks.
        if p.starts_with("-//w3c//dtd xhtml 1.0 frameset//")
            || p.starts_with("-//w3c//dtd xhtml 1.0 transitional//")
        {
            return false;
        }
        if HTML4_PUBLIC_PREFIXES.iter().any(|x| p.starts_with(x)) {
            return system.is_none();
        }
    }
    false
}
