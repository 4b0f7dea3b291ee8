"""Benchmark a pay run through the app: 1,000 payment letters on the region data set.

    .venv/bin/python -m bench.payrun_app [--letters 1000] [--sizes 250,500,1000]

Seeds the region data set (`trainer.demo.seed(scale="region")`, 300 people) in a fresh
SQLite file, adds `--letters` people (one Easy Read in five), gives each a seat in a past
session, records attendance through `payments.service.record_attendance` (pay lines via the
pure core), approves the lines, makes a pay run with `runs.create_pay_run`, and then times
`runs.write_run_pdf` (the merged PDF) against reportlab drawing the same letters' stories in
one SimpleDocTemplate.build, in the same run. Peak memory (VmHWM) is read for each, at
several run sizes, each build in a fresh process, so a growing peak would show.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from flask_migrate import upgrade
from reportlab.lib.pagesizes import A4
from reportlab.platypus import PageBreak, SimpleDocTemplate
from sqlalchemy import insert, select, update

from trainer import create_app, demo
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.letters.document import MARGIN
from trainer.letters.payment import standard_payment
from trainer.letters.payment_easy import easy_payment
from trainer.letters.styles import REGULAR, look
from trainer.models import (
    Assignment,
    Attendance,
    DeliveryRole,
    LineStatus,
    OfferStatus,
    PaymentLine,
    PayRate,
    PayRun,
    Person,
    Programme,
    SessionStatus,
    TrainingSession,
)
from trainer.payments import runs, service
from trainer.payments.letters import run_letters, wants_easy_read


def build(path: Path, letters: int) -> None:
    """Region data set plus `letters` people with approved pay in one pay run."""
    app = create_app("test", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "TESTING": False})
    with app.app_context(), app.test_request_context():
        upgrade()
        demo.seed(password="bench-password", scale="region")
        _rates()
        people = _people(letters)
        sessions = list(
            db.session.scalars(
                select(TrainingSession)
                .where(TrainingSession.starts_at < utc_now() - timedelta(days=7))
                .order_by(TrainingSession.starts_at)
                .limit(len(people))
            )
        )
        role = db.session.scalars(
            select(DeliveryRole).where(DeliveryRole.is_lived_experience)
        ).first()
        for person_id, session in zip(people, sessions, strict=True):
            seat = Assignment(
                session=session,
                person_id=person_id,
                delivery_role=role,
                offer_status=OfferStatus.ACCEPTED,
            )
            db.session.add(seat)
            db.session.flush()
            service.record_attendance(
                service.AttendanceEntry(seat, Attendance.ATTENDED, None, 30), actor=None
            )
            session.status = SessionStatus.DELIVERED
        db.session.execute(update(PaymentLine).values(status=LineStatus.APPROVED))
        first, last = sessions[0].starts_at.date(), sessions[-1].starts_at.date()
        issued = last + timedelta(days=1)  # the letters' date: the planned payment is after it
        runs.create_pay_run(
            first, last, issued + timedelta(days=7), "BACS-BENCH", actor=None, today=issued
        )
        db.session.commit()
        db.engine.dispose()


def _rates() -> None:
    for programme in db.session.scalars(select(Programme)):
        for role in db.session.scalars(select(DeliveryRole)):
            db.session.add(
                PayRate(
                    programme=programme,
                    delivery_role=role,
                    effective_from=date(2020, 1, 1),
                    delivery_pence=9_000,
                    preparation_minutes=60,
                    preparation_pence_per_hour=2_000,
                    travel_pence_per_hour=1_500,
                )
            )
    db.session.flush()


def _people(count: int) -> list[int]:
    """`count` new people (region people already sit in these sessions' teams)."""
    rows = [
        {
            "full_name": f"Bench Person {n:04d}",
            "postal_address": f"{n} Road\nTown\nEX1 1AA",
            "preferred_format": "easy_read" if n % 5 == 0 else "plain",
        }
        for n in range(count)
    ]
    return list(db.session.scalars(insert(Person).returning(Person.id), rows))


def child(path: Path, name: str, limit: int) -> None:
    """One build of the run's first `limit` letters, in this process; JSON on stdout."""
    app = create_app("test", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "TESTING": False})
    with app.app_context(), app.test_request_context():
        run = db.session.scalars(select(PayRun)).one()
        records = runs.run_records(run)[:limit]
        keep = {r.person_id for r in records}
        lines = [line for line in runs.run_lines(run) if line.person_id in keep]
        before = _status_mb("VmRSS")
        started = time.perf_counter()
        with tempfile.TemporaryFile() as out:
            if name == "ours":
                original = runs.run_records
                runs.run_records = lambda run, person_id=None: records  # the first `limit`
                try:
                    pages = runs.write_run_pdf(run, out)
                finally:
                    runs.run_records = original
            else:
                pages = _baseline(run, records, lines, out)
            size = out.tell()
        seconds = time.perf_counter() - started
        peak = _status_mb("VmHWM")
    print(
        json.dumps(
            {
                "name": name,
                "letters": len(records),
                "pages": pages,
                "seconds": seconds,
                "rss_before_mb": before,
                "rss_peak_mb": peak,
                "bytes": size,
            }
        )
    )


def _status_mb(field: str) -> float:
    """A memory figure of this process from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _baseline(run, records, lines, out) -> int:
    """reportlab drawing the same letters' stories in one document build."""
    easy = {r.reference: wants_easy_read(r.person) for r in records}
    story = []
    for data in run_letters(run, records, lines):
        flag = easy[data.reference]
        story += (easy_payment if flag else standard_payment)(data, look(flag))
        story.append(PageBreak())
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 30,
        title="Payment letters",
        author="Heads Together",
        lang="en-GB",
    )
    doc.build(story[:-1], onFirstPage=_page_number, onLaterPages=_page_number)
    return doc.page


def _page_number(canvas, doc) -> None:
    canvas.setFont(REGULAR, 8)
    canvas.drawRightString(A4[0] - MARGIN, MARGIN - 12, f"Page {doc.page}")


def measure(path: Path, name: str, limit: int) -> dict:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.payrun_app",
            "--child",
            name,
            "--database",
            str(path),
            "--letters",
            str(limit),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--sizes", default="250,500,1000")
    parser.add_argument("--child")
    parser.add_argument("--database")
    args = parser.parse_args(argv)
    if args.child:
        return child(Path(args.database), args.child, args.letters)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "payrun-region.db"
        started = time.perf_counter()
        build(path, args.letters)
        print(
            f"region data set + {args.letters} people's approved pay + pay run: "
            f"{time.perf_counter() - started:.1f} s"
        )
        for size in [int(s) for s in args.sizes.split(",")]:
            ours, base = measure(path, "ours", size), measure(path, "baseline", size)
            print(
                f"{size:>5} letters ({ours['pages']} pages): ours {ours['seconds']:.1f} s, "
                f"peak RSS {ours['rss_peak_mb']:.0f} MB (from {ours['rss_before_mb']:.0f}); "
                f"reportlab direct {base['seconds']:.1f} s, peak RSS "
                f"{base['rss_peak_mb']:.0f} MB (from {base['rss_before_mb']:.0f}); "
                f"time ratio {ours['seconds'] / base['seconds']:.2f}"
            )


if __name__ == "__main__":
    main()
