"""extract_many: the records of extract, in input order, read lazily, on
several threads with the GIL released; memory stays flat."""

import itertools
import sys
import threading
from pathlib import Path

import pytest

import gleaner
from conftest import fixture_cases

CASES = fixture_cases()
PAGES = [(page, url) for _, page, url in CASES]


def test_records_come_in_input_order_and_equal_extract():
    pages = PAGES * 4
    want = [gleaner.extract(page, url) for page, url in pages]
    for jobs in (1, 2, 3):
        assert list(gleaner.extract_many(pages, jobs=jobs)) == want, jobs
    assert list(gleaner.extract_many(iter(pages))) == want


def test_items_may_be_pages_or_tuples():
    name, page, url = next(c for c in CASES if c[2])
    text = page.decode("utf-8")
    items = [page, text, (page, url), [page, url], (page, None), (page, url, "mine")]
    got = list(gleaner.extract_many(items, jobs=2))
    assert got[0] == gleaner.extract(page)
    assert got[1] == gleaner.extract(text)
    assert got[2] == got[3] == gleaner.extract(page, url)
    assert got[4] == gleaner.extract(page)
    assert got[5] == gleaner.extract(page, url, source="mine")


def test_options_apply_to_every_page():
    got = list(gleaner.extract_many(PAGES[:5], jobs=2, markdown=True, html_body=True))
    assert got == [gleaner.extract(p, u, markdown=True, html_body=True) for p, u in PAGES[:5]]
    assert all("body_markdown" in r and "body_html" in r for r in got)


def test_an_empty_iterable_gives_no_records():
    assert list(gleaner.extract_many([], jobs=2)) == []


def test_errors_are_raised_in_their_place():
    def pages():
        yield PAGES[0]
        yield PAGES[1]
        raise RuntimeError("the source broke")

    records = gleaner.extract_many(pages(), jobs=2)
    assert next(records) == gleaner.extract(*PAGES[0])
    assert next(records) == gleaner.extract(*PAGES[1])
    with pytest.raises(RuntimeError, match="the source broke"):
        next(records)
    assert list(records) == []

    records = gleaner.extract_many([PAGES[0], 42, PAGES[1]], jobs=2)
    assert next(records)["body"]
    with pytest.raises(TypeError, match="item 1 must be str, bytes or a"):
        next(records)
    with pytest.raises(ValueError, match="item 0 has 4 elements"):
        list(gleaner.extract_many([("a", None, None, None)]))
    with pytest.raises(TypeError, match="item 0: url must be str or None"):
        list(gleaner.extract_many([("<p>x</p>", 5)]))


def test_misuse_raises():
    with pytest.raises(TypeError, match="not one page"):
        gleaner.extract_many("<p>one page</p>")
    with pytest.raises(TypeError, match="iterable of pages, not int"):
        gleaner.extract_many(42)
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        gleaner.extract_many(PAGES, jobs=0)
    with pytest.raises(TypeError):
        gleaner.extract_many(PAGES, jobs="2")


def test_the_input_is_read_a_bounded_window_ahead():
    # An endless generator: only a few pages per thread are ever taken
    # ahead of the records handed out, so a million pages run like ten.
    pulled = itertools.count()
    taken = [0]

    def endless():
        for n in pulled:
            taken[0] = n + 1
            yield PAGES[n % len(PAGES)]

    for jobs in (1, 2, 4):
        taken[0] = 0
        pulled = itertools.count()
        records = gleaner.extract_many(endless(), jobs=jobs)
        for handed_out in range(1, 301):
            next(records)
            assert taken[0] - handed_out <= 4 * jobs, (jobs, handed_out, taken[0])


def task_cpu_ticks(prefix):
    """CPU ticks (user + system) of this process's threads named PREFIX*."""
    ticks = {}
    for task in Path("/proc/self/task").iterdir():
        try:
            comm = (task / "comm").read_text().strip()
            stat = (task / "stat").read_text()
        except OSError:
            continue
        if comm.startswith(prefix):
            fields = stat[stat.rindex(")") + 2:].split()
            ticks[comm] = int(fields[11]) + int(fields[12])
    return ticks


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_jobs_run_on_that_many_threads_each_taking_a_share():
    # Structural, not timed: with jobs=2 both extraction threads do a real
    # share of the work (read from their CPU time, before the stream ends
    # and they exit); the speed-up itself is measured by the benchmark.
    pages = itertools.islice(itertools.cycle(PAGES), 3000)
    records = gleaner.extract_many(pages, jobs=2)
    for _ in range(2900):
        next(records)
    ticks = task_cpu_ticks("gleaner-")
    assert sorted(ticks) == ["gleaner-0", "gleaner-1"], ticks
    total = sum(ticks.values())
    assert total >= 10, ticks  # enough work to tell shares apart
    assert min(ticks.values()) >= total * 0.2, ticks
    assert len(list(records)) == 100


def slow_page():
    # Deep, wide and long: tens of milliseconds or more to extract anywhere.
    rows = "".join(f"<tr><td>cell {i}</td><td>value {i}</td></tr>" for i in range(20_000))
    paras = "".join(f"<p>Paragraph {i} of a long article, with some words.</p>" for i in range(40_000))
    return f"<html><body><article>{paras}<table>{rows}</table></article></body></html>"


def python_runs_during(call):
    """Whether another Python thread ran while CALL was inside gleaner.

    The switch interval is set very long, so the interpreter never takes
    the GIL from a thread that holds it: the helper thread can only run
    while the main thread has given the GIL up, which it does inside
    gleaner only if gleaner releases it.
    """
    state = {"phase": "before", "seen_inside": 0}

    def helper():
        import time

        while state["phase"] != "done":
            if state["phase"] == "inside":
                state["seen_inside"] += 1
            time.sleep(0.0002)  # gives the GIL up; the test's own thread may go on

    old = sys.getswitchinterval()
    thread = threading.Thread(target=helper)
    thread.start()
    try:
        sys.setswitchinterval(1000.0)
        state["phase"] = "inside"
        call()
        state["phase"] = "done"
    finally:
        state["phase"] = "done"
        sys.setswitchinterval(old)
        thread.join()
    return state["seen_inside"]


def test_the_gil_is_released_while_pages_are_extracted():
    page = slow_page()
    assert python_runs_during(lambda: gleaner.extract(page)) > 0
    assert python_runs_during(lambda: list(gleaner.extract_many([page] * 4, jobs=2))) > 0


def rss_kib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux /proc")
def test_no_memory_growth_over_ten_thousand_calls():
    pages = [(p, u) for p, u in PAGES]
    for i in range(1000):  # warm up: allocator pools, interned strings
        gleaner.extract(*pages[i % len(pages)])
    before = rss_kib()
    for i in range(10_000):
        gleaner.extract(*pages[i % len(pages)], markdown=i % 2 == 0)
    grown = rss_kib() - before
    # A leak of even one small record per call would be tens of MiB.
    assert grown < 16 * 1024, f"RSS grew by {grown} KiB over 10,000 calls"

    before = rss_kib()
    records = gleaner.extract_many(itertools.islice(itertools.cycle(pages), 10_000), jobs=2)
    assert sum(1 for _ in records) == 10_000
    grown = rss_kib() - before
    assert grown < 32 * 1024, f"RSS grew by {grown} KiB over 10,000 streamed pages"


def test_a_stream_dropped_half_way_stops_its_threads():
    import time

    for _ in range(50):
        records = gleaner.extract_many(PAGES * 2, jobs=2)
        next(records)
        del records
    # Threads end once their queue closes (after the page each may be
    # extracting): none are left behind. This waits for them, up to a
    # minute on a loaded machine; it times nothing.
    for _ in range(600):
        if not task_cpu_ticks("gleaner-"):
            break
        time.sleep(0.1)
    assert task_cpu_ticks("gleaner-") == {}


def test_a_stream_read_from_inside_its_own_input_raises_instead_of_hanging():
    holder = []

    def pages():
        yield PAGES[0]
        next(holder[0])
        yield PAGES[1]

    records = gleaner.extract_many(pages(), jobs=2)
    holder.append(records)
    assert next(records) == gleaner.extract(*PAGES[0])
    with pytest.raises(RuntimeError, match="already being read"):
        next(records)
