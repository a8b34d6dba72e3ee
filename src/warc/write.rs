//! Writing WARC/1.1 files the way crawlers do: every record in a gzip
//! member of its own (so a file can be cut, concatenated and indexed by
//! record), each response followed by the request that produced it, linked
//! by `WARC-Concurrent-To`, with SHA-1 block and payload digests in the
//! usual `sha1:BASE32` form.

use std::io::{self, Write};
use std::net::IpAddr;

use chrono::{DateTime, Utc};
use sha1::{Digest, Sha1};

/// One HTTP request and the response it got, as they go into the file.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Exchange<'a> {
    /// The URL asked for (`WARC-Target-URI`).
    pub url: &'a str,
    /// When the request was sent (`WARC-Date`).
    pub date: DateTime<Utc>,
    /// The server's address, when known (`WARC-IP-Address`).
    pub ip: Option<IpAddr>,
    /// The request line and headers, ending with the blank line.
    pub request_head: &'a [u8],
    /// The status line and headers, ending with the blank line.
    pub response_head: &'a [u8],
    /// The response body as received.
    pub body: &'a [u8],
    /// The body was not read (an error status or a redirect): the record
    /// says so with `WARC-Truncated`.
    pub truncated: bool,
}

impl<'a> Exchange<'a> {
    /// An exchange with no server address, not truncated.
    pub fn new(
        url: &'a str,
        date: DateTime<Utc>,
        request_head: &'a [u8],
        response_head: &'a [u8],
        body: &'a [u8],
    ) -> Self {
        Exchange {
            url,
            date,
            ip: None,
            request_head,
            response_head,
            body,
            truncated: false,
        }
    }
}

/// Appends records to a WARC file.
#[derive(Debug)]
pub struct WarcWriter<W: Write> {
    out: W,
}

impl<W: Write> WarcWriter<W> {
    /// Write to `out` (a file opened for writing, say).
    pub fn new(out: W) -> Self {
        WarcWriter { out }
    }

    /// A `warcinfo` record naming the software, to start a file with.
    pub fn write_warcinfo(&mut self, software: &str, date: DateTime<Utc>) -> io::Result<()> {
        let body = format!("software: {software}\r\nformat: WARC File Format 1.1\r\n");
        let member = member(
            &[
                ("WARC-Type", "warcinfo".to_string()),
                ("WARC-Record-ID", record_id()),
                ("WARC-Date", warc_date(date)),
                ("Content-Type", "application/warc-fields".to_string()),
            ],
            &[body.as_bytes()],
        )?;
        self.out.write_all(&member)
    }

    /// Write a response record and its request record.
    pub fn write_exchange(&mut self, exchange: &Exchange<'_>) -> io::Result<()> {
        let bytes = exchange_bytes(exchange)?;
        self.out.write_all(&bytes)
    }

    /// Append bytes made by `exchange_bytes` (whole gzip members).
    pub fn write_raw(&mut self, members: &[u8]) -> io::Result<()> {
        self.out.write_all(members)
    }

    /// Flush the underlying writer.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// The underlying writer.
    pub fn into_inner(self) -> W {
        self.out
    }
}

/// The two gzip members (response, then request) of one exchange, ready
/// to be appended to a file: the CPU work done before any lock is taken.
pub(crate) fn exchange_bytes(ex: &Exchange<'_>) -> io::Result<Vec<u8>> {
    let response_id = record_id();
    let date = warc_date(ex.date);
    let mut response = vec![
        ("WARC-Type", "response".to_string()),
        ("WARC-Record-ID", response_id.clone()),
        ("WARC-Date", date.clone()),
        ("WARC-Target-URI", ex.url.to_string()),
    ];
    if let Some(ip) = ex.ip {
        response.push(("WARC-IP-Address", ip.to_string()));
    }
    response.push((
        "Content-Type",
        "application/http; msgtype=response".to_string(),
    ));
    response.push(("WARC-Payload-Digest", digest(&[ex.body])));
    if ex.truncated {
        response.push(("WARC-Truncated", "unspecified".to_string()));
    }
    let mut out = member(&response, &[ex.response_head, ex.body])?;
    let mut request = vec![
        ("WARC-Type", "request".to_string()),
        ("WARC-Record-ID", record_id()),
        ("WARC-Date", date),
        ("WARC-Target-URI", ex.url.to_string()),
    ];
    if let Some(ip) = ex.ip {
        request.push(("WARC-IP-Address", ip.to_string()));
    }
    request.push(("WARC-Concurrent-To", response_id));
    request.push((
        "Content-Type",
        "application/http; msgtype=request".to_string(),
    ));
    out.extend(member(&request, &[ex.request_head])?);
    Ok(out)
}

/// One record as a gzip member: the headers given, then the block digest
/// and length, then the block.
fn member(headers: &[(&str, String)], block: &[&[u8]]) -> io::Result<Vec<u8>> {
    let length: usize = block.iter().map(|p| p.len()).sum();
    let mut head = String::from("WARC/1.1\r\n");
    for (name, value) in headers {
        // A header value never spans lines.
        let value: String = value
            .chars()
            .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
            .collect();
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("WARC-Block-Digest: {}\r\n", digest(block)));
    head.push_str(&format!("Content-Length: {length}\r\n\r\n"));
    let mut gz = flate2::write::GzEncoder::new(
        Vec::with_capacity(length / 3 + 512),
        flate2::Compression::default(),
    );
    gz.write_all(head.as_bytes())?;
    for part in block {
        gz.write_all(part)?;
    }
    gz.write_all(b"\r\n\r\n")?;
    gz.finish()
}

/// `sha1:` and the base32 SHA-1 of the parts, the form crawlers and
/// warcio use.
fn digest(parts: &[&[u8]]) -> String {
    let mut hasher = Sha1::new();
    for part in parts {
        hasher.update(part);
    }
    format!(
        "sha1:{}",
        data_encoding::BASE32.encode(hasher.finalize().as_slice())
    )
}

/// A random (version 4) UUID URN in angle brackets.
fn record_id() -> String {
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&fastrand::u64(..).to_be_bytes());
    b[8..].copy_from_slice(&fastrand::u64(..).to_be_bytes());
    b[6] = (b[6] & 0x0F) | 0x40;
    b[8] = (b[8] & 0x3F) | 0x80;
    let hex = data_encoding::HEXLOWER.encode(&b);
    format!(
        "<urn:uuid:{}-{}-{}-{}-{}>",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

fn warc_date(date: DateTime<Utc>) -> String {
    date.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::warc::{Item, WarcReader};

    #[test]
    fn written_exchanges_read_back() {
        let mut writer = WarcWriter::new(Vec::new());
        let date = DateTime::parse_from_rfc3339("2024-05-02T09:00:00Z")
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default();
        assert!(writer.write_warcinfo("gleaner/test", date).is_ok());
        let ex = Exchange {
            url: "https://a.test/x",
            date,
            ip: Some(IpAddr::from([127, 0, 0, 1])),
            request_head: b"GET /x HTTP/1.1\r\nHost: a.test\r\n\r\n",
            response_head: b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
            body: b"<p>hello</p>",
            truncated: false,
        };
        assert!(writer.write_exchange(&ex).is_ok());
        let file = writer.into_inner();
        let reader = WarcReader::new(
            io::BufReader::new(flate2::read::MultiGzDecoder::new(&file[..])),
            "t.warc.gz",
            1000,
        );
        let items: Vec<_> = reader.collect();
        assert_eq!(items.len(), 3);
        assert!(matches!(items[0], Ok(Item::Skipped("warcinfo"))));
        match &items[1] {
            Ok(Item::Page(p)) => {
                assert_eq!(p.raw(), b"<p>hello</p>");
                assert_eq!(p.url.as_deref(), Some("https://a.test/x"));
                assert_eq!(p.fetched, Some(date));
                assert!(
                    p.source
                        .as_deref()
                        .is_some_and(|s| s.starts_with("t.warc.gz#urn:uuid:"))
                );
            }
            other => assert!(matches!(other, Ok(Item::Page(_))), "{other:?}"),
        }
        assert!(matches!(items[2], Ok(Item::Skipped("request"))));
    }

    #[test]
    fn digests_are_sha1_base32() {
        // sha1("") = da39a3ee…, in base32:
        assert_eq!(digest(&[b""]), "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
        assert_eq!(digest(&[b"ab", b"c"]), digest(&[b"abc"]));
        let id = record_id();
        assert_eq!(id.len(), "<urn:uuid:>".len() + 36);
        assert_eq!(&id[24..25], "4");
    }
}
