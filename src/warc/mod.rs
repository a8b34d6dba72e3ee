//! WARC files (ISO 28500, versions 1.0 and 1.1), the format of Common Crawl
//! and of most web archives: reading response records as pages, and (with
//! writing what the fetcher sends and receives (cargo feature `warc`, on
//! with `fetch`).
//!
//! Both sides are small and hand-written over `flate2`: a WARC file is a
//! sequence of text headers and length-delimited blocks, usually with every
//! record in a gzip member of its own, and gleaner needs only the records
//! that carry HTTP responses.

mod read;
pub(crate) mod write;

pub use read::{Item, WarcReader, is_warc_file};
pub use write::{Exchange, WarcWriter};
