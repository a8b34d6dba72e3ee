"""The examples run: the datatrove step on a few local pages, and the
PySpark job through the Python API in local mode."""

import importlib.util
import json
import os
import shutil
import subprocess
import sys

import pytest

import gleaner
from conftest import ROOT, fixture_cases, need_module

CASES = fixture_cases()[:8]


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def datatrove_step():
    need_module("datatrove")
    return load(ROOT / "python" / "examples" / "datatrove_gleaner.py", "datatrove_gleaner")


def test_the_datatrove_step_extracts_documents(datatrove_step):
    from datatrove.data import Document

    docs = [Document(text=page.decode("utf-8"), id=name) for name, page, _ in CASES]
    docs.append(Document(text="", id="empty"))
    docs.append(Document(text="<html><body><nav>Home</nav></body></html>", id="no-body"))
    step = datatrove_step.GleanerExtractor()
    out = list(step.run(iter(docs)))
    want = {name: gleaner.extract(page.decode("utf-8"))["body"] for name, page, _ in CASES}
    # Pages without a body are dropped, as datatrove's extractors do.
    assert {d.id: d.text for d in out} == {k: v for k, v in want.items() if v}
    assert len(out) == len(CASES)

    markdown = list(datatrove_step.GleanerExtractor(markdown=True).run(iter(docs[:2])))
    assert markdown[0].text == gleaner.extract(docs[0].text, markdown=True)["body_markdown"]


def test_the_datatrove_pipeline_runs_over_a_folder(datatrove_step, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for name, page, _ in CASES:
        (pages / f"{name}.html").write_bytes(page)
    out = tmp_path / "out"
    datatrove_step.main(str(pages), str(out))
    written = [json.loads(line) for f in sorted(out.glob("*.jsonl")) for line in open(f)]
    assert sorted(r["id"] for r in written) == sorted(name for name, _, _ in CASES)
    for record in written:
        page = (pages / f"{record['id']}.html").read_text(encoding="utf-8")
        assert record["text"] == gleaner.extract(page)["body"]


def test_the_pyspark_example_through_the_python_api(tmp_path):
    need_module("pyspark")
    if shutil.which("java") is None:
        message = "no java on this machine: install it as .ci/run does"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    lines = []
    for n in range(40):
        name, page, url = fixture_cases()[n % len(fixture_cases())]
        path = tmp_path / f"page-{n}.html"
        path.write_bytes(page)
        lines.append(f"{path} {url}" if url else str(path))
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join(lines) + "\n")
    script = ROOT / "examples" / "spark" / "gleaner_spark_python.py"
    out = subprocess.run(
        [sys.executable, str(script), "--master", "local[2]", "--partitions", "4", "--check",
         "--inputs", str(listing), "--output", str(tmp_path / "out")],
        capture_output=True, text=True, stdin=subprocess.DEVNULL,
        env=dict(os.environ, SPARK_LOCAL_IP="127.0.0.1"),
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "check ok: 40 records for 40 inputs, 0 failed" in out.stdout, out.stdout
    records = {}
    for part in (tmp_path / "out").glob("part-*"):
        for line in open(part, encoding="utf-8"):
            record = json.loads(line)
            records[record["source"]] = record
    for line in lines[:5]:
        path, _, url = line.partition(" ")
        want = gleaner.extract(open(path, "rb").read(), url or None, source=path)
        assert records[path] == want
