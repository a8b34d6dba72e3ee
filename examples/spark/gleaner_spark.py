#!/usr/bin/env python3
"""Extract articles with gleaner inside a Spark job.

Each partition of the input list is piped through one gleaner process with
RDD.pipe: the partition's lines go to gleaner's standard input
(`--input-list -`) and every JSON line gleaner prints becomes one element of
the result. gleaner needs no Spark code of its own; Spark only needs the
gleaner binary on every worker (same path, or shipped with --files).

Input lines are what gleaner's --input-list takes: a WARC file, an HTML
file (optionally followed by its URL) or a URL per line; with
--input-format jsonl, {"url": ..., "html": ...} objects.

    spark-submit examples/spark/gleaner_spark.py \\
        --gleaner /opt/gleaner/bin/gleaner --inputs warc.paths --output out/

Run locally without a cluster (pyspark from PyPI and Java 17 suffice):

    python3 examples/spark/gleaner_spark.py --master 'local[2]' \\
        --gleaner target/release/gleaner --inputs list.txt --output out/ --check

--check reads the output back and fails unless every input line came back
exactly once (as a record whose source is that input); the test suite runs
it this way.
"""

import argparse
import json
import os
import shlex
import sys


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--gleaner", required=True, help="path to the gleaner binary")
    p.add_argument("--inputs", required=True, help="input list: one input per line")
    p.add_argument("--output", required=True, help="output directory (JSONL part files)")
    p.add_argument("--master", default=None, help="Spark master, e.g. local[2]")
    p.add_argument("--partitions", type=int, default=4)
    p.add_argument("--jobs", type=int, default=1,
                   help="extraction threads per gleaner process (one per Spark core is usual)")
    p.add_argument("--input-format", default="lines", choices=["lines", "jsonl"])
    p.add_argument("--check", action="store_true",
                   help="fail unless every input comes back exactly once")
    return p.parse_args()


def main():
    args = parse_args()
    # The Python workers must be the interpreter running this script.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setAppName("gleaner")
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
        command = [args.gleaner, "--input-list", "-", "--input-format", args.input_format,
                   "--format", "jsonl", "--jobs", str(args.jobs), "--quiet"]
        # gleaner exits 1 when some inputs failed: those are error records in
        # the output, not a failed task, so the exit code is not checked.
        records = lines.pipe(" ".join(shlex.quote(c) for c in command))
        records.saveAsTextFile(args.output)
        if args.check:
            check(sc, args)
    finally:
        sc.stop()


def check(sc, args):
    """Every input line is the source of exactly one record."""
    expected = {}
    with open(args.inputs, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if args.input_format == "jsonl":
                obj = json.loads(line)
                source = obj.get("source") or obj.get("url")
            else:
                source = line.split()[0]
            expected[source] = expected.get(source, 0) + 1
    got = {}
    failed = 0
    for text in sc.textFile(args.output).collect():
        rec = json.loads(text)
        got[rec["source"]] = got.get(rec["source"], 0) + 1
        failed += rec.get("error") is not None
    if got != expected:
        missing = sorted(set(expected) - set(got))
        extra = sorted(set(got) - set(expected))
        twice = sorted(s for s, n in got.items() if n > 1)
        print(f"check failed: missing {missing[:5]}, unexpected {extra[:5]}, repeated {twice[:5]}",
              file=sys.stderr)
        sys.exit(1)
    print(f"check ok: {sum(got.values())} records for {len(expected)} inputs, {failed} failed")


if __name__ == "__main__":
    main()
