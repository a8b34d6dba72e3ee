//! The `gleaner` command: a thin layer of flags over the library.

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use gleaner::batch::{self, BatchOptions};
use gleaner::output::Format;
use gleaner::source::Input;
use gleaner::Options;

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Jsonl,
    Json,
    Text,
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
    /// Print no summary line on standard error.
    #[arg(long, short = 'q')]
    quiet: bool,
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
    let format = match cli.format {
        Some(FormatArg::Jsonl) => Format::Jsonl,
        Some(FormatArg::Json) => Format::Json,
        Some(FormatArg::Text) => Format::Text,
        None if io::stdout().is_terminal() => Format::Json,
        None => Format::Jsonl,
    };
    let mut extract = Options::default();
    extract.max_input_bytes = cli.max_bytes;
    extract.include_tables = !cli.no_tables;
    let jobs = cli
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let options = BatchOptions { jobs, format, extract };

    let direct: Vec<Input> = cli.inputs.iter().map(|arg| Input::parse(arg, cli.url.clone())).collect();
    let list: Box<dyn Iterator<Item = Input> + Send> = match cli.input_list.as_deref() {
        None => Box::new(std::iter::empty()),
        Some("-") => Box::new(lines(io::BufReader::new(io::stdin()))),
        Some(path) => match std::fs::File::open(path) {
            Ok(f) if f.metadata().map(|m| m.is_dir()).unwrap_or(false) => {
                return usage_error(&format!("cannot read input list {path}: is a directory"));
            }
            Ok(f) => Box::new(lines(io::BufReader::new(f))),
            Err(e) => return usage_error(&format!("cannot read input list {path}: {e}")),
        },
    };
    let inputs = direct.into_iter().chain(list);
    let started = std::time::Instant::now();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let summary = match batch::run(inputs, &options, &mut out) {
        Ok(s) => s,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gleaner: cannot write output: {e}");
            return ExitCode::FAILURE;
        }
    };
    let _ = out.flush();
    if !cli.quiet {
        let mut line = format!(
            "gleaner: {} ok, {} failed in {:.1}s",
            summary.ok,
            summary.failed,
            started.elapsed().as_secs_f64()
        );
        if !summary.failed_by_kind.is_empty() {
            let kinds: Vec<String> =
                summary.failed_by_kind.iter().map(|(k, n)| format!("{k}: {n}")).collect();
            line.push_str(&format!(" ({})", kinds.join(", ")));
        }
        eprintln!("{line}");
    }
    if summary.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// The input list as a lazy stream of inputs; unreadable lines end it.
fn lines(reader: impl BufRead + Send + 'static) -> impl Iterator<Item = Input> + Send {
    reader.lines().map_while(Result::ok).filter_map(|l| Input::from_list_line(&l))
}
