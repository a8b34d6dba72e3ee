//! The `gleaner` command: a thin layer of flags over the library.

mod args;
mod inputs;
mod output;
mod resume;
mod run;

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use clap::{CommandFactory, Parser};
use gleaner::{FetchOptions, Options};

use args::{BodyArg, Cli, FormatArg, InputFormatArg, ShellArg};
use inputs::{Input, Shard};
use output::{Format, OutputFile};
use resume::Done;
use run::RunOptions;

// The command allocates a tree per page and frees it right after: mimalloc
// does that about a tenth faster than the system allocator
// (docs/performance.md). The library leaves the choice to its users.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn usage_error(message: &str) -> ExitCode {
    eprintln!("gleaner: {message}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(shell) = cli.completions {
        return print_completions(shell);
    }
    if cli.man {
        return print_man();
    }
    if cli.inputs.is_empty() && cli.input_list.is_none() && cli.input_dir.is_empty() {
        return usage_error(
            "no inputs: give files, URLs, `-`, --input-list FILE or --input-dir DIR (see --help)",
        );
    }
    for dir in &cli.input_dir {
        if !Path::new(dir).is_dir() {
            return usage_error(&format!("--input-dir {dir}: not a directory"));
        }
    }
    if cli.url.is_some() && (cli.inputs.len() != 1 || cli.input_list.is_some()) {
        return usage_error("--url names the URL of a single input; give exactly one input");
    }
    let stdin_uses = cli.inputs.iter().filter(|i| *i == "-").count()
        + usize::from(cli.input_list.as_deref() == Some("-"));
    if stdin_uses > 1 {
        return usage_error("standard input can be read only once: give `-` once");
    }
    if cli.jobs == Some(0) {
        return usage_error("--jobs must be at least 1");
    }
    if cli.concurrency == 0 || cli.per_host == 0 {
        return usage_error("--concurrency and --per-host must be at least 1");
    }
    let format = match cli.format {
        _ if cli.explain => Format::Explain,
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
    let Ok(max_bytes) = usize::try_from(cli.max_bytes.0) else {
        return usage_error("--max-bytes is larger than this machine can address");
    };
    let extract = Options::default()
        .with_max_input_bytes(max_bytes)
        .with_deadline(Some(cli.page_timeout.0))
        .with_include_tables(!cli.no_tables)
        .with_markdown(format == Format::Markdown || cli.body.contains(&BodyArg::Markdown))
        .with_html(cli.body.contains(&BodyArg::Html))
        .with_list_markers(format == Format::Text)
        .with_markdown_links(!cli.no_links)
        .with_markdown_images(!cli.no_images);
    let mut fetch = FetchOptions::default()
        .with_user_agent(cli.user_agent.clone())
        .with_obey_robots(!cli.ignore_robots)
        .with_concurrency(cli.concurrency)
        .with_per_host(cli.per_host)
        .with_delay(cli.delay.0)
        .with_max_crawl_delay(cli.max_crawl_delay.0)
        .with_timeout(cli.timeout.0)
        .with_connect_timeout(cli.connect_timeout.0)
        .with_retries(cli.retries)
        .with_max_redirects(cli.max_redirects)
        .with_max_body_bytes(usize::try_from(cli.max_body.0).unwrap_or(usize::MAX))
        .with_resolve(cli.resolve.clone())
        .with_extract(extract.clone());
    if let Some(path) = &cli.warc_out {
        // A resumed run appends to the WARC file of the run it resumes,
        // after cutting a record that run may have left half-written.
        let opened = if cli.resume {
            resume::trim_torn_gzip_members(Path::new(path)).and_then(|_| {
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
            })
        } else {
            std::fs::File::create(path)
        };
        if let Err(e) = opened {
            return usage_error(&format!("cannot write --warc-out {path}: {e}"));
        }
        fetch = fetch
            .with_warc_out(Some(PathBuf::from(path)))
            .with_warc_append(cli.resume);
    }
    if let Err(e) = gleaner::Fetcher::new(fetch.clone().with_extract_jobs(1)) {
        return usage_error(&e.to_string());
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
        (Some(path), true) => match Done::load(Path::new(path), cli.retry_failed) {
            Ok(d) => d,
            Err(e) => return usage_error(&format!("cannot read {path} to resume: {e}")),
        },
        _ => Done::default(),
    };
    let done = Arc::new(done);

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
            Ok(f) if jsonl => {
                // Not read twice: the lines hold whole pages.
                total = None;
                lines(io::BufReader::new(f), true)
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
    // Files under --input-dir come after the named inputs, before the list.
    let dirs = inputs::walk_dirs(cli.input_dir.clone(), cli.ext.clone());
    let list: Box<dyn Iterator<Item = Input> + Send> = Box::new(dirs.chain(list));
    if total.is_some() && !cli.input_dir.is_empty() {
        let counted = inputs::walk_dirs(cli.input_dir.clone(), cli.ext.clone())
            .enumerate()
            .filter(|(p, i)| keep(n_direct + p, i) && !done.contains(i.source()))
            .count() as u64;
        total = total.map(|t| t + counted);
        if cli.input_list.is_some() {
            // The list's lines come after the directories' files: their
            // places (for --shard) are not known before the walk.
            total = None;
        }
    }
    let several = cli.input_list.is_some()
        || !cli.input_dir.is_empty()
        || n_direct > 1
        || direct
            .iter()
            .any(|i| matches!(i, Input::File { path, .. } if gleaner::is_warc_file(path)));
    let inputs = direct
        .into_iter()
        .chain(list)
        .enumerate()
        .filter(move |(p, i)| keep(*p, i))
        .map(|(_, i)| i);
    let jobs = cli
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let options = RunOptions {
        // Explanations are read by people, in the order they asked.
        ordered: cli.ordered || cli.explain,
        format,
        explain: cli.explain,
        several,
        progress: !cli.quiet && io::stderr().is_terminal(),
        total,
        done: Some(done),
        jobs,
        window: (jobs * 8).max(fetch.concurrency * 2),
        max_inflight_bytes: cli.max_inflight_bytes.0,
        extract,
        fetch,
    };

    if stdin_uses > 0 && io::stdin().is_terminal() && !cli.quiet {
        eprintln!(
            "gleaner: reading from standard input (end with Ctrl-D; --help for other inputs)"
        );
    }

    // Ctrl-C, SIGTERM and SIGHUP (what Slurm, Kubernetes and `timeout`
    // send) stop the run cleanly; a second one ends it at once.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ] {
        let _ = signal_hook::flag::register_conditional_shutdown(signal, 130, stop.clone());
        let _ = signal_hook::flag::register(signal, stop.clone());
    }

    let mut file = match &cli.output {
        None => None,
        Some(path) => match OutputFile::open(Path::new(path), cli.resume) {
            Ok(f) => Some(f),
            Err(e) => return usage_error(&format!("cannot write {path}: {e}")),
        },
    };
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let out: &mut dyn Write = match &mut file {
        Some(f) => &mut f.writer,
        None => &mut stdout,
    };
    let report = run::run(inputs, &options, out, stop).and_then(|r| {
        stdout.flush()?;
        if let Some(f) = file.take() {
            f.commit()?;
        }
        Ok(r)
    });
    let report = match report {
        Ok(r) => r,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
        Err(e) => {
            if let Some(f) = file {
                f.discard();
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

fn print_completions(shell: ShellArg) -> ExitCode {
    use clap_complete::Shell;
    let shell = match shell {
        ShellArg::Bash => Shell::Bash,
        ShellArg::Zsh => Shell::Zsh,
        ShellArg::Fish => Shell::Fish,
        ShellArg::Elvish => Shell::Elvish,
        ShellArg::Powershell => Shell::PowerShell,
    };
    clap_complete::generate(shell, &mut Cli::command(), "gleaner", &mut io::stdout());
    ExitCode::SUCCESS
}

fn print_man() -> ExitCode {
    let man = clap_mangen::Man::new(Cli::command());
    match man.render(&mut io::stdout()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gleaner: cannot write the manual page: {e}");
            ExitCode::FAILURE
        }
    }
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
                .filter_map(|(l, n)| inputs::from_jsonl_line(&l, n)),
        )
    } else {
        Box::new(lines.filter_map(|l| Input::from_list_line(&l)))
    }
}
