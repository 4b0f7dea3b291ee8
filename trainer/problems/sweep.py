"""The nightly check: every held seat of every session still to come, checked again, so a
break from a change made outside the app (a database fix, an import) is found; and problems
of sessions now over or closed, or of seats no longer held, are resolved.

`check_every_held_seat` stands on its own: the command line runs it (`flask check-bookings`)
and the job queue can schedule it. Running it twice does no harm: the second run finds
nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models import Problem, Resolution, User
from trainer.problems.checks import LIVE, held_seats
from trainer.problems.recheck import recheck, resolve

CAUSE = "Found by the nightly check of every booking"


@dataclass(frozen=True)
class SweepResult:
    seats: int
    found: int
    resolved: int

    def __str__(self) -> str:
        return (
            f"Checked {self.seats} held seat{'s' if self.seats != 1 else ''}: "
            f"{self.found} new problem{'s' if self.found != 1 else ''}, "
            f"{self.resolved} resolved."
        )


def check_every_held_seat(*, actor: User | None = None) -> SweepResult:
    """Check every held seat of sessions still to come; resolve what no longer applies.
    Flushes; the caller commits."""
    now = utc_now()
    closed = close_stale(now, actor=actor)
    seats = held_seats(now=now)
    outcome = recheck(seats, cause=CAUSE, actor=actor)
    return SweepResult(len(seats), len(outcome.found), closed + len(outcome.resolved))


def close_stale(now, *, actor: User | None) -> int:
    """Open problems whose seat is no longer held, or whose session is over or closed."""
    query = (
        select(Problem)
        .where(Problem.resolved_at.is_(None))
        .options(joinedload(Problem.assignment), joinedload(Problem.session))
    )
    closed = 0
    for problem in db.session.scalars(query).unique():
        session = problem.session
        if session.status not in LIVE or session.ends_at <= now:
            state = "over" if session.status in LIVE else session.status.label.lower()
            resolve(problem, Resolution.SESSION_CLOSED, note=f"The session is {state}", actor=actor)
        elif not problem.assignment.offer_status.holds_seat:
            note = "The person is no longer in the seat"
            resolve(problem, Resolution.SEAT_GIVEN_UP, note=note, actor=actor)
        else:
            continue
        closed += 1
    return closed
