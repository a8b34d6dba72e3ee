//! Date parsing: machine dates (ISO 8601, RFC 2822, what meta tags and
//! JSON-LD carry) and visible dates in common formats and languages.
//!
//! Values keep the page's own UTC offset; a time without a zone stays a
//! local time without offset; a date without a time stays a bare date.
//! Nothing here allocates per character or recurses; inputs are capped.

use chrono::{Datelike, NaiveDate};

/// The longest text scanned for a date.
const MAX_TEXT: usize = 400;

/// A calendar date, with a time and UTC offset when the page gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Year.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day, 1 to 31.
    pub day: u32,
    /// Hour, minute, second.
    pub time: Option<(u32, u32, u32)>,
    /// UTC offset in minutes, when the page states a zone.
    pub offset: Option<i32>,
}

impl Stamp {
    /// ISO 8601: `2021-12-10`, `2021-12-10T11:46:00`, `2021-12-10T11:46:00+03:00`.
    pub fn to_iso(self) -> String {
        let mut out = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        if let Some((h, m, s)) = self.time {
            out.push_str(&format!("T{h:02}:{m:02}:{s:02}"));
            if let Some(off) = self.offset {
                let sign = if off < 0 { '-' } else { '+' };
                let a = off.unsigned_abs();
                out.push_str(&format!("{sign}{:02}:{:02}", a / 60, a % 60));
            }
        }
        out
    }

    /// The calendar day on a clock `offset` minutes from UTC: a UTC stamp
    /// with a time is moved there, any other stays as written.
    pub fn local_day(self, offset: Option<i32>) -> Option<NaiveDate> {
        let date = NaiveDate::from_ymd_opt(self.year, self.month, self.day)?;
        match (self.offset, self.time, offset) {
            (Some(0), Some((h, m, s)), Some(o)) if o != 0 => {
                let at = date.and_hms_opt(h, m, s)?;
                Some((at + chrono::Duration::minutes(i64::from(o))).date())
            }
            _ => Some(date),
        }
    }

    /// Whether two stamps may be one shown twice: the same day, and the
    /// same hour and minute when both give a time.
    pub fn same_shown_time(self, other: Stamp) -> bool {
        self.day_key() == other.day_key()
            && match (self.time, other.time) {
                (Some((h, m, _)), Some((oh, om, _))) => (h, m) == (oh, om),
                _ => true,
            }
    }

    /// The calendar day.
    pub fn day_key(self) -> (i32, u32, u32) {
        (self.year, self.month, self.day)
    }

    /// How much the stamp says: 0 date, 1 local time, 2 time with offset.
    pub fn precision(self) -> u8 {
        match (self.time, self.offset) {
            (None, _) => 0,
            (Some(_), None) => 1,
            (Some(_), Some(_)) => 2,
        }
    }

    /// Whether the stamp is plausible for a page read on `today`: not before
    /// 1990, not more than a day in the future.
    pub fn plausible(self, today: NaiveDate) -> bool {
        let Some(date) = NaiveDate::from_ymd_opt(self.year, self.month, self.day) else {
            return false;
        };
        date.year() >= 1990 && date <= today.succ_opt().unwrap_or(today)
    }
}

/// Day/month order for ambiguous numeric dates such as 03/04/2021.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// 03/04/2021 is March 4th (United States usage).
    MonthFirst,
    /// 03/04/2021 is 3 April (most of the world).
    DayFirst,
}

impl Order {
    /// The order a page in this language most likely uses.
    pub fn for_language(lang: Option<&str>) -> Order {
        match lang.map(str::to_ascii_lowercase) {
            None => Order::MonthFirst,
            Some(l) if l == "en" || l.starts_with("en-us") || l.starts_with("en_us") => {
                Order::MonthFirst
            }
            Some(_) => Order::DayFirst,
        }
    }
}

fn make_date(year: i32, month: u32, day: u32) -> Option<Stamp> {
    NaiveDate::from_ymd_opt(year, month, day)?;
    Some(Stamp {
        year,
        month,
        day,
        time: None,
        offset: None,
    })
}

/// Parse a machine-readable date: ISO 8601 (with `T` or a space, optional
/// fraction, `Z` or an offset), a compact `20211210`, or anything the
/// visible-date parser understands (RFC 2822 among them).
pub fn parse_machine(value: &str) -> Option<Stamp> {
    let s = value.trim();
    if s.is_empty() || s.len() > MAX_TEXT {
        return None;
    }
    if let Some(stamp) = parse_iso(s) {
        return Some(stamp);
    }
    // Unix timestamps (seconds or milliseconds) are common in meta tags.
    if s.len() >= 9 && s.len() <= 13 && s.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = s.parse().ok()?;
        let secs = if s.len() == 13 { n / 1000 } else { n };
        let dt = chrono::DateTime::from_timestamp(secs, 0)?;
        let t = dt.naive_utc();
        return Some(Stamp {
            year: t.year(),
            month: t.month(),
            day: t.day(),
            time: Some((
                chrono::Timelike::hour(&t),
                chrono::Timelike::minute(&t),
                chrono::Timelike::second(&t),
            )),
            offset: Some(0),
        });
    }
    find_dates(s, Order::MonthFirst)
        .into_iter()
        .next()
        .map(|(_, st)| st)
}

fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = b.get(at..at + n)?;
    if !part.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        part.iter()
            .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0')),
    )
}

/// Strict-ish ISO 8601 at the start of `s`.
fn parse_iso(s: &str) -> Option<Stamp> {
    let b = s.as_bytes();
    let year = digits(b, 0, 4)? as i32;
    let (month, day, mut i) = match b.get(4) {
        Some(&sep @ (b'-' | b'/' | b'.')) => {
            let (month, j) = match (digits(b, 5, 2), digits(b, 5, 1)) {
                (Some(m), _) => (m, 7),
                (None, Some(m)) => (m, 6),
                _ => return None,
            };
            if b.get(j) != Some(&sep) {
                // Year and month only: not a publication date we can use.
                return None;
            }
            let (day, k) = match (digits(b, j + 1, 2), digits(b, j + 1, 1)) {
                (Some(d), _) => (d, j + 3),
                (None, Some(d)) => (d, j + 2),
                _ => return None,
            };
            (month, day, k)
        }
        Some(c) if c.is_ascii_digit() => (digits(b, 4, 2)?, digits(b, 6, 2)?, 8),
        _ => return None,
    };
    let mut stamp = make_date(year, month, day)?;
    // Time.
    if matches!(b.get(i), Some(b'T' | b't' | b' ')) && digits(b, i + 1, 2).is_some() {
        let h = digits(b, i + 1, 2)?;
        let (m, mut j) = if b.get(i + 3) == Some(&b':') {
            (digits(b, i + 4, 2)?, i + 6)
        } else {
            (digits(b, i + 3, 2).unwrap_or(0), i + 5)
        };
        let mut sec = 0;
        if b.get(j) == Some(&b':') {
            sec = digits(b, j + 1, 2)?;
            j += 3;
        }
        if b.get(j) == Some(&b'.') || b.get(j) == Some(&b',') {
            j += 1;
            while b.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
        }
        if h > 24 || m > 59 || sec > 60 {
            return None;
        }
        let h = if h == 24 { 0 } else { h };
        stamp.time = Some((h, m, sec.min(59)));
        i = j;
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        stamp.offset = parse_offset(b, i);
        if stamp.offset.is_none() {
            let rest = s.get(i..).unwrap_or("");
            stamp.offset = named_zone(rest.split_whitespace().next().unwrap_or(""));
        }
    }
    Some(stamp)
}

/// `Z`, `+03:00`, `+0300`, `+03`, `-05:30` at `i`.
fn parse_offset(b: &[u8], i: usize) -> Option<i32> {
    match b.get(i)? {
        b'Z' | b'z' => Some(0),
        &c @ (b'+' | b'-') => {
            let sign = if c == b'-' { -1 } else { 1 };
            let h = digits(b, i + 1, 2)? as i32;
            let m = if b.get(i + 3) == Some(&b':') {
                digits(b, i + 4, 2)? as i32
            } else {
                digits(b, i + 3, 2).unwrap_or(0) as i32
            };
            if h > 14 || m > 59 {
                return None;
            }
            Some(sign * (h * 60 + m))
        }
        _ => None,
    }
}

/// Common zone abbreviations whose offset is not in doubt.
fn named_zone(word: &str) -> Option<i32> {
    let w = word
        .trim_matches(|c: char| !c.is_ascii_alphabetic())
        .to_ascii_uppercase();
    Some(match w.as_str() {
        "UTC" | "GMT" | "Z" | "UT" => 0,
        "EST" => -300,
        "EDT" => -240,
        "CST" => -360,
        "CDT" => -300,
        "MST" => -420,
        "MDT" => -360,
        "PST" => -480,
        "PDT" => -420,
        "BST" => 60,
        "CET" | "MEZ" => 60,
        "CEST" | "MESZ" => 120,
        "EET" => 120,
        "EEST" => 180,
        "MSK" => 180,
        "JST" | "KST" => 540,
        "AEST" => 600,
        "AEDT" => 660,
        _ => return None,
    })
}

/// Month names and abbreviations in English, German, French, Spanish,
/// Portuguese, Italian, Dutch and Russian (nominative and genitive).
fn month_of(word: &str) -> Option<u32> {
    let m = match word {
        "january" | "jan" | "januar" | "jänner" | "janvier" | "janv" | "enero" | "ene"
        | "janeiro" | "gennaio" | "gen" | "januari" | "январь" | "января" | "янв" => {
            1
        }
        "february" | "feb" | "febr" | "februar" | "février" | "fevrier" | "févr" | "fevr"
        | "fév" | "febrero" | "fevereiro" | "fev" | "febbraio" | "februari" | "февраль"
        | "февраля" | "фев" => 2,
        "march" | "mar" | "märz" | "maerz" | "mär" | "mars" | "marzo" | "março" | "marco"
        | "maart" | "mrt" | "март" | "марта" | "мар" => 3,
        "april" | "apr" | "avril" | "avr" | "abril" | "abr" | "aprile" | "апрель" | "апреля"
        | "апр" => 4,
        "may" | "mai" | "mayo" | "maio" | "maggio" | "mag" | "mei" | "май" | "мая" => 5,
        "june" | "jun" | "juni" | "juin" | "junio" | "junho" | "giugno" | "giu" | "июнь"
        | "июня" | "июн" => 6,
        "july" | "jul" | "juli" | "juillet" | "juil" | "julio" | "julho" | "luglio" | "lug"
        | "июль" | "июля" | "июл" => 7,
        "august" | "aug" | "août" | "aout" | "agosto" | "ago" | "augustus" | "август"
        | "августа" | "авг" => 8,
        "september" | "sep" | "sept" | "septembre" | "septiembre" | "setiembre" | "setembro"
        | "set" | "settembre" | "сентябрь" | "сентября" | "сен" | "сент" => {
            9
        }
        "october" | "oct" | "oktober" | "okt" | "octobre" | "octubre" | "outubro" | "out"
        | "ottobre" | "ott" | "октябрь" | "октября" | "окт" => 10,
        "november" | "nov" | "novembre" | "noviembre" | "novembro" | "ноябрь" | "ноября"
        | "ноя" => 11,
        "december" | "dec" | "dezember" | "dez" | "décembre" | "decembre" | "déc" | "dec."
        | "diciembre" | "dic" | "dezembro" | "dicembre" | "декабрь" | "декабря" | "дек" => {
            12
        }
        _ => return None,
    };
    Some(m)
}

/// Whether a lower-case word names a month (full or abbreviated) in one of
/// the supported languages.
pub fn is_month_word(word: &str) -> bool {
    word.chars().count() > 3 && month_of(word).is_some()
}

/// Whether a lower-case word names a month, abbreviations included.
pub fn is_month_name(word: &str) -> bool {
    month_of(word).is_some()
}

/// A weekday name or its abbreviation, in the languages of the month names
/// ("fri", "friday", "freitag", "vendredi", "viernes"…), lower-case.
pub fn is_weekday_name(word: &str) -> bool {
    matches!(
        word,
        "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thur"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "montag"
            | "dienstag"
            | "mittwoch"
            | "donnerstag"
            | "freitag"
            | "samstag"
            | "sonntag"
            | "lundi"
            | "mardi"
            | "mercredi"
            | "jeudi"
            | "vendredi"
            | "samedi"
            | "dimanche"
            | "lunes"
            | "martes"
            | "miércoles"
            | "jueves"
            | "viernes"
            | "sábado"
            | "domingo"
    )
}

/// Words that may sit between the parts of a date: "10 de diciembre de
/// 2021", "10th of December", "le 10 décembre".
fn is_filler(word: &str) -> bool {
    matches!(
        word,
        "de" | "del" | "of" | "th" | "st" | "nd" | "rd" | "er" | "го" | "года" | "г"
    )
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// Value, number of digits.
    Num(u32, u8),
    Word(String),
    Punct(char),
}

/// Split text into numbers, lower-case words and punctuation, with the byte
/// position of each token.
fn tokenize(text: &str) -> Vec<(usize, Tok)> {
    let mut out: Vec<(usize, Tok)> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(pos, c)) = chars.peek() {
        if c.is_ascii_digit() {
            let mut v: u32 = 0;
            let mut n: u8 = 0;
            while let Some(&(_, d)) = chars.peek() {
                let Some(dv) = d.to_digit(10).filter(|_| d.is_ascii_digit()) else {
                    break;
                };
                v = v.saturating_mul(10).saturating_add(dv);
                n = n.saturating_add(1);
                chars.next();
            }
            out.push((pos, Tok::Num(v, n)));
        } else if matches!(c, '年' | '月' | '日' | '년' | '월' | '일' | '号') {
            out.push((pos, Tok::Punct(c)));
            chars.next();
        } else if c.is_alphabetic() {
            let mut w = String::new();
            while let Some(&(_, d)) = chars.peek() {
                if !d.is_alphabetic() || matches!(d, '年' | '月' | '日' | '년' | '월' | '일' | '号')
                {
                    break;
                }
                w.extend(d.to_lowercase());
                chars.next();
            }
            out.push((pos, Tok::Word(w)));
        } else if c.is_whitespace() {
            chars.next();
        } else {
            out.push((pos, Tok::Punct(c)));
            chars.next();
        }
    }
    out
}

fn year_of(v: u32, n: u8) -> Option<i32> {
    match n {
        4 => Some(v as i32),
        _ => None,
    }
}

/// Every date found in visible text, with its byte position, in order.
pub fn find_dates(text: &str, order: Order) -> Vec<(usize, Stamp)> {
    let text = match text.char_indices().nth(MAX_TEXT) {
        Some((cut, _)) => text.get(..cut).unwrap_or(text),
        None => text,
    };
    let toks = tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((stamp, next)) = date_at(&toks, i, order) {
            let (stamp, next) = time_after(&toks, next, stamp);
            if let Some((pos, _)) = toks.get(i) {
                out.push((*pos, stamp));
            }
            i = next.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

fn num(toks: &[(usize, Tok)], i: usize) -> Option<(u32, u8)> {
    match toks.get(i) {
        Some((_, Tok::Num(v, n))) => Some((*v, *n)),
        _ => None,
    }
}

fn punct(toks: &[(usize, Tok)], i: usize) -> Option<char> {
    match toks.get(i) {
        Some((_, Tok::Punct(c))) => Some(*c),
        _ => None,
    }
}

fn word(toks: &[(usize, Tok)], i: usize) -> Option<&str> {
    match toks.get(i) {
        Some((_, Tok::Word(w))) => Some(w.as_str()),
        _ => None,
    }
}

/// Skip punctuation and filler words between date parts.
fn skip_glue(toks: &[(usize, Tok)], mut i: usize) -> usize {
    let mut steps = 0;
    while steps < 4 {
        match toks.get(i) {
            Some((_, Tok::Punct('.' | ',' | '-' | '/'))) => i += 1,
            Some((_, Tok::Word(w))) if is_filler(w) => i += 1,
            _ => break,
        }
        steps += 1;
    }
    i
}

/// A date starting at token `i`; returns it and the index after it.
fn date_at(toks: &[(usize, Tok)], i: usize, order: Order) -> Option<(Stamp, usize)> {
    if let Some((a, an)) = num(toks, i) {
        // Numeric: Y-M-D, D.M.Y, M/D/Y, CJK.
        let sep = punct(toks, i + 1);
        if an == 4 {
            if let Some(s @ ('-' | '/' | '.')) = sep {
                let (m, mn) = num(toks, i + 2)?;
                if punct(toks, i + 3) == Some(s) {
                    let (d, dn) = num(toks, i + 4)?;
                    if mn <= 2 && dn <= 2 {
                        return make_date(a as i32, m, d).map(|st| (st, i + 5));
                    }
                }
                return None;
            }
            if let Some('年' | '년') = sep {
                let (m, _) = num(toks, i + 2)?;
                if !matches!(punct(toks, i + 3), Some('月' | '월')) {
                    return None;
                }
                let (d, _) = num(toks, i + 4)?;
                let end = if matches!(punct(toks, i + 5), Some('日' | '일' | '号')) {
                    i + 6
                } else {
                    i + 5
                };
                return make_date(a as i32, m, d).map(|st| (st, end));
            }
            // "2023 Jan 7", "2023 January 07" (citation and PubMed style).
            if let Some(m) = word(toks, i + 1).and_then(month_of) {
                let j = if punct(toks, i + 2) == Some('.') {
                    i + 3
                } else {
                    i + 2
                };
                if let Some((d, 1..=2)) = num(toks, j) {
                    return make_date(a as i32, m, d).map(|st| (st, j + 1));
                }
            }
            return None;
        }
        if an > 2 {
            return None;
        }
        if let Some(s @ ('.' | '/' | '-')) = sep {
            if let Some((b, bn)) = num(toks, i + 2) {
                if bn > 2 || punct(toks, i + 3) != Some(s) {
                    return None;
                }
                let (c, cn) = num(toks, i + 4)?;
                let year = match cn {
                    4 => c as i32,
                    2 if s == '.' => {
                        if c <= 50 {
                            2000 + c as i32
                        } else {
                            1900 + c as i32
                        }
                    }
                    _ => return None,
                };
                let (d, m) = if s == '.' || a > 12 {
                    (a, b)
                } else if b > 12 {
                    (b, a)
                } else if order == Order::DayFirst {
                    (a, b)
                } else {
                    (b, a)
                };
                return make_date(year, m, d).map(|st| (st, i + 5));
            }
        }
        // D [.] [de|of] Month [,] [de] Y
        let j = skip_glue(toks, i + 1);
        let m = month_of(word(toks, j)?)?;
        let k = skip_glue(toks, j + 1);
        let (y, yn) = num(toks, k)?;
        let year = year_of(y, yn)?;
        return make_date(year, m, a).map(|st| (st, k + 1));
    }
    // Month D[th][,] Y
    let m = month_of(word(toks, i)?)?;
    let j = skip_glue(toks, i + 1);
    let (d, dn) = num(toks, j)?;
    if dn > 2 {
        return None;
    }
    let k = skip_glue(toks, j + 1);
    let (y, yn) = num(toks, k)?;
    let year = year_of(y, yn)?;
    make_date(year, m, d).map(|st| (st, k + 1))
}

/// A time (and zone) right after a date: "11:46", "at 11:46 am", "11h46",
/// "11:46:00 +0300", "11:46 GMT+3", "11:46 EST".
fn time_after(toks: &[(usize, Tok)], mut i: usize, mut stamp: Stamp) -> (Stamp, usize) {
    let start = i;
    let mut steps = 0;
    while steps < 4 {
        // A weekday in brackets between date and time: "2021年12月10日(金) 11:46".
        if matches!(punct(toks, i), Some('(' | '（'))
            && matches!(punct(toks, i + 2), Some(')' | '）'))
            && word(toks, i + 1).is_some_and(|w| w.chars().count() <= 3)
        {
            i += 3;
            steps += 1;
            continue;
        }
        match toks.get(i) {
            Some((_, Tok::Punct(',' | '.' | '-' | '|' | '·' | '•' | '@' | '/' | '–' | '—'))) => {
                i += 1
            }
            Some((_, Tok::Word(w)))
                if matches!(
                    w.as_str(),
                    "at" | "à"
                        | "a"
                        | "um"
                        | "las"
                        | "às"
                        | "alle"
                        | "ore"
                        | "в"
                        | "t"
                        | "kl"
                        | "om"
                        | "le"
                        | "ás"
                        | "klo"
                        | "г"
                        | "года"
                ) =>
            {
                i += 1
            }
            _ => break,
        }
        steps += 1;
    }
    let Some((h, hn)) = num(toks, i) else {
        return (stamp, start);
    };
    if hn > 2 {
        return (stamp, start);
    }
    let sep_ok = match toks.get(i + 1) {
        Some((_, Tok::Punct(':'))) => true,
        Some((_, Tok::Word(w))) => w == "h",
        _ => false,
    };
    let Some((m, 2)) = num(toks, i + 2).filter(|_| sep_ok) else {
        return (stamp, start);
    };
    let mut j = i + 3;
    let mut sec = 0;
    if punct(toks, j) == Some(':') {
        if let Some((s, 2)) = num(toks, j + 1) {
            sec = s;
            j += 2;
        }
    }
    let mut hour = h;
    // am / pm / a.m. / p.m.
    match word(toks, j) {
        Some("am") | Some("a")
            if matches!(word(toks, j), Some("am")) || word(toks, j + 2) == Some("m") =>
        {
            if hour == 12 {
                hour = 0;
            }
            j += if word(toks, j) == Some("am") { 1 } else { 3 };
            if punct(toks, j) == Some('.') {
                j += 1;
            }
        }
        Some("pm") | Some("p")
            if matches!(word(toks, j), Some("pm")) || word(toks, j + 2) == Some("m") =>
        {
            if hour < 12 {
                hour += 12;
            }
            j += if word(toks, j) == Some("pm") { 1 } else { 3 };
            if punct(toks, j) == Some('.') {
                j += 1;
            }
        }
        Some("uhr") | Some("h") => j += 1,
        _ => {}
    }
    if hour > 23 || m > 59 || sec > 59 {
        return (stamp, start);
    }
    stamp.time = Some((hour, m, sec));
    // Zone.
    let mut k = j;
    if let Some(w) = word(toks, k) {
        if let Some(off) = named_zone(w) {
            stamp.offset = Some(off);
            k += 1;
            if matches!(w, "gmt" | "utc") {
                if let Some(extra) = signed_offset(toks, k) {
                    stamp.offset = Some(extra.0);
                    k = extra.1;
                }
            }
            return (stamp, k);
        }
    }
    if let Some((off, next)) = signed_offset(toks, k) {
        stamp.offset = Some(off);
        k = next;
    }
    (stamp, k)
}

/// "+03:00", "+0300", "+3", "-05" as tokens.
fn signed_offset(toks: &[(usize, Tok)], i: usize) -> Option<(i32, usize)> {
    let sign = match punct(toks, i)? {
        '+' => 1,
        '-' | '−' => -1,
        _ => return None,
    };
    let (v, n) = num(toks, i + 1)?;
    let (h, m, next) = match n {
        4 => (v / 100, v % 100, i + 2),
        1 | 2 => {
            if punct(toks, i + 2) == Some(':') {
                match num(toks, i + 3) {
                    Some((mm, 2)) => (v, mm, i + 4),
                    _ => (v, 0, i + 2),
                }
            } else {
                (v, 0, i + 2)
            }
        }
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    Some((sign * (h as i32 * 60 + m as i32), next))
}

/// A date in a URL path: `/2021/12/10/`, `/2021-12-10-slug`, `/20211210/`.
pub fn from_url_path(path: &str) -> Option<Stamp> {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).take(12).collect();
    for (i, seg) in segs.iter().enumerate() {
        if seg.len() == 4 && seg.bytes().all(|b| b.is_ascii_digit()) {
            let y: i32 = seg.parse().ok()?;
            let m = segs
                .get(i + 1)
                .and_then(|s| two_digit(s).or_else(|| month_of(&s.to_lowercase())));
            let d = segs.get(i + 2).and_then(|s| two_digit(s));
            if let (Some(m), Some(d)) = (m, d) {
                if let Some(st) = make_date(y, m, d) {
                    return Some(st);
                }
            }
        }
        let b = seg.as_bytes();
        if b.len() >= 10 && b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') {
            if let Some(st) = parse_iso(seg.get(..10)?) {
                if b.get(10).is_none_or(|c| !c.is_ascii_digit()) {
                    return Some(Stamp {
                        time: None,
                        offset: None,
                        ..st
                    });
                }
            }
        }
        if b.len() == 8
            && b.iter().all(u8::is_ascii_digit)
            && (b.starts_with(b"19") || b.starts_with(b"20"))
        {
            if let Some(st) = parse_iso(seg) {
                return Some(st);
            }
        }
    }
    None
}

fn two_digit(s: &str) -> Option<u32> {
    if (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Option<String> {
        find_dates(text, Order::MonthFirst)
            .first()
            .map(|(_, s)| s.to_iso())
    }

    fn first_dm(text: &str) -> Option<String> {
        find_dates(text, Order::DayFirst)
            .first()
            .map(|(_, s)| s.to_iso())
    }

    #[test]
    fn iso_keeps_offsets() {
        let p = |s| parse_machine(s).map(|s| s.to_iso());
        assert_eq!(
            p("2021-12-10T11:46:00+03:00").as_deref(),
            Some("2021-12-10T11:46:00+03:00")
        );
        assert_eq!(
            p("2021-12-10T11:46:00.123-0500").as_deref(),
            Some("2021-12-10T11:46:00-05:00")
        );
        assert_eq!(
            p("2021-12-10T11:46Z").as_deref(),
            Some("2021-12-10T11:46:00+00:00")
        );
        assert_eq!(
            p("2021-12-10 11:46:00").as_deref(),
            Some("2021-12-10T11:46:00")
        );
        assert_eq!(p("2021-12-10").as_deref(), Some("2021-12-10"));
        assert_eq!(p("20211210").as_deref(), Some("2021-12-10"));
        assert_eq!(p("2021-12").as_deref(), None);
        assert_eq!(
            p("Fri, 10 Dec 2021 11:46:00 +0300").as_deref(),
            Some("2021-12-10T11:46:00+03:00")
        );
        assert_eq!(p("2021-02-30"), None);
        assert_eq!(p("not a date"), None);
    }

    #[test]
    fn visible_english() {
        assert_eq!(
            first("10 Dec, 2021 11:46").as_deref(),
            Some("2021-12-10T11:46:00")
        );
        assert_eq!(first("December 10, 2021").as_deref(), Some("2021-12-10"));
        assert_eq!(
            first("Published on Dec. 10th, 2021 at 3:05 pm EST").as_deref(),
            Some("2021-12-10T15:05:00-05:00")
        );
        assert_eq!(
            first("Monday 10th of December 2021").as_deref(),
            Some("2021-12-10")
        );
        assert_eq!(first("12/10/2021").as_deref(), Some("2021-12-10"));
        assert_eq!(first_dm("10/12/2021").as_deref(), Some("2021-12-10"));
        assert_eq!(first("25/12/2021").as_deref(), Some("2021-12-25"));
        assert_eq!(
            first("2021/12/10 08:00 GMT+2").as_deref(),
            Some("2021-12-10T08:00:00+02:00")
        );
    }

    #[test]
    fn visible_other_languages() {
        assert_eq!(first("10.12.2021").as_deref(), Some("2021-12-10"));
        assert_eq!(
            first("10. Dezember 2021, 14:30 Uhr").as_deref(),
            Some("2021-12-10T14:30:00")
        );
        assert_eq!(
            first("Veröffentlicht am 3. März 2020").as_deref(),
            Some("2020-03-03")
        );
        assert_eq!(
            first("le 10 décembre 2021 à 11h46").as_deref(),
            Some("2021-12-10T11:46:00")
        );
        assert_eq!(first("1er février 2021").as_deref(), Some("2021-02-01"));
        assert_eq!(
            first("10 de diciembre de 2021").as_deref(),
            Some("2021-12-10")
        );
        assert_eq!(
            first("10 de dezembro de 2021 às 11:46").as_deref(),
            Some("2021-12-10T11:46:00")
        );
        assert_eq!(
            first("10 dicembre 2021 alle 11:46").as_deref(),
            Some("2021-12-10T11:46:00")
        );
        assert_eq!(
            first("10 декабря 2021 г., 11:46").as_deref(),
            Some("2021-12-10T11:46:00")
        );
        assert_eq!(
            first("2021年12月10日 11:46").as_deref(),
            Some("2021-12-10T11:46:00")
        );
        assert_eq!(first("2021年12月10日").as_deref(), Some("2021-12-10"));
        assert_eq!(first("2021년 12월 10일").as_deref(), Some("2021-12-10"));
        assert_eq!(first("10 december 2021").as_deref(), Some("2021-12-10"));
    }

    #[test]
    fn year_first_with_month_name() {
        // Citation meta tags and PubMed write "2023 Jan 7".
        assert_eq!(first("2023 Jan 7").as_deref(), Some("2023-01-07"));
        assert_eq!(first("2024 June 30").as_deref(), Some("2024-06-30"));
        assert_eq!(
            parse_machine("2023 Jan 7").map(|s| s.to_iso()).as_deref(),
            Some("2023-01-07")
        );
        // A year alone before a month is not a date.
        assert_eq!(first("2023 January"), None);
    }

    #[test]
    fn more_languages_and_forms() {
        assert_eq!(first("10. Dez. 2021").as_deref(), Some("2021-12-10"));
        assert_eq!(
            first("martes, 10 de diciembre de 2021 10:46").as_deref(),
            Some("2021-12-10T10:46:00")
        );
        assert_eq!(
            first("mercredi 1 décembre 2021").as_deref(),
            Some("2021-12-01")
        );
        assert_eq!(first("10 dic 2021").as_deref(), Some("2021-12-10"));
        assert_eq!(first_dm("10/12/2021").as_deref(), Some("2021-12-10"));
        assert_eq!(
            first("10.12.2021 в 11:46").as_deref(),
            Some("2021-12-10T11:46:00")
        );
        assert_eq!(
            first("2021年12月10日(金) 11:46").as_deref(),
            Some("2021-12-10T11:46:00")
        );
        assert_eq!(
            first("2021.12.10 11:46").as_deref(),
            Some("2021-12-10T11:46:00")
        );
        assert_eq!(first("12 декабря 2021").as_deref(), Some("2021-12-12"));
    }

    #[test]
    fn rejection_rules() {
        let today = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or_default();
        let p = |s| parse_machine(s).map(|s| s.plausible(today));
        assert_eq!(p("1989-12-31"), Some(false));
        assert_eq!(p("1990-01-01"), Some(true));
        assert_eq!(p("2022-01-02"), Some(true));
        assert_eq!(p("2022-01-03"), Some(false));
        assert_eq!(first("no date here 2021"), None);
        assert_eq!(first("call 555-12-2021"), None);
    }

    #[test]
    fn url_dates() {
        let p = |s| from_url_path(s).map(|s| s.to_iso());
        assert_eq!(
            p("/news/2021/12/10/some-story").as_deref(),
            Some("2021-12-10")
        );
        assert_eq!(
            p("/2021-12-10-some-story.html").as_deref(),
            Some("2021-12-10")
        );
        assert_eq!(p("/blog/20211210/x").as_deref(), Some("2021-12-10"));
        assert_eq!(p("/2021/products/12").as_deref(), None);
        assert_eq!(
            p("/blog/2023/october/03/title").as_deref(),
            Some("2023-10-03")
        );
    }
}
