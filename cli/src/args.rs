//! The command's flags, defined once: defaults come from the library's
//! `Options` and `FetchOptions`, and sizes and durations take units.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use clap::{Parser, ValueEnum};
use gleaner::{FetchOptions, Options};

/// How the lines of --input-list are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// A path, `-` or a URL per line; a path may be followed by its URL.
    Lines,
    /// A JSON object per line: {"url": …, "html": …} or {"url": …,
    /// "html_base64": …} hand the page over; {"url": …} alone is fetched.
    Jsonl,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// One compact JSON record per line.
    Jsonl,
    /// Pretty JSON: an object for one input, an array for several.
    Json,
    /// Headline, date and byline, then the body.
    Text,
    /// YAML front matter, then the body as Markdown.
    Markdown,
}

/// Bodies to put in each record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BodyArg {
    /// `body`: plain text (always present).
    Text,
    /// `body_markdown`.
    Markdown,
    /// `body_html`: a small, safe HTML fragment.
    Html,
}

/// Shells for --completions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShellArg {
    /// Bash.
    Bash,
    /// Zsh.
    Zsh,
    /// Fish.
    Fish,
    /// Elvish.
    Elvish,
    /// PowerShell.
    Powershell,
}

const EXAMPLES: &str = "\
Examples:
  gleaner page.html                        one file (plain or .gz) to a JSON record
  gleaner https://example.com/story        fetch a page (politely) and extract it
  gleaner --format text page.html          read it: headline, date, byline, body
  gleaner --explain page.html              why a paragraph is missing: drops, root
  gleaner --input-list urls.txt -o out.jsonl --resume
                                           a batch, resumable after a crash or signal
  gleaner crawl.warc.gz -o records.jsonl   every HTML response in a WARC file
  gleaner --input-dir pages/ -o out.jsonl  every .html/.htm (.gz too) file under pages/
  curl -s URL | gleaner --url URL -        a page on standard input

Exit status: 0 all inputs gave records without error; 1 some inputs failed
(each has an error record); 2 usage error; 130 interrupted (Ctrl-C, SIGTERM
or SIGHUP: the output is valid; rerun with --resume).

More: the README (the record's fields, error kinds, everyday commands) and
docs/ in the repository (output formats, WARC, fetching, cluster runs).";

/// Turn web article pages into clean records: headline, date, body, attribution.
#[derive(Debug, Parser)]
#[command(name = "gleaner", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// Inputs: file paths (plain or gzip, WARC files too), `-` for standard
    /// input, or URLs.
    pub inputs: Vec<String>,
    /// Read inputs from this file, one per line (`-` = standard input). A
    /// local path may be followed by whitespace and the page's original
    /// http(s) URL.
    #[arg(long, value_name = "FILE")]
    pub input_list: Option<String>,
    /// Every page file under DIR, recursively, in a stable (sorted) order:
    /// files ending in one of --ext, plain or .gz (repeatable).
    #[arg(long, value_name = "DIR")]
    pub input_dir: Vec<String>,
    /// The extensions --input-dir takes (comma list; each also with .gz).
    #[arg(
        long,
        value_name = "EXT",
        value_delimiter = ',',
        default_value = "html,htm,xhtml,shtml,warc"
    )]
    pub ext: Vec<String>,
    /// The original URL of the single input page.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Output format [default: jsonl, or json when stdout is a terminal].
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Print, instead of records, why each page gives the record it gives:
    /// the page type, what cleaning dropped and why, the candidates, the
    /// chosen root, and what became of each block of text.
    #[arg(long, conflicts_with_all = ["format", "resume"])]
    pub explain: bool,
    /// Worker threads for extraction [default: all cores].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Refuse pages larger than this (after decompression); units K, M, G
    /// (powers of 1024) or none for bytes.
    #[arg(long, value_name = "SIZE", default_value_t = Size(Options::default().max_input_bytes as u64), value_parser = parse_size)]
    pub max_bytes: Size,
    /// The most time one page's extraction may take (parse to record);
    /// past it the page gets an error record of kind `timeout` and the
    /// worker moves on. Plain numbers are seconds; units ms, s, m.
    #[arg(long, value_name = "TIME", default_value_t = Dur(Options::default().deadline.unwrap_or(gleaner::DEFAULT_DEADLINE)), value_parser = parse_secs)]
    pub page_timeout: Dur,
    /// Input bytes read but not yet written at most: past it, pages wait
    /// for room (one larger page still runs, alone), so a batch of huge
    /// pages stays within memory whatever --jobs says; units K, M, G.
    #[arg(long, value_name = "SIZE", default_value_t = Size(512 << 20), value_parser = parse_size)]
    pub max_inflight_bytes: Size,
    /// Leave tables out of the body.
    #[arg(long)]
    pub no_tables: bool,
    /// Bodies in each record besides the plain `body`: markdown adds
    /// `body_markdown`, html adds `body_html` (repeatable or comma list).
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        value_name = "KIND",
        default_value = "text"
    )]
    pub body: Vec<BodyArg>,
    /// Markdown: drop links, keeping their text.
    #[arg(long)]
    pub no_links: bool,
    /// Markdown and HTML: leave images and figures out.
    #[arg(long)]
    pub no_images: bool,
    /// Print no summary line and no progress bar on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Write records to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<String>,
    /// Skip the inputs whose records (by `source`) are already in --output,
    /// and append the rest to it.
    #[arg(long, requires = "output")]
    pub resume: bool,
    /// With --resume: run again the inputs whose records carry an error
    /// (their old records are taken out of --output).
    #[arg(long, requires = "resume")]
    pub retry_failed: bool,
    /// Write records in input order [default: as pages finish; in order
    /// with --jobs 1].
    #[arg(long)]
    pub ordered: bool,
    /// How --input-list lines are read.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "lines")]
    pub input_format: InputFormatArg,
    /// Process only shard I of N (I from 0): local inputs and list lines
    /// by position, URLs by a hash of their host.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// Print shell completions for SHELL on standard output and exit.
    #[arg(long, value_enum, value_name = "SHELL", exclusive = true)]
    pub completions: Option<ShellArg>,
    /// Print the manual page (roff) on standard output and exit.
    #[arg(long, exclusive = true)]
    pub man: bool,

    /// The User-Agent sent with every request.
    #[arg(long, value_name = "TEXT", help_heading = "Fetching", default_value = gleaner::DEFAULT_USER_AGENT)]
    pub user_agent: String,
    /// Do not fetch or obey robots.txt.
    #[arg(long, help_heading = "Fetching")]
    pub ignore_robots: bool,
    /// Pages fetched at once, across all hosts.
    #[arg(long, value_name = "N", default_value_t = FetchOptions::default().concurrency, help_heading = "Fetching")]
    pub concurrency: usize,
    /// Requests open at once to one host.
    #[arg(long, value_name = "N", default_value_t = FetchOptions::default().per_host, help_heading = "Fetching")]
    pub per_host: usize,
    /// Time between the starts of two requests to one host (a robots.txt
    /// Crawl-delay can raise it); units ms, s, m, or none for milliseconds.
    #[arg(long, value_name = "TIME", default_value_t = Dur(FetchOptions::default().delay), value_parser = parse_millis, help_heading = "Fetching")]
    pub delay: Dur,
    /// The largest robots.txt Crawl-delay honoured; units ms, s, m, or none
    /// for seconds.
    #[arg(long, value_name = "TIME", default_value_t = Dur(FetchOptions::default().max_crawl_delay), value_parser = parse_secs_or_zero, help_heading = "Fetching")]
    pub max_crawl_delay: Dur,
    /// Time allowed for one request, body included; units ms, s, m, or none
    /// for seconds.
    #[arg(long, value_name = "TIME", default_value_t = Dur(FetchOptions::default().timeout), value_parser = parse_secs, help_heading = "Fetching")]
    pub timeout: Dur,
    /// Time allowed to connect; units ms, s, m, or none for seconds.
    #[arg(long, value_name = "TIME", default_value_t = Dur(FetchOptions::default().connect_timeout), value_parser = parse_secs, help_heading = "Fetching")]
    pub connect_timeout: Dur,
    /// Retries after a transient failure (timeout, connection error, 408,
    /// 429, 500, 502, 503, 504).
    #[arg(long, value_name = "N", default_value_t = FetchOptions::default().retries, help_heading = "Fetching")]
    pub retries: u32,
    /// Redirects followed per page.
    #[arg(long, value_name = "N", default_value_t = FetchOptions::default().max_redirects, help_heading = "Fetching")]
    pub max_redirects: usize,
    /// Refuse bodies larger than this on the wire; units K, M, G or none
    /// for bytes.
    #[arg(long, value_name = "SIZE", default_value_t = Size(FetchOptions::default().max_body_bytes as u64), value_parser = parse_size, help_heading = "Fetching")]
    pub max_body: Size,
    /// Pin a host name to an address, bypassing DNS: HOST:IP (repeatable).
    #[arg(long, value_name = "HOST:IP", value_parser = parse_resolve, help_heading = "Fetching")]
    pub resolve: Vec<(String, SocketAddr)>,
    /// Store every page request and response in this WARC file (WARC/1.1,
    /// gzip per record), to extract again offline later.
    #[arg(long, value_name = "FILE", help_heading = "Fetching")]
    pub warc_out: Option<String>,
}

/// A size in bytes, shown with the largest unit that divides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size(pub u64);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0;
        for (unit, scale) in [("G", 1u64 << 30), ("M", 1 << 20), ("K", 1 << 10)] {
            if n >= scale && n % scale == 0 {
                return write!(f, "{}{unit}", n / scale);
            }
        }
        write!(f, "{n}")
    }
}

/// A duration, shown with the largest unit that divides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dur(pub Duration);

impl fmt::Display for Dur {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0.as_millis();
        if ms > 0 && ms % 60_000 == 0 {
            write!(f, "{}m", ms / 60_000)
        } else if ms > 0 && ms % 1000 == 0 {
            write!(f, "{}s", ms / 1000)
        } else {
            write!(f, "{ms}ms")
        }
    }
}

/// `50M`, `512K`, `2G`, `1000`: bytes, in powers of 1024. Zero is refused:
/// no page fits in nothing.
pub fn parse_size(text: &str) -> Result<Size, String> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let lower = lower
        .strip_suffix("ib")
        .or_else(|| lower.strip_suffix('b'))
        .unwrap_or(&lower);
    let (digits, scale) = match lower.char_indices().last() {
        Some((i, 'k')) => (&lower[..i], 1u64 << 10),
        Some((i, 'm')) => (&lower[..i], 1 << 20),
        Some((i, 'g')) => (&lower[..i], 1 << 30),
        _ => (lower, 1),
    };
    let n: f64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a size (e.g. 50M, 512K, 1000)"))?;
    let bytes = n * scale as f64;
    if !bytes.is_finite() || bytes < 1.0 || bytes > u64::MAX as f64 {
        return Err(format!("{text:?}: a size must be at least one byte"));
    }
    Ok(Size(bytes as u64))
}

/// A duration with an optional unit (`ms`, `s`, `m`, `h`); a plain number
/// is in `plain` units.
fn parse_duration(text: &str, plain: Duration) -> Result<Duration, String> {
    let t = text.trim().to_ascii_lowercase();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: f64 = digits
        .parse()
        .map_err(|_| format!("{text:?} is not a duration (e.g. 500ms, 30s, 2m)"))?;
    let scale = match unit.trim() {
        "" => plain.as_secs_f64(),
        "ms" => 0.001,
        "s" | "sec" | "secs" => 1.0,
        "m" | "min" | "mins" => 60.0,
        "h" => 3600.0,
        other => {
            return Err(format!(
                "{text:?}: unknown unit {other:?} (use ms, s, m or h)"
            ));
        }
    };
    let secs = n * scale;
    if !secs.is_finite() || !(0.0..=1e9).contains(&secs) {
        return Err(format!("{text:?} is out of range"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// A duration whose plain numbers are milliseconds; zero allowed.
pub fn parse_millis(text: &str) -> Result<Dur, String> {
    parse_duration(text, Duration::from_millis(1)).map(Dur)
}

/// A time limit whose plain numbers are seconds; zero is refused (nothing
/// finishes in no time).
pub fn parse_secs(text: &str) -> Result<Dur, String> {
    let d = parse_duration(text, Duration::from_secs(1))?;
    if d.is_zero() {
        return Err(format!("{text:?}: a time limit must be more than zero"));
    }
    Ok(Dur(d))
}

/// A duration whose plain numbers are seconds; zero allowed.
pub fn parse_secs_or_zero(text: &str) -> Result<Dur, String> {
    parse_duration(text, Duration::from_secs(1)).map(Dur)
}

/// `HOST:IP`, where IP may carry a port (ignored) or be a bracketed IPv6.
pub fn parse_resolve(text: &str) -> Result<(String, SocketAddr), String> {
    let bad = || format!("{text:?}: expected HOST:IP");
    let (host, addr) = text.split_once(':').ok_or_else(bad)?;
    if host.is_empty() {
        return Err(bad());
    }
    let addr = addr.trim_start_matches('[').trim_end_matches(']');
    let sock = addr
        .parse::<SocketAddr>()
        .ok()
        .or_else(|| addr.parse::<IpAddr>().ok().map(|ip| SocketAddr::new(ip, 0)))
        .ok_or_else(bad)?;
    Ok((host.to_string(), sock))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_units() {
        assert_eq!(parse_size("50M"), Ok(Size(50 << 20)));
        assert_eq!(parse_size("512k"), Ok(Size(512 << 10)));
        assert_eq!(parse_size("2GiB"), Ok(Size(2 << 30)));
        assert_eq!(parse_size("1000"), Ok(Size(1000)));
        assert_eq!(parse_size("1.5M"), Ok(Size(3 << 19)));
        assert!(parse_size("0").is_err());
        assert!(parse_size("-5M").is_err());
        assert!(parse_size("lots").is_err());
        assert_eq!(Size(50 << 20).to_string(), "50M");
        assert_eq!(Size(1000).to_string(), "1000");
    }

    #[test]
    fn durations_take_units_and_plain_numbers_keep_their_unit() {
        let ms = |n| Dur(Duration::from_millis(n));
        assert_eq!(parse_millis("500"), Ok(ms(500)));
        assert_eq!(parse_millis("500ms"), Ok(ms(500)));
        assert_eq!(parse_millis("2s"), Ok(ms(2000)));
        assert_eq!(parse_secs("30"), Ok(ms(30_000)));
        assert_eq!(parse_secs("1.5"), Ok(ms(1500)));
        assert_eq!(parse_secs("2m"), Ok(ms(120_000)));
        assert!(parse_secs("0").is_err());
        assert!(parse_secs("0s").is_err());
        assert!(parse_secs("-1").is_err());
        assert!(parse_secs("10 parsecs").is_err());
        assert_eq!(parse_millis("0"), Ok(ms(0)));
        // What help shows as a default parses back to the same value.
        for d in [ms(1000), ms(500), ms(30_000), ms(120_000)] {
            assert_eq!(parse_millis(&d.to_string()), Ok(d));
        }
    }

    #[test]
    fn resolve_pairs() {
        assert!(parse_resolve("example.com:127.0.0.1").is_ok());
        assert!(parse_resolve("example.com:[::1]").is_ok());
        assert!(parse_resolve("example.com:127.0.0.1:8080").is_ok());
        assert!(parse_resolve(":1.2.3.4").is_err());
        assert!(parse_resolve("nohost").is_err());
    }

    #[test]
    fn the_flags_are_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
