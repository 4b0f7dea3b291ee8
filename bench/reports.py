"""A year's report on the region data set with learners (5,000 sessions, 60,000 learners,
12 on each session) against a bare one-query Flask page, served the same way in the same run;
and the year's bookings as CSV, streamed, with its memory measured.

    .venv/bin/python -m bench.reports [--requests 100] [--runs 5]

Report pages: the median time per request and its throughput as a ratio of the bare page's,
on repeat visits (the page kept for the data stamp, as for every visitor after the first) and
first visits (the cache emptied before each request). Goal: at least 0.1.

CSV: the time to stream the whole file, its size and rows, and the peak of Python memory
(tracemalloc) while it streams, for a month, a year and two years of bookings. Goal: flat:
the peak does not grow with the rows. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from datetime import timedelta

from bench.pages import BARE, bare_app, one_run, region_app, signed_in_client
from trainer.clock import local_today
from trainer.timezones import local_zone


def periods(app) -> dict[str, tuple[str, str]]:
    """The region's data runs from 180 days ago: a month, a year and two years from then."""
    with app.app_context():
        today = local_today(local_zone())
    first = today - timedelta(days=180)
    return {
        "a month": (first, first + timedelta(days=30)),
        "a year": (first, first + timedelta(days=364)),
        "two years": (first, first + timedelta(days=729)),
    }


def query(first, last, by: str = "programme") -> str:
    return f"date_from={first}&date_to={last}&by={by}"


def stream_csv(client, url: str, *, traced: bool = False) -> tuple[float, int, int, int]:
    """Stream a CSV, reading it chunk by chunk as a browser would: (seconds, bytes, lines,
    and with `traced` the peak bytes of Python memory while it streamed; tracemalloc slows
    every allocation, so timed runs go without it)."""
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    response = client.get(url, buffered=False)
    size = lines = 0
    for chunk in response.response:
        size += len(chunk)
        lines += chunk.count(b"\n")
    response.close()
    seconds = time.perf_counter() - started
    peak = 0
    if traced:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert response.status_code == 200, response.status_code
    return seconds, size, lines, peak


def pages_group(args, client, cold_client, empty_cache, year) -> None:
    bare = bare_app().test_client()
    urls = {
        "a year by programme": f"/reports/?{query(*year)}",
        "a year by employer": f"/reports/?{query(*year, 'employer')}",
        "a year by month": f"/reports/?{query(*year, 'month')}",
    }
    groups = {
        "repeat visit": {name: (client, url, None) for name, url in urls.items()},
        "first visit after a change": {
            f"{name}, cold": (cold_client, url, empty_cache) for name, url in urls.items()
        },
    }
    print(f"{'page':42} {'wall ms':>8} {'CPU ms':>8} {'throughput vs bare':>19}")
    for title, group in groups.items():
        pages = {BARE: (bare, "/", None), **group}
        runs = [one_run(pages, args.requests) for _ in range(args.runs)]
        print(f"-- {title}")
        for name in pages:
            wall = statistics.median(run[name][0] for run in runs)
            cpu = statistics.median(run[name][1] for run in runs)
            ratio = statistics.median(run[BARE][0] / run[name][0] for run in runs)
            print(f"{name:42} {wall:8.2f} {cpu:8.2f} {ratio:19.3f}")


def csv_group(args, client, spans) -> None:
    print("-- CSV, streamed (median of the runs; peak: Python memory while streaming)")
    print(f"{'file':34} {'seconds':>8} {'MB':>7} {'rows':>8} {'rows/s':>9} {'peak MB':>8}")
    for label, span in spans.items():
        for kind in ("bookings", "figures"):
            url = f"/reports/{kind}.csv?{query(*span)}"
            runs = [stream_csv(client, url) for _ in range(args.runs)]
            seconds = statistics.median(r[0] for r in runs)
            size, rows = runs[0][1], runs[0][2] - 1
            peak = stream_csv(client, url, traced=True)[3]
            print(
                f"{kind + ', ' + label:34} {seconds:8.3f} {size / 1e6:7.2f} {rows:8,} "
                f"{rows / seconds:9,.0f} {peak / 1e6:8.2f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app, cold_app = region_app(), region_app()
    client, cold_client = signed_in_client(app), signed_in_client(cold_app)
    empty_cache = cold_app.extensions["page_cache"].clear
    spans = periods(app)
    print(
        f"{args.runs} runs of {args.requests} requests a page on the region data set; 'cold': "
        "the page cache emptied before each request. Ratio: the bare page's median time over "
        "the page's, in the same run."
    )
    pages_group(args, client, cold_client, empty_cache, spans["a year"])
    csv_group(args, client, spans)


if __name__ == "__main__":
    main()
