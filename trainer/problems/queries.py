"""Reads for pages: open problems by seat for a session, for a person, and for the
coordinator dashboard (soonest session first)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, joinedload

from trainer.extensions import db
from trainer.models import Assignment, Problem, SessionStatus, TrainingSession

LIVE = (SessionStatus.DRAFT, SessionStatus.SCHEDULED)


def _open_in_live_sessions(now: datetime):
    return (
        select(Problem)
        .join(TrainingSession, TrainingSession.id == Problem.session_id)
        .where(
            Problem.resolved_at.is_(None),
            TrainingSession.status.in_(LIVE),
            TrainingSession.ends_at > now,
        )
        .options(
            contains_eager(Problem.session),
            joinedload(Problem.assignment).joinedload(Assignment.delivery_role),
        )
        .order_by(TrainingSession.starts_at, Problem.session_id, Problem.assignment_id, Problem.id)
    )


def session_problems(session: TrainingSession) -> dict[int, list[Problem]]:
    """Open problems of a session's seats, by assignment id."""
    grouped: dict[int, list[Problem]] = defaultdict(list)
    query = (
        select(Problem)
        .where(Problem.session_id == session.id, Problem.resolved_at.is_(None))
        .order_by(Problem.assignment_id, Problem.id)
    )
    for problem in db.session.scalars(query):
        grouped[problem.assignment_id].append(problem)
    return dict(grouped)


def person_problems(person_id: int, now: datetime) -> list[Problem]:
    """Open problems of a person's seats in sessions still to come, soonest first."""
    query = _open_in_live_sessions(now).where(Problem.person_id == person_id)
    return list(db.session.scalars(query).unique())


def upcoming_problems(now: datetime, *, limit: int) -> list[Problem]:
    """Open problems in sessions still to come, soonest session first."""
    return list(db.session.scalars(_open_in_live_sessions(now).limit(limit)).unique())


def problem_count(now: datetime) -> int:
    query = (
        select(func.count())
        .select_from(Problem)
        .join(TrainingSession, TrainingSession.id == Problem.session_id)
        .where(
            Problem.resolved_at.is_(None),
            TrainingSession.status.in_(LIVE),
            TrainingSession.ends_at > now,
        )
    )
    return db.session.scalar(query) or 0
