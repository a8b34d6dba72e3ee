#!/usr/bin/env python3
"""gleaner vs trafilatura from Python, side by side in one process.

    python3 python/bench/bench_vs_trafilatura.py [DATASET_DIR] [--seconds S] [--json OUT]

DATASET_DIR defaults to ../shared/data/scrapinghub (html/<id>.html.gz and
truth.jsonl; see ../shared/README.md). Every page is read and gunzipped
first (not timed). Then, in this one process:

- speed: pages/s of gleaner.extract(html, url) and of
  trafilatura.extract(html, url=url) (default options), each given the
  page's bytes as stored, one page after another on one thread, after a
  short warm-up; passes over the set are repeated until S seconds are spent
  (at least one);
- quality: each extractor's records written as JSONL (source = the page's
  file, body = the text; the shape ../shared/bench/score.py reads) and
  scored by score.py: word F1 and shingle F1 of the body;
- threads: pages/s of gleaner.extract_many(jobs=2) over jobs=1.

Needs `pip install trafilatura==2.3.*` and the gleaner wheel. The machine's
load average is printed before and after: on a shared machine the numbers
move with it.
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def load(dataset):
    pages = []
    for line in open(dataset / "truth.jsonl", encoding="utf-8"):
        case = json.loads(line)
        path = dataset / "html" / (case["id"] + ".html.gz")
        pages.append((str(path), gzip.decompress(path.read_bytes()), case.get("url") or None))
    return pages


def pages_per_second(run, pages, seconds):
    """Pages per second of RUN over PAGES, repeated until SECONDS have
    passed: by the wall clock, and per second of this process's CPU time
    (which other jobs on a shared machine disturb less)."""
    for _, html, url in pages[:5]:
        run(html, url)
    done, start, cpu = 0, time.perf_counter(), time.process_time()
    while True:
        for _, html, url in pages:
            run(html, url)
        done += len(pages)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed, done / (time.process_time() - cpu)


def stream_pages_per_second(gleaner, pages, jobs, seconds):
    items = [(html, url) for _, html, url in pages]
    for _ in gleaner.extract_many(items[:5], jobs=jobs):
        pass
    done, start = 0, time.perf_counter()
    while True:
        for _ in gleaner.extract_many(items, jobs=jobs):
            done += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed


def score(dataset, records):
    with tempfile.TemporaryDirectory() as tmp:
        path, out = Path(tmp) / "records.jsonl", Path(tmp) / "score.json"
        with open(path, "w", encoding="utf-8") as f:
            for record in records:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        subprocess.run([sys.executable, str(SHARED / "bench" / "score.py"), str(dataset),
                        str(path), "--json", str(out)], check=True, stdout=subprocess.DEVNULL)
        return json.loads(out.read_text())["summary"]["all"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dataset", nargs="?", default=str(SHARED / "data" / "scrapinghub"))
    parser.add_argument("--seconds", type=float, default=5.0,
                        help="time spent per speed measurement (default 5)")
    parser.add_argument("--json", help="write the numbers to this file too")
    args = parser.parse_args()

    import gleaner
    import trafilatura

    dataset = Path(args.dataset)
    pages = load(dataset)
    load_before = os.getloadavg()
    print(f"{len(pages)} pages from {dataset}; {os.cpu_count()} cores; "
          f"load average {load_before[0]:.2f} before")
    print(f"gleaner {gleaner.__version__}, trafilatura {trafilatura.__version__}, "
          f"Python {sys.version.split()[0]}")

    def run_gleaner(html, url):
        return gleaner.extract(html, url)

    def run_trafilatura(html, url):
        return trafilatura.extract(html, url=url)

    gleaner_speed, gleaner_cpu = pages_per_second(run_gleaner, pages, args.seconds)
    trafilatura_speed, trafilatura_cpu = pages_per_second(run_trafilatura, pages, args.seconds)

    gleaner_records = [gleaner.extract(html, url, source=path) for path, html, url in pages]
    trafilatura_records = [{"source": path, "body": trafilatura.extract(html, url=url) or ""}
                           for path, html, url in pages]
    gleaner_score = score(dataset, gleaner_records)
    trafilatura_score = score(dataset, trafilatura_records)

    one = stream_pages_per_second(gleaner, pages, 1, args.seconds)
    two = stream_pages_per_second(gleaner, pages, 2, args.seconds)
    load_after = os.getloadavg()

    rows = [
        ("gleaner.extract", gleaner_speed, gleaner_cpu, gleaner_score),
        ("trafilatura.extract", trafilatura_speed, trafilatura_cpu, trafilatura_score),
    ]
    print(f"\n{'':<22}{'pages/s':>10}{'per CPU s':>11}{'word F1':>10}{'word P':>9}{'word R':>9}"
          f"{'shingle F1':>12}")
    for name, speed, cpu, s in rows:
        print(f"{name:<22}{speed:>10.1f}{cpu:>11.1f}{s['word_f1']:>10.3f}"
              f"{s['word_precision']:>9.3f}{s['word_recall']:>9.3f}{s['shingle_f1']:>12.3f}")
    print(f"\ngleaner is {gleaner_speed / trafilatura_speed:.1f}x as fast as trafilatura "
          f"({gleaner_cpu / trafilatura_cpu:.1f}x per CPU second), "
          f"word F1 {gleaner_score['word_f1'] - trafilatura_score['word_f1']:+.3f}")
    print(f"extract_many: jobs=1 {one:.1f} pages/s, jobs=2 {two:.1f} pages/s: "
          f"{two / one:.2f}x")
    print(f"load average {load_after[0]:.2f} after")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "pages": len(pages),
            "cores": os.cpu_count(),
            "load_before": load_before[0],
            "load_after": load_after[0],
            "gleaner_pages_per_s": gleaner_speed,
            "trafilatura_pages_per_s": trafilatura_speed,
            "gleaner_pages_per_cpu_s": gleaner_cpu,
            "trafilatura_pages_per_cpu_s": trafilatura_cpu,
            "gleaner": gleaner_score,
            "trafilatura": trafilatura_score,
            "extract_many_jobs1_pages_per_s": one,
            "extract_many_jobs2_pages_per_s": two,
        }, indent=1))


if __name__ == "__main__":
    main()
