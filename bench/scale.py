"""Page cost at region and at nation scale on PostgreSQL, in the same run.

    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python -m bench.scale [--requests 30] [--runs 5] [--slowest 0]

Builds the region data set (5,000 sessions) and the nation data set (40 regions: 200,000
sessions) once each, into the schemas `region` and `nation` of that database, then serves the
session list, the coordinator dashboard, a co-trainer's calendar feed and that co-trainer's
page (the same person, in region 1 of both sets) from both, taking turns request by request.
Every request is a first visit: the page cache is emptied before it, so each one runs its
queries. Reports each page's median time per scale and the ratio nation / region within each
run (the median of the runs). Goal: no page above 1.2. `--slowest N` prints the N slowest
statements of each nation page instead (`--explain`: with their EXPLAIN (ANALYZE, BUFFERS)
plans). See docs/performance.md.
"""

import argparse
import os
import statistics
import time
from collections import defaultdict

from flask_migrate import upgrade
from sqlalchemy import create_engine, event, select, text

from trainer import create_app, demo
from trainer.calendars import service as calendar_service
from trainer.extensions import db
from trainer.models import Person

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench"
SCALES = ("region", "nation")
PERSON_EMAIL = "autistic.001@region.example.org"


def scale_app(base_url: str, scale: str):
    """The app on the schema named after the scale, built and seeded on first use."""
    with create_engine(base_url).begin() as connection:
        connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {scale}"))
    url = f"{base_url}?options=-csearch_path%3D{scale}"
    app = create_app("test", {"SQLALCHEMY_DATABASE_URI": url, "TESTING": False})
    with app.app_context():
        upgrade()
        if demo.is_empty():
            started = time.perf_counter()
            print(f"Building the {scale} data set (once)...", flush=True)
            print(demo.seed(password="demo-password", scale=scale, echo=print))
            db.session.commit()
            print(f"Built in {time.perf_counter() - started:.0f} s.", flush=True)
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    return app


def urls(app) -> dict[str, str]:
    with app.app_context():
        person = db.session.scalar(select(Person).where(Person.email == PERSON_EMAIL))
        feed = calendar_service.get_feed(person=person) or calendar_service.new_link(
            person=person, actor=None
        )
        db.session.commit()
        return {
            "session list": "/sessions/",
            "coordinator dashboard": "/coordinator",
            "personal calendar feed": f"/calendar/{feed.token}.ics",
            "a co-trainer's page": f"/people/{person.id}",
        }


def signed_in_client(app):
    client = app.test_client()
    response = client.post(
        "/sign-in", data={"email": "coordinator@example.org", "password": "demo-password"}
    )
    assert response.status_code == 302, "sign-in failed"
    return client


def time_ms(app, client, url: str) -> float:
    app.extensions["page_cache"].clear()
    started = time.perf_counter()
    response = client.get(url)
    taken = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return taken * 1000


def one_run(apps, clients, pages, requests: int) -> dict[tuple[str, str], float]:
    """Median ms per (page, scale), taking turns so load elsewhere falls on all alike."""
    times = defaultdict(list)
    order = [(page, scale) for page in pages[SCALES[0]] for scale in SCALES]
    for page, scale in order:
        time_ms(apps[scale], clients[scale], pages[scale][page])  # warm up
    for turn in range(requests):
        shift = turn % len(order)
        for page, scale in order[shift:] + order[:shift]:
            times[page, scale].append(time_ms(apps[scale], clients[scale], pages[scale][page]))
    return {key: statistics.median(values) for key, values in times.items()}


def _explain(engine, statement: str, parameters) -> str:
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {statement}", parameters)
        return "\n".join(f"            {row[0]}" for row in rows)


def slowest(app, client, pages: dict[str, str], count: int, explain: bool) -> None:
    """Each page's slowest statements, once, for EXPLAIN (ANALYZE)."""
    with app.app_context():
        engine = db.engine
    seen: list[tuple[float, str, object]] = []

    def before(conn, cursor, statement, parameters, context, many):
        conn.info["started"] = time.perf_counter()

    def after(conn, cursor, statement, parameters, context, many):
        taken = (time.perf_counter() - conn.info["started"]) * 1000
        seen.append((taken, statement, parameters))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    for page, url in pages.items():
        seen.clear()
        time_ms(app, client, url)
        print(f"-- {page}: {len(seen)} statements, {sum(ms for ms, *_ in seen):.1f} ms in SQL")
        for ms, statement, parameters in sorted(seen, key=lambda s: -s[0])[:count]:
            print(f"{ms:8.2f} ms  {' '.join(statement.split())[:300]}")
            if explain and statement.lstrip().upper().startswith("SELECT"):
                print(_explain(engine, statement, parameters))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--slowest", type=int, default=0)
    parser.add_argument("--explain", action="store_true", help="with --slowest: their plans")
    args = parser.parse_args()
    base_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    apps = {scale: scale_app(base_url, scale) for scale in SCALES}
    pages = {scale: urls(app) for scale, app in apps.items()}
    clients = {scale: signed_in_client(app) for scale, app in apps.items()}
    if args.slowest:
        slowest(apps["nation"], clients["nation"], pages["nation"], args.slowest, args.explain)
        return
    runs = [one_run(apps, clients, pages, args.requests) for _ in range(args.runs)]
    print(
        f"{args.runs} runs of {args.requests} first visits a page and scale (page cache emptied "
        "before each).\nMedians of the runs; ratio: nation / region within each run."
    )
    print(f"{'page':26} {'region ms':>10} {'nation ms':>10} {'ratio':>7}")
    for page in pages[SCALES[0]]:
        region = statistics.median(run[page, "region"] for run in runs)
        nation = statistics.median(run[page, "nation"] for run in runs)
        ratio = statistics.median(run[page, "nation"] / run[page, "region"] for run in runs)
        print(f"{page:26} {region:10.2f} {nation:10.2f} {ratio:7.2f}")


if __name__ == "__main__":
    main()
