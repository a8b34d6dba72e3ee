//! `cargo bench`: extraction throughput over a folder of pages, whole and by
//! stage, with divan. The pages come from `GLEANER_BENCH_DATA` (a folder of
//! `.html` / `.html.gz` files), by default the scrapinghub set beside the
//! repository; the bench says so and runs nothing when they are absent.
//! One iteration is one pass over every page, so divan's items/s are docs/s.
// The allocator the `gleaner` command uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::OnceLock;

use divan::Bencher;
use divan::counter::{BytesCount, ItemsCount};
use gleaner::_internal::dom::Dom;
use gleaner::Options;

struct Corpus {
    pages: Vec<Vec<u8>>,
    texts: Vec<String>,
    bytes: usize,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let pages = load(&data_dir());
        let texts = pages
            .iter()
            .map(|p| {
                gleaner::_internal::decode::decode(p, None)
                    .text
                    .into_owned()
            })
            .collect();
        let bytes = pages.iter().map(Vec::len).sum();
        Corpus {
            pages,
            texts,
            bytes,
        }
    })
}

fn data_dir() -> String {
    std::env::var("GLEANER_BENCH_DATA").unwrap_or_else(|_| {
        format!(
            "{}/../shared/data/scrapinghub/html",
            env!("CARGO_MANIFEST_DIR")
        )
    })
}

fn load(dir: &str) -> Vec<Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html") || n.ends_with(".htm") || n.ends_with(".html.gz"))
        .collect();
    names.sort();
    names
        .iter()
        .filter_map(|n| gleaner::_internal::read_page(n, 256 << 20).ok())
        .collect()
}

fn main() {
    if corpus().pages.is_empty() {
        eprintln!(
            "benches: no pages in {} (set GLEANER_BENCH_DATA to a folder of .html/.html.gz); skipping",
            data_dir()
        );
        return;
    }
    divan::main();
}

fn counters<'a, 'b>(bencher: Bencher<'a, 'b>) -> Bencher<'a, 'b> {
    let c = corpus();
    bencher
        .counter(ItemsCount::new(c.pages.len()))
        .counter(BytesCount::new(c.bytes))
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn whole(bencher: Bencher<'_, '_>) {
    let options = Options::default();
    counters(bencher).bench(|| {
        for page in &corpus().pages {
            let _ = divan::black_box(gleaner::extract_with(page, None, &options));
        }
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn decode(bencher: Bencher<'_, '_>) {
    counters(bencher).bench(|| {
        for page in &corpus().pages {
            divan::black_box(gleaner::_internal::decode::decode(page, None));
        }
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn prestrip(bencher: Bencher<'_, '_>) {
    counters(bencher).bench(|| {
        for text in &corpus().texts {
            divan::black_box(gleaner::_internal::prestrip::strip(text, 512));
        }
    });
}

/// The floor of this design: html5ever building its tree from stripped text.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn parse_floor(bencher: Bencher<'_, '_>) {
    counters(bencher).bench(|| {
        for text in &corpus().texts {
            let stripped = gleaner::_internal::prestrip::strip(text, 512);
            divan::black_box(gleaner::_internal::dom::parse(&stripped));
        }
    });
}

/// Each later stage over trees parsed beforehand.
#[divan::bench(args = ["flatten", "metadata", "clean", "select", "render"], sample_count = 10, sample_size = 1)]
fn stage(bencher: Bencher<'_, '_>, stage: &str) {
    let options = Options::default();
    let stripped: Vec<String> = corpus()
        .texts
        .iter()
        .map(|t| gleaner::_internal::prestrip::strip(t, 512).into_owned())
        .collect();
    let trees: Vec<_> = stripped
        .iter()
        .map(|t| gleaner::_internal::dom::parse(t))
        .collect();
    let doms: Vec<Dom<'_>> = trees.iter().map(|h| Dom::build(h, 512)).collect();
    let bodies: Vec<_> = doms
        .iter()
        .map(|d| gleaner::_internal::extract::select_body(d, &options, None))
        .collect();
    counters(bencher).bench_local(|| match stage {
        "flatten" => trees.iter().for_each(|h| {
            divan::black_box(Dom::build(h, 512));
        }),
        "metadata" => doms.iter().for_each(|d| {
            divan::black_box(gleaner::_internal::metadata::collect(d, None));
        }),
        "clean" => doms.iter().for_each(|d| {
            divan::black_box(gleaner::_internal::extract::clean::clean(d, false));
        }),
        "select" => doms.iter().for_each(|d| {
            divan::black_box(gleaner::_internal::extract::select_body(d, &options, None));
        }),
        _ => bodies.iter().for_each(|b| {
            divan::black_box(gleaner::_internal::extract::render_text(&b.blocks));
        }),
    });
}
