//! Undo HTTP `Content-Encoding` (gzip, deflate, and with the `fetch`
//! feature br and zstd), chunked `Transfer-Encoding`, and gzip files, with a
//! cap on the decoded size, so a small compressed body cannot expand
//! without bound. Used by the pipeline for every page.

use std::io::Read;

use crate::Error;

/// Undo a chunked transfer coding. `None` when the bytes are not well-formed
/// chunks (archives often store the body already de-chunked while keeping
/// the header), so the caller can use them as they are.
pub(crate) fn dechunk(body: &[u8], limit: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let eol = memchr::memmem::find(rest, b"\r\n")?;
        let line = std::str::from_utf8(&rest[..eol]).ok()?;
        // Chunk extensions after `;` are ignored.
        let size_text = line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = &rest[eol + 2..];
        if size == 0 {
            // Trailers, if any, are not part of the body.
            return Some(out);
        }
        let chunk = rest.get(..size)?;
        if out.len() + size > limit {
            return None;
        }
        out.extend_from_slice(chunk);
        rest = &rest[size..];
        // A missing CRLF after the last chunk of a cut-off body is forgiven.
        rest = rest.strip_prefix(b"\r\n").unwrap_or(rest);
        if rest.is_empty() {
            return Some(out);
        }
    }
}

/// The codings named by a `Content-Encoding` value, in the order they were
/// applied, without `identity`.
fn codings(content_encoding: &str) -> impl DoubleEndedIterator<Item = String> + '_ {
    content_encoding
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
}

/// Whether a `Content-Encoding` value leaves the body as it is.
pub(crate) fn is_identity(content_encoding: &str) -> bool {
    codings(content_encoding).next().is_none()
}

/// Undo the codings a `Content-Encoding` value lists.
pub(crate) fn decode_body(
    body: &[u8],
    content_encoding: &str,
    limit: usize,
) -> Result<Vec<u8>, Error> {
    let mut data: Option<Vec<u8>> = None;
    for coding in codings(content_encoding).rev() {
        let input = data.as_deref().unwrap_or(body);
        data = Some(match coding.as_str() {
            "gzip" | "x-gzip" => bounded(flate2::read::MultiGzDecoder::new(input), limit, &coding)?,
            "deflate" => {
                // Servers send zlib-wrapped or raw deflate under this name.
                match bounded(flate2::read::ZlibDecoder::new(input), limit, &coding) {
                    Ok(d) => d,
                    Err(Error::Decode(_)) => {
                        bounded(flate2::read::DeflateDecoder::new(input), limit, &coding)?
                    }
                    Err(e) => return Err(e),
                }
            }
            #[cfg(feature = "fetch")]
            "br" => bounded(
                brotli_decompressor::Decompressor::new(input, 16 * 1024),
                limit,
                &coding,
            )?,
            #[cfg(feature = "fetch")]
            "zstd" => {
                let decoder = ruzstd::StreamingDecoder::new(input)
                    .map_err(|e| Error::Decode(format!("bad zstd body: {e}")))?;
                bounded(decoder, limit, &coding)?
            }
            other => {
                return Err(Error::Decode(format!(
                    "unsupported Content-Encoding {other:?}"
                )));
            }
        });
    }
    Ok(data.unwrap_or_else(|| body.to_vec()))
}

/// Unpack gzip data (one member or several) within `limit`.
pub(crate) fn gunzip(bytes: &[u8], limit: usize) -> Result<Vec<u8>, Error> {
    bounded(flate2::read::MultiGzDecoder::new(bytes), limit, "gzip")
}

fn bounded(reader: impl Read, limit: usize, coding: &str) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| Error::Decode(format!("bad {coding} data: {e}")))?;
    if out.len() > limit {
        return Err(Error::too_large(
            format!("the {coding}-decompressed page"),
            None,
            limit as u64,
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
            decode_body(&body, "gzip", 100).ok(),
            Some(b"<p>hi</p>".to_vec())
        );
        assert_eq!(
            decode_body(b"<p>x</p>", "identity", 100).ok(),
            Some(b"<p>x</p>".to_vec())
        );
    }

    #[test]
    fn bombs_are_capped() {
        let body = gzip(&vec![b'a'; 1_000_000]);
        let err = decode_body(&body, "gzip", 1000).err();
        assert_eq!(err.map(|e| e.kind()), Some(crate::ErrorKind::TooLarge));
    }

    #[test]
    fn chunks_are_joined() {
        let body = b"4\r\n<p>h\r\n6;ext=1\r\ni</p>\n\r\n0\r\nX-Trailer: 1\r\n\r\n";
        assert_eq!(dechunk(body, 100), Some(b"<p>hi</p>\n".to_vec()));
        assert_eq!(dechunk(b"<html>not chunked", 100), None);
        assert_eq!(dechunk(b"ff\r\nshort", 100), None);
        assert_eq!(dechunk(b"4\r\nabcd\r\n0\r\n\r\n", 3), None);
    }

    #[test]
    fn unknown_coding_is_a_decode_error() {
        let err = decode_body(b"x", "compress", 1000).err();
        assert_eq!(err.map(|e| e.kind()), Some(crate::ErrorKind::Decode));
        let err = decode_body(b"not gzip", "gzip", 1000).err();
        assert_eq!(err.map(|e| e.kind()), Some(crate::ErrorKind::Decode));
    }
}
