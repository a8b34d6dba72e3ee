"""Shared helpers: where the repository, its fixtures and the command are.

The command is the one `cargo build` made: $GLEANER_BIN, else the newest of
target/{release,quick,debug}/gleaner ($CARGO_TARGET_DIR honoured). Tests that
need it skip without it, except under CI (CI set), where they fail.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


def fixture_cases():
    """(name, page bytes, url or None) for every fixture folder."""
    cases = []
    for folder in sorted(FIXTURES.iterdir()):
        page = folder / "page.html"
        if not page.is_file():
            continue
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        cases.append((folder.name, page.read_bytes(), expected.get("url")))
    return cases


def gleaner_bin():
    given = os.environ.get("GLEANER_BIN")
    if given:
        return given
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    built = [target / p / "gleaner" for p in ("release", "quick", "debug")]
    built = [b for b in built if b.is_file()]
    if built:
        return str(max(built, key=lambda b: b.stat().st_mtime))
    message = "no gleaner command built: run `cargo build --release` or set GLEANER_BIN"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def run_cli(*args, **kwargs):
    """The command's JSONL records for ARGS, in input order."""
    out = subprocess.run(
        [gleaner_bin(), "--format", "jsonl", "--ordered", "--quiet", *args],
        capture_output=True,
        check=False,
        **kwargs,
    )
    # Exit code 1 means some inputs failed: their records are still printed.
    assert out.returncode in (0, 1), out.stderr.decode(errors="replace")
    return [json.loads(line) for line in out.stdout.decode().splitlines() if line.strip()]


def need_module(name):
    """Import NAME, or skip (fail under CI, where .ci/run installs it)."""
    try:
        return __import__(name)
    except ImportError:
        message = f"{name} is not installed: pip install {name}, as .ci/run does"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
