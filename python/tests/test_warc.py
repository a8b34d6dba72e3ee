"""read_warc: the records the command makes of a WARC file's pages."""

import gzip

import pytest

import gleaner
from conftest import run_cli

DATE = "2020-03-02T00:00:00Z"


def article(title, published):
    return (
        f"<html><head><title>{title}</title>"
        f"<meta property='article:published_time' content='{published}'></head><body>"
        f"<article><h1>{title}</h1><p>The café on the corner opened again this week after "
        "a long winter, and the queue reached the station before nine o'clock.</p>"
        "<p>Its owner said the new roof had cost more than the old building.</p>"
        "</article></body></html>"
    )


def record(kind, rid, uri, block):
    head = (
        f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: {DATE}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def http(status, headers, body):
    head = f"HTTP/1.1 {status}\r\n" + "".join(h + "\r\n" for h in headers) + "\r\n"
    return head.encode() + body


def crawl():
    """A small crawl: four pages among the records a crawler also writes."""
    chunked = b""
    zipped = gzip.compress(article("Chunked gzip page", "2020-03-01T10:00:00Z").encode())
    for at in range(0, len(zipped), 50):
        part = zipped[at:at + 50]
        chunked += f"{len(part):x}\r\n".encode() + part + b"\r\n"
    chunked += b"0\r\n\r\n"
    return [
        b"WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:0>\r\n"
        b"Content-Length: 8\r\n\r\nformat: \r\n\r\n",
        record("request", 1, "http://a.test/plain", b"GET /plain HTTP/1.1\r\n\r\n"),
        record("response", 2, "http://a.test/plain", http(
            "200 OK", ["Content-Type: text/html; charset=utf-8"],
            article("Plain page", "2020-03-01T10:00:00Z").encode())),
        record("response", 3, "http://a.test/latin", http(
            "200 OK", ["Content-Type: text/html; charset=ISO-8859-1"],
            article("Latin-1 page", "2020-03-01T10:00:00Z").encode("latin-1"))),
        record("response", 4, "http://a.test/chunked", http(
            "200 OK", ["Content-Type: text/html", "Transfer-Encoding: chunked",
                       "Content-Encoding: gzip"], chunked)),
        record("response", 5, "http://a.test/moved", http(
            "301 Moved Permanently", ["Location: /plain"], b"")),
        record("response", 6, "http://a.test/logo.png", http(
            "200 OK", ["Content-Type: image/png"], b"\x89PNG\r\n")),
        record("metadata", 7, "http://a.test/plain", b"fetchTimeMs: 12\r\n"),
        # Published after the crawl: not a believable publication date then.
        record("response", 8, "http://a.test/future", http(
            "200 OK", ["Content-Type: text/html"],
            article("Future-dated page", "2020-06-01T10:00:00Z").encode())),
    ]


@pytest.fixture
def warc(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(gzip.compress(r) for r in crawl()))
    return path


def test_the_pages_of_a_warc_file_are_the_commands_records(warc):
    records = gleaner.read_warc(str(warc), jobs=2)
    got = list(records)
    assert [r["headline"] for r in got] == [
        "Plain page", "Latin-1 page", "Chunked gzip page", "Future-dated page"]
    assert got == run_cli(str(warc))
    first = got[0]
    assert first["source"] == f"{warc}#urn:uuid:2"
    assert first["url"] == "http://a.test/plain"
    assert first["fetched"] == "2020-03-02T00:00:00+00:00"
    assert "café" in got[1]["body"] and "café" in got[2]["body"]
    assert got[3]["published"] is None
    assert records.skipped == {
        "metadata": 1, "not_200": 1, "not_html": 1, "request": 1, "warcinfo": 1}


def test_plain_warc_files_and_paths_read_the_same(warc, tmp_path):
    plain = tmp_path / "crawl.warc"
    plain.write_bytes(b"".join(crawl()))
    got = list(gleaner.read_warc(plain, jobs=1, markdown=True))
    assert got == run_cli(str(plain), "--body", "markdown")
    assert [r["body"] for r in got] == [r["body"] for r in gleaner.read_warc(warc)]


def test_a_cut_off_warc_keeps_its_pages_and_ends_with_one_error(tmp_path):
    data = b"".join(crawl()[:3])
    path = tmp_path / "cut.warc"
    path.write_bytes(data + crawl()[3][:200])
    got = list(gleaner.read_warc(path))
    assert got[0]["headline"] == "Plain page"
    assert got[-1]["error"]["kind"] == "warc"
    assert got[-1]["source"] == str(path)
    assert got == run_cli(str(path))


def test_misuse_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        gleaner.read_warc(tmp_path / "missing.warc")
    with pytest.raises(TypeError, match="path must be"):
        gleaner.read_warc(42)
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        gleaner.read_warc(tmp_path, jobs=-1)
