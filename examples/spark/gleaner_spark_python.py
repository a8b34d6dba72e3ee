#!/usr/bin/env python3
"""Extract articles with gleaner inside a Spark job, through its Python API.

The alternative to gleaner_spark.py (which pipes partitions through the
gleaner binary): each partition calls gleaner.extract_many in the Python
worker itself, on Rust threads with the GIL released, so the workers need
the gleaner wheel installed (`pip install gleaner-*.whl`) rather than a
binary. Records are the same JSON the command prints.

Input lines: a local (or shared-file-system) path per line, optionally
followed by the page's URL: an HTML file (plain or gzip) or a WARC file
(read with gleaner.read_warc). This version does not fetch URLs; the pipe
version does.

    spark-submit examples/spark/gleaner_spark_python.py --inputs list.txt --output out/

Run locally without a cluster (pyspark from PyPI and Java 17 suffice):

    python3 examples/spark/gleaner_spark_python.py --master 'local[2]' \\
        --inputs list.txt --output out/ --check

--check reads the output back and fails unless every input line came back
exactly once (a WARC file comes back as its pages, so check lists of pages).
"""

import argparse
import gzip
import json
import os
import sys


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--inputs", required=True, help="input list: one path (and URL) per line")
    p.add_argument("--output", required=True, help="output directory (JSONL part files)")
    p.add_argument("--master", default=None, help="Spark master, e.g. local[2]")
    p.add_argument("--partitions", type=int, default=4)
    p.add_argument("--jobs", type=int, default=1,
                   help="extraction threads per Spark task (one per Spark core is usual)")
    p.add_argument("--check", action="store_true",
                   help="fail unless every input comes back exactly once")
    return p.parse_args()


def is_warc(path):
    """A WARC file, plain or gzip, by its first bytes (as the command tells)."""
    try:
        with open(path, "rb") as f:
            head = f.read(2)
        opener = gzip.open if head == b"\x1f\x8b" else open
        with opener(path, "rb") as f:
            return f.read(5) == b"WARC/"
    except (OSError, EOFError):
        return False


def extract_partition(lines, jobs):
    """The JSON records of one partition's input lines."""
    import gleaner

    inputs = []
    for line in lines:
        path, _, url = line.strip().partition(" ")
        inputs.append((path, url.strip() or None))
    failed = []

    def pages():
        for path, url in inputs:
            if is_warc(path):
                continue
            try:
                with open(path, "rb") as f:
                    html = f.read()
            except OSError as err:
                failed.append({"source": path, "url": url,
                               "error": {"kind": "io", "message": str(err)}})
                continue
            # Bytes: gzip is undone and the charset found, as for the command.
            yield html, url, path

    for record in gleaner.extract_many(pages(), jobs=jobs):
        yield json.dumps(record, ensure_ascii=False)
    for path, _ in inputs:
        if is_warc(path):
            for record in gleaner.read_warc(path, jobs=jobs):
                yield json.dumps(record, ensure_ascii=False)
    for record in failed:
        yield json.dumps(record, ensure_ascii=False)


def main():
    args = parse_args()
    # The Python workers must be the interpreter running this script (the
    # one gleaner is installed in).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setAppName("gleaner-python")
    if args.master:
        conf = (conf.setMaster(args.master)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        lines = sc.textFile(args.inputs, minPartitions=args.partitions)
        lines = lines.filter(lambda l: l.strip() and not l.lstrip().startswith("#"))
        jobs = args.jobs
        records = lines.mapPartitions(lambda part: extract_partition(part, jobs))
        records.saveAsTextFile(args.output)
        if args.check:
            sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
            from gleaner_spark import check

            args.input_format = "lines"
            check(sc, args)
    finally:
        sc.stop()


if __name__ == "__main__":
    main()
