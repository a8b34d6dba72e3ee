//! The batch run: every input becomes exactly one record.
//!
//! ```text
//! inputs ─ feeder thread ─┬─ local inputs ───────────────┐
//!  (lists, WARC records)  │                              ├─ bounded queue ─ extraction threads ─┐
//!                         └─ URLs ─ tokio: fetch ─ pages ┘                                      │
//!                                                    fetch failures ───────────────────────────┤
//!                                  main thread: order (if asked), write, progress ◄────────────┘
//! ```
//!
//! Local files, standard input, WARC records and JSONL pages reach the
//! extraction threads through one bounded queue they pull from, with no
//! async hand-off per page; only URLs go through the async runtime, which
//! is started when the first URL is seen. A window bounds what is in
//! flight between the feeder and the writer, in pages and in bytes, so a
//! list of any length runs in flat memory and a slow page held back for
//! ordered output cannot let the buffer grow.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use gleaner::{Article, Error, ErrorInfo, FetchOptions, Fetcher, Options, PageInput, WarningKind};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::inputs::{self, Input, Skips};
use crate::output::{Format, Writer};
use crate::resume::Done;

/// How a run reads, extracts, writes and reports.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Write records in input order instead of as they finish.
    pub ordered: bool,
    /// Record format.
    pub format: Format,
    /// Explain each page instead of writing its record (`--explain`).
    pub explain: bool,
    /// The run may write more than one record.
    pub several: bool,
    /// Draw a progress bar on standard error.
    pub progress: bool,
    /// How many inputs the run will see, when known (for the bar and the
    /// count of inputs left after an interruption). A WARC file among the
    /// inputs makes it unknown: its pages are counted as they are read.
    pub total: Option<u64>,
    /// Sources already written (`--resume`): inputs, and pages of WARC
    /// files, with these sources are skipped.
    pub done: Option<Arc<Done>>,
    /// Extraction threads.
    pub jobs: usize,
    /// Pages between the feeder and the writer at most.
    pub window: usize,
    /// Input bytes between the feeder and the writer at most (one page
    /// larger than this still runs, alone).
    pub max_inflight_bytes: u64,
    /// Extraction options.
    pub extract: Options,
    /// Fetching options, for URL inputs.
    pub fetch: FetchOptions,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct RunReport {
    /// Records written, by outcome.
    pub summary: Summary,
    /// A signal (Ctrl-C, SIGTERM, SIGHUP) stopped the run.
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
        let s = &self.summary;
        let mut line = format!("gleaner: {} ok", s.ok);
        if s.no_body > 0 {
            line.push_str(&format!(", {} without a body", s.no_body));
        }
        line.push_str(&format!(", {} failed", s.failed));
        if !s.failed_by_kind.is_empty() {
            let kinds: Vec<String> = s
                .failed_by_kind
                .iter()
                .map(|(k, n)| format!("{k}: {n}"))
                .collect();
            line.push_str(&format!(" ({})", kinds.join(", ")));
        }
        if self.resumed > 0 {
            line.push_str(&format!(
                ", {} skipped (already in the output)",
                self.resumed
            ));
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

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records without error, with a body.
    pub ok: usize,
    /// Records without error whose page had no article body (warning
    /// `no_body`): not failures, but not successes either.
    pub no_body: usize,
    /// Records with an error.
    pub failed: usize,
    /// Failures by `error.kind`.
    pub failed_by_kind: BTreeMap<String, usize>,
    /// WARC records that are not pages (requests, metadata, redirects,
    /// images…), by why; they give no record and are not failures.
    pub skipped: BTreeMap<String, usize>,
}

impl Summary {
    /// Count one written record.
    fn add(&mut self, article: &Article) {
        match &article.error {
            Some(err) => {
                self.failed += 1;
                *self.failed_by_kind.entry(err.kind.to_string()).or_default() += 1;
            }
            None if article.has_warning(WarningKind::NoBody) => self.no_body += 1,
            None => self.ok += 1,
        }
    }

    /// Records written.
    pub fn written(&self) -> usize {
        self.ok + self.no_body + self.failed
    }
}

/// What the extraction threads are handed: an input, by its place.
/// Each carries the bytes it was counted for in the window.
enum Work {
    Page(u64, u64, Box<PageInput<'static>>),
}

/// Pages and bytes between the feeder and the writer.
struct Window {
    state: Mutex<(usize, u64)>,
    freed: Condvar,
    pages: usize,
    bytes: u64,
}

impl Window {
    fn new(pages: usize, bytes: u64) -> Window {
        Window {
            state: Mutex::new((0, 0)),
            freed: Condvar::new(),
            pages: pages.max(1),
            bytes: bytes.max(1),
        }
    }

    /// Wait for room for one page of `bytes` (a page larger than the whole
    /// budget waits until it is alone). Gives up when `stop` is set.
    fn enter(&self, bytes: u64, stop: &AtomicBool) -> bool {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if stop.load(Ordering::Relaxed) {
                return false;
            }
            let (pages, held) = *state;
            if pages == 0 || (pages < self.pages && held + bytes <= self.bytes) {
                *state = (pages + 1, held + bytes);
                return true;
            }
            state = self
                .freed
                .wait_timeout(state, Duration::from_millis(100))
                .map(|(s, _)| s)
                .unwrap_or_else(|e| e.into_inner().0);
        }
    }

    fn leave(&self, bytes: u64) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.0 = state.0.saturating_sub(1);
        state.1 = state.1.saturating_sub(bytes);
        self.freed.notify_all();
    }

    fn in_flight(&self) -> usize {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).0
    }
}

/// A finished input: its place, the window bytes it held, and its record
/// (`None` for a fetch abandoned when the run stopped).
type Done_ = (u64, u64, Option<Finished>);

/// An input's record, and with `--explain` why it came out so.
struct Finished {
    article: Article,
    explanation: Option<String>,
}

impl From<Article> for Finished {
    fn from(article: Article) -> Self {
        Finished {
            article,
            explanation: None,
        }
    }
}

/// Run every input and write one record each to `out`. Blocks until the
/// inputs are done or `stop` is set (by a signal); then the pages in flight
/// are given a moment to finish, and what is written is valid and complete
/// record by record.
pub fn run<I>(
    inputs: I,
    options: &RunOptions,
    out: &mut dyn Write,
    stop: Arc<AtomicBool>,
) -> io::Result<RunReport>
where
    I: Iterator<Item = Input> + Send + 'static,
{
    let started = Instant::now();
    let jobs = options.jobs.max(1);
    // With one extraction thread and no URLs, pages finish in input order
    // anyway; keeping it costs nothing.
    let ordered = options.ordered || jobs == 1;
    let window = Arc::new(Window::new(options.window, options.max_inflight_bytes));
    let (work_tx, work_rx) = mpsc::sync_channel::<Work>(jobs * 2);
    let (done_tx, done_rx) = mpsc::channel::<Done_>();
    let work_rx = Arc::new(Mutex::new(work_rx));
    for n in 0..jobs {
        let (rx, tx, extract) = (work_rx.clone(), done_tx.clone(), options.extract.clone());
        let explain = options.explain;
        std::thread::Builder::new()
            .name(format!("gleaner-extract-{n}"))
            .spawn(move || extract_loop(&rx, &tx, &extract, explain))?;
    }
    let skips = Skips::default();
    let resumed = Arc::new(AtomicU64::new(0));
    let expanded = Arc::new(AtomicBool::new(false));
    let fed = Arc::new(AtomicU64::new(0));
    let fetch_thread: FetchThread = Arc::default();
    // Detached: if it is blocked reading stdin when the run ends, the
    // process exit ends it.
    {
        let feeder = Feeder {
            work: work_tx,
            done: done_tx,
            window: window.clone(),
            stop: stop.clone(),
            skips: skips.clone(),
            resumed: resumed.clone(),
            expanded: expanded.clone(),
            fed: fed.clone(),
            resume: options.done.clone(),
            extract: options.extract.clone(),
            fetch: options.fetch.clone(),
            urls: None,
            fetch_thread: fetch_thread.clone(),
        };
        std::thread::Builder::new()
            .name("gleaner-inputs".into())
            .spawn(move || feeder.feed(inputs))?;
    }
    let bar = progress_bar(options);
    let mut report = RunReport::default();
    let mut writer = Writer::new(options.format, options.several);
    let mut pending: BTreeMap<u64, (u64, Finished)> = BTreeMap::new();
    let mut next = 0u64;
    let mut abandoned = std::collections::BTreeSet::new();
    let mut grace: Option<Instant> = None;
    let result: io::Result<()> = (|| {
        loop {
            if stop.load(Ordering::Relaxed) && grace.is_none() {
                report.interrupted = true;
                grace = Some(Instant::now() + Duration::from_secs(2));
            }
            if let Some(deadline) = grace {
                if window.in_flight() == 0 || Instant::now() >= deadline {
                    break;
                }
            }
            let (seq, bytes, finished) = match done_rx.recv_timeout(Duration::from_millis(100)) {
                Ok(d) => d,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => break,
            };
            let Some(finished) = finished else {
                // Abandoned when the run stopped: left for --resume.
                window.leave(bytes);
                abandoned.insert(seq);
                continue;
            };
            let mut ready = Vec::new();
            if ordered {
                pending.insert(seq, (bytes, finished));
                loop {
                    while abandoned.remove(&next) {
                        next += 1;
                    }
                    let Some(entry) = pending.first_entry() else {
                        break;
                    };
                    if *entry.key() != next {
                        break;
                    }
                    ready.push(entry.remove());
                    next += 1;
                }
            } else {
                ready.push((bytes, finished));
            }
            for (bytes, finished) in ready {
                let article = &finished.article;
                if bar.length().is_some() && expanded.load(Ordering::Relaxed) {
                    bar.unset_length();
                }
                report.summary.add(article);
                if article.error.is_some() {
                    bar.set_message(format!("{} failed", report.summary.failed));
                }
                bar.inc(1);
                // Each record is flushed whole, so an interrupted run leaves
                // valid output behind.
                bar.suspend(|| {
                    write(&mut writer, out, &finished)?;
                    out.flush()
                })?;
                window.leave(bytes);
            }
        }
        // Pages held back for order when the run stopped early are written
        // too: each is a whole record.
        for (_, (bytes, finished)) in std::mem::take(&mut pending) {
            report.summary.add(&finished.article);
            write(&mut writer, out, &finished)?;
            window.leave(bytes);
        }
        writer.finish(out)?;
        out.flush()
    })();
    stop.store(true, Ordering::Relaxed);
    bar.finish_and_clear();
    result?;
    // The fetching thread ends once its pages are in (or, after a signal,
    // at once) and flushes the WARC file: wait for it.
    let fetching = fetch_thread
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take();
    if let Some(handle) = fetching {
        match handle.join() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(io::Error::other(e.to_string())),
            Err(_) => return Err(io::Error::other("the fetching thread panicked")),
        }
    }
    report.summary.skipped = skips.counts();
    report.resumed = resumed.load(Ordering::Relaxed);
    let written = report.summary.written() as u64;
    if report.interrupted && !expanded.load(Ordering::Relaxed) {
        report.left = options.total.map(|t| t.saturating_sub(written));
    }
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Write a finished input: its explanation when there is one, else its
/// record.
fn write(writer: &mut Writer, out: &mut dyn Write, finished: &Finished) -> io::Result<()> {
    match &finished.explanation {
        Some(text) => writer.write_explanation(out, &finished.article, text),
        None => writer.write(out, &finished.article),
    }
}

/// An extraction thread: pull work until the queue closes.
fn extract_loop(rx: &Mutex<Receiver<Work>>, tx: &Sender<Done_>, options: &Options, explain: bool) {
    loop {
        let work = match rx.lock() {
            Ok(guard) => guard.recv(),
            Err(_) => return,
        };
        let Ok(work) = work else { return };
        let (seq, weight, finished) = match work {
            Work::Page(seq, weight, page) => (seq, weight, from_page(&page, options, explain)),
        };
        if tx.send((seq, weight, Some(finished))).is_err() {
            return;
        }
    }
}

/// A page's record, or with `explain` its explanation.
fn from_page(page: &PageInput<'_>, options: &Options, explain: bool) -> Finished {
    if !explain {
        return gleaner::extract_page(page, options).into();
    }
    match gleaner::explain_page(page, options) {
        Ok(why) => {
            let text = why.to_string();
            Finished {
                article: why.record,
                explanation: Some(text),
            }
        }
        Err(err) => {
            let source = page.source.clone().or_else(|| page.url.clone());
            Article::failed(source.unwrap_or_default(), page.url.clone(), &err).into()
        }
    }
}

/// The page a local input holds, or the record of an input that failed
/// before it could be read.
fn page_of(input: Input, options: &Options) -> Result<Box<PageInput<'static>>, Box<Article>> {
    let limit = options.max_input_bytes;
    let (source, url, bytes) = match input {
        Input::Page(page) => return Ok(page),
        Input::Failed { source, url, error } => {
            return Err(Box::new(failed_record(source, url, error)));
        }
        Input::Url(u) => {
            let err = Error::FetchUnavailable(format!("{u} reached the extraction queue"));
            return Err(Box::new(Article::failed(u.clone(), Some(u), &err)));
        }
        Input::File { path, url } => {
            let bytes = inputs::read_file(&path, limit);
            (path, url, bytes)
        }
        Input::Stdin { url } => ("-".to_string(), url, inputs::read_stdin(limit)),
    };
    let bytes = match bytes {
        // WARC files are read record by record from their path; read whole
        // from a pipe they would be one odd page.
        Ok(b) if source == "-" && b.starts_with(b"WARC/") => {
            let err = Error::Warc("read WARC files by path, not from standard input".into());
            return Err(Box::new(Article::failed(source, url, &err)));
        }
        Ok(b) => b,
        Err(err) => return Err(Box::new(Article::failed(source, url, &err))),
    };
    let mut page = PageInput::bytes(bytes).with_source(source);
    page.url = url;
    Ok(Box::new(page))
}

/// The record of an input that failed before it was read.
fn failed_record(source: String, url: Option<String>, error: ErrorInfo) -> Article {
    let mut article = Article::default();
    article.source = source;
    article.url = url;
    article.error = Some(error);
    article
}

/// The thread that reads the inputs, a little ahead of the extraction.
struct Feeder {
    work: SyncSender<Work>,
    done: Sender<Done_>,
    window: Arc<Window>,
    stop: Arc<AtomicBool>,
    skips: Skips,
    resumed: Arc<AtomicU64>,
    expanded: Arc<AtomicBool>,
    fed: Arc<AtomicU64>,
    resume: Option<Arc<Done>>,
    extract: Options,
    fetch: FetchOptions,
    urls: Option<UrlSide>,
    fetch_thread: FetchThread,
}

impl Feeder {
    fn feed(mut self, inputs: impl Iterator<Item = Input>) {
        let mut seq = 0u64;
        for input in inputs {
            let from_file = matches!(input, Input::File { .. });
            for one in inputs::expand(input, self.extract.max_input_bytes, &self.skips) {
                if self.stop.load(Ordering::Relaxed) {
                    return;
                }
                if from_file && !matches!(one, Input::File { .. }) {
                    self.expanded.store(true, Ordering::Relaxed);
                }
                if self
                    .resume
                    .as_ref()
                    .is_some_and(|d| d.contains(one.source()))
                {
                    self.resumed.fetch_add(1, Ordering::Relaxed);
                    continue;
                }
                let sent = match one {
                    // A URL's page is counted when it arrives.
                    Input::Url(url) => {
                        if !self.window.enter(0, &self.stop) {
                            return;
                        }
                        self.fetch_url(seq, url, 0)
                    }
                    // Read and unpacked here, so the extraction threads
                    // only extract (gunzip alone is a sixth of a page's
                    // time); the window counts the bytes as they will be
                    // held.
                    local => match page_of(local, &self.extract) {
                        Ok(page) => {
                            let page = Box::new(page.unframed(&self.extract));
                            let weight = page.len() as u64;
                            if !self.window.enter(weight, &self.stop) {
                                return;
                            }
                            self.work.send(Work::Page(seq, weight, page)).is_ok()
                        }
                        Err(record) => {
                            if !self.window.enter(0, &self.stop) {
                                return;
                            }
                            self.done.send((seq, 0, Some((*record).into()))).is_ok()
                        }
                    },
                };
                if !sent {
                    return;
                }
                seq += 1;
                self.fed.store(seq, Ordering::Relaxed);
            }
        }
    }

    /// Hand a URL to the fetching side, starting it on the first URL.
    fn fetch_url(&mut self, seq: u64, url: String, weight: u64) -> bool {
        if self.urls.is_none() {
            match UrlSide::start(
                self.fetch.clone(),
                self.work.clone(),
                self.done.clone(),
                self.extract.max_input_bytes,
                self.stop.clone(),
                &self.fetch_thread,
            ) {
                Ok(side) => self.urls = Some(side),
                Err(err) => {
                    let record = Article::failed(url.clone(), Some(url), &err);
                    return self.done.send((seq, weight, Some(record.into()))).is_ok();
                }
            }
        }
        match &self.urls {
            Some(side) => side.tx.send((seq, weight, url)).is_ok(),
            None => false,
        }
    }
}

/// The async runtime that fetches URLs and hands their pages on to the
/// extraction queue. Its thread flushes the `--warc-out` file when it ends;
/// the run waits for that (see [`FetchThread`]).
struct UrlSide {
    tx: tokio::sync::mpsc::UnboundedSender<(u64, u64, String)>,
}

/// The fetching thread, once started: joined at the end of the run so the
/// WARC file is complete before the process exits.
type FetchThread = Arc<Mutex<Option<std::thread::JoinHandle<Result<(), Error>>>>>;

/// A fetch that has not handed its page on yet: if it is dropped (the run
/// stopped and aborted it), the writer is told, so the window is given back
/// and the input is counted as left, not waited for.
struct Pending {
    seq: u64,
    weight: u64,
    done: Option<Sender<Done_>>,
}

impl Pending {
    /// The page is fetched and will be handed on.
    fn disarm(mut self) {
        self.done = None;
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some(done) = self.done.take() {
            let _ = done.send((self.seq, self.weight, None));
        }
    }
}

impl UrlSide {
    fn start(
        mut fetch: FetchOptions,
        work: SyncSender<Work>,
        done: Sender<Done_>,
        max_input_bytes: usize,
        stop: Arc<AtomicBool>,
        thread: &FetchThread,
    ) -> Result<UrlSide, Error> {
        // Extraction runs on the run's own threads, not the fetcher's pool.
        fetch.extract_jobs = 1;
        fetch.extract.max_input_bytes = max_input_bytes;
        let concurrency = fetch.concurrency.max(1);
        let fetcher = Fetcher::new(fetch)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::Internal(format!("cannot start the fetching runtime: {e}")))?;
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(u64, u64, String)>();
        let handle = std::thread::Builder::new()
            .name("gleaner-fetch".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let slots = Arc::new(tokio::sync::Semaphore::new(concurrency));
                    let mut tasks = tokio::task::JoinSet::new();
                    let mut tick = tokio::time::interval(Duration::from_millis(100));
                    loop {
                        let next = tokio::select! {
                            next = rx.recv() => next,
                            _ = tick.tick() => {
                                if stop.load(Ordering::Relaxed) { break; }
                                continue;
                            }
                        };
                        let Some((seq, weight, url)) = next else {
                            break;
                        };
                        let Ok(slot) = slots.clone().acquire_owned().await else {
                            break;
                        };
                        let pending = Pending {
                            seq,
                            weight,
                            done: Some(done.clone()),
                        };
                        let (fetcher, work, done) = (fetcher.clone(), work.clone(), done.clone());
                        tasks.spawn(async move {
                            let page = fetcher.fetch_input(&url).await;
                            // Fetched (and archived): from here the page is
                            // always handed on, never dropped.
                            pending.disarm();
                            drop(slot);
                            match page {
                                Ok(page) => {
                                    // The queue is bounded: wait for room off
                                    // the I/O threads.
                                    let job = Work::Page(seq, weight, Box::new(page));
                                    let _ =
                                        tokio::task::spawn_blocking(move || work.send(job)).await;
                                }
                                Err(err) => {
                                    let record = Article::failed(url.clone(), Some(url), &err);
                                    let _ = done.send((seq, weight, Some(record.into())));
                                }
                            }
                        });
                        while tasks.try_join_next().is_some() {}
                    }
                    // The last pages come in, unless the run stops: then
                    // the pages still on the wire are abandoned (they were
                    // not archived, and a resumed run fetches them).
                    loop {
                        if stop.load(Ordering::Relaxed) {
                            tasks.abort_all();
                        }
                        tokio::select! {
                            joined = tasks.join_next() => if joined.is_none() { break },
                            _ = tick.tick() => {}
                        }
                    }
                    fetcher.finish_warc()
                })
            })
            .map_err(|e| Error::Internal(format!("cannot start the fetching thread: {e}")))?;
        *thread.lock().unwrap_or_else(|e| e.into_inner()) = Some(handle);
        Ok(UrlSide { tx })
    }
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
