"""What the coordinator dashboard shows, counted honestly: a seat is filled only when its
person said yes; teams not ready in the next two weeks are listed with what is missing; each
session's support needs are listed by person; problems with bookings come soonest first."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from trainer.extensions import db
from trainer.models import (
    ACCESS_FEATURES,
    Assignment,
    OfferStatus,
    Person,
    SessionStatus,
    TrainingSession,
)
from trainer.problems import queries as problems
from trainer.sessions import queries
from trainer.sessions.seats import team_gaps

LIVE = (SessionStatus.DRAFT, SessionStatus.SCHEDULED)
#: the dashboard's window: sessions in it whose team is not all accepted are urgent
SOON = timedelta(days=14)


@dataclass
class Team:
    needed: int
    accepted: int
    waiting: int
    gaps: list[str]
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


def team_of(session: TrainingSession) -> Team:
    held = [a for a in session.assignments if a.offer_status.holds_seat]
    return Team(
        needed=session.programme.team_size,
        accepted=sum(a.offer_status is OfferStatus.ACCEPTED for a in held),
        waiting=sum(a.offer_status is OfferStatus.OFFERED for a in held),
        gaps=team_gaps(session),
        needs=[
            (a.person.full_name, support_words(a.person))
            for a in held
            if a.person.has_support_needs
        ],
    )


def coming_sessions(now: datetime) -> list[TrainingSession]:
    """Sessions in the next two weeks, not cancelled, with their teams loaded."""
    query = (
        select(TrainingSession)
        .where(
            TrainingSession.starts_at >= now,
            TrainingSession.starts_at < now + SOON,
            TrainingSession.status != SessionStatus.CANCELLED,
        )
        .order_by(TrainingSession.starts_at, TrainingSession.id)
        .options(selectinload(TrainingSession.assignments).joinedload(Assignment.person))
    )
    return list(db.session.scalars(query).unique())


def to_close(now: datetime, *, limit: int) -> tuple[list[TrainingSession], int]:
    """Sessions whose day has passed and that are not yet closed, oldest first, and how many."""
    where = (TrainingSession.status.in_(LIVE), TrainingSession.ends_at <= now)
    count = db.session.scalar(select(func.count()).select_from(TrainingSession).where(*where))
    query = select(TrainingSession).where(*where).order_by(TrainingSession.starts_at).limit(limit)
    return list(db.session.scalars(query).unique()), count or 0


def dashboard(now: datetime) -> dict:
    """Everything the coordinator dashboard shows."""
    coming = [(session, team_of(session)) for session in coming_sessions(now)]
    live = [(s, t) for s, t in coming if s.status in LIVE]
    closing, closing_count = to_close(now, limit=10)
    return {
        "upcoming": coming[:12],
        "more_upcoming": max(len(coming) - 12, 0),
        "not_filled": sum(t.not_filled for _, t in live),
        "empty": sum(t.empty for _, t in live),
        "waiting": sum(t.waiting for _, t in live),
        "urgent": [(s, t) for s, t in live if t.gaps],
        "problems": problems.upcoming_problems(now, limit=10),
        "problem_count": problems.problem_count(now),
        "to_close": closing,
        "to_close_count": closing_count,
        "statuses": queries.status_counts(now, days=28),
        "offers": queries.waiting_offers(now, limit=8),
        "offers_waiting": queries.waiting_offer_count(now),
        "now": now,
    }
