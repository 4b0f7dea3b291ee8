"""What the coordinator dashboard shows, counted honestly: a seat is filled only when its
person said yes; teams not ready in the next two weeks are listed with what is missing; each
session's support needs are listed by person; problems with bookings come soonest first.

The fortnight's figures are summed from the seat counts each session carries (kept by the
database), a few grouped rows however many sessions; only the sessions the page lists are
read with their teams (`teams.py`), as plain rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.orm import aliased

from trainer.dashboards.teams import teams_of
from trainer.extensions import db
from trainer.models import (
    LIVE_SQL,
    SessionStatus,
    TeamSeat,
    TrainingSession,
)
from trainer.problems import queries as problems
from trainer.sessions import queries

LIVE = (SessionStatus.DRAFT, SessionStatus.SCHEDULED)
#: the dashboard's window: sessions in it whose team is not all accepted are urgent
SOON = timedelta(days=14)
#: how many sessions the next-two-weeks table and the urgent list show
SHOWN, URGENT_SHOWN = 12, 20


_S = TrainingSession
#: drafts only, with 'draft' written into the SQL as the partial index of drafts has it
_DRAFT = aliased(TrainingSession, name="drafts")
_DRAFTS = (
    select(func.count())
    .where(
        _DRAFT.status
        == bindparam("draft", SessionStatus.DRAFT, type_=_DRAFT.status.type, literal_execute=True),
        _DRAFT.starts_at >= bindparam("start"),
        _DRAFT.starts_at < bindparam("end"),
    )
    .scalar_subquery()
)
_NEEDED = (
    select(func.coalesce(func.sum(TeamSeat.count), 0))
    .where(TeamSeat.programme_id == _S.programme_id)
    .scalar_subquery()
)
# Built once, with bound parameters. The fortnight's figures come from the seat counts each
# session carries (kept by the database as seats change), read from the start-time index
# alone and grouped by status, programme and counts: a few rows however many sessions, so
# the nation's 5,200 sessions in a fortnight cost little more than a region's 130.
FORTNIGHT = (
    select(
        _S.status,
        _NEEDED,
        _S.seats_held,
        _S.seats_accepted,
        func.count(),
        _DRAFTS,
    )
    .where(_S.starts_at >= bindparam("start"), _S.starts_at < bindparam("soon"))
    .group_by(_S.status, _S.programme_id, _S.seats_held, _S.seats_accepted)
)
DRAFTS = select(_DRAFTS)
_SOON = (_S.starts_at >= bindparam("start"), _S.starts_at < bindparam("soon"))
WINDOW_URGENT = (
    select(_S.id)
    .where(*_SOON, _S.status.in_(LIVE), _S.seats_accepted < _NEEDED)
    .order_by(_S.starts_at, _S.id)
    .limit(bindparam("limit"))
)
WINDOW_FIRST = (
    select(_S.id)
    .where(*_SOON, _S.status != SessionStatus.CANCELLED)
    .order_by(_S.starts_at, _S.id)
    .limit(bindparam("limit"))
)
#: how far the dashboard's count of draft sessions looks ahead
DRAFTS_AHEAD = timedelta(days=28)


@dataclass
class Fortnight:
    """The next two weeks' figures: sessions (not cancelled); in those not yet closed, seats
    without a yes, empty and waiting for an answer, and teams short of a yes."""

    total: int = 0
    not_filled: int = 0
    empty: int = 0
    waiting: int = 0
    short: int = 0


def fortnight(groups) -> Fortnight:
    """Summed from (status, seats needed, held, accepted, how many sessions) groups."""
    figures = Fortnight()
    for status, needed, held, accepted, sessions in groups:
        if status is SessionStatus.CANCELLED:
            continue
        figures.total += sessions
        if status not in LIVE:
            continue
        figures.not_filled += sessions * max(needed - accepted, 0)
        figures.empty += sessions * max(needed - held, 0)
        figures.waiting += sessions * (held - accepted)
        figures.short += sessions if accepted < needed else 0
    return figures


def window_figures(now: datetime) -> dict:
    """The next two weeks: the first sessions, the figures and the first whose team is
    short; and the draft sessions in the next four weeks."""
    window = {"start": now, "soon": now + SOON, "end": now + DRAFTS_AHEAD}
    groups = db.session.execute(FORTNIGHT, window).all()
    drafts = groups[0][-1] if groups else db.session.scalar(DRAFTS, window)
    figures = fortnight(
        (status, int(needed), held, accepted, sessions)
        for status, needed, held, accepted, sessions, _ in groups
    )
    shown = list(db.session.scalars(WINDOW_FIRST, window | {"limit": SHOWN}))
    urgent = []
    if figures.short:  # the list is read only when some team is short
        urgent = list(db.session.scalars(WINDOW_URGENT, window | {"limit": URGENT_SHOWN}))
    return {
        "total": figures.total,
        "not_filled": figures.not_filled,
        "empty": figures.empty,
        "waiting": figures.waiting,
        "urgent_total": figures.short,
        "drafts": drafts or 0,
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


def to_close(now: datetime, *, limit: int) -> tuple[list[TrainingSession], int]:
    """Sessions whose day has passed and that are not yet closed, oldest first, and how many
    (counted only when there are more than are listed)."""
    # a session that has ended has started: the bound lets the partial index of sessions not
    # yet closed be read from the oldest up to now, not through every session to come
    where = (
        text(LIVE_SQL),  # written as the partial index has it, so SQLite can choose it
        TrainingSession.starts_at <= now,
        TrainingSession.ends_at <= now,
    )
    query = (
        select(TrainingSession)
        .where(*where)
        .order_by(TrainingSession.starts_at)
        .options(*queries.SESSION_LINE)
    )
    found = list(db.session.scalars(query.limit(limit + 1)).unique())
    if len(found) <= limit:
        return found, len(found)
    count = db.session.scalar(select(func.count()).select_from(TrainingSession).where(*where))
    return found[:limit], count or 0


def dashboard(now: datetime) -> dict:
    """Everything the coordinator dashboard shows."""
    window = window_figures(now)
    shown, urgent = window["shown"], window["urgent"]
    teams = teams_of(list(dict.fromkeys(shown + urgent)))
    closing, closing_count = to_close(now, limit=10)
    return {
        "upcoming": [teams[sid] for sid in shown],
        "more_upcoming": max(window["total"] - SHOWN, 0),
        "not_filled": window["not_filled"],
        "empty": window["empty"],
        "waiting": window["waiting"],
        "urgent": [teams[sid] for sid in urgent],
        #: whose support needs the page shows (each visit is noted in the access log)
        "needs_shown": tuple(sorted({pid for _, team in teams.values() for pid in team.needs_of})),
        "more_urgent": max(window["urgent_total"] - URGENT_SHOWN, 0),
        "problems": problems.upcoming_problems(now, limit=10),
        "problem_count": problems.problem_count(now),
        "to_close": closing,
        "to_close_count": closing_count,
        "drafts": window["drafts"],
        "offers": queries.waiting_offers(now, limit=8),
        "offers_waiting": queries.waiting_offer_count(now),
        "answers": queries.recent_answers(now),
        "now": now,
    }
