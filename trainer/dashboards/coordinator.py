"""What the coordinator dashboard shows, counted honestly: a seat is filled only when its
person said yes; teams not ready in the next two weeks are listed with what is missing; each
session's support needs are listed by person; problems with bookings come soonest first.

Seats are counted for every session in the two weeks with one aggregate query; only the
sessions the page lists are loaded with their teams."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from trainer.extensions import db
from trainer.models import (
    ACCESS_FEATURES,
    Assignment,
    Person,
    SessionStatus,
    TrainingSession,
)
from trainer.problems import queries as problems
from trainer.sessions import queries
from trainer.sessions.queries import TeamCounts
from trainer.sessions.seats import team_gaps

LIVE = (SessionStatus.DRAFT, SessionStatus.SCHEDULED)
#: the dashboard's window: sessions in it whose team is not all accepted are urgent
SOON = timedelta(days=14)
#: how many sessions the next-two-weeks table and the urgent list show
SHOWN, URGENT_SHOWN = 12, 20


@dataclass
class Team:
    needed: int
    accepted: int
    waiting: int
    gaps: list[str] = field(default_factory=list)
    #: (name, what they need) for everyone holding a seat with support needs
    needs: list[tuple[str, str]] = field(default_factory=list)

    @property
    def empty(self) -> int:
        return max(self.needed - self.accepted - self.waiting, 0)

    @property
    def not_filled(self) -> int:
        """Seats without a yes: empty, or waiting for an answer."""
        return max(self.needed - self.accepted, 0)


def support_words(person: Person) -> str:
    parts = [person.support_needs, person.communication_needs]
    parts += [ACCESS_FEATURES[key].lower() for key in sorted(person.access_needs)]
    return "; ".join(part.strip().rstrip(".") for part in parts if part and part.strip())


def team_of(session: TrainingSession, counts: TeamCounts) -> Team:
    held = [a for a in session.assignments if a.offer_status.holds_seat]
    return Team(
        needed=counts.needed,
        accepted=counts.accepted,
        waiting=counts.waiting,
        gaps=team_gaps(session),
        needs=[
            (a.person.full_name, support_words(a.person))
            for a in held
            if a.person.has_support_needs
        ],
    )


def coming(now: datetime) -> list[tuple[int, SessionStatus]]:
    """(id, status) of sessions in the next two weeks, not cancelled, soonest first."""
    query = (
        select(TrainingSession.id, TrainingSession.status)
        .where(
            TrainingSession.starts_at >= now,
            TrainingSession.starts_at < now + SOON,
            TrainingSession.status != SessionStatus.CANCELLED,
        )
        .order_by(TrainingSession.starts_at, TrainingSession.id)
    )
    return [(session_id, status) for session_id, status in db.session.execute(query)]


def with_teams(ids: list[int]) -> dict[int, TrainingSession]:
    """These sessions, each with its team and their people loaded."""
    if not ids:
        return {}
    query = (
        select(TrainingSession)
        .where(TrainingSession.id.in_(ids))
        .options(selectinload(TrainingSession.assignments).joinedload(Assignment.person))
    )
    return {session.id: session for session in db.session.scalars(query).unique()}


def to_close(now: datetime, *, limit: int) -> tuple[list[TrainingSession], int]:
    """Sessions whose day has passed and that are not yet closed, oldest first, and how many
    (counted only when there are more than are listed)."""
    # a session that has ended has started: the bound lets the partial index of sessions not
    # yet closed be read from the oldest up to now, not through every session to come
    where = (
        TrainingSession.status.in_(LIVE),
        TrainingSession.starts_at <= now,
        TrainingSession.ends_at <= now,
    )
    query = select(TrainingSession).where(*where).order_by(TrainingSession.starts_at)
    found = list(db.session.scalars(query.limit(limit + 1)).unique())
    if len(found) <= limit:
        return found, len(found)
    count = db.session.scalar(select(func.count()).select_from(TrainingSession).where(*where))
    return found[:limit], count or 0


def dashboard(now: datetime) -> dict:
    """Everything the coordinator dashboard shows."""
    sessions = coming(now)
    counts = queries.team_counts_by_id([session_id for session_id, _ in sessions])
    live = [sid for sid, status in sessions if status in LIVE]
    urgent = [sid for sid in live if counts[sid].accepted < counts[sid].needed]
    shown = [sid for sid, _ in sessions[:SHOWN]]
    loaded = with_teams(list(dict.fromkeys(shown + urgent[:URGENT_SHOWN])))
    closing, closing_count = to_close(now, limit=10)
    return {
        "upcoming": [(loaded[sid], team_of(loaded[sid], counts[sid])) for sid in shown],
        "more_upcoming": max(len(sessions) - SHOWN, 0),
        "not_filled": sum(max(counts[sid].needed - counts[sid].accepted, 0) for sid in live),
        "empty": sum(counts[sid].empty for sid in live),
        "waiting": sum(counts[sid].waiting for sid in live),
        "urgent": [
            (loaded[sid], team_of(loaded[sid], counts[sid])) for sid in urgent[:URGENT_SHOWN]
        ],
        "more_urgent": max(len(urgent) - URGENT_SHOWN, 0),
        "problems": problems.upcoming_problems(now, limit=10),
        "problem_count": problems.problem_count(now),
        "to_close": closing,
        "to_close_count": closing_count,
        "statuses": queries.status_counts(now, days=28),
        "offers": queries.waiting_offers(now, limit=8),
        "offers_waiting": queries.waiting_offer_count(now),
        "now": now,
    }
