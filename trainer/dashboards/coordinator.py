"""What the coordinator dashboard shows, counted honestly: a seat is filled only when its
person said yes; teams not ready in the next two weeks are listed with what is missing; each
session's support needs are listed by person; problems with bookings come soonest first.

Seats are counted for every session in the two weeks by aggregate queries that return the
totals and the ids listed, not a row per session; only the sessions the page lists are loaded
with their teams."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, case, func, select
from sqlalchemy.orm import selectinload

from trainer.extensions import db
from trainer.models import (
    ACCESS_FEATURES,
    Assignment,
    OfferStatus,
    Person,
    SessionStatus,
    TeamSeat,
    TrainingSession,
)
from trainer.problems import queries as problems
from trainer.sessions import queries
from trainer.sessions.queries import HOLDING, TeamCounts
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


def _window():
    """Each session in the next two weeks (bound `start` and `end`), not cancelled and not yet
    closed, with its seats needed, held and accepted: one row per session, counted in SQL."""
    s, a = TrainingSession, Assignment
    needed = (
        select(TeamSeat.programme_id, func.sum(TeamSeat.count).label("seats"))
        .group_by(TeamSeat.programme_id)
        .subquery()
    )
    return (
        select(
            s.id,
            s.starts_at,
            func.coalesce(func.max(needed.c.seats), 0).label("needed"),
            func.count(a.id).label("held"),
            func.count(a.id).filter(a.offer_status == OfferStatus.ACCEPTED).label("accepted"),
        )
        .outerjoin(needed, needed.c.programme_id == s.programme_id)
        .outerjoin(a, and_(a.session_id == s.id, a.offer_status.in_(HOLDING)))
        .where(
            s.starts_at >= bindparam("start"),
            s.starts_at < bindparam("end"),
            s.status.in_(LIVE),
        )
        .group_by(s.id, s.starts_at)
        .subquery()
    )


# Built once, with bound parameters: the window's figures are summed in SQL and only the
# sessions the page lists come back, not a row for every session the two weeks hold.
_W = _window()
_SHORT = _W.c.accepted < _W.c.needed


def _positive(value):
    return func.coalesce(func.sum(case((value > 0, value), else_=0)), 0)


WINDOW_TOTALS = select(
    _positive(_W.c.needed - _W.c.accepted),
    _positive(_W.c.needed - _W.c.held),
    func.coalesce(func.sum(_W.c.held - _W.c.accepted), 0),
    func.count().filter(_SHORT),
)
WINDOW_URGENT = (
    select(_W.c.id).where(_SHORT).order_by(_W.c.starts_at, _W.c.id).limit(bindparam("limit"))
)
_IN_WINDOW = (
    TrainingSession.starts_at >= bindparam("start"),
    TrainingSession.starts_at < bindparam("end"),
    TrainingSession.status != SessionStatus.CANCELLED,
)
WINDOW_FIRST = (
    select(TrainingSession.id)
    .where(*_IN_WINDOW)
    .order_by(TrainingSession.starts_at, TrainingSession.id)
    .limit(bindparam("limit"))
)
WINDOW_COUNT = select(func.count()).select_from(TrainingSession).where(*_IN_WINDOW)


def window_figures(now: datetime) -> dict:
    """The next two weeks: the first sessions and how many there are; in sessions not yet
    closed, seats without a yes, empty and waiting, and the first whose team is short."""
    window = {"start": now, "end": now + SOON}
    shown = list(db.session.scalars(WINDOW_FIRST, window | {"limit": SHOWN}))
    total = len(shown)
    if total == SHOWN:
        total = db.session.scalar(WINDOW_COUNT, window)
    not_filled, empty, waiting, short = db.session.execute(WINDOW_TOTALS, window).one()
    urgent = []
    if short:  # the list is read only when some team is short
        urgent = list(db.session.scalars(WINDOW_URGENT, window | {"limit": URGENT_SHOWN}))
    return {
        "total": total,
        "not_filled": int(not_filled),
        "empty": int(empty),
        "waiting": int(waiting),
        "urgent_total": short,
        "shown": shown,
        "urgent": urgent,
    }


def coming(now: datetime) -> list[tuple[int, SessionStatus]]:
    """(id, status) of sessions in the next two weeks, not cancelled, soonest first (the
    coordinators' daily digest reads them)."""
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
    window = window_figures(now)
    shown, urgent = window["shown"], window["urgent"]
    ids = list(dict.fromkeys(shown + urgent))
    counts = queries.team_counts_by_id(ids)
    loaded = with_teams(ids)
    closing, closing_count = to_close(now, limit=10)
    return {
        "upcoming": [(loaded[sid], team_of(loaded[sid], counts[sid])) for sid in shown],
        "more_upcoming": max(window["total"] - SHOWN, 0),
        "not_filled": window["not_filled"],
        "empty": window["empty"],
        "waiting": window["waiting"],
        "urgent": [(loaded[sid], team_of(loaded[sid], counts[sid])) for sid in urgent],
        "more_urgent": max(window["urgent_total"] - URGENT_SHOWN, 0),
        "problems": problems.upcoming_problems(now, limit=10),
        "problem_count": problems.problem_count(now),
        "to_close": closing,
        "to_close_count": closing_count,
        "statuses": queries.status_counts(now, days=28),
        "offers": queries.waiting_offers(now, limit=8),
        "offers_waiting": queries.waiting_offer_count(now),
        "answers": queries.recent_answers(now),
        "now": now,
    }
