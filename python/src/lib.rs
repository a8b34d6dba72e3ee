//! The `gleaner` Python module: the library's one route from a page to its
//! record ([`gleaner::extract_page`]), called from Python.
//!
//! A record crosses into Python as the JSON text the command prints
//! (`serde_json` of the [`Article`]), read back by `json.loads`: the dict is
//! the command's record by construction, key order included. Extraction and
//! serialisation run with the GIL released; only turning the text into a
//! dict holds it.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io::BufRead;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, TryLockError};

use chrono::NaiveDate;
use gleaner::{Article, Error, Options, PageInput, WarcItem, WarcReader};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyIterator, PyList, PyString, PyTuple};

/// Pages in flight per extraction thread in `extract_many` and `read_warc`:
/// enough that a thread finding its next page waiting is the rule, few
/// enough that memory stays flat (two pages queued and one being extracted).
const PAGES_PER_JOB: usize = 3;

/// Input bytes in flight at most in `extract_many` and `read_warc` (a
/// single larger page still runs, alone): half the command's default
/// `--max-inflight-bytes`, as a Python process holds more besides.
const MAX_INFLIGHT_BYTES: u64 = 256 * 1024 * 1024;

// What the command uses, and a few percent faster here too than the system
// allocator over the scrapinghub pages (python/bench).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `json.loads`, looked up once.
static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The record as the dict `json.loads` makes of the command's JSON line.
fn to_dict<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    let loads = JSON_LOADS.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("json")?.getattr("loads")?.unbind())
    })?;
    loads.bind(py).call1((json,))
}

/// The record's JSON line, as the command writes it.
fn to_json(article: &Article) -> String {
    serde_json::to_string(article).unwrap_or_else(|e| {
        // An Article is plain data: serialising it cannot fail, but if it
        // ever did the caller still gets a record rather than a crash.
        let err = Error::Internal(format!("the record could not be serialised: {e}"));
        let failed = Article::failed(article.source.clone(), article.url.clone(), &err);
        serde_json::to_string(&failed).unwrap_or_default()
    })
}

/// The options a call was given, as the library's [`Options`].
#[allow(clippy::too_many_arguments)]
fn options(
    max_input_bytes: i64,
    include_tables: bool,
    include_captions: bool,
    markdown: bool,
    html_body: bool,
    markdown_links: bool,
    markdown_images: bool,
    max_depth: i64,
    reference_date: Option<&Bound<'_, PyAny>>,
) -> PyResult<Options> {
    let max_input_bytes = usize::try_from(max_input_bytes)
        .ok()
        .filter(|&n| n > 0)
        .ok_or_else(|| {
            PyValueError::new_err(format!(
                "max_input_bytes must be a positive number of bytes, not {max_input_bytes}"
            ))
        })?;
    let max_depth = usize::try_from(max_depth)
        .ok()
        .filter(|&n| n > 0)
        .ok_or_else(|| {
            PyValueError::new_err(format!("max_depth must be at least 1, not {max_depth}"))
        })?;
    let day = match reference_date {
        None => None,
        Some(value) if value.is_none() => None,
        Some(value) => Some(reference_day(value)?),
    };
    Ok(Options::default()
        .with_max_input_bytes(max_input_bytes)
        .with_include_tables(include_tables)
        .with_include_captions(include_captions)
        .with_markdown(markdown)
        .with_html(html_body)
        .with_markdown_links(markdown_links)
        .with_markdown_images(markdown_images)
        .with_max_depth(max_depth)
        .with_reference_date(day))
}

/// `reference_date` as a day: a `datetime.date` (a `datetime` gives its
/// date) or an ISO `YYYY-MM-DD` string.
fn reference_day(value: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    if let Ok(text) = value.cast::<PyString>() {
        let text = text.to_string_lossy();
        return NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            PyValueError::new_err(format!(
                "reference_date must be a date or a 'YYYY-MM-DD' string, not {text:?}"
            ))
        });
    }
    let field = |name: &str| value.getattr(name).and_then(|v| v.extract::<i32>());
    match (field("year"), field("month"), field("day")) {
        (Ok(y), Ok(m), Ok(d)) => u32::try_from(m)
            .ok()
            .zip(u32::try_from(d).ok())
            .and_then(|(m, d)| NaiveDate::from_ymd_opt(y, m, d))
            .ok_or_else(|| PyValueError::new_err("reference_date is not a valid day")),
        _ => Err(PyTypeError::new_err(format!(
            "reference_date must be a datetime.date or a 'YYYY-MM-DD' string, not {}",
            type_name(value)
        ))),
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "an unknown type".to_string())
}

/// A page's text or bytes, copied out of Python so that it can be
/// extracted on another thread.
fn owned_page(html: &Bound<'_, PyAny>, what: &str) -> PyResult<PageInput<'static>> {
    if let Ok(text) = html.cast::<PyString>() {
        // Lone surrogates cannot be UTF-8: they become U+FFFD, as malformed
        // bytes in a page do.
        return Ok(PageInput::text(text.to_string_lossy().into_owned()));
    }
    if let Ok(bytes) = html.cast::<PyBytes>() {
        return Ok(PageInput::bytes(bytes.as_bytes().to_vec()));
    }
    if let Ok(bytes) = html.cast::<PyByteArray>() {
        return Ok(PageInput::bytes(bytes.to_vec()));
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be str or bytes, not {}",
        type_name(html)
    )))
}

fn optional_str(value: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => match v.cast::<PyString>() {
            Ok(s) => Ok(Some(s.to_string_lossy().into_owned())),
            Err(_) => Err(PyTypeError::new_err(format!(
                "{what} must be str or None, not {}",
                type_name(v)
            ))),
        },
    }
}

/// Extract the article from one page and return its record: the dict the
/// `gleaner` command prints as JSON for it.
///
/// html: the page, as str (already decoded) or bytes (gzip undone, charset
///     taken from the page or detected, as the command does for files).
/// url: the page's address: resolves relative links and is the record's
///     `url` (else the canonical URL the page states).
/// source: the record's `source` (default: the URL, else "").
///
/// Options (keyword-only; the library's `Options`, same names and defaults;
/// `html_body` is the library's `html`):
///     max_input_bytes: pages larger than this (after decompression) give a
///         `too_large` error record. Default 50 MiB.
///     include_tables: keep table rows in the body. Default True.
///     include_captions: keep image captions in the body. Default False.
///     markdown: also give the body as Markdown (`body_markdown`).
///     html_body: also give the body as a small safe HTML fragment
///         (`body_html`).
///     markdown_links: keep links in the Markdown body. Default True.
///     markdown_images: keep images in the Markdown and HTML bodies.
///         Default True.
///     max_depth: deeper elements are flattened into their ancestor at this
///         depth. Default 512.
///     reference_date: the day the page was fetched (datetime.date or
///         'YYYY-MM-DD'): later dates are not publication dates. Default:
///         today.
///
/// A page that cannot be extracted (empty, not HTML, too large, a bad URL)
/// gives a record whose `error` is set ({"kind": ..., "message": ...}), not
/// an exception. Wrong argument types raise TypeError, bad option values
/// ValueError. The GIL is released while the page is extracted.
#[pyfunction]
#[pyo3(signature = (
    html, url=None, *, source=None,
    max_input_bytes=52428800, include_tables=true, include_captions=false,
    markdown=false, html_body=false, markdown_links=true, markdown_images=true,
    max_depth=512, reference_date=None,
))]
#[allow(clippy::too_many_arguments)]
fn extract<'py>(
    py: Python<'py>,
    html: &Bound<'py, PyAny>,
    url: Option<&Bound<'py, PyAny>>,
    source: Option<&Bound<'py, PyAny>>,
    max_input_bytes: i64,
    include_tables: bool,
    include_captions: bool,
    markdown: bool,
    html_body: bool,
    markdown_links: bool,
    markdown_images: bool,
    max_depth: i64,
    reference_date: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(
        max_input_bytes,
        include_tables,
        include_captions,
        markdown,
        html_body,
        markdown_links,
        markdown_images,
        max_depth,
        reference_date,
    )?;
    let url = optional_str(url, "url")?;
    let source = optional_str(source, "source")?;
    // Bytes are immutable: they are read in place, without a copy, while
    // the GIL is released.
    let json = if let Ok(bytes) = html.cast::<PyBytes>() {
        let mut page = PageInput::bytes(bytes.as_bytes());
        page.url = url;
        page.source = source;
        py.detach(|| to_json(&gleaner::extract_page(&page, &options)))
    } else {
        let mut page = owned_page(html, "html")?;
        page.url = url;
        page.source = source;
        py.detach(|| to_json(&gleaner::extract_page(&page, &options)))
    };
    to_dict(py, &json)
}

/// What the reader of a stream hands on: a page to extract, a record that
/// is already made (a WARC record that failed), or nothing more.
enum Next {
    Page(PageInput<'static>),
    Record(String),
    Skip(&'static str),
    End,
}

/// Where a stream's pages come from.
enum Source {
    /// A Python iterable of `html` or `(html, url)` / `(html, url, source)`.
    Python(Py<PyIterator>),
    /// A WARC file, record by record.
    Warc {
        path: String,
        reader: Box<WarcReader<Box<dyn BufRead + Send>>>,
    },
}

impl Source {
    /// The next input; an exception from the Python iterable (or an item
    /// of the wrong type) is returned to be raised in its place.
    fn next(&mut self, py: Python<'_>, position: u64) -> PyResult<Next> {
        match self {
            Source::Python(iter) => {
                let Some(item) = iter.bind(py).clone().next() else {
                    return Ok(Next::End);
                };
                python_item(&item?, position).map(Next::Page)
            }
            Source::Warc { path, reader } => {
                let item = py.detach(|| reader.next());
                Ok(match item {
                    None => Next::End,
                    Some(Ok(WarcItem::Page(page))) => Next::Page(page),
                    Some(Ok(WarcItem::Failed { source, url, error })) => {
                        Next::Record(to_json(&Article::failed(source, url, &error)))
                    }
                    // Not pages (requests, metadata, redirects, images…):
                    // the command gives them no record either.
                    Some(Ok(WarcItem::Skipped(why))) => Next::Skip(why),
                    Some(Ok(_)) => Next::Skip("other"),
                    // Data that is not WARC, or a file cut off: one record
                    // for the file, as the command writes, and the end.
                    Some(Err(error)) => {
                        Next::Record(to_json(&Article::failed(path.clone(), None, &error)))
                    }
                })
            }
        }
    }
}

/// One item of `extract_many`'s iterable as a page.
fn python_item(item: &Bound<'_, PyAny>, position: u64) -> PyResult<PageInput<'static>> {
    let what = format!("extract_many item {position}");
    if item.is_instance_of::<PyTuple>() || item.is_instance_of::<PyList>() {
        let len = item.len()?;
        if !(1..=3).contains(&len) {
            return Err(PyValueError::new_err(format!(
                "{what} has {len} elements; expected (html, url) or (html, url, source)"
            )));
        }
        let mut page = owned_page(&item.get_item(0)?, &format!("{what}: html"))?;
        if len > 1 {
            page.url = optional_str(Some(&item.get_item(1)?), &format!("{what}: url"))?;
        }
        if len > 2 {
            page.source = optional_str(Some(&item.get_item(2)?), &format!("{what}: source"))?;
        }
        return Ok(page);
    }
    owned_page(item, &what).map_err(|_| {
        PyTypeError::new_err(format!(
            "{what} must be str, bytes or a (html, url) tuple, not {}",
            type_name(item)
        ))
    })
}

/// The extraction threads of one stream. They end when the stream is
/// dropped (the job channel closes); a page being extracted then is
/// finished and its record thrown away.
struct Pool {
    jobs: Sender<(u64, PageInput<'static>)>,
    /// In a mutex only so that a reference to it can cross into the
    /// closure that waits with the GIL released; one thread uses it.
    done: Mutex<Receiver<(u64, String)>>,
}

impl Pool {
    fn start(threads: usize, options: Options) -> PyResult<Pool> {
        let (jobs, job_rx) = mpsc::channel::<(u64, PageInput<'static>)>();
        let (done_tx, done) = mpsc::channel();
        let job_rx = Arc::new(Mutex::new(job_rx));
        let options = Arc::new(options);
        for n in 0..threads {
            let (job_rx, done_tx, options) = (job_rx.clone(), done_tx.clone(), options.clone());
            std::thread::Builder::new()
                .name(format!("gleaner-{n}"))
                .spawn(move || {
                    loop {
                        let job = job_rx.lock().map(|rx| rx.recv());
                        let Ok(Ok((seq, page))) = job else { break };
                        let json = to_json(&gleaner::extract_page(&page, &options));
                        drop(page);
                        if done_tx.send((seq, json)).is_err() {
                            break;
                        }
                    }
                })
                .map_err(|e| {
                    PyRuntimeError::new_err(format!("cannot start an extraction thread: {e}"))
                })?;
        }
        Ok(Pool {
            jobs,
            done: Mutex::new(done),
        })
    }
}

/// The stream behind `Records`: inputs read a window ahead, extracted on
/// the pool, handed out in input order.
struct Stream {
    source: Source,
    pool: Pool,
    /// Position of the next input read, and of the next record handed out.
    next_in: u64,
    next_out: u64,
    /// Records made, waiting for their turn.
    ready: HashMap<u64, String>,
    /// Input bytes of each record not yet handed out, in input order.
    sizes: VecDeque<u64>,
    held: u64,
    window: usize,
    /// The input is read to its end (or to an error).
    ended: bool,
    /// An exception from the input, raised once the records before it are
    /// handed out.
    error: Option<PyErr>,
    /// WARC records that are not pages, by why; shared with `Records` so
    /// that reading it never waits for the stream.
    skipped: Arc<Mutex<BTreeMap<String, usize>>>,
}

impl Stream {
    fn new(source: Source, jobs: usize, options: Options) -> PyResult<Stream> {
        Ok(Stream {
            source,
            pool: Pool::start(jobs, options)?,
            next_in: 0,
            next_out: 0,
            ready: HashMap::new(),
            sizes: VecDeque::new(),
            held: 0,
            window: jobs.saturating_mul(PAGES_PER_JOB).max(1),
            ended: false,
            error: None,
            skipped: Arc::default(),
        })
    }

    /// Read inputs until the window is full.
    fn fill(&mut self, py: Python<'_>) {
        while !self.ended
            && self.error.is_none()
            && ((self.next_in - self.next_out) as usize) < self.window
            && (self.sizes.is_empty() || self.held < MAX_INFLIGHT_BYTES)
        {
            match self.source.next(py, self.next_in) {
                Ok(Next::Page(page)) => {
                    let size = page.len() as u64;
                    if self.pool.jobs.send((self.next_in, page)).is_err() {
                        self.error =
                            Some(PyRuntimeError::new_err("the extraction threads stopped"));
                        return;
                    }
                    self.admit(size);
                }
                Ok(Next::Record(json)) => {
                    self.ready.insert(self.next_in, json);
                    self.admit(0);
                }
                Ok(Next::Skip(why)) => {
                    let mut skipped = self.skipped.lock().unwrap_or_else(|e| e.into_inner());
                    *skipped.entry(why.to_string()).or_default() += 1;
                }
                Ok(Next::End) => self.ended = true,
                Err(e) => self.error = Some(e),
            }
        }
    }

    fn admit(&mut self, size: u64) {
        self.sizes.push_back(size);
        self.held += size;
        self.next_in += 1;
    }

    /// The next record's JSON, `None` at the end.
    fn next(&mut self, py: Python<'_>) -> PyResult<Option<String>> {
        loop {
            self.fill(py);
            if self.next_out == self.next_in {
                return match self.error.take() {
                    Some(e) => {
                        self.ended = true;
                        Err(e)
                    }
                    None => Ok(None),
                };
            }
            if let Some(json) = self.ready.remove(&self.next_out) {
                self.next_out += 1;
                self.held -= self.sizes.pop_front().unwrap_or(0);
                return Ok(Some(json));
            }
            let done = &self.pool.done;
            let got = py.detach(|| done.lock().ok().and_then(|rx| rx.recv().ok()));
            match got {
                Some((seq, json)) => {
                    self.ready.insert(seq, json);
                }
                None => return Err(PyRuntimeError::new_err("the extraction threads stopped")),
            }
        }
    }
}

/// The records of `extract_many` or `read_warc`, in input order. An
/// iterator: each record is made a little ahead, on the extraction threads.
#[pyclass(module = "gleaner")]
struct Records {
    /// Held while a record is awaited with the GIL released, so it is only
    /// ever tried, never waited for: a thread that waited for it holding
    /// the GIL would never let the holder take the GIL back.
    stream: Mutex<Stream>,
    skipped: Arc<Mutex<BTreeMap<String, usize>>>,
}

impl Records {
    fn new(stream: Stream) -> Records {
        Records {
            skipped: stream.skipped.clone(),
            stream: Mutex::new(stream),
        }
    }
}

#[pymethods]
impl Records {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let json = {
            let mut stream = match self.stream.try_lock() {
                Ok(stream) => stream,
                Err(TryLockError::WouldBlock) => {
                    return Err(PyRuntimeError::new_err(
                        "this Records iterator is already being read (by another thread, \
                         or by the iterable it reads from)",
                    ));
                }
                Err(TryLockError::Poisoned(_)) => {
                    return Err(PyRuntimeError::new_err("the record stream is broken"));
                }
            };
            stream.next(py)?
        };
        json.map(|j| to_dict(py, &j)).transpose()
    }

    /// WARC records that gave no record because they are not pages
    /// (`request`, `metadata`, `not_200`, `not_html`, …), by why, so far.
    /// Always empty for `extract_many`.
    #[getter]
    fn skipped(&self) -> BTreeMap<String, usize> {
        self.skipped
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

fn threads(jobs: Option<i64>) -> PyResult<usize> {
    match jobs {
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
        Some(n) if n >= 1 => Ok(usize::try_from(n).unwrap_or(1)),
        Some(n) => Err(PyValueError::new_err(format!(
            "jobs must be at least 1 (or None for one per core), not {n}"
        ))),
    }
}

/// Extract many pages in parallel; yield their records in input order.
///
/// pages: an iterable of pages: each a str or bytes, or an (html, url) or
///     (html, url, source) tuple. It is read lazily, a few pages per thread
///     ahead, so a generator of any length runs in bounded memory.
/// jobs: extraction threads (default: one per core). Pages are extracted
///     on Rust threads with the GIL released.
/// The options are those of `extract`. Each record is what
/// `extract(html, url)` gives for its page. An exception raised by the
/// iterable, or an item of the wrong type (TypeError), is raised after the
/// records of the items before it.
#[pyfunction]
#[pyo3(signature = (
    pages, jobs=None, *,
    max_input_bytes=52428800, include_tables=true, include_captions=false,
    markdown=false, html_body=false, markdown_links=true, markdown_images=true,
    max_depth=512, reference_date=None,
))]
#[allow(clippy::too_many_arguments)]
fn extract_many(
    pages: &Bound<'_, PyAny>,
    jobs: Option<i64>,
    max_input_bytes: i64,
    include_tables: bool,
    include_captions: bool,
    markdown: bool,
    html_body: bool,
    markdown_links: bool,
    markdown_images: bool,
    max_depth: i64,
    reference_date: Option<&Bound<'_, PyAny>>,
) -> PyResult<Records> {
    let options = options(
        max_input_bytes,
        include_tables,
        include_captions,
        markdown,
        html_body,
        markdown_links,
        markdown_images,
        max_depth,
        reference_date,
    )?;
    let jobs = threads(jobs)?;
    if pages.is_instance_of::<PyString>() || pages.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(
            "extract_many takes an iterable of pages, not one page: use extract(html) for one",
        ));
    }
    let iter = PyIterator::from_object(pages).map_err(|_| {
        PyTypeError::new_err(format!(
            "extract_many takes an iterable of pages, not {}",
            type_name(pages)
        ))
    })?;
    let stream = Stream::new(Source::Python(iter.unbind()), jobs, options)?;
    Ok(Records::new(stream))
}

/// Read a WARC file (gzip or plain) and yield the records of its pages.
///
/// path: the file (str or os.PathLike). Each `response` record with HTTP
///     status 200 and an HTML payload gives one record, as the command does:
///     its `source` is `<path>#<WARC-Record-ID>`, its `url` the target URI,
///     its `fetched` the WARC-Date (also the reference day for dates). Other
///     records give none; they are counted in the iterator's `skipped`.
/// jobs: extraction threads (default: one per core).
/// The options are those of `extract`. A file that cannot be opened raises
/// OSError; data that is not WARC, or a file cut off, gives one record
/// with `error` set and ends the iteration.
#[pyfunction]
#[pyo3(signature = (
    path, jobs=None, *,
    max_input_bytes=52428800, include_tables=true, include_captions=false,
    markdown=false, html_body=false, markdown_links=true, markdown_images=true,
    max_depth=512, reference_date=None,
))]
#[allow(clippy::too_many_arguments)]
fn read_warc(
    path: &Bound<'_, PyAny>,
    jobs: Option<i64>,
    max_input_bytes: i64,
    include_tables: bool,
    include_captions: bool,
    markdown: bool,
    html_body: bool,
    markdown_links: bool,
    markdown_images: bool,
    max_depth: i64,
    reference_date: Option<&Bound<'_, PyAny>>,
) -> PyResult<Records> {
    let options = options(
        max_input_bytes,
        include_tables,
        include_captions,
        markdown,
        html_body,
        markdown_links,
        markdown_images,
        max_depth,
        reference_date,
    )?;
    let jobs = threads(jobs)?;
    let py = path.py();
    let fspath = py
        .import("os")?
        .getattr("fspath")?
        .call1((path,))
        .map_err(|_| {
            PyTypeError::new_err(format!(
                "path must be str or os.PathLike, not {}",
                type_name(path)
            ))
        })?;
    let path: String = fspath.extract().map_err(|_| {
        PyTypeError::new_err("path must be a str path (bytes paths are not supported)")
    })?;
    let reader = WarcReader::open(&path, options.max_input_bytes).map_err(|e| match e {
        Error::Io { source, .. } => PyErr::from(source),
        other => PyValueError::new_err(other.to_string()),
    })?;
    let source = Source::Warc {
        path,
        reader: Box::new(reader),
    };
    let stream = Stream::new(source, jobs, options)?;
    Ok(Records::new(stream))
}

/// The library's default options, by the names `extract` takes.
fn defaults(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let o = Options::default();
    let d = PyDict::new(py);
    d.set_item("max_input_bytes", o.max_input_bytes)?;
    d.set_item("include_tables", o.include_tables)?;
    d.set_item("include_captions", o.include_captions)?;
    d.set_item("markdown", o.markdown)?;
    d.set_item("html_body", o.html)?;
    d.set_item("markdown_links", o.markdown_links)?;
    d.set_item("markdown_images", o.markdown_images)?;
    d.set_item("max_depth", o.max_depth)?;
    d.set_item("reference_date", py.None())?;
    Ok(d)
}

/// gleaner turns web article pages into clean records: headline, dates,
/// body (plain text, optionally Markdown or safe HTML), authors, publisher
/// and the page's metadata, with navigation, share bars, cookie banners,
/// teasers, comments and footers left out.
///
/// extract(html, url=None, **options) -> dict: one page.
/// extract_many(pages, jobs=None, **options) -> iterator of dicts: many
///     pages in parallel on Rust threads, in input order.
/// read_warc(path, jobs=None, **options) -> iterator of dicts: the pages of
///     a WARC file.
///
/// Each record is the dict the `gleaner` command prints as JSON: source,
/// url, headline, published, modified, body, attribution (authors,
/// publisher, canonical_url), language, description, image, site_name,
/// tags, page_type, word_count, and when they apply body_markdown,
/// body_html, fetched, warnings, error.
#[pymodule(name = "gleaner")]
fn gleaner_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(read_warc, m)?)?;
    m.add_class::<Records>()?;
    m.add("DEFAULTS", defaults(m.py())?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    // What the package's `from .gleaner import *` re-exports.
    m.add(
        "__all__",
        [
            "extract",
            "extract_many",
            "read_warc",
            "Records",
            "DEFAULTS",
            "__version__",
        ],
    )?;
    Ok(())
}
