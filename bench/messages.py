"""Benchmark reminders: 10,000 due reminders sent through the job queue to the outbox,
against writing the same 10,000 messages in one plain loop, in the same run.

    .venv/bin/python -m bench.messages [--reminders 10000] [--runs 3] [--sizes 2500,5000,10000]

The queue path is the app's own: the reminder run writes each message to the message log
(with its key) and queues batch jobs on a real Huey queue (a SQLite file, as `make run`
uses); a worker loop then takes each job off the queue and runs it (claim, send as an .eml
file, mark sent). The plain loop reads the same seats and writes the same emails straight to
the outbox, with no log, no keys and no queue.

Each run starts from a copy of one prepared database, in a process of its own, so peak
memory (VmHWM) is that run's. The goal: the queue's throughput at least half the plain
loop's, and memory flat as the number of reminders grows.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine

from trainer.clock import utc_now

#: the moment of every run: two days before the sessions, at the 10am reminder
NOW = datetime(2027, 3, 29, 10, 1, tzinfo=ZoneInfo("Europe/London"))
STARTS = datetime(2027, 3, 31, 9, 30, tzinfo=ZoneInfo("Europe/London"))


def make_app(folder: Path):
    from trainer import create_app

    return create_app(
        "test",
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.db'}",
            "MAIL_OUTBOX_DIR": str(folder / "outbox"),
            "QUEUE_FILE": str(folder / "queue.db"),
            "QUEUE_IMMEDIATE": False,
            "MAIL_SERVER": None,
            "NOTIFY_API_KEY": None,
        },
    )


def prepare(folder: Path, count: int) -> None:
    """A migrated database with `count` accepted seats in sessions two days ahead."""
    from flask_migrate import upgrade

    from trainer.extensions import db
    from trainer.models import (
        Assignment,
        DeliveryMode,
        DeliveryRole,
        OfferStatus,
        Person,
        Programme,
        SessionStatus,
        TeamSeat,
        TrainingSession,
        Venue,
    )

    app = make_app(folder)
    with app.app_context(), time_machine.travel(NOW - timedelta(days=3)):
        upgrade()
        roles = [
            DeliveryRole(name=name, is_lived_experience=lived, sort_order=n)
            for n, (name, lived) in enumerate(
                [("Facilitator", False), ("Co-trainer", True), ("Autistic co-trainer", True)]
            )
        ]
        programme = Programme(
            name="Tier 2", duration_minutes=420, capacity=12, delivery_mode=DeliveryMode.IN_PERSON
        )
        programme.seats = [TeamSeat(delivery_role=r, count=1) for r in roles]
        venue = Venue(
            name="Riverside Centre",
            address_line1="1 High Street",
            town="Leeds",
            postcode="LS1 4AB",
            arrival_instructions="Sign in at reception.",
            contact_name="Jo Green",
        )
        db.session.add_all([*roles, programme, venue])
        db.session.flush()
        start = STARTS.astimezone(ZoneInfo("UTC"))
        for first in range(0, count, 300):
            for n in range(first, min(first + 300, count), 3):
                session = TrainingSession(
                    programme=programme,
                    venue=venue,
                    starts_at=start,
                    ends_at=start + timedelta(hours=7),
                    capacity=12,
                    status=SessionStatus.SCHEDULED,
                    what_to_bring="Your lunch",
                )
                db.session.add(session)
                for k, role in enumerate(roles[: min(3, count - n)]):
                    person = Person(full_name=f"Person {n + k}", email=f"p{n + k}@example.org")
                    db.session.add(
                        Assignment(
                            session=session,
                            person=person,
                            delivery_role=role,
                            offer_status=OfferStatus.ACCEPTED,
                        )
                    )
            db.session.commit()


def run_queue(app) -> int:
    """The app's way: the reminder run writes and queues; a worker loop sends."""
    from trainer.jobs import queue
    from trainer.messages import schedule

    with app.app_context():
        written = schedule.send_reminders(utc_now())
    huey = queue.huey
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
    return written


def run_plain(app) -> int:
    """One plain loop: read the seats, write each email straight to the outbox."""
    from trainer.messages import render as rendering
    from trainer.messages import schedule, wording
    from trainer.messages.transports import LocalTransport, build_email
    from trainer.models import Channel, InformationFormat, Message

    written = 0
    with app.app_context(), LocalTransport() as transport:
        due = schedule.due_reminders(utc_now())
        for seat, name, _moment, _choice in due:
            content = wording.reminder(seat, when=schedule.WHEN[name], url="http://x/home")
            email = rendering.render(content, InformationFormat.PLAIN.value)
            message = Message(
                id=seat.id,
                to_addr=seat.person.email,
                subject=email.subject,
                text_body=email.text,
                html_body=email.html,
                channel=Channel.EMAIL,
            )
            transport.mail.send(build_email(message).as_bytes(), [message.to_addr], name="m")
            written += 1
    return written


def child(kind: str, folder: Path) -> None:
    """One measured run in this process: prints seconds, messages and peak memory."""
    app = make_app(folder)  # imports and the app are made before the clock starts
    with app.app_context():
        from trainer.messages import render, schedule, transports  # noqa: F401
    with time_machine.travel(NOW):
        started = time.perf_counter()
        sent = run_queue(app) if kind == "queue" else run_plain(app)
        took = time.perf_counter() - started
    files = len(list((folder / "outbox").glob("*.eml")))
    peak = _status("VmHWM")
    print(json.dumps({"seconds": took, "written": sent, "files": files, "peak_kb": peak}))


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def measure(kind: str, prepared: Path, work: Path) -> dict:
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(prepared, work)
    out = subprocess.run(
        [sys.executable, "-m", "bench.messages", "--child", kind, "--folder", str(work)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reminders", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="2500,5000,10000")
    parser.add_argument("--child", choices=("queue", "plain"))
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--prepare", type=int)
    args = parser.parse_args()
    if args.prepare:
        return prepare(args.folder, args.prepare)
    if args.child:
        return child(args.child, args.folder)
    with tempfile.TemporaryDirectory(prefix="bench-messages-") as tmp:
        root = Path(tmp)
        sizes = sorted({int(s) for s in args.sizes.split(",")} | {args.reminders})
        prepared = {}
        for size in sizes:
            prepared[size] = root / f"prepared-{size}"
            prepared[size].mkdir()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.messages",
                    "--prepare",
                    str(size),
                    "--folder",
                    str(prepared[size]),
                ],
                check=True,
                capture_output=True,
            )
        results = {"queue": [], "plain": []}
        for run in range(args.runs):
            for kind in ("plain", "queue"):
                result = measure(kind, prepared[args.reminders], root / "work")
                assert result["files"] == args.reminders, result
                results[kind].append(result)
                print(f"  run {run + 1} {kind}: {json.dumps(result)}", flush=True)
        rate = {
            k: statistics.median(args.reminders / r["seconds"] for r in v)
            for k, v in results.items()
        }
        print(f"{args.reminders:,} due reminders, median of {args.runs} runs each:", flush=True)
        for kind in ("plain", "queue"):
            seconds = statistics.median(r["seconds"] for r in results[kind])
            peak = statistics.median(r["peak_kb"] for r in results[kind]) / 1024
            print(f"  {kind:5}: {seconds:6.1f}s, {rate[kind]:7.0f} messages/s, peak {peak:5.0f} MB")
        ratio = rate["queue"] / rate["plain"]
        print(f"  queue/plain throughput: {ratio:.2f} (goal: at least 0.50)")
        print("Peak memory of the queue path by number of reminders:")
        peaks = {args.reminders: statistics.median(r["peak_kb"] for r in results["queue"]) / 1024}
        for size in sizes:
            if size not in peaks:
                peaks[size] = measure("queue", prepared[size], root / "work")["peak_kb"] / 1024
            print(f"  {size:6,}: peak {peaks[size]:5.0f} MB", flush=True)
        growth = peaks[max(sizes)] - peaks[min(sizes)]
        print(f"  growth from {min(sizes):,} to {max(sizes):,}: {growth:+.0f} MB (goal: flat)")


if __name__ == "__main__":
    main()
