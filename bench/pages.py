"""Page speed on the region data set: the coordinator dashboard and the session list against a
bare one-query Flask page, served the same way (WSGI, in process) in the same run.

    .venv/bin/python -m bench.pages [--requests 200] [--runs 5]

Reports the median time per request and each page's throughput as a ratio of the bare page's.
Goal: at least 0.5 (half the throughput of a one-query Flask page).
"""
import argparse
import statistics
import tempfile
import time
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from trainer import create_app, demo
from trainer.extensions import db

DB_PATH = Path(tempfile.gettempdir()) / "heads-together-bench-region.db"


def region_app():
    url = f"sqlite:///{DB_PATH}"
    app = create_app("test", {"SQLALCHEMY_DATABASE_URI": url, "TESTING": False})
    with app.app_context():
        upgrade()
        if demo.is_empty():
            print("Building the region data set (once)...")
            demo.seed(password="demo-password", scale="region")
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


def signed_in_client(app):
    client = app.test_client()
    response = client.post("/sign-in", data={"email": "coordinator@example.org",
                                             "password": "demo-password"})
    assert response.status_code == 302, "sign-in failed"
    return client


def median_ms(client, url: str, requests: int) -> float:
    client.get(url)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = region_app()
    client, bare = signed_in_client(app), bare_app().test_client()
    pages = {"bare one-query page": (bare, "/"),
             "coordinator dashboard": (client, "/coordinator"),
             "session list (25 a page)": (client, "/sessions/?page=40"),
             "session list (100 a page)": (client, "/sessions/?page=10&per_page=100")}
    results = {name: [] for name in pages}
    for _ in range(args.runs):
        for name, (c, url) in pages.items():
            results[name].append(median_ms(c, url, args.requests))
    base = statistics.median(results["bare one-query page"])
    print(f"{'page':30} {'median ms':>10} {'throughput vs bare':>20}")
    for name, values in results.items():
        ms = statistics.median(values)
        print(f"{name:30} {ms:10.2f} {base / ms:20.2f}")


if __name__ == "__main__":
    main()
