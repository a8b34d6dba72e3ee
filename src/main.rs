//! The `gleaner` command: a thin layer of flags over the library.

use std::io::{self, BufRead, IsTerminal, Write};
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use gleaner::Options;
use gleaner::fetch::FetchOptions;
use gleaner::fetch::run::{self, Done, RunOptions};
use gleaner::output::Format;
use gleaner::source::{Input, Shard};

// The command allocates a tree per page and frees it right after: mimalloc
// does that about a tenth faster than the system allocator (README,
// "Performance"). The library leaves the choice to its users.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How the lines of --input-list are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputFormatArg {
    /// A path, `-` or a URL per line; a path may be followed by its URL.
    Lines,
    /// A JSON object per line: {"url": …, "html": …} or {"url": …,
    /// "html_base64": …} hand the page over; {"url": …} alone is fetched.
    Jsonl,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Jsonl,
    Json,
    Text,
    /// YAML front matter, then the body as Markdown.
    Markdown,
}

/// Bodies to put in each record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum BodyArg {
    /// `body`: plain text (always present).
    Text,
    /// `body_markdown`.
    Markdown,
    /// `body_html`: a small, safe HTML fragment.
    Html,
}

/// Turn web article pages into clean records: headline, date, body, attribution.
#[derive(Debug, Parser)]
#[command(name = "gleaner", version, about)]
struct Cli {
    /// Inputs: file paths (plain or gzip), `-` for standard input, or URLs.
    inputs: Vec<String>,
    /// Read inputs from this file, one per line (`-` = standard input). A
    /// local path may be followed by whitespace and the page's original URL.
    #[arg(long, value_name = "FILE")]
    input_list: Option<String>,
    /// The original URL of the single input page.
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// Output format [default: jsonl, or json when stdout is a terminal].
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Worker threads for extraction [default: all cores].
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Refuse pages larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Options::default().max_input_bytes)]
    max_bytes: usize,
    /// Leave tables out of the body.
    #[arg(long)]
    no_tables: bool,
    /// Bodies in each record besides the plain `body`: markdown adds
    /// `body_markdown`, html adds `body_html` (repeatable or comma list).
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        value_name = "KIND",
        default_value = "text"
    )]
    body: Vec<BodyArg>,
    /// Markdown: drop links, keeping their text.
    #[arg(long)]
    no_links: bool,
    /// Markdown and HTML: leave images and figures out.
    #[arg(long)]
    no_images: bool,
    /// Print no summary line and no progress bar on standard error.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Write records to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<String>,
    /// Skip the inputs whose records (by `source`) are already in --output,
    /// and append the rest to it.
    #[arg(long, requires = "output")]
    resume: bool,
    /// Write records in input order [default: as pages finish].
    #[arg(long)]
    ordered: bool,
    /// How --input-list lines are read.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "lines")]
    input_format: InputFormatArg,
    /// Process only shard I of N (I from 0): local inputs and list lines
    /// by position, URLs by a hash of their host.
    #[arg(long, value_name = "I/N")]
    shard: Option<String>,

    /// The User-Agent sent with every request.
    #[arg(long, value_name = "TEXT", help_heading = "Fetching", default_value = gleaner::fetch::DEFAULT_USER_AGENT)]
    user_agent: String,
    /// Do not fetch or obey robots.txt.
    #[arg(long, help_heading = "Fetching")]
    ignore_robots: bool,
    /// Pages fetched at once, across all hosts.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 64,
        help_heading = "Fetching"
    )]
    concurrency: usize,
    /// Requests open at once to one host.
    #[arg(long, value_name = "N", default_value_t = 2, help_heading = "Fetching")]
    per_host: usize,
    /// Milliseconds between the starts of two requests to one host (a
    /// robots.txt Crawl-delay can raise it).
    #[arg(
        long,
        value_name = "MS",
        default_value_t = 1000,
        help_heading = "Fetching"
    )]
    delay: u64,
    /// The largest robots.txt Crawl-delay honoured, in seconds.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 30.0,
        help_heading = "Fetching"
    )]
    max_crawl_delay: f64,
    /// Seconds allowed for one request, body included.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 30.0,
        help_heading = "Fetching"
    )]
    timeout: f64,
    /// Seconds allowed to connect.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 10.0,
        help_heading = "Fetching"
    )]
    connect_timeout: f64,
    /// Retries after a transient failure (timeout, connection error, 408,
    /// 429, 500, 502, 503, 504).
    #[arg(long, value_name = "N", default_value_t = 2, help_heading = "Fetching")]
    retries: u32,
    /// Redirects followed per page.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 10,
        help_heading = "Fetching"
    )]
    max_redirects: usize,
    /// Refuse bodies larger than this many bytes on the wire.
    #[arg(long, value_name = "BYTES", default_value_t = FetchOptions::default().max_body_bytes, help_heading = "Fetching")]
    max_body: usize,
    /// Pin a host name to an address, bypassing DNS: HOST:IP (repeatable).
    #[arg(long, value_name = "HOST:IP", help_heading = "Fetching")]
    resolve: Vec<String>,
    /// Store every page request and response in this WARC file (WARC/1.1,
    /// gzip per record), to extract again offline later.
    #[arg(long, value_name = "FILE", help_heading = "Fetching")]
    warc_out: Option<String>,
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("gleaner: {message}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.inputs.is_empty() && cli.input_list.is_none() {
        return usage_error("no inputs: give files, URLs, `-`, or --input-list FILE (see --help)");
    }
    if cli.url.is_some() && (cli.inputs.len() != 1 || cli.input_list.is_some()) {
        return usage_error("--url names the URL of a single input; give exactly one input");
    }
    if cli.input_list.as_deref() == Some("-") && cli.inputs.iter().any(|i| i == "-") {
        return usage_error("standard input cannot be both the input list and a page");
    }
    if cli.jobs == Some(0) {
        return usage_error("--jobs must be at least 1");
    }
    if cli.concurrency == 0 || cli.per_host == 0 {
        return usage_error("--concurrency and --per-host must be at least 1");
    }
    let secs = |v: f64, flag: &str| {
        if v.is_finite() && v >= 0.0 {
            Ok(Duration::from_secs_f64(v))
        } else {
            Err(format!("{flag} must be a number of seconds"))
        }
    };
    let (timeout, connect_timeout, max_crawl_delay) = match (
        secs(cli.timeout, "--timeout"),
        secs(cli.connect_timeout, "--connect-timeout"),
        secs(cli.max_crawl_delay, "--max-crawl-delay"),
    ) {
        (Ok(a), Ok(b), Ok(c)) => (a, b, c),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return usage_error(&e),
    };
    let mut resolve = Vec::new();
    for r in &cli.resolve {
        match parse_resolve(r) {
            Some(pair) => resolve.push(pair),
            None => return usage_error(&format!("--resolve {r:?}: expected HOST:IP")),
        }
    }
    let format = match cli.format {
        Some(FormatArg::Jsonl) => Format::Jsonl,
        Some(FormatArg::Json) => Format::Json,
        Some(FormatArg::Text) => Format::Text,
        Some(FormatArg::Markdown) => Format::Markdown,
        None if cli.output.is_none() && io::stdout().is_terminal() => Format::Json,
        None => Format::Jsonl,
    };
    if cli.resume && format != Format::Jsonl {
        return usage_error("--resume needs the jsonl format");
    }
    let mut extract = Options::default();
    extract.max_input_bytes = cli.max_bytes;
    extract.include_tables = !cli.no_tables;
    extract.markdown = format == Format::Markdown || cli.body.contains(&BodyArg::Markdown);
    extract.html = cli.body.contains(&BodyArg::Html);
    extract.markdown_links = !cli.no_links;
    extract.markdown_images = !cli.no_images;
    let mut fetch = FetchOptions::default();
    fetch.user_agent = cli.user_agent.clone();
    fetch.obey_robots = !cli.ignore_robots;
    fetch.concurrency = cli.concurrency;
    fetch.per_host = cli.per_host;
    fetch.delay = Duration::from_millis(cli.delay);
    fetch.max_crawl_delay = max_crawl_delay;
    fetch.timeout = timeout;
    fetch.connect_timeout = connect_timeout;
    fetch.retries = cli.retries;
    fetch.max_redirects = cli.max_redirects;
    fetch.max_body_bytes = cli.max_body;
    fetch.resolve = resolve;
    if let Some(jobs) = cli.jobs {
        fetch.extract_jobs = jobs;
    }
    fetch.extract = extract;
    if let Some(path) = &cli.warc_out {
        if let Err(e) = std::fs::File::create(path) {
            return usage_error(&format!("cannot write --warc-out {path}: {e}"));
        }
        fetch.warc_out = Some(path.into());
    }
    let shard = match cli.shard.as_deref().map(Shard::parse) {
        None => None,
        Some(Ok(s)) => Some(s),
        Some(Err(e)) => return usage_error(&e),
    };
    let keep =
        move |position: usize, input: &Input| shard.is_none_or(|s| s.keeps(position as u64, input));
    let jsonl = cli.input_format == InputFormatArg::Jsonl;

    // With --resume, what is already in the output is skipped.
    let done = match (&cli.output, cli.resume) {
        (Some(path), true) => match Done::load(Path::new(path)) {
            Ok(d) => d,
            Err(e) => return usage_error(&format!("cannot read {path} to resume: {e}")),
        },
        _ => Done::default(),
    };
    let done = std::sync::Arc::new(done);

    let direct: Vec<Input> = cli
        .inputs
        .iter()
        .map(|arg| Input::parse(arg, cli.url.clone()))
        .collect();
    // A directory named on the command line is a usage mistake, not a page
    // that failed (in an input list it is a failed input like any other).
    for input in &direct {
        if let Input::File { path, .. } = input {
            if Path::new(path).is_dir() {
                return usage_error(&format!(
                    "{path} is a directory: give the files in it, or list them with --input-list"
                ));
            }
        }
    }
    // The total is known when the list is a file of paths and URLs: count
    // it in a first, streaming pass (stdin can be read only once).
    let n_direct = direct.len();
    let mut total: Option<u64> = Some(
        direct
            .iter()
            .enumerate()
            .filter(|(p, i)| keep(*p, i) && !done.contains(i.source()))
            .count() as u64,
    );
    let list: Box<dyn Iterator<Item = Input> + Send> = match cli.input_list.as_deref() {
        None => Box::new(std::iter::empty()),
        Some("-") => {
            total = None;
            lines(io::BufReader::new(io::stdin()), jsonl)
        }
        Some(path) => match std::fs::File::open(path) {
            Ok(f) if f.metadata().map(|m| m.is_dir()).unwrap_or(false) => {
                return usage_error(&format!("cannot read input list {path}: is a directory"));
            }
            Ok(_) if jsonl => {
                // Not read twice: the lines hold whole pages.
                total = None;
                match std::fs::File::open(path) {
                    Ok(f) => lines(io::BufReader::new(f), true),
                    Err(e) => return usage_error(&format!("cannot read input list {path}: {e}")),
                }
            }
            Ok(f) => {
                let counted = std::fs::File::open(path).map(|c| {
                    lines(io::BufReader::new(c), false)
                        .enumerate()
                        .filter(|(p, i)| keep(n_direct + p, i) && !done.contains(i.source()))
                        .count() as u64
                });
                total = match (total, counted) {
                    (Some(t), Ok(c)) => Some(t + c),
                    _ => None,
                };
                lines(io::BufReader::new(f), false)
            }
            Err(e) => return usage_error(&format!("cannot read input list {path}: {e}")),
        },
    };
    let inputs = direct
        .into_iter()
        .chain(list)
        .enumerate()
        .filter(move |(p, i)| keep(*p, i))
        .map(|(_, i)| i);
    let mut options = RunOptions::new(format);
    options.ordered = cli.ordered;
    options.total = total;
    options.done = Some(done);
    options.progress = !cli.quiet && io::stderr().is_terminal();

    // --output is written under a temporary name beside it and renamed
    // when the run ends, so a task killed half-way never leaves a half
    // file under the real name. --resume appends in place instead: it
    // trims a torn last line itself.
    let mut temp: Option<(std::path::PathBuf, String)> = None;
    let mut out: Box<dyn Write> = match &cli.output {
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
        Some(path) => {
            let file = if cli.resume {
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
            } else {
                let tmp = temp_name(Path::new(path));
                let f = std::fs::File::create(&tmp);
                temp = Some((tmp, path.clone()));
                f
            };
            match file {
                Ok(f) => Box::new(io::BufWriter::new(f)),
                Err(e) => return usage_error(&format!("cannot write {path}: {e}")),
            }
        }
    };
    let report = run::run(fetch, inputs, &options, &mut out).and_then(|r| {
        out.flush()?;
        drop(out);
        if let Some((tmp, path)) = &temp {
            std::fs::rename(tmp, path)?;
        }
        Ok(r)
    });
    let report = match report {
        Ok(r) => r,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
        Err(e) => {
            if let Some((tmp, _)) = &temp {
                let _ = std::fs::remove_file(tmp);
            }
            eprintln!("gleaner: cannot write output: {e}");
            return ExitCode::FAILURE;
        }
    };
    if !cli.quiet {
        eprintln!("{}", report.line());
    }
    if report.interrupted {
        ExitCode::from(130)
    } else if report.summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `HOST:IP`, where IP may carry a port (ignored) or be a bracketed IPv6.
fn parse_resolve(text: &str) -> Option<(String, SocketAddr)> {
    let (host, addr) = text.split_once(':')?;
    if host.is_empty() {
        return None;
    }
    let addr = addr.trim_start_matches('[').trim_end_matches(']');
    let sock = addr
        .parse::<SocketAddr>()
        .ok()
        .or_else(|| addr.parse::<IpAddr>().ok().map(|ip| SocketAddr::new(ip, 0)))?;
    Some((host.to_string(), sock))
}

/// The input list as a lazy stream of inputs; a read error ends it. A line
/// that is not UTF-8 is read lossily (and then fails as an input of its
/// own) rather than ending the list there.
fn lines(
    reader: impl BufRead + Send + 'static,
    jsonl: bool,
) -> Box<dyn Iterator<Item = Input> + Send> {
    let lines = reader
        .split(b'\n')
        .map_while(Result::ok)
        .map(|l| String::from_utf8_lossy(&l).into_owned());
    if jsonl {
        Box::new(
            lines
                .zip(1u64..)
                .filter_map(|(l, n)| gleaner::source::from_jsonl_line(&l, n)),
        )
    } else {
        Box::new(lines.filter_map(|l| Input::from_list_line(&l)))
    }
}

/// `.NAME.PID.tmp` in the directory of `path`.
fn temp_name(path: &Path) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}
