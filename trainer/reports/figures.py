"""The figures commissioners ask for, from plain counted rows: sessions delivered and
cancelled, places offered and filled, learners trained and completed, non-attendance, late
cancellations and evaluation scores, grouped by month, programme, tier, sector or employer.

Pure: tallies in, figures out; no Flask, no database. The queries that count the tallies are
in `trainer/reports/tallies.py`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

#: groupings, and whether a session belongs to one group (a session's learners come from
#: many sectors and employers, so sessions and evaluations are counted only in the total)
DIMENSIONS = {
    "month": "Month",
    "programme": "Programme",
    "tier": "Tier",
    "sector": "Sector",
    "employer": "Employer",
}
BY_SESSION = frozenset({"month", "programme", "tier"})
#: booking statuses that hold a place, that were on the register, that were there at all
HOLDING = frozenset({"booked", "offered", "attended", "partial", "absent"})
PRESENT = frozenset({"attended", "partial"})
REGISTERED = frozenset({"attended", "partial", "absent"})


@dataclass(frozen=True)
class SessionTally:
    """Sessions of one group in one state: delivered, cancelled or planned."""

    key: str
    state: str
    sessions: int
    capacity: int


@dataclass(frozen=True)
class BookingTally:
    """Bookings of one group with one status; `late` for cancellations after the cut-off."""

    key: str
    status: str
    late: bool
    count: int


@dataclass(frozen=True)
class ScoreTally:
    """Evaluation answers of one group, summed."""

    key: str
    responses: int = 0
    confidence_answers: int = 0
    before_total: int = 0
    after_total: int = 0
    #: confidence answers that rose from before to after
    rose: int = 0
    recommend_answers: int = 0
    recommend_yes: int = 0


@dataclass
class Figures:
    label: str
    sessions_delivered: int | None = 0
    sessions_cancelled: int | None = 0
    places_offered: int | None = 0
    places_filled: int = 0
    learners_trained: int = 0
    learners_completed: int = 0
    non_attendance: int = 0
    registered: int = 0
    late_cancellations: int = 0
    waiting: int = 0
    scores: ScoreTally | None = field(default_factory=lambda: ScoreTally(""))

    @property
    def fill_rate(self) -> str:
        return percent(self.places_filled, self.places_offered)

    @property
    def non_attendance_rate(self) -> str:
        return percent(self.non_attendance, self.registered)

    @property
    def confidence_before(self) -> str:
        s = self.scores
        return average(s.before_total, s.confidence_answers) if s else ""

    @property
    def confidence_after(self) -> str:
        s = self.scores
        return average(s.after_total, s.confidence_answers) if s else ""

    @property
    def confidence_rose(self) -> str:
        return percent(self.scores.rose, self.scores.confidence_answers) if self.scores else ""

    @property
    def would_recommend(self) -> str:
        s = self.scores
        return percent(s.recommend_yes, s.recommend_answers) if s else ""

    @property
    def responses(self) -> int | None:
        return self.scores.responses if self.scores else None


@dataclass(frozen=True)
class Report:
    dimension: str
    rows: list[Figures]
    total: Figures

    @property
    def by_session(self) -> bool:
        return self.dimension in BY_SESSION


def percent(part: int | None, whole: int | None) -> str:
    """'83%', rounded half up; '' when there is nothing to divide by."""
    if not whole or part is None:
        return ""
    return f"{(Decimal(100 * part) / whole).quantize(Decimal(1), ROUND_HALF_UP)}%"


def average(total: int, count: int) -> str:
    """'3.8', one decimal, rounded half up; '' for no answers."""
    if not count:
        return ""
    return str((Decimal(total) / count).quantize(Decimal("0.1"), ROUND_HALF_UP))


def build_report(
    dimension: str,
    sessions: Iterable[SessionTally],
    bookings: Iterable[BookingTally],
    scores: Iterable[ScoreTally],
) -> Report:
    """Figures per group, sorted by label (months in order), and the total of them all.

    For sector and employer, pass session and score tallies with the key "" (the whole
    period): they go to the total only, and each group's session figures are None."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown grouping {dimension!r}")
    by_session = dimension in BY_SESSION
    groups: dict[str, Figures] = defaultdict(lambda: Figures(""))
    total = Figures("Total")
    for tally in sessions:
        for figures in _targets(groups, total, tally.key, by_session):
            _add_sessions(figures, tally)
    for tally in bookings:
        for figures in _targets(groups, total, tally.key, True):
            _add_bookings(figures, tally)
    for tally in scores:
        for figures in _targets(groups, total, tally.key, by_session):
            figures.scores = _sum_scores(figures.scores, tally)
    rows = []
    for key in sorted(groups):
        figures = groups[key]
        figures.label = key or "Not given"
        if not by_session:
            figures.sessions_delivered = figures.sessions_cancelled = None
            figures.places_offered = None
            figures.scores = None
        rows.append(figures)
    return Report(dimension, rows, total)


def _targets(groups, total: Figures, key: str, grouped: bool) -> list[Figures]:
    return [groups[key], total] if grouped else [total]


def _add_sessions(figures: Figures, tally: SessionTally) -> None:
    if tally.state == "cancelled":
        figures.sessions_cancelled += tally.sessions
        return
    if tally.state == "delivered":
        figures.sessions_delivered += tally.sessions
    figures.places_offered += tally.capacity


def _add_bookings(figures: Figures, tally: BookingTally) -> None:
    status, count = tally.status, tally.count
    if status in HOLDING:
        figures.places_filled += count
    if status in PRESENT:
        figures.learners_trained += count
    if status == "attended":
        figures.learners_completed += count
    if status == "absent":
        figures.non_attendance += count
    if status in REGISTERED:
        figures.registered += count
    if status == "waiting":
        figures.waiting += count
    if status == "cancelled" and tally.late:
        figures.late_cancellations += count


def _sum_scores(current: ScoreTally | None, more: ScoreTally) -> ScoreTally:
    base = current or ScoreTally("")
    return ScoreTally(
        base.key,
        responses=base.responses + more.responses,
        confidence_answers=base.confidence_answers + more.confidence_answers,
        before_total=base.before_total + more.before_total,
        after_total=base.after_total + more.after_total,
        rose=base.rose + more.rose,
        recommend_answers=base.recommend_answers + more.recommend_answers,
        recommend_yes=base.recommend_yes + more.recommend_yes,
    )


#: the report's columns, in order: (heading, how to read it from Figures)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("Sessions delivered", "sessions_delivered"),
    ("Sessions cancelled", "sessions_cancelled"),
    ("Places offered", "places_offered"),
    ("Places filled", "places_filled"),
    ("Fill rate", "fill_rate"),
    ("Learners trained", "learners_trained"),
    ("Learners completed", "learners_completed"),
    ("Did not attend", "non_attendance"),
    ("Non-attendance rate", "non_attendance_rate"),
    ("Late cancellations", "late_cancellations"),
    ("Evaluation responses", "responses"),
    ("Confidence before (1-5)", "confidence_before"),
    ("Confidence after (1-5)", "confidence_after"),
    ("Confidence rose", "confidence_rose"),
    ("Would recommend", "would_recommend"),
)


def cells(figures: Figures) -> list[str]:
    """The row as text, in COLUMNS order: '' where a figure does not apply to the group."""
    values = [getattr(figures, name) for _, name in COLUMNS]
    return [
        "" if value is None else f"{value:,}" if isinstance(value, int) else value
        for value in values
    ]
