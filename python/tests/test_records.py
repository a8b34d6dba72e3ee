"""gleaner.extract gives the command's records, for str and bytes, and
turns bad pages into error records while misuse raises."""

import gzip
import inspect
import json
import random
from pathlib import Path

import pytest

import gleaner
from conftest import FIXTURES, fixture_cases, run_cli

CASES = fixture_cases()


def cli_records(tmp_path, *flags):
    """The command's record of every fixture page, given with its URL."""
    listing = tmp_path / "list.txt"
    lines = []
    for name, _, url in CASES:
        path = FIXTURES / name / "page.html"
        lines.append(f"{path} {url}" if url else str(path))
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = run_cli("--input-list", str(listing), *flags)
    assert len(records) == len(CASES)
    return records


@pytest.mark.parametrize(
    "flags, options",
    [
        ((), {}),
        (("--body", "markdown,html", "--no-tables"),
         {"markdown": True, "html_body": True, "include_tables": False}),
        (("--body", "markdown", "--no-links", "--no-images"),
         {"markdown": True, "markdown_links": False, "markdown_images": False}),
    ],
    ids=["defaults", "markdown-html-no-tables", "markdown-no-links-no-images"],
)
def test_same_records_as_the_command_on_every_fixture(tmp_path, flags, options):
    # With the file's path as `source`, nothing differs: every key, every
    # value, the key order too. (Without `source=` the record's source is
    # the URL, or "" — the one field that names the input, not the page.)
    for (name, page, url), want in zip(CASES, cli_records(tmp_path, *flags)):
        got = gleaner.extract(page, url, source=str(FIXTURES / name / "page.html"), **options)
        assert got == want, name
        assert list(got) == list(want), name
        assert json.dumps(got) == json.dumps(want), name


def test_source_defaults_to_the_url_else_empty():
    name, page, url = next(c for c in CASES if c[2])
    assert gleaner.extract(page, url)["source"] == url
    assert gleaner.extract(page)["source"] == ""


def test_str_and_bytes_give_the_same_record():
    checked = 0
    for name, page, url in CASES:
        try:
            text = page.decode("utf-8")
        except UnicodeDecodeError:
            continue
        from_bytes = gleaner.extract(page, url)
        from_text = gleaner.extract(text, url)
        # Bytes go through charset detection; text is already decoded, so
        # the only difference allowed is the note that a charset was guessed.
        warnings = [w for w in from_bytes.get("warnings", []) if w["kind"] != "charset_detected"]
        if warnings:
            from_bytes["warnings"] = warnings
        else:
            from_bytes.pop("warnings", None)
        assert from_text == from_bytes, name
        checked += 1
    assert checked == len(CASES)


def page_in(charset):
    return (
        f"<html><head><meta charset='{charset}'><title>Le café</title></head><body>"
        "<article><h1>Le café</h1><p>Un café crème au comptoir, à côté de la gare, "
        "coûte deux euros et demi depuis l'été dernier, disent les habitués.</p>"
        "</article></body></html>"
    )


def test_bytes_are_decoded_by_their_charset():
    latin = gleaner.extract(page_in("iso-8859-1").encode("latin-1"))
    assert "café crème" in latin["body"], latin
    assert gleaner.extract(page_in("utf-8"))["body"] == latin["body"]
    # bytearray is bytes too.
    assert gleaner.extract(bytearray(page_in("utf-8").encode()))["body"] == latin["body"]


def test_gzip_bytes_are_unpacked():
    name, page, url = CASES[0]
    assert gleaner.extract(gzip.compress(page), url) == gleaner.extract(page, url)


def error_kind(record):
    return (record.get("error") or {}).get("kind")


def test_bad_pages_give_error_records():
    assert error_kind(gleaner.extract(b"")) == "empty"
    assert error_kind(gleaner.extract("")) == "empty"
    assert error_kind(gleaner.extract("   \n\t ")) == "empty"
    rng = random.Random(16)
    junk = bytes(rng.getrandbits(8) for _ in range(200_000))
    record = gleaner.extract(junk)
    assert error_kind(record) is not None, record
    assert record["body"] == ""
    assert error_kind(gleaner.extract(b"\x00" * 1000)) is not None
    # An address that does not parse is the page's failure, not misuse.
    record = gleaner.extract("<p>Some text here.</p>", "not a url")
    assert error_kind(record) == "invalid_url"
    assert record["url"] == "not a url"


def test_huge_pages_are_refused_by_size():
    big = "<html><body>" + "<p>Some words in a paragraph.</p>" * 2_000_000 + "</body></html>"
    assert len(big) > gleaner.DEFAULTS["max_input_bytes"]
    record = gleaner.extract(big)
    assert error_kind(record) == "too_large", record
    assert error_kind(gleaner.extract(big.encode())) == "too_large"
    # Under the limit a large page is extracted.
    large = "<html><body><article>" + "<p>Some words in a paragraph, again.</p>" * 50_000
    record = gleaner.extract(large + "</article></body></html>")
    assert error_kind(record) is None
    assert record["word_count"] >= 300_000
    name, page, url = CASES[0]
    assert error_kind(gleaner.extract(page, max_input_bytes=100)) == "too_large"


@pytest.mark.parametrize("html", [None, 42, 4.2, ["<p>x</p>"], {"html": "x"}, object()])
def test_a_page_of_the_wrong_type_raises_type_error(html):
    with pytest.raises(TypeError, match="html must be str or bytes"):
        gleaner.extract(html)


def test_misused_arguments_raise():
    with pytest.raises(TypeError, match="url must be str or None"):
        gleaner.extract("<p>x</p>", 42)
    with pytest.raises(TypeError, match="source must be str or None"):
        gleaner.extract("<p>x</p>", source=b"x")
    with pytest.raises(TypeError):
        gleaner.extract("<p>x</p>", markdown="yes")
    with pytest.raises(TypeError):
        gleaner.extract("<p>x</p>", no_such_option=True)
    with pytest.raises(TypeError):
        gleaner.extract("<p>x</p>", None, True)  # options are keyword-only
    with pytest.raises(ValueError, match="max_input_bytes must be a positive"):
        gleaner.extract("<p>x</p>", max_input_bytes=0)
    with pytest.raises(ValueError, match="max_depth must be at least 1"):
        gleaner.extract("<p>x</p>", max_depth=-3)
    with pytest.raises(ValueError, match="reference_date"):
        gleaner.extract("<p>x</p>", reference_date="2020-13-01")
    with pytest.raises(TypeError, match="reference_date"):
        gleaner.extract("<p>x</p>", reference_date=20200101)


def test_reference_date_takes_a_date_or_a_string():
    import datetime

    page = (
        "<html><head><meta property='article:published_time' content='2030-05-01T10:00:00Z'>"
        "</head><body><article><h1>Later</h1><p>A paragraph long enough to be the body of "
        "this page, written on a day after the reference.</p></article></body></html>"
    )
    # A date after the day the page was fetched is not its publication date.
    assert gleaner.extract(page, reference_date="2030-01-01")["published"] is None
    assert gleaner.extract(page, reference_date=datetime.date(2030, 1, 1))["published"] is None
    assert gleaner.extract(page, reference_date=datetime.date(2030, 6, 1))["published"]


def test_defaults_are_the_library_defaults():
    # DEFAULTS is read from the library's Options::default(); the signatures
    # (what help() shows) must say the same.
    for fn in (gleaner.extract, gleaner.extract_many, gleaner.read_warc):
        params = inspect.signature(fn).parameters
        for name, value in gleaner.DEFAULTS.items():
            assert params[name].default == value, (fn.__name__, name)
            assert params[name].kind == inspect.Parameter.KEYWORD_ONLY


def test_help_and_type_stubs_are_shipped():
    for fn in (gleaner.extract, gleaner.extract_many, gleaner.read_warc):
        assert len(fn.__doc__) > 200, fn.__name__
    assert "extract_many" in gleaner.__doc__
    package = Path(gleaner.__file__).parent
    assert (package / "py.typed").is_file()
    stub = (package / "__init__.pyi").read_text()
    for name in ("def extract(", "def extract_many(", "def read_warc(", "class Records"):
        assert name in stub
    assert gleaner.__version__
