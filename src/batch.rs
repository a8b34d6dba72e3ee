//! Inputs to records: reads each input, extracts it on a pool of worker
//! threads, and writes exactly one record per input, in input order. A
//! failure (or a panic inside extraction) becomes an error record; the run
//! goes on.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::sync::{Condvar, Mutex};

use crate::output::{Format, write_record};
use crate::source::{self, Input};
use crate::{Article, Options};

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Worker threads for extraction.
    pub jobs: usize,
    /// Record format.
    pub format: Format,
    /// Extraction options.
    pub extract: Options,
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records without error.
    pub ok: usize,
    /// Records with an error.
    pub failed: usize,
    /// Failures by `error.kind`.
    pub failed_by_kind: BTreeMap<String, usize>,
}

/// Turn one input into its record. Never panics: a panic inside extraction
/// is caught here and reported as an `internal` error record. (Moved to
/// [`source::process`] so the fetcher can use it without the CLI.)
pub fn process(input: &Input, options: &Options) -> Article {
    source::process(input, options)
}

struct Window {
    /// Index of the next record to write.
    written: usize,
}

/// Run every input through extraction and write the records to `out` in
/// input order. `inputs` is consumed lazily, so a list of any length runs in
/// flat memory: at most `jobs * 16` records wait for an earlier one.
pub fn run<I, W>(inputs: I, options: &BatchOptions, out: &mut W) -> io::Result<Summary>
where
    I: Iterator<Item = Input> + Send,
    W: Write,
{
    let jobs = options.jobs.max(1);
    let window = jobs * 16;
    let feed = Mutex::new(inputs.enumerate());
    let gate = (Mutex::new(Window { written: 0 }), Condvar::new());
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Article)>();
    let mut summary = Summary::default();
    let mut kinds: HashMap<String, usize> = HashMap::new();
    let mut io_result = Ok(());
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let feed = &feed;
            let gate = &gate;
            scope.spawn(move || {
                loop {
                    let next = match feed.lock() {
                        Ok(mut it) => it.next(),
                        Err(_) => None,
                    };
                    let Some((index, input)) = next else { break };
                    // Wait while too far ahead of the writer.
                    if let Ok(mut w) = gate.0.lock() {
                        while index >= w.written + window {
                            w = match gate.1.wait(w) {
                                Ok(w) => w,
                                Err(_) => break,
                            };
                        }
                    }
                    let article = process(&input, &options.extract);
                    if tx.send((index, article)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, Article> = BTreeMap::new();
        let mut next = 0usize;
        for (index, article) in rx {
            pending.insert(index, article);
            while let Some(article) = pending.remove(&next) {
                if let Some(err) = &article.error {
                    summary.failed += 1;
                    *kinds.entry(err.kind.clone()).or_default() += 1;
                } else {
                    summary.ok += 1;
                }
                if io_result.is_ok() {
                    io_result = write_record(out, &article, options.format).and_then(|_| {
                        if options.format == Format::Jsonl {
                            Ok(())
                        } else {
                            out.flush()
                        }
                    });
                }
                next += 1;
                if let Ok(mut w) = gate.0.lock() {
                    w.written = next;
                }
                gate.1.notify_all();
            }
        }
    });
    io_result?;
    out.flush()?;
    summary.failed_by_kind = kinds.into_iter().collect();
    Ok(summary)
}
