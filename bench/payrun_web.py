"""What finance staff wait for: a pay run's letters through the web pages, drawn in the background.

    .venv/bin/python -m bench.payrun_web [--letters 1000]

Builds the region data set plus `--letters` people's approved pay in one pay run (as
`bench.payrun_app` does), signs in as finance, and times, through the app: the pay run page;
the first request for the one-PDF file (which queues the drawing and answers with a page);
how long a worker takes to draw it; and the next request, which is given the stored file. The
same for the ZIP. The baseline is what the download request used to do: draw the whole PDF
inside the request (`runs.write_run_pdf`), timed in the same run.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from bench.payrun_app import build
from trainer import create_app
from trainer.auth.service import create_user
from trainer.extensions import db
from trainer.jobs import queue
from trainer.models import PayRun, Role
from trainer.payments import runs


def timed(call):
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "payrun-web.db"
        _, seconds = timed(lambda: build(path, args.letters))
        print(f"region data set + {args.letters} people's approved pay + pay run: {seconds:.1f} s")
        app = create_app(
            "test",
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
                "TESTING": False,
                "QUEUE_IMMEDIATE": False,  # as in production: a worker draws the letters
                "QUEUE_FILE": str(Path(folder) / "queue.db"),
            },
        )
        with app.app_context():
            run_id = db.session.scalar(select(PayRun.id))
            create_user("bench-finance@example.org", "bench-password", {Role.FINANCE})
            db.session.commit()
        client = app.test_client()
        assert (
            client.post(
                "/sign-in",
                data={"email": "bench-finance@example.org", "password": "bench-password"},
            ).status_code
            == 302
        )
        base = f"/finance/pay-runs/{run_id}"
        page, seconds = timed(lambda: client.get(base))
        print(f"pay run page: {page.status_code} in {seconds * 1000:.0f} ms")
        for kind in ("pdf", "zip"):
            first, asked = timed(lambda kind=kind: client.get(f"{base}/letters.{kind}"))
            _, drawn = timed(queue.drain)  # what the worker does, here
            file, served = timed(lambda kind=kind: client.get(f"{base}/letters.{kind}"))
            assert first.status_code == 202 and file.status_code == 200, (first, file)
            extra = ""
            if kind == "pdf":
                extra = f", {len(PdfReader(io.BytesIO(file.data)).pages)} pages"
            print(
                f"{kind}: first request answered {first.status_code} in {asked * 1000:.0f} ms; "
                f"ready {drawn:.1f} s later; then {file.status_code} in {served * 1000:.0f} ms "
                f"({len(file.data) / 1e6:.1f} MB{extra})"
            )
        with app.app_context(), app.test_request_context():
            run = db.session.get(PayRun, run_id)
            _, inline = timed(lambda: runs.write_run_pdf(run, io.BytesIO()))
        print(f"baseline, drawing the PDF inside the request as before: {inline:.1f} s")


if __name__ == "__main__":
    main()
