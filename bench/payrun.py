"""Benchmark a finance pay run: 1,000 payment letters merged into one PDF.

    .venv/bin/python -m bench.payrun [--letters 1000] [--runs 3] [--sizes 250,500,1000]

Times `merged_payment_letters` (each letter built on its own, pages streamed into one
file) against a baseline: reportlab building the same stories for every letter in one
SimpleDocTemplate.build. Then measures peak memory for each at several run sizes, each
in a fresh subprocess: the peak resident set (VmHWM, which unlike ru_maxrss does not
inherit the parent's size across fork and exec) and, with --tracemalloc, the peak of
Python allocations in a second subprocess.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib.pagesizes import A4
from reportlab.platypus import PageBreak, SimpleDocTemplate

from trainer.letters.contents import (
    LetterExpense,
    LetterLine,
    Organisation,
    PaymentLetterData,
    Recipient,
    WeeklyTotal,
)
from trainer.letters.document import MARGIN
from trainer.letters.payment import standard_payment
from trainer.letters.payment_easy import easy_payment
from trainer.letters.pdf import merged_payment_letters
from trainer.letters.styles import REGULAR, look

ORG = Organisation(
    "Heads Together",
    ("Unit 4, Mill Yard", "Leeds", "LS1 4AB"),
    "pay@headstogether.example",
    "0113 496 0000",
    "Priya Shah",
    "Training Coordinator",
)
NAMES = ["Sam Patel", "Alex Morgan", "Jo Okafor", "Chris Nowak", "Ruth Evans", "Dev Shah"]
KINDS = ("delivery", "preparation", "travel_time")


def synthetic_letters(count: int, seed: int = 2025) -> Iterator[PaymentLetterData]:
    """`count` letters, each with 3 to 8 pay lines and, for most, some expenses."""
    rng = random.Random(seed)
    for n in range(count):
        yield _letter(n, rng)


def _letter(n: int, rng: random.Random) -> PaymentLetterData:
    start = date(2025, 3, 3) + timedelta(days=rng.randrange(20))
    lines = tuple(
        LetterLine(
            start + timedelta(days=k),
            rng.choice(["Oliver McGowan Tier 1", "Oliver McGowan Tier 2"]),
            "Expert co-trainer",
            KINDS[k % 3],
            rng.choice([60, 90, 420]),
            2_000,
            rng.randrange(1_500, 20_000),
        )
        for k in range(rng.randint(3, 8))
    )
    expenses = tuple(
        LetterExpense(
            start,
            rng.choice(["mileage", "parking", "public_transport"]),
            "Travel to the venue",
            rng.randrange(300, 4_000),
        )
        for _ in range(rng.choice([0, 1, 2, 3]))
    )
    return PaymentLetterData(
        reference=f"PAY-2025-{n:05d}",
        issued_on=date(2025, 3, 31),
        recipient=Recipient(f"{rng.choice(NAMES)} {n}", ("1 High Street", "Leeds", "LS1 1AA")),
        org=ORG,
        lines=lines,
        expenses=expenses,
        method="payroll",
        paid_on=date(2025, 4, 4),
        payment_reference=f"BACS-{n:05d}",
        weekly_totals=(WeeklyTotal("2025-W10", 19_550, 420), WeeklyTotal("2025-W11", 9_000, 90)),
    )


def easy_read_for(data: PaymentLetterData) -> bool:
    return data.reference.endswith(("3", "7"))  # one letter in five


def ours(count: int, path: str) -> int:
    with open(path, "wb") as out:
        return merged_payment_letters(synthetic_letters(count), out, easy_read_for=easy_read_for)


def baseline(count: int, path: str) -> int:
    """The same stories for every letter, drawn by reportlab in one build."""
    story = []
    for data in synthetic_letters(count):
        easy = easy_read_for(data)
        story += (easy_payment if easy else standard_payment)(data, look(easy))
        story.append(PageBreak())
    doc = SimpleDocTemplate(
        path,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 30,
        title="Payment letters",
        author=ORG.name,
        lang="en-GB",
    )
    doc.build(story[:-1], onFirstPage=_page_number, onLaterPages=_page_number)
    return doc.page


def _page_number(canvas, doc) -> None:
    canvas.setFont(REGULAR, 8)
    canvas.drawRightString(A4[0] - MARGIN, MARGIN - 12, f"Page {doc.page}")


BUILDERS: dict[str, Callable[[int, str], int]] = {"ours": ours, "baseline": baseline}


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float
    pages: int
    size_mb: float


def timed(name: str, count: int) -> Timing:
    """One build to a temporary file: wall-clock and CPU seconds, pages, file size."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as target:
        wall, cpu = time.perf_counter(), time.process_time()
        pages = BUILDERS[name](count, target.name)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        return Timing(wall, cpu, pages, os.path.getsize(target.name) / 2**20)


def child(name: str, count: int, trace: bool) -> None:
    """Run one build in this fresh process and print its memory figures as JSON."""
    before = _status_mb("VmRSS")
    if trace:
        tracemalloc.start()
    run = timed(name, count)
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
    print(
        json.dumps(
            {
                "pages": run.pages,
                "rss_before_mb": before,
                "rss_peak_mb": _status_mb("VmHWM"),
                "traced_peak_mb": peak,
                "seconds": run.wall,
            }
        )
    )


def _status_mb(field: str) -> float:
    """A memory figure of this process from /proc (Linux), else ru_maxrss."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_memory(name: str, count: int, trace: bool = False) -> dict:
    command = [sys.executable, "-m", "bench.payrun", "--child", name, "--letters", str(count)]
    done = subprocess.run(
        command + (["--tracemalloc"] if trace else []), capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="250,500,1000")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--no-time", action="store_true")
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also measure the peak of Python allocations (slower)",
    )
    parser.add_argument("--child", choices=sorted(BUILDERS))
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child, args.letters, args.tracemalloc)
    if not args.no_memory:
        report_memory([int(size) for size in args.sizes.split(",")], args.tracemalloc)
    if not args.no_time:
        report_time(args.letters, args.runs)


def report_time(count: int, runs: int) -> None:
    """Alternate the two builds; report medians of wall-clock and of CPU time.

    CPU time is the fairer figure on a shared machine: other people's work stretches the
    wall clock of whichever build it happens to overlap.
    """
    found: dict[str, list[Timing]] = {"ours": [], "baseline": []}
    for name in found:
        timed(name, 2)  # warm up: load fonts, fill caches, import lazily loaded modules
    for _ in range(runs):
        for name, results in found.items():
            run = timed(name, count)
            results.append(run)
            print(
                f"  {name:8} {count} letters, {run.pages} pages, {run.size_mb:.1f} MB: "
                f"{run.wall:.2f} s wall, {run.cpu:.2f} s CPU",
                flush=True,
            )
    for clock in ("wall", "cpu"):
        ours, base = (
            statistics.median(getattr(r, clock) for r in found[name])
            for name in ("ours", "baseline")
        )
        print(
            f"median {clock}: ours {ours:.2f} s, baseline {base:.2f} s, "
            f"ratio ours/baseline {ours / base:.2f} (goal <= 2.0)"
        )


def report_memory(sizes: list[int], trace: bool) -> None:
    print("letters  build     pages  RSS after imports MB  peak RSS MB  traced peak MB")
    for size in sizes:
        for name in ("ours", "baseline"):
            m = measure_memory(name, size)
            traced = measure_memory(name, size, trace=True)["traced_peak_mb"] if trace else None
            shown = f"{traced:14.1f}" if traced is not None else f"{'-':>14}"
            print(
                f"{size:7}  {name:8} {m['pages']:6}  {m['rss_before_mb']:20.1f}  "
                f"{m['rss_peak_mb']:11.1f}  {shown}",
                flush=True,
            )


if __name__ == "__main__":
    main()
