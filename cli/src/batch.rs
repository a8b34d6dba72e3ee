//! What a batch run reports. The runner itself is `fetch::run`: it reads
//! the input list as a stream, fetches or reads each input, extracts off the
//! I/O threads and writes exactly one record per input.

use std::collections::BTreeMap;

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records without error.
    pub ok: usize,
    /// Records with an error.
    pub failed: usize,
    /// Failures by `error.kind`.
    pub failed_by_kind: BTreeMap<String, usize>,
    /// WARC records that are not pages (requests, metadata, redirects,
    /// images…), by why; they give no record and are not failures.
    pub skipped: BTreeMap<String, usize>,
}
