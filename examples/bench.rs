//! Single-threaded throughput of the whole extraction and of each stage over
//! a folder of `.html` / `.html.gz` pages, all read into memory first.
//!
//! `cargo run --release --example bench -- ../shared/data/scrapinghub/html [ROUNDS]`
//!
//! Runs every round with both parsers, alternating, so their times share
//! the machine's state: the fast path (with html5ever for the pages it
//! leaves) and html5ever alone (`Options::parser`). `BENCH_PARSER=fast` or
//! `=html5ever` runs one of them only.
//!
//! Stages are timed cumulatively in a pipeline that mirrors `extract`, so
//! their sum is close to the whole.
// The allocator the `gleaner` command uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::{Duration, Instant};

use gleaner::_internal::dom::Dom;
use gleaner::_internal::parse::Parser;
use gleaner::Options;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: bench DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: u32 = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let pages = match load(&dir) {
        Ok(p) if !p.is_empty() => p,
        Ok(_) => {
            eprintln!("bench: no .html or .html.gz pages in {dir}; skipping");
            return;
        }
        Err(e) => {
            eprintln!("bench: cannot read {dir} ({e}); skipping");
            return;
        }
    };
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let which = std::env::var("BENCH_PARSER").unwrap_or_default();
    let parsers: Vec<(&str, Parser)> = [
        ("fast path", Parser::Auto),
        ("html5ever", Parser::Html5ever),
    ]
    .into_iter()
    .filter(|(name, _)| which.is_empty() || name.starts_with(which.as_str()))
    .collect();
    let mut tables = vec![Table::default(); parsers.len()];

    // Warm up once, then keep the best of the rounds: the least disturbed.
    for _ in 0..=rounds {
        for (slot, &(_, parser)) in parsers.iter().enumerate() {
            let mut options = Options::default();
            options.parser = parser;
            let mut t = Table::default();
            let start = Instant::now();
            for page in &pages {
                let _ = std::hint::black_box(gleaner::extract_with(page, None, &options));
            }
            t.whole = start.elapsed();
            for page in &pages {
                stage_times(page, &options, &mut t);
            }
            tables[slot] = tables[slot].best(t);
        }
    }

    let n = pages.len() as f64;
    let mb = bytes as f64 / 1e6;
    let allocator = "mimalloc";
    println!(
        "{} pages, {:.1} MB of HTML, best of {rounds} rounds, one thread, {allocator}",
        pages.len(),
        mb
    );
    for (&(name, _), table) in parsers.iter().zip(&tables) {
        println!("\n{name}");
        println!("{:<28} {:>9} {:>9} {:>9}", "stage", "ms", "docs/s", "MB/s");
        let row = |label: &str, d: Duration| {
            let s = d.as_secs_f64().max(1e-9);
            println!(
                "{:<28} {:>9.1} {:>9.0} {:>9.1}",
                label,
                s * 1e3,
                n / s,
                mb / s
            );
        };
        row("extract (whole)", table.whole);
        row("  decode (charset)", table.decode);
        row("  prestrip", table.prestrip);
        row("  parse", table.parse);
        row("  flatten", table.flatten);
        row("  metadata", table.metadata);
        row("  clean", table.clean);
        // select_body cleans again inside: count that under clean only.
        row(
            "  select (blocks, filters)",
            table.select.saturating_sub(table.clean),
        );
        row("  render text", table.render);
        row("parse floor (prestrip+parse)", table.prestrip + table.parse);
    }
    if let [fast, slow] = &tables[..] {
        let ratio = |a: Duration, b: Duration| b.as_secs_f64() / a.as_secs_f64().max(1e-9);
        println!(
            "\nfast path over html5ever: whole extraction {:.2}x, prestrip+parse+flatten {:.2}x",
            ratio(fast.whole, slow.whole),
            ratio(
                fast.prestrip + fast.parse + fast.flatten,
                slow.prestrip + slow.parse + slow.flatten
            )
        );
    }
}

#[derive(Default, Clone, Copy)]
struct Table {
    whole: Duration,
    decode: Duration,
    prestrip: Duration,
    parse: Duration,
    flatten: Duration,
    metadata: Duration,
    clean: Duration,
    select: Duration,
    render: Duration,
}

impl Table {
    fn best(self, o: Table) -> Table {
        let m = |a: Duration, b: Duration| if a.is_zero() { b } else { a.min(b) };
        Table {
            whole: m(self.whole, o.whole),
            decode: m(self.decode, o.decode),
            prestrip: m(self.prestrip, o.prestrip),
            parse: m(self.parse, o.parse),
            flatten: m(self.flatten, o.flatten),
            metadata: m(self.metadata, o.metadata),
            clean: m(self.clean, o.clean),
            select: m(self.select, o.select),
            render: m(self.render, o.render),
        }
    }
}

fn stage_times(page: &[u8], options: &Options, t: &mut Table) {
    let mut clock = Instant::now();
    let mut lap = |slot: &mut Duration| {
        let now = Instant::now();
        *slot += now - clock;
        clock = now;
    };
    let decoded = gleaner::_internal::decode::decode(page, None);
    lap(&mut t.decode);
    let stripped = gleaner::_internal::prestrip::strip(&decoded.text, options.max_depth);
    lap(&mut t.prestrip);
    let html = gleaner::_internal::parse::parse_with(&stripped, options.parser, options.max_nodes);
    lap(&mut t.parse);
    let dom = Dom::build(&html, options.max_depth);
    lap(&mut t.flatten);
    let today = chrono::Utc::now().date_naive();
    // As the pipeline runs them: the metadata pass reads the class hints
    // the cleaner uses.
    let (meta, hints) = gleaner::_internal::metadata::collect_with_hints(&dom, None, today);
    lap(&mut t.metadata);
    let cleaned = gleaner::_internal::extract::clean::clean_hinted(&dom, &hints, false, false);
    std::hint::black_box(&cleaned);
    lap(&mut t.clean);
    let body = gleaner::_internal::extract::select_body_hinted(
        &dom,
        options,
        meta.headline.as_deref(),
        None,
        hints,
    );
    lap(&mut t.select);
    std::hint::black_box(gleaner::_internal::extract::render_text(&body.blocks));
    lap(&mut t.render);
}

fn load(dir: &str) -> std::io::Result<Vec<Vec<u8>>> {
    let mut names: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let n = p.to_string_lossy();
            n.ends_with(".html") || n.ends_with(".htm") || n.ends_with(".html.gz")
        })
        .collect();
    names.sort();
    let mut pages = Vec::with_capacity(names.len());
    for path in names {
        match gleaner::_internal::read_page(&path.to_string_lossy(), 256 << 20) {
            Ok(b) => pages.push(b),
            Err(e) => eprintln!("bench: skipping {}: {e}", path.display()),
        }
    }
    Ok(pages)
}
