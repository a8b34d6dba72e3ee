//! Fetching pages over HTTP(S) and turning them into records (cargo feature
//! `fetch`, on for the binary).
//!
//! A [`Fetcher`] is polite by default, in the manner of Scrapy, StormCrawler
//! and Heritrix:
//!
//! * it names itself: `User-Agent: gleaner/VERSION (+REPOSITORY)`, where
//!   REPOSITORY is the `repository` of gleaner's `Cargo.toml`;
//! * it obeys robots.txt, fetched once per origin and cached (see below);
//! * it opens at most [`FetchOptions::per_host`] requests to one host at a
//!   time and starts them at least [`FetchOptions::delay`] apart (or the
//!   site's `Crawl-delay`, up to [`FetchOptions::max_crawl_delay`]);
//! * it retries only transient failures (timeouts, connection errors, 408,
//!   429, 500, 502, 503, 504), with exponential backoff and jitter, and
//!   honours `Retry-After` up to [`FetchOptions::max_retry_after`]; a
//!   `Retry-After` longer than that is not waited for: the page fails.
//!
//! Many hosts are fetched at once (up to [`FetchOptions::concurrency`]
//! pages in flight), so politeness costs little on batches that span sites.
//!
//! robots.txt follows RFC 9309: a 2xx answer is parsed (by `texting_robots`;
//! an unparsable file allows everything); any 4xx except 429 means there are
//! no rules; a 429, a 5xx or an unreachable server is retried like a page and,
//! if it still fails, the whole origin is treated as **disallowed** for the
//! rest of the run (the RFC's "complete disallow"), and its pages fail with
//! `robots_denied`. At most 500 KiB of robots.txt is read, and at most five
//! redirects are followed for it.
//!
//! Extraction (decompression, charset decoding, parsing) is CPU work and runs
//! on tokio's blocking pool, at most [`FetchOptions::extract_jobs`] at once,
//! never on the I/O threads.

mod client;
mod politeness;
mod retry;
mod robots;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use futures_util::stream::{self, BoxStream, StreamExt};
use tokio::sync::Semaphore;
use url::Url;

use crate::{Article, Error, ErrorKind, Options, PageInput};

pub use client::FetchedPage;

/// The default `User-Agent`: names gleaner, its version and where to read
/// about it (the `repository` of gleaner's `Cargo.toml`), so that a site's
/// operator can find out what is fetching their pages.
pub const DEFAULT_USER_AGENT: &str = concat!(
    "gleaner/",
    env!("CARGO_PKG_VERSION"),
    " (+",
    env!("CARGO_PKG_REPOSITORY"),
    ")"
);

/// How a [`Fetcher`] behaves. Every field is public; start from
/// `FetchOptions::default()` and change what you need.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct FetchOptions {
    /// The `User-Agent` header. Its first word up to `/` (here `gleaner`) is
    /// also the token matched against robots.txt groups.
    /// Default: [`DEFAULT_USER_AGENT`].
    pub user_agent: String,
    /// Obey robots.txt. Default: `true`.
    pub obey_robots: bool,
    /// Requests open at once to one host. Default: 2.
    pub per_host: usize,
    /// Minimum time between the starts of two requests to one host.
    /// Default: 1 s.
    pub delay: Duration,
    /// A robots.txt `Crawl-delay` raises [`delay`](Self::delay) for its host,
    /// but never above this. Default: 30 s.
    pub max_crawl_delay: Duration,
    /// Pages in flight at once, across all hosts. Default: 64.
    pub concurrency: usize,
    /// Time allowed to open a connection (TCP and TLS). Default: 10 s.
    pub connect_timeout: Duration,
    /// Time allowed for one request, from connecting to the last byte of the
    /// body. Default: 30 s.
    pub timeout: Duration,
    /// Retries after a transient failure (so `retries + 1` attempts).
    /// Default: 2.
    pub retries: u32,
    /// The first backoff; each retry doubles it, with jitter. Default: 500 ms.
    pub backoff_base: Duration,
    /// The longest backoff between two attempts. Default: 30 s.
    pub backoff_max: Duration,
    /// The longest `Retry-After` that is honoured; a longer one fails the
    /// page instead of waiting. Default: 60 s.
    pub max_retry_after: Duration,
    /// Redirects followed per page; more is a `redirect` error, and so is a
    /// loop. Default: 10.
    pub max_redirects: usize,
    /// Body bytes accepted off the wire (compressed size). Default: 20 MiB.
    pub max_body_bytes: usize,
    /// Body bytes accepted after decompression (never more than
    /// `extract.max_input_bytes`). Default: 50 MiB.
    pub max_decoded_bytes: usize,
    /// Extractions (CPU work) running at once on the blocking pool.
    /// Default: the number of cores.
    pub extract_jobs: usize,
    /// Host names pinned to addresses, bypassing DNS (like curl's
    /// `--resolve`); the port of the address is ignored, the URL's is used.
    /// Default: none.
    pub resolve: Vec<(String, SocketAddr)>,
    /// Store every page request and the response it got in this WARC file
    /// (WARC/1.1, gzip per record). Default: none.
    pub warc_out: Option<std::path::PathBuf>,
    /// Append to [`warc_out`](Self::warc_out) instead of creating it anew
    /// (a resumed run: every record is a gzip member of its own, so a file
    /// grows safely by appending). Default: `false`.
    pub warc_append: bool,
    /// Extraction options for fetched pages.
    pub extract: Options,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            user_agent: DEFAULT_USER_AGENT.to_string(),
            obey_robots: true,
            per_host: 2,
            delay: Duration::from_secs(1),
            max_crawl_delay: Duration::from_secs(30),
            concurrency: 64,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            retries: 2,
            backoff_base: Duration::from_millis(500),
            backoff_max: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(60),
            max_redirects: 10,
            max_body_bytes: 20 * 1024 * 1024,
            max_decoded_bytes: 50 * 1024 * 1024,
            extract_jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            resolve: Vec::new(),
            warc_out: None,
            warc_append: false,
            extract: Options::default(),
        }
    }
}

/// Builder-style setters, so that options read as one expression.
impl FetchOptions {
    /// Set [`user_agent`](Self::user_agent).
    pub fn with_user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Set [`obey_robots`](Self::obey_robots).
    pub fn with_obey_robots(mut self, obey_robots: bool) -> Self {
        self.obey_robots = obey_robots;
        self
    }

    /// Set [`per_host`](Self::per_host).
    pub fn with_per_host(mut self, per_host: usize) -> Self {
        self.per_host = per_host;
        self
    }

    /// Set [`delay`](Self::delay).
    pub fn with_delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// Set [`max_crawl_delay`](Self::max_crawl_delay).
    pub fn with_max_crawl_delay(mut self, max_crawl_delay: Duration) -> Self {
        self.max_crawl_delay = max_crawl_delay;
        self
    }

    /// Set [`concurrency`](Self::concurrency).
    pub fn with_concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency;
        self
    }

    /// Set [`connect_timeout`](Self::connect_timeout).
    pub fn with_connect_timeout(mut self, connect_timeout: Duration) -> Self {
        self.connect_timeout = connect_timeout;
        self
    }

    /// Set [`timeout`](Self::timeout).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Set [`retries`](Self::retries).
    pub fn with_retries(mut self, retries: u32) -> Self {
        self.retries = retries;
        self
    }

    /// Set [`backoff_base`](Self::backoff_base).
    pub fn with_backoff_base(mut self, backoff_base: Duration) -> Self {
        self.backoff_base = backoff_base;
        self
    }

    /// Set [`backoff_max`](Self::backoff_max).
    pub fn with_backoff_max(mut self, backoff_max: Duration) -> Self {
        self.backoff_max = backoff_max;
        self
    }

    /// Set [`max_retry_after`](Self::max_retry_after).
    pub fn with_max_retry_after(mut self, max_retry_after: Duration) -> Self {
        self.max_retry_after = max_retry_after;
        self
    }

    /// Set [`max_redirects`](Self::max_redirects).
    pub fn with_max_redirects(mut self, max_redirects: usize) -> Self {
        self.max_redirects = max_redirects;
        self
    }

    /// Set [`max_body_bytes`](Self::max_body_bytes).
    pub fn with_max_body_bytes(mut self, max_body_bytes: usize) -> Self {
        self.max_body_bytes = max_body_bytes;
        self
    }

    /// Set [`max_decoded_bytes`](Self::max_decoded_bytes).
    pub fn with_max_decoded_bytes(mut self, max_decoded_bytes: usize) -> Self {
        self.max_decoded_bytes = max_decoded_bytes;
        self
    }

    /// Set [`extract_jobs`](Self::extract_jobs).
    pub fn with_extract_jobs(mut self, extract_jobs: usize) -> Self {
        self.extract_jobs = extract_jobs;
        self
    }

    /// Set [`resolve`](Self::resolve).
    pub fn with_resolve(mut self, resolve: Vec<(String, SocketAddr)>) -> Self {
        self.resolve = resolve;
        self
    }

    /// Set [`warc_out`](Self::warc_out).
    pub fn with_warc_out(mut self, warc_out: Option<std::path::PathBuf>) -> Self {
        self.warc_out = warc_out;
        self
    }

    /// Set [`warc_append`](Self::warc_append).
    pub fn with_warc_append(mut self, append: bool) -> Self {
        self.warc_append = append;
        self
    }

    /// Set [`extract`](Self::extract).
    pub fn with_extract(mut self, extract: Options) -> Self {
        self.extract = extract;
        self
    }
}

/// Fetches pages and extracts their articles. Cheap to clone (the clones
/// share the connection pool, the robots.txt cache and the per-host
/// politeness state). Must be used inside a tokio runtime.
#[derive(Clone)]
pub struct Fetcher {
    inner: Arc<Inner>,
}

impl Inner {
    pub(crate) fn client(&self) -> Result<&reqwest::Client, Error> {
        if let Some(c) = self.client.get() {
            return Ok(c);
        }
        let built = client::build(&self.opts)?;
        Ok(self.client.get_or_init(|| built))
    }
}

struct Inner {
    opts: FetchOptions,
    /// Built on the first request: loading the TLS roots costs more than
    /// extracting a page, and runs over local files never need it.
    client: std::sync::OnceLock<reqwest::Client>,
    hosts: politeness::Hosts,
    robots: robots::RobotsCache,
    cpu: Arc<Semaphore>,
    pool: CpuPool,
    warc: Option<WarcOut>,
}

/// The `--warc-out` file. Records are built off the lock and appended
/// whole under it; the first write error is kept for the end of the run.
struct WarcOut {
    path: String,
    file: std::sync::Mutex<crate::WarcWriter<std::io::BufWriter<std::fs::File>>>,
    error: std::sync::Mutex<Option<String>>,
}

impl WarcOut {
    fn create(path: &std::path::Path, append: bool) -> Result<WarcOut, Error> {
        let name = path.display().to_string();
        let io_err = |source| Error::Io {
            path: name.clone(),
            source,
        };
        let file = if append {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
        } else {
            std::fs::File::create(path)
        }
        .map_err(io_err)?;
        let mut writer = crate::WarcWriter::new(std::io::BufWriter::new(file));
        writer
            .write_warcinfo(
                concat!("gleaner/", env!("CARGO_PKG_VERSION")),
                chrono::Utc::now(),
            )
            .map_err(io_err)?;
        Ok(WarcOut {
            path: name.clone(),
            file: std::sync::Mutex::new(writer),
            error: std::sync::Mutex::new(None),
        })
    }

    fn append(&self, bytes: std::io::Result<Vec<u8>>) {
        let result = bytes.and_then(|bytes| {
            let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
            file.write_raw(&bytes)
        });
        if let Err(e) = result {
            let mut error = self.error.lock().unwrap_or_else(|e| e.into_inner());
            error.get_or_insert_with(|| format!("cannot write {}: {e}", self.path));
        }
    }

    fn finish(&self) -> Result<(), Error> {
        let flushed = self.file.lock().unwrap_or_else(|e| e.into_inner()).flush();
        let error = self.error.lock().unwrap_or_else(|e| e.into_inner()).clone();
        match (error, flushed) {
            (Some(message), _) => Err(Error::Io {
                path: self.path.clone(),
                source: std::io::Error::other(message),
            }),
            (None, Err(source)) => Err(Error::Io {
                path: self.path.clone(),
                source,
            }),
            (None, Ok(())) => Ok(()),
        }
    }
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("options", &self.inner.opts)
            .finish_non_exhaustive()
    }
}

impl Fetcher {
    /// Build a fetcher. Fails only when the HTTP client cannot be built
    /// (an invalid `User-Agent`, say).
    pub fn new(options: FetchOptions) -> Result<Fetcher, Error> {
        let mut opts = options;
        opts.per_host = opts.per_host.max(1);
        opts.concurrency = opts.concurrency.max(1);
        opts.extract_jobs = opts.extract_jobs.max(1);
        // The one setting that can make the client fail to build, checked
        // now so that a bad value is a usage error, not a failed record.
        reqwest::header::HeaderValue::from_str(&opts.user_agent).map_err(|e| {
            Error::Internal(format!("invalid user agent {:?}: {e}", opts.user_agent))
        })?;
        let client = std::sync::OnceLock::new();
        let hosts = politeness::Hosts::new(opts.per_host, opts.delay);
        let robots = robots::RobotsCache::new(robots::agent_token(&opts.user_agent));
        let cpu = Arc::new(Semaphore::new(opts.extract_jobs));
        let pool = CpuPool::new(opts.extract_jobs)?;
        let warc = match &opts.warc_out {
            Some(path) => Some(WarcOut::create(path, opts.warc_append)?),
            None => None,
        };
        Ok(Fetcher {
            inner: Arc::new(Inner {
                opts,
                client,
                hosts,
                robots,
                cpu,
                pool,
                warc,
            }),
        })
    }

    /// The options in force.
    pub fn options(&self) -> &FetchOptions {
        &self.inner.opts
    }

    /// Flush the [`FetchOptions::warc_out`] file and report the first
    /// error met writing it. Call it when the run is over.
    pub fn finish_warc(&self) -> Result<(), Error> {
        match &self.inner.warc {
            Some(w) => w.finish(),
            None => Ok(()),
        }
    }

    /// Fetch one page (robots, politeness, retries, redirects and size caps
    /// applied) without extracting it; the body is decompressed.
    pub async fn fetch_page(&self, url: &str) -> Result<FetchedPage, Error> {
        let raw = client::fetch_raw(&self.inner, url).await?;
        let cap = self.inner.opts.max_decoded_bytes;
        let coding = raw.content_encoding.clone().unwrap_or_default();
        let body = raw.body;
        let body = self
            .on_cpu(move || crate::decompress::decode_body(&body, &coding, cap))
            .await??;
        Ok(FetchedPage {
            url: raw.url,
            status: raw.status,
            charset: raw
                .content_type
                .as_deref()
                .and_then(crate::decode::charset_param),
            content_type: raw.content_type,
            body,
        })
    }

    /// Fetch one page as it came off the wire, ready for
    /// [`extract_page`](crate::extract_page) on whatever thread the caller
    /// extracts on: its `source` is `url` as given, its `url` the final URL
    /// after redirects, and the body is still compressed (the pipeline
    /// undoes the `Content-Encoding`, within the decoded-size cap).
    pub async fn fetch_input(&self, url: &str) -> Result<PageInput<'static>, Error> {
        let raw = client::fetch_raw(&self.inner, url).await?;
        let mut page = PageInput::bytes(raw.body)
            .with_source(url)
            .with_url(raw.url);
        page.content_type = raw.content_type;
        page.content_encoding = raw.content_encoding;
        Ok(page)
    }

    /// Fetch one page and extract its article. The article's `source` is
    /// `url` as given and its `url` the final URL after redirects.
    pub async fn fetch_article(&self, url: &str) -> Result<Article, Error> {
        let page = self.fetch_input(url).await?;
        let options = self.extract_options();
        self.on_cpu(move || crate::pipeline::run(&page, &options))
            .await?
    }

    /// Like [`fetch_article`](Self::fetch_article), but a failure becomes an
    /// error record, so there is always exactly one record.
    pub async fn fetch_record(&self, url: &str) -> Article {
        let page = match self.fetch_input(url).await {
            Ok(page) => page,
            Err(err) => return Article::failed(url, Some(url.to_string()), &err),
        };
        let options = self.extract_options();
        let final_url = page.url.clone();
        self.on_cpu(move || crate::extract_page(&page, &options))
            .await
            .unwrap_or_else(|err| Article::failed(url, final_url, &err))
    }

    /// Fetch many URLs, at most [`FetchOptions::concurrency`] at once, and
    /// yield one record per URL: in the order they finish, or in input order
    /// when `ordered` (then a slow page holds back the ones after it, and at
    /// most `concurrency` records wait). The URLs are pulled lazily. Each
    /// URL runs in its own task, so dropping the stream cancels the pages in
    /// flight.
    pub fn fetch_many<I>(&self, urls: I, ordered: bool) -> BoxStream<'static, Article>
    where
        I: IntoIterator<Item = String>,
        I::IntoIter: Send + 'static,
    {
        let this = self.clone();
        let tasks = stream::iter(urls).map(move |url| {
            let fetcher = this.clone();
            let source = url.clone();
            let handle = AbortOnDrop(tokio::spawn(
                async move { fetcher.fetch_record(&url).await },
            ));
            async move {
                match handle.join().await {
                    Ok(article) => article,
                    Err(e) => {
                        Article::failed(source, None, &Error::Internal(format!("task failed: {e}")))
                    }
                }
            }
        });
        let n = self.inner.opts.concurrency;
        if ordered {
            tasks.buffered(n).boxed()
        } else {
            tasks.buffer_unordered(n).boxed()
        }
    }

    /// The extraction options for fetched pages: never more decoded bytes
    /// than the fetch cap allows.
    fn extract_options(&self) -> Options {
        let mut options = self.inner.opts.extract.clone();
        options.max_input_bytes = options
            .max_input_bytes
            .min(self.inner.opts.max_decoded_bytes);
        options
    }

    /// Run CPU work on the extraction threads, at most `extract_jobs` at
    /// once; a panic in it becomes an `internal` error.
    async fn on_cpu<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Error> {
        let permit = self
            .inner
            .cpu
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| Error::Internal(format!("extraction pool closed: {e}")))?;
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.inner.pool.run(Box::new(move || {
            let out = work();
            drop(permit);
            let _ = tx.send(out);
        }))?;
        // A panic drops the sender (and the permit) while unwinding.
        rx.await
            .map_err(|_| Error::Internal("extraction panicked".to_string()))
    }
}

type Job = Box<dyn FnOnce() + Send>;

/// A fixed set of extraction threads. The same few threads keep the work:
/// tokio's blocking pool hands each task to whichever thread is idle, and
/// with spare threads the pages hop between them (cold caches, one malloc
/// arena each), which cost a quarter of the throughput with two jobs.
struct CpuPool {
    tx: std::sync::Mutex<std::sync::mpsc::Sender<Job>>,
}

impl CpuPool {
    fn new(threads: usize) -> Result<CpuPool, Error> {
        let (tx, rx) = std::sync::mpsc::channel::<Job>();
        let rx = Arc::new(std::sync::Mutex::new(rx));
        for n in 0..threads.max(1) {
            let rx = Arc::clone(&rx);
            std::thread::Builder::new()
                .name(format!("gleaner-extract-{n}"))
                .spawn(move || {
                    loop {
                        let job = match rx.lock() {
                            Ok(guard) => guard.recv(),
                            Err(_) => return,
                        };
                        let Ok(job) = job else { return };
                        // The page boundary: a panic fails one page only.
                        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                    }
                })
                .map_err(|e| Error::Internal(format!("cannot start an extraction thread: {e}")))?;
        }
        Ok(CpuPool {
            tx: std::sync::Mutex::new(tx),
        })
    }

    fn run(&self, job: Job) -> Result<(), Error> {
        let tx = self
            .tx
            .lock()
            .map_err(|_| Error::Internal("extraction pool poisoned".to_string()))?;
        tx.send(job)
            .map_err(|_| Error::Internal("extraction pool closed".to_string()))
    }
}

/// Aborts the task when the stream holding it is dropped (Ctrl-C, say).
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> AbortOnDrop<T> {
    async fn join(mut self) -> Result<T, tokio::task::JoinError> {
        (&mut self.0).await
    }
}

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Parse and check a URL given as an input.
fn parse_url(text: &str) -> Result<Url, Error> {
    let url = Url::parse(text.trim()).map_err(|e| Error::InvalidUrl {
        url: text.to_string(),
        reason: e.to_string(),
    })?;
    match url.scheme() {
        "http" | "https" if url.host_str().is_some_and(|h| !h.is_empty()) => Ok(url),
        "http" | "https" => Err(Error::InvalidUrl {
            url: text.to_string(),
            reason: "no host".into(),
        }),
        other => Err(Error::InvalidUrl {
            url: text.to_string(),
            reason: format!("unsupported scheme {other:?}: only http and https are fetched"),
        }),
    }
}

/// The error of a network failure of `kind`.
fn fetch_error(kind: ErrorKind, status: Option<u16>, message: impl Into<String>) -> Error {
    let message = message.into();
    match kind {
        ErrorKind::Dns => Error::Dns(message),
        ErrorKind::Connect => Error::Connect(message),
        ErrorKind::Timeout => Error::Timeout(message),
        ErrorKind::HttpStatus => Error::HttpStatus {
            status: status.unwrap_or_default(),
            message,
        },
        ErrorKind::RobotsDenied => Error::RobotsDenied(message),
        ErrorKind::Redirect => Error::Redirect { status, message },
        ErrorKind::UnsupportedType => Error::UnsupportedType(message),
        ErrorKind::Decode => Error::Decode(message),
        _ => Error::Internal(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::panic)] // a panicking page is what is being tested
    fn a_panic_on_the_extraction_pool_is_an_internal_error() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        // One extraction slot: the panicking page must give it back.
        let options = FetchOptions {
            extract_jobs: 1,
            ..FetchOptions::default()
        };
        let fetcher = Fetcher::new(options).expect("a fetcher");
        let out: Result<(), Error> =
            runtime.block_on(fetcher.on_cpu(|| panic!("boom in a fetched page")));
        assert_eq!(out.err().map(|e| e.kind()), Some(ErrorKind::Internal));
        // The pool's permit came back: the next page still runs.
        let out = runtime.block_on(fetcher.on_cpu(|| 7));
        assert_eq!(out.ok(), Some(7));
    }
}
