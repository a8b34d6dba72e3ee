//! Undo `Content-Encoding` (gzip, deflate, br, zstd) with a cap on the
//! decoded size, so a small compressed body cannot expand without bound.

use std::io::Read;

use crate::{Error, FetchErrorKind};

use super::fetch_error;

pub(crate) fn decode_body(
    body: Vec<u8>,
    content_encoding: Option<&str>,
    limit: usize,
) -> Result<Vec<u8>, Error> {
    let codings: Vec<String> = content_encoding
        .unwrap_or("")
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
        .collect();
    let mut data = body;
    // Codings are listed in the order they were applied.
    for coding in codings.iter().rev() {
        data = match coding.as_str() {
            "gzip" | "x-gzip" => {
                bounded(flate2::read::MultiGzDecoder::new(&data[..]), limit, coding)?
            }
            "deflate" => {
                // Servers send zlib-wrapped or raw deflate under this name.
                match bounded(flate2::read::ZlibDecoder::new(&data[..]), limit, coding) {
                    Ok(d) => d,
                    Err(Error::Fetch {
                        kind: FetchErrorKind::Decode,
                        ..
                    }) => bounded(flate2::read::DeflateDecoder::new(&data[..]), limit, coding)?,
                    Err(e) => return Err(e),
                }
            }
            "br" => bounded(
                brotli_decompressor::Decompressor::new(&data[..], 16 * 1024),
                limit,
                coding,
            )?,
            "zstd" => {
                let decoder = ruzstd::StreamingDecoder::new(&data[..]).map_err(|e| {
                    fetch_error(FetchErrorKind::Decode, None, format!("bad zstd body: {e}"))
                })?;
                bounded(decoder, limit, coding)?
            }
            other => {
                return Err(fetch_error(
                    FetchErrorKind::Decode,
                    None,
                    format!("unsupported Content-Encoding {other:?}"),
                ));
            }
        };
    }
    if codings.is_empty() && data.starts_with(&[0x1F, 0x8B]) {
        // A gzip file served without Content-Encoding (a .html.gz, say).
        data = crate::source::gunzip_if_needed(data, limit, "body")?;
    }
    Ok(data)
}

fn bounded(reader: impl Read, limit: usize, coding: &str) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| {
            fetch_error(
                FetchErrorKind::Decode,
                None,
                format!("bad {coding} body: {e}"),
            )
        })?;
    if out.len() > limit {
        return Err(fetch_error(
            FetchErrorKind::TooLarge,
            None,
            format!("the body decompresses to more than {limit} bytes"),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let _ = enc.write_all(data);
        enc.finish().unwrap_or_default()
    }

    #[test]
    fn gzip_and_identity() {
        let body = gzip(b"<p>hi</p>");
        assert_eq!(
            decode_body(body, Some("gzip"), 100).ok(),
            Some(b"<p>hi</p>".to_vec())
        );
        assert_eq!(
            decode_body(b"<p>x</p>".to_vec(), Some("identity"), 100).ok(),
            Some(b"<p>x</p>".to_vec())
        );
    }

    #[test]
    fn bombs_are_capped() {
        let body = gzip(&vec![b'a'; 1_000_000]);
        let err = decode_body(body, Some("gzip"), 1000).err();
        assert_eq!(err.map(|e| e.kind()), Some("too_large"));
    }

    #[test]
    fn unknown_coding_is_a_decode_error() {
        let err = decode_body(b"x".to_vec(), Some("compress"), 1000).err();
        assert_eq!(err.map(|e| e.kind()), Some("decode"));
        let err = decode_body(b"not gzip".to_vec(), Some("gzip"), 1000).err();
        assert_eq!(err.map(|e| e.kind()), Some("decode"));
    }
}
