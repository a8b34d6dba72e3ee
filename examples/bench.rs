//! Single-threaded throughput of the whole extraction and of each stage over
//! a folder of `.html` / `.html.gz` pages, all read into memory first.
//!
//! `cargo run --release --example bench -- ../shared/data/scrapinghub/html [ROUNDS]`
//!
//! Stages are timed cumulatively in a pipeline that mirrors `extract`, so
//! their sum is close to the whole; "parse floor" is html5ever building its
//! tree from the pre-stripped text, the least any design on this parser pays.
// The allocator the `gleaner` command uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::{Duration, Instant};

use gleaner::_internal::dom::Dom;
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
    let options = Options::default();
    let mut table = Table::default();

    // Warm up once, then keep the best of the rounds: the least disturbed.
    for _ in 0..=rounds {
        let mut t = Table::default();
        let start = Instant::now();
        for page in &pages {
            let _ = std::hint::black_box(gleaner::extract_with(page, None, &options));
        }
        t.whole = start.elapsed();
        for page in &pages {
            stage_times(page, &options, &mut t);
        }
        table = table.best(t);
    }

    let n = pages.len() as f64;
    let mb = bytes as f64 / 1e6;
    let allocator = "mimalloc";
    println!(
        "{} pages, {:.1} MB of HTML, best of {rounds} rounds, one thread, {allocator}",
        pages.len(),
        mb
    );
    println!("{:<28} {:>9} {:>9} {:>9}", "stage", "ms", "docs/s", "MB/s");
    let row = |name: &str, d: Duration| {
        let s = d.as_secs_f64().max(1e-9);
        println!(
            "{:<28} {:>9.1} {:>9.0} {:>9.1}",
            name,
            s * 1e3,
            n / s,
            mb / s
        );
    };
    row("extract (whole)", table.whole);
    row("  decode (charset)", table.decode);
    row("  prestrip", table.prestrip);
    row("  parse (html5ever)", table.parse);
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
    row("parse, raw page", table.parse_raw);
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
    parse_raw: Duration,
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
            parse_raw: m(self.parse_raw, o.parse_raw),
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
    let html = gleaner::_internal::dom::parse(&stripped);
    lap(&mut t.parse);
    let dom = Dom::build(&html, options.max_depth);
    lap(&mut t.flatten);
    let meta = gleaner::_internal::metadata::collect(&dom, None);
    lap(&mut t.metadata);
    let cleaned = gleaner::_internal::extract::clean::clean(&dom, false);
    std::hint::black_box(&cleaned);
    lap(&mut t.clean);
    let body = gleaner::_internal::extract::select_body(&dom, options, meta.headline.as_deref());
    lap(&mut t.select);
    std::hint::black_box(gleaner::_internal::extract::render_text(&body.blocks));
    lap(&mut t.render);
    std::hint::black_box(gleaner::_internal::dom::parse(&decoded.text));
    lap(&mut t.parse_raw);
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
