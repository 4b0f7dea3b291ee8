"""Page speed on the region data set: the coordinator dashboard and the session list against a
bare one-query Flask page, served the same way (WSGI, in process) in the same run.

    .venv/bin/python -m bench.pages [--requests 200] [--runs 5]

Reports the median time per request and each page's throughput as a ratio of the bare page's:
repeat visits (the whole page kept), the same without the whole-page layer (the page drawn
around the kept body on every request: why that layer is kept), and first visits (the cache
emptied before every request). Goal: at least 0.5 (half the throughput of a one-query Flask
page) for repeat visits. See docs/performance.md.
"""

import argparse
import hashlib
import statistics
import tempfile
import time
from pathlib import Path

from flask import Flask, render_template
from flask_login import login_required
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from trainer import create_app, demo
from trainer.extensions import db

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations" / "versions"


def database_path() -> Path:
    """One file per schema: a new initial migration means a fresh data set, built once."""
    heads = "-".join(sorted(p.name.split("_")[0] for p in MIGRATIONS.glob("*.py")))
    if not heads:
        raise SystemExit("No migration found (is the initial migration being regenerated?)")
    # a digest of the migrations' names: the names themselves soon pass a file name's limit
    schema = hashlib.sha256(heads.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"heads-together-bench-region-{schema}.db"


DB_PATH = database_path()
BARE = "bare one-query page"


def region_app():
    url = f"sqlite:///{DB_PATH}"
    app = create_app("test", {"SQLALCHEMY_DATABASE_URI": url, "TESTING": False})
    with app.app_context():
        upgrade()
        if demo.is_empty():
            print("Building the region data set (once)...")
            demo.seed(password="demo-password", scale="region")
            db.session.commit()
        # table statistics, as a database in service has them (PostgreSQL's autovacuum,
        # SQLite's PRAGMA optimize): without them SQLite may pass over a partial index
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    return app


def bare_app() -> Flask:
    """A minimal Flask page doing one query on the same database."""
    app = Flask("bare")
    engine = create_engine(f"sqlite:///{DB_PATH}")

    @app.get("/")
    def one_query():
        with engine.connect() as connection:
            total = connection.execute(text("SELECT count(*) FROM training_sessions")).scalar()
        return f"<p>{total} sessions</p>"

    return app


class NothingKept:
    """Stands in for `PageCache.pages`: no whole page is kept, each is drawn around its body."""

    def get(self, stamp, key):
        return None

    def put(self, stamp, key, value) -> None:
        pass

    def clear(self) -> None:
        pass


def signed_in_client(app):
    client = app.test_client()
    response = client.post(
        "/sign-in", data={"email": "coordinator@example.org", "password": "demo-password"}
    )
    assert response.status_code == 302, "sign-in failed"
    return client


def time_ms(client, url: str, before=None) -> tuple[float, float]:
    """One GET: (wall, CPU) milliseconds; `before` runs untimed first (to empty the cache)."""
    if before:
        before()
    wall, cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert response.status_code == 200, (url, response.status_code)
    return wall * 1000, cpu * 1000


def one_run(pages: dict, requests: int) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) ms per page, the pages taking turns request by request so that
    load from elsewhere on the machine falls on all of them alike."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in pages}
    for client, url, before in pages.values():
        time_ms(client, url, before)  # warm up
    names = list(pages)
    for turn in range(requests):
        # a different page goes first each turn: whichever follows another app's request
        # pays for the caches that request emptied, so no page always does
        shift = turn % len(names)
        for name in names[shift:] + names[:shift]:
            client, url, before = pages[name]
            times[name].append(time_ms(client, url, before))
    return {
        name: (statistics.median(w for w, _ in values), statistics.median(c for _, c in values))
        for name, values in times.items()
    }


FLOOR = "floor: signed in, the layout, no data"


def add_floor_page(app) -> None:
    """A signed-in page of the service's layout around an empty body, with no query of its
    own: what every first visit pays before its page's data (the user read again after a
    change, the menu, the sign-out form's token). No page can do better than this."""
    template = app.jinja_env.from_string(
        '{% extends "base.html" %}{% block title %}Floor{% endblock %}'
        '{% block content %}<p class="govuk-body">Nothing here</p>{% endblock %}'
    )

    @app.get("/bench-floor")
    @login_required
    def bench_floor():
        return render_template(template)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    # three workers: one as it is, one keeping no whole pages, one whose cache is emptied
    app, bodies_app, cold_app = region_app(), region_app(), region_app()
    add_floor_page(cold_app)
    bodies_app.extensions["page_cache"].pages = NothingKept()
    client, bare = signed_in_client(app), bare_app().test_client()
    bodies_client = signed_in_client(bodies_app)
    cold_client, empty_cache = signed_in_client(cold_app), cold_app.extensions["page_cache"].clear
    urls = {
        "coordinator dashboard": "/coordinator",
        "session list (25 a page)": "/sessions/?page=40",
        "session list (100 a page)": "/sessions/?page=10&per_page=100",
    }
    # Repeat visits and first visits are timed in separate runs, each beside the bare page:
    # a first visit's garbage and cache misses slow whatever request follows it, the bare
    # page's most of all, which would flatter the repeat visits' ratio.
    groups = {
        "repeat visit, and without the whole-page layer": {
            **{name: (client, url, None) for name, url in urls.items()},
            **{f"{name}, no whole page": (bodies_client, url, None) for name, url in urls.items()},
        },
        "first visit after a change": {
            FLOOR: (cold_client, "/bench-floor", empty_cache),
            **{f"{name}, cold": (cold_client, url, empty_cache) for name, url in urls.items()},
        },
    }
    print(
        f"{args.runs} runs of {args.requests} requests a page; 'cold': the page cache emptied "
        "before each request;\n'no whole page': the page drawn around the kept body every time."
        "\nMedians of the runs. Ratio: the bare page's median time over the page's, in the same "
        "run."
    )
    print(f"{'page':42} {'wall ms':>8} {'CPU ms':>8} {'throughput vs bare':>19} {'(by CPU)':>9}")
    for title, group in groups.items():
        pages = {BARE: (bare, "/", None), **group}
        runs = [one_run(pages, args.requests) for _ in range(args.runs)]
        print(f"-- {title}")
        for name in pages:
            wall = statistics.median(run[name][0] for run in runs)
            cpu = statistics.median(run[name][1] for run in runs)
            ratio = statistics.median(run[BARE][0] / run[name][0] for run in runs)
            cpu_ratio = statistics.median(run[BARE][1] / run[name][1] for run in runs)
            print(f"{name:42} {wall:8.2f} {cpu:8.2f} {ratio:19.2f} {cpu_ratio:9.2f}")


if __name__ == "__main__":
    main()
