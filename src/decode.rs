//! Bytes to text. The charset is chosen the way browsers do it: byte-order
//! mark, then the HTTP header's charset, then `<meta charset>` / http-equiv
//! in the first bytes, then UTF-8 if the bytes are valid UTF-8, then a guess
//! by chardetng. The decision is returned so callers can report it.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

use crate::Error;

/// How the charset was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    /// A byte-order mark.
    Bom,
    /// The `Content-Type` header.
    Header,
    /// A `<meta>` declaration in the page.
    Meta,
    /// The bytes are valid UTF-8.
    ValidUtf8,
    /// Statistical detection.
    Detected,
}

/// The decoded page.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text, borrowed when the bytes were already UTF-8.
    pub text: Cow<'a, str>,
    /// The encoding used.
    pub encoding: &'static Encoding,
    /// Why that encoding.
    pub source: CharsetSource,
    /// Whether malformed sequences were replaced with U+FFFD.
    pub had_errors: bool,
}

/// Whether an HTTP `Content-Type` names a type gleaner extracts: HTML or
/// XHTML. An empty type says nothing and is left to sniffing, as a missing
/// one is. The one check for fetched pages, WARC records and other inputs.
pub fn is_html_type(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence.is_empty()
        || essence.eq_ignore_ascii_case("text/html")
        || essence.eq_ignore_ascii_case("application/xhtml+xml")
}

/// Refuse inputs that are plainly not HTML: known binary signatures, or
/// a high share of control bytes in the first kilobytes.
pub fn check_html(bytes: &[u8]) -> Result<(), Error> {
    let trimmed = trim_leading_space(bytes);
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x1F\x8B", "gzip data that did not decompress"),
        (b"RIFF", "a RIFF file (WebP, WAV or AVI)"),
        (b"\x00\x00\x01\x00", "an icon"),
        (b"OggS", "an Ogg file"),
        (b"ID3", "an MP3 file"),
        (b"\x7FELF", "an executable"),
    ];
    for (sig, what) in SIGNATURES {
        if trimmed.starts_with(sig) {
            return Err(Error::UnsupportedType(format!("the input is {what}")));
        }
    }
    if bytes.len() > 4 && &bytes[4..bytes.len().min(12)] == b"ftyp" {
        return Err(Error::UnsupportedType(
            "the input is an MP4/ISO media file".into(),
        ));
    }
    let first = trimmed.first().copied();
    if matches!(first, Some(b'{') | Some(b'[')) && !contains_tag(trimmed) {
        return Err(Error::UnsupportedType("the input looks like JSON".into()));
    }
    // UTF-16 pages carry a BOM and legitimately hold NUL bytes.
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Ok(());
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B))
        .count();
    if !head.is_empty() && controls * 10 > head.len() {
        return Err(Error::UnsupportedType(
            "the input looks like binary data, not text".into(),
        ));
    }
    Ok(())
}

fn contains_tag(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    memchr::memmem::find(head, b"<html").is_some()
        || memchr::memmem::find(head, b"<!DOCTYPE").is_some()
        || memchr::memmem::find(head, b"<!doctype").is_some()
}

fn trim_leading_space(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

/// Decode `bytes` to text. `header_charset` is the charset parameter of an
/// HTTP `Content-Type`, when there was one.
pub fn decode<'a>(bytes: &'a [u8], header_charset: Option<&str>) -> Decoded<'a> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text,
            encoding,
            source: CharsetSource::Bom,
            had_errors,
        };
    }
    let declared = header_charset
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .map(|e| (e, CharsetSource::Header))
        .or_else(|| meta_charset(bytes).map(|e| (e, CharsetSource::Meta)));
    if let Some((encoding, source)) = declared {
        let encoding = fix_declared(encoding);
        // A page that declares a legacy charset but is valid UTF-8 with
        // non-ASCII bytes is UTF-8: servers and templates lie this way often.
        if encoding != UTF_8 && !bytes.is_ascii() {
            if let Ok(text) = std::str::from_utf8(bytes) {
                return valid_utf8(text, CharsetSource::ValidUtf8);
            }
        }
        if encoding == UTF_8 {
            // Validated once: decoding valid UTF-8 again would only copy it.
            match std::str::from_utf8(bytes) {
                Ok(text) => return valid_utf8(text, source),
                Err(_) if looks_legacy(bytes) => return detect(bytes),
                Err(_) => {}
            }
        }
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        return Decoded {
            text,
            encoding,
            source,
            had_errors,
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => valid_utf8(text, CharsetSource::ValidUtf8),
        Err(_) => detect(bytes),
    }
}

fn valid_utf8(text: &str, source: CharsetSource) -> Decoded<'_> {
    Decoded {
        text: std::borrow::Cow::Borrowed(text),
        encoding: UTF_8,
        source,
        had_errors: false,
    }
}

fn detect(bytes: &[u8]) -> Decoded<'_> {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes[..bytes.len().min(256 * 1024)], true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text,
        encoding,
        source: CharsetSource::Detected,
        had_errors,
    }
}

/// Whether invalid UTF-8 is frequent enough that the declaration is wrong,
/// rather than a page with a few stray bytes.
fn looks_legacy(bytes: &[u8]) -> bool {
    let mut bad = 0usize;
    let mut rest = bytes;
    while let Err(e) = std::str::from_utf8(rest) {
        bad += 1;
        if bad > 8 {
            return true;
        }
        let skip = e.valid_up_to() + e.error_len().unwrap_or(1);
        rest = &rest[skip.min(rest.len())..];
    }
    false
}

/// The WHATWG rule: a page cannot declare UTF-16 in a meta tag it could
/// only have read as ASCII; and x-user-defined means windows-1252.
fn fix_declared(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        UTF_8
    } else if encoding == encoding_rs::X_USER_DEFINED {
        encoding_rs::WINDOWS_1252
    } else {
        encoding
    }
}

/// The charset declared by `<meta charset=…>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">` in the first
/// 4 KiB of the page.
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&head[from..], b"<meta") {
        let start = from + pos + 5;
        let end = memchr::memchr(b'>', &head[start..]).map_or(head.len(), |e| start + e);
        let tag = head[start..end].to_ascii_lowercase();
        if let Some(i) = memchr::memmem::find(&tag, b"charset") {
            let mut rest = &tag[i + 7..];
            rest = trim_leading_space(rest);
            if let Some(r) = rest.strip_prefix(b"=") {
                let r = trim_leading_space(r);
                let r = r
                    .strip_prefix(b"\"")
                    .or_else(|| r.strip_prefix(b"'"))
                    .unwrap_or(r);
                let len = r
                    .iter()
                    .position(|&b| {
                        b == b'"' || b == b'\'' || b == b';' || b == b'/' || b.is_ascii_whitespace()
                    })
                    .unwrap_or(r.len());
                if let Some(enc) = Encoding::for_label(&r[..len]) {
                    return Some(enc);
                }
            }
        }
        from = end.max(start);
        if from >= head.len() {
            break;
        }
    }
    None
}

/// The `charset` parameter of a `Content-Type` value.
pub(crate) fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let v = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        (!v.is_empty()).then(|| v.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_is_read() {
        let page = b"<html><head><meta charset=\"windows-1251\"></head>";
        assert_eq!(meta_charset(page), Some(encoding_rs::WINDOWS_1251));
        let page = b"<meta http-equiv=Content-Type content='text/html; charset=Shift_JIS'>";
        assert_eq!(meta_charset(page), Some(encoding_rs::SHIFT_JIS));
    }

    #[test]
    fn declared_legacy_charset_decodes() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("<p>Привет, мир</p>");
        let mut page = b"<meta charset=windows-1251>".to_vec();
        page.extend_from_slice(&bytes);
        let out = decode(&page, None);
        assert!(out.text.contains("Привет, мир"));
        assert_eq!(out.source, CharsetSource::Meta);
    }

    #[test]
    fn header_that_lies_is_overruled_by_valid_utf8() {
        let page = "<p>café crème</p>".as_bytes();
        let out = decode(page, Some("iso-8859-1"));
        assert_eq!(out.text, "<p>café crème</p>");
    }

    #[test]
    fn undeclared_legacy_bytes_are_detected() {
        let text = "<p>Это пример текста на русском языке, достаточно длинный для определения.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let out = decode(&bytes, None);
        assert_eq!(out.text, text);
        assert_eq!(out.source, CharsetSource::Detected);
    }

    #[test]
    fn bom_wins() {
        let mut page = vec![0xEF, 0xBB, 0xBF];
        page.extend_from_slice("<p>naïve</p>".as_bytes());
        let out = decode(&page, Some("windows-1252"));
        assert_eq!(out.text, "<p>naïve</p>");
        assert_eq!(out.source, CharsetSource::Bom);
    }

    #[test]
    fn binary_signatures_are_refused() {
        assert!(check_html(b"%PDF-1.7 ...").is_err());
        assert!(check_html(b"\x89PNG\r\n\x1a\n").is_err());
        assert!(check_html(b"{\"a\": 1}").is_err());
        assert!(check_html(b"<!doctype html><p>hi</p>").is_ok());
        assert!(check_html(&[0u8, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0]).is_err());
    }
}
