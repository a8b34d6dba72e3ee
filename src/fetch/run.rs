//! The CLI's batch run over inputs that may mix URLs and local files:
//! records are written as they finish (or in input order), with a progress
//! bar on a terminal, a clean stop on Ctrl-C, and resumable output.

use std::collections::{BTreeMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, BufRead, Seek, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use futures_util::stream::{self, StreamExt};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{FetchOptions, Fetcher};
use crate::batch::Summary;
use crate::output::{Format, write_record};
use crate::source::{Input, Skips, expand};

/// How a run writes and reports.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RunOptions {
    /// Write records in input order instead of as they finish.
    pub ordered: bool,
    /// Record format.
    pub format: Format,
    /// Draw a progress bar on standard error.
    pub progress: bool,
    /// How many inputs the run will see, when known (for the bar and the
    /// count of inputs left after an interruption). A WARC file among the
    /// inputs makes it unknown: its pages are counted as they are read.
    pub total: Option<u64>,
    /// Sources already written (`--resume`): inputs, and pages of WARC
    /// files, with these sources are skipped.
    pub done: Option<Arc<Done>>,
}

impl RunOptions {
    /// Options for `format`, unordered, no bar, total unknown.
    pub fn new(format: Format) -> RunOptions {
        RunOptions {
            ordered: false,
            format,
            progress: false,
            total: None,
            done: None,
        }
    }
}

/// What a run did.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct RunReport {
    /// Records written, by outcome.
    pub summary: Summary,
    /// Ctrl-C stopped the run.
    pub interrupted: bool,
    /// Inputs never written because of the interruption, when the total is
    /// known.
    pub left: Option<u64>,
    /// Wall time.
    pub elapsed: Duration,
    /// Inputs skipped because their records were already in the output.
    pub resumed: u64,
}

impl RunReport {
    /// The one-line summary printed at the end of a run.
    pub fn line(&self) -> String {
        let skipped = self.resumed;
        let s = &self.summary;
        let mut line = format!("gleaner: {} ok, {} failed", s.ok, s.failed);
        if !s.failed_by_kind.is_empty() {
            let kinds: Vec<String> = s
                .failed_by_kind
                .iter()
                .map(|(k, n)| format!("{k}: {n}"))
                .collect();
            line.push_str(&format!(" ({})", kinds.join(", ")));
        }
        if skipped > 0 {
            line.push_str(&format!(", {skipped} skipped (already in the output)"));
        }
        if !s.skipped.is_empty() {
            let n: usize = s.skipped.values().sum();
            let why: Vec<String> = s.skipped.iter().map(|(k, n)| format!("{k}: {n}")).collect();
            line.push_str(&format!(
                ", {n} WARC records not pages ({})",
                why.join(", ")
            ));
        }
        line.push_str(&format!(" in {:.1}s", self.elapsed.as_secs_f64()));
        if self.interrupted {
            match self.left {
                Some(n) => line.push_str(&format!(
                    "; interrupted, {n} inputs left (rerun with --resume)"
                )),
                None => line.push_str(
                    "; interrupted, the rest of the input list was not read (rerun with --resume)",
                ),
            }
        }
        line
    }
}

/// Run every input and write one record each to `out`. Blocks; builds its
/// own tokio runtime. The input iterator is read on a thread of its own, a
/// little ahead of the fetches, so a list of any length runs in flat memory.
/// That thread also reads WARC files (found by content) record by record
/// and hands their pages on through the same bounded channel, so reading
/// stays streaming while up to `extract_jobs` pages are extracted at once.
pub fn run<I, W>(
    fetch: FetchOptions,
    inputs: I,
    options: &RunOptions,
    out: &mut W,
) -> io::Result<RunReport>
where
    I: Iterator<Item = Input> + Send + 'static,
    W: Write,
{
    let started = Instant::now();
    // Extraction has its own threads (see `Fetcher`); the blocking pool only
    // serves DNS lookups and the like.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let fetcher = Fetcher::new(fetch).map_err(io::Error::other)?;
    let read_ahead = fetcher.options().concurrency.max(16);
    let (tx, rx) = tokio::sync::mpsc::channel::<Input>(read_ahead);
    let skips = Skips::default();
    let resumed = Arc::new(AtomicU64::new(0));
    let expanded = Arc::new(AtomicBool::new(false));
    // Detached: if it is blocked reading stdin when the run ends, the
    // process exit ends it.
    let _feeder = {
        let (skips, resumed, expanded) = (skips.clone(), resumed.clone(), expanded.clone());
        let extract = fetcher.options().extract.clone();
        let done = options.done.clone();
        std::thread::Builder::new()
            .name("gleaner-inputs".into())
            .spawn(move || {
                for input in inputs {
                    let from_file = matches!(input, Input::File { .. });
                    for one in expand(input, &extract, &skips) {
                        if from_file && !matches!(one, Input::File { .. }) {
                            expanded.store(true, Ordering::Relaxed);
                        }
                        if done.as_ref().is_some_and(|d| d.contains(one.source())) {
                            resumed.fetch_add(1, Ordering::Relaxed);
                            continue;
                        }
                        if tx.blocking_send(one).is_err() {
                            return;
                        }
                    }
                }
            })?
    };
    let bar = progress_bar(options);
    let mut report = RunReport::default();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let result: io::Result<()> = runtime.block_on(async {
        let inputs = stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|i| (i, rx)) });
        let mut records = fetcher.records(inputs, options.ordered);
        let ctrl_c = tokio::signal::ctrl_c();
        tokio::pin!(ctrl_c);
        loop {
            let article = tokio::select! {
                a = records.next() => a,
                _ = &mut ctrl_c => {
                    report.interrupted = true;
                    None
                }
            };
            let Some(article) = article else { break };
            if bar.length().is_some() && expanded.load(Ordering::Relaxed) {
                bar.unset_length();
            }
            if let Some(err) = &article.error {
                report.summary.failed += 1;
                *kinds.entry(err.kind.clone()).or_default() += 1;
                bar.set_message(format!("{} failed", report.summary.failed));
            } else {
                report.summary.ok += 1;
            }
            bar.inc(1);
            // Each record is flushed whole, so an interrupted run leaves
            // valid JSONL behind.
            bar.suspend(|| {
                write_record(out, &article, options.format)?;
                out.flush()
            })?;
        }
        // Dropping the stream aborts the pages still in flight.
        drop(records);
        Ok(())
    });
    bar.finish_and_clear();
    runtime.shutdown_timeout(Duration::from_millis(500));
    result?;
    out.flush()?;
    fetcher.finish_warc().map_err(io::Error::other)?;
    report.summary.failed_by_kind = kinds;
    report.summary.skipped = skips.counts();
    report.resumed = resumed.load(Ordering::Relaxed);
    let done = (report.summary.ok + report.summary.failed) as u64;
    if report.interrupted && !expanded.load(Ordering::Relaxed) {
        report.left = options.total.map(|t| t.saturating_sub(done));
    }
    report.elapsed = started.elapsed();
    Ok(report)
}

fn progress_bar(options: &RunOptions) -> ProgressBar {
    if !options.progress {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(options.total, ProgressDrawTarget::stderr());
    let template = if options.total.is_some() {
        "{elapsed_precise} [{wide_bar}] {pos}/{len} {rate} eta {eta} {msg}"
    } else {
        "{spinner} {elapsed_precise} {pos} done {rate} {msg}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        let rate = |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0}/s", state.per_sec());
        };
        bar.set_style(style.with_key("rate", rate).progress_chars("=> "));
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// The sources already present in a JSONL output, for `--resume`, kept as
/// 64-bit hashes so memory stays small for long runs. A last line cut short
/// by a crash is removed from the file so that appending keeps it valid.
#[derive(Debug, Default)]
pub struct Done {
    seen: HashSet<u64>,
}

impl Done {
    /// Read `path` (a missing file is an empty one) and trim a torn last line.
    pub fn load(path: &Path) -> io::Result<Done> {
        let mut done = Done::default();
        let file = match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
        {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(done),
            Err(e) => return Err(e),
        };
        #[derive(serde::Deserialize)]
        struct SourceOnly {
            source: String,
        }
        let mut reader = io::BufReader::new(&file);
        let mut line = Vec::new();
        let mut good_len = 0u64;
        loop {
            line.clear();
            let n = reader.read_until(b'\n', &mut line)?;
            if n == 0 {
                break;
            }
            let complete = line.ends_with(b"\n");
            match serde_json::from_slice::<SourceOnly>(&line) {
                Ok(rec) if complete => {
                    done.seen.insert(hash(&rec.source));
                    good_len += n as u64;
                }
                // A complete line that is not a record is kept as it is.
                Err(_) if complete => good_len += n as u64,
                _ => break,
            }
        }
        let len = file.metadata()?.len();
        if good_len < len {
            file.set_len(good_len)?;
        }
        let mut f = &file;
        f.seek(io::SeekFrom::End(0))?;
        Ok(done)
    }

    /// Whether a record for this source is already there.
    pub fn contains(&self, source: &str) -> bool {
        self.seen.contains(&hash(source))
    }

    /// How many sources are recorded.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether none are.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

fn hash(source: &str) -> u64 {
    let mut h = DefaultHasher::new();
    source.hash(&mut h);
    h.finish()
}
