//! The record's `language`: what the page declares, as a BCP 47 tag in its
//! canonical form (`en-US`, `zh-Hant-TW`, `de`), or — with the
//! `detect-language` feature — detected from the body when the page
//! declares nothing usable.
//!
//! Pages declare languages loosely: `english`, `en_US`, `eng`, `en, sv`,
//! `en-uk`, or junk such as `utf-8`. The first usable tag wins; names and
//! three-letter codes become their two-letter code where ISO 639-1 has one.

/// Language names pages put where a code belongs, in English and in the
/// language itself, with their ISO 639-1 codes.
const NAMES: &[(&str, &str)] = &[
    ("english", "en"),
    ("german", "de"),
    ("deutsch", "de"),
    ("french", "fr"),
    ("francais", "fr"),
    ("français", "fr"),
    ("spanish", "es"),
    ("espanol", "es"),
    ("español", "es"),
    ("italian", "it"),
    ("italiano", "it"),
    ("portuguese", "pt"),
    ("portugues", "pt"),
    ("português", "pt"),
    ("dutch", "nl"),
    ("nederlands", "nl"),
    ("russian", "ru"),
    ("polish", "pl"),
    ("polski", "pl"),
    ("swedish", "sv"),
    ("svenska", "sv"),
    ("danish", "da"),
    ("dansk", "da"),
    ("norwegian", "no"),
    ("norsk", "no"),
    ("finnish", "fi"),
    ("suomi", "fi"),
    ("turkish", "tr"),
    ("greek", "el"),
    ("czech", "cs"),
    ("hungarian", "hu"),
    ("romanian", "ro"),
    ("japanese", "ja"),
    ("chinese", "zh"),
    ("korean", "ko"),
    ("arabic", "ar"),
    ("hebrew", "he"),
    ("hindi", "hi"),
    ("indonesian", "id"),
    ("vietnamese", "vi"),
    ("thai", "th"),
    ("ukrainian", "uk"),
    ("catalan", "ca"),
];

/// ISO 639-2/3 codes (what detectors and some pages give) with an ISO
/// 639-1 code: BCP 47 wants the shortest.
const THREE_LETTER: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cze", "cs"),
    ("cym", "cy"),
    ("dan", "da"),
    ("deu", "de"),
    ("ger", "de"),
    ("ell", "el"),
    ("gre", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fas", "fa"),
    ("per", "fa"),
    ("pes", "fa"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("fre", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("arm", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("geo", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mac", "mk"),
    ("mya", "my"),
    ("bur", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("dut", "nl"),
    ("nob", "nb"),
    ("nor", "no"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rum", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slo", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zho", "zh"),
    ("chi", "zh"),
    ("cmn", "zh"),
    ("zul", "zu"),
];

/// Every ISO 639-1 code: a two-letter primary subtag must be one of them.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch \
co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi \
ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky \
la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om \
or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te \
tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Three-letter languages with no two-letter code that pages declare.
const OTHER_THREE_LETTER: &[&str] = &["fil", "haw", "yue", "gsw", "ast", "ckb", "sco", "nds"];

/// Bodies shorter than this many characters are not enough to tell a
/// language by (the detector's trigram statistics need a few sentences).
#[cfg(feature = "detect-language")]
const MIN_DETECT_CHARS: usize = 200;

/// The record's language: the declared one normalised, else (with the
/// `detect-language` feature) the body's when the detector is sure.
pub(crate) fn language(declared: Option<&str>, body: &str) -> Option<String> {
    if let Some(tag) = declared.and_then(normalize) {
        return Some(tag);
    }
    detect(body)
}

/// The body's language, when the detector is sure (`None` without the
/// `detect-language` feature).
#[cfg(feature = "detect-language")]
pub fn detect(body: &str) -> Option<String> {
    if body.chars().count() < MIN_DETECT_CHARS {
        return None;
    }
    // The first few thousand characters tell as much as the whole text.
    let end = body.char_indices().nth(4000).map_or(body.len(), |(i, _)| i);
    let info = whatlang::detect(body.get(..end).unwrap_or(body))?;
    if !info.is_reliable() {
        return None;
    }
    normalize(info.lang().code())
}

/// The body's language: never known without the `detect-language` feature.
#[cfg(not(feature = "detect-language"))]
pub fn detect(_body: &str) -> Option<String> {
    None
}

/// A declared language as a canonical BCP 47 tag, or `None` when nothing
/// in it is one.
pub fn normalize(declared: &str) -> Option<String> {
    declared
        .split([',', ';', ' ', '\t', '\n'])
        .filter(|t| !t.is_empty())
        .take(4)
        .find_map(normalize_one)
}

fn normalize_one(text: &str) -> Option<String> {
    let text = text.trim_matches(|c: char| c == '"' || c == '\'' || c == '.');
    // A POSIX locale ("en_US.UTF-8", "de_DE@euro") names its language first.
    let text = text.split(['.', '@']).next().unwrap_or(text);
    if text.is_empty() || text.len() > 35 {
        return None;
    }
    let lower = text.to_lowercase();
    if let Some((_, code)) = NAMES.iter().find(|(name, _)| *name == lower) {
        return Some((*code).to_string());
    }
    let mut parts = lower.split(['-', '_']);
    let primary = parts.next()?;
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let primary = match THREE_LETTER.iter().find(|(three, _)| *three == primary) {
        Some((_, two)) => two,
        None if primary.len() == 3 && OTHER_THREE_LETTER.contains(&primary) => primary,
        None if primary.len() == 2 && ISO_639_1.split(' ').any(|c| c == primary) => primary,
        None => return None,
    };
    let mut tag = primary.to_string();
    let mut seen_region = false;
    for (i, part) in parts.enumerate() {
        let ok = part.bytes().all(|b| b.is_ascii_alphanumeric());
        if !ok || part.is_empty() {
            // "en-" or "en_US.UTF-8": keep what parsed.
            break;
        }
        let alpha = part.bytes().all(|b| b.is_ascii_alphabetic());
        if i == 0 && part.len() == 4 && alpha {
            // A script: Titlecase.
            tag.push('-');
            tag.push_str(&part[..1].to_ascii_uppercase());
            tag.push_str(&part[1..]);
        } else if !seen_region && ((part.len() == 2 && alpha) || (part.len() == 3 && !alpha)) {
            seen_region = true;
            tag.push('-');
            // "UK" is how pages spell the United Kingdom; ISO 3166 says GB.
            let region = part.to_ascii_uppercase();
            tag.push_str(if region == "UK" { "GB" } else { &region });
        } else if (5..=8).contains(&part.len()) || (part.len() == 4 && !alpha) {
            tag.push('-');
            tag.push_str(part);
        } else {
            break;
        }
    }
    Some(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_languages_become_canonical_tags() {
        for (given, want) in [
            ("en", Some("en")),
            ("en-us", Some("en-US")),
            ("EN_gb", Some("en-GB")),
            ("en-uk", Some("en-GB")),
            ("english", Some("en")),
            ("Deutsch", Some("de")),
            ("eng", Some("en")),
            ("deu", Some("de")),
            ("zh-hant-tw", Some("zh-Hant-TW")),
            ("es-419", Some("es-419")),
            ("en, sv", Some("en")),
            ("en,en-us", Some("en")),
            ("de-de-formal", Some("de-DE-formal")),
            ("en_US.UTF-8", Some("en-US")),
            ("utf-8", None),
            ("lang=", None),
            ("", None),
            ("x", None),
            ("1234", None),
            ("xq-US", None),
            ("fil-PH", Some("fil-PH")),
        ] {
            assert_eq!(normalize(given).as_deref(), want, "{given:?}");
        }
    }

    #[test]
    fn a_declared_language_wins_over_the_text() {
        let text =
            "Der Gemeinderat hat am Dienstag beschlossen, die Brücke zu sanieren. ".repeat(8);
        assert_eq!(language(Some("en"), &text).as_deref(), Some("en"));
    }

    #[cfg(feature = "detect-language")]
    #[test]
    fn an_undeclared_language_is_detected_from_enough_text() {
        let german =
            "Der Gemeinderat hat am Dienstag beschlossen, die alte Brücke über den Fluss zu sanieren. "
                .repeat(4);
        assert_eq!(language(None, &german).as_deref(), Some("de"));
        assert_eq!(language(Some("utf-8"), &german).as_deref(), Some("de"));
        assert_eq!(language(None, "Zu kurz."), None);
    }
}
