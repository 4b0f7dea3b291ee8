"""Reads for session pages: filtered, paginated lists with team fill counts, no N+1."""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, case, func, or_, select

from ..extensions import db
from ..models import (
    Assignment, CourseType, OfferStatus, Person, SessionStatus, TeamSeat, TrainingSession,
)
from ..timezones import local_to_utc

HOLDING = (OfferStatus.OFFERED, OfferStatus.ACCEPTED)


@dataclass(frozen=True)
class SessionFilters:
    date_from: date | None = None
    date_to: date | None = None
    course_type_id: int | None = None
    status: SessionStatus | None = None
    venue_id: int | None = None


@dataclass
class TeamCounts:
    needed: int = 0
    filled: int = 0
    accepted: int = 0
    with_needs: int = 0

    @property
    def empty(self) -> int:
        return max(self.needed - self.filled, 0)


@dataclass
class SessionPage:
    rows: list[tuple[TrainingSession, TeamCounts]]
    total: int
    page: int
    per_page: int
    counts: dict[int, TeamCounts] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max((self.total + self.per_page - 1) // self.per_page, 1)


def _filtered(filters: SessionFilters) -> Select:
    query = select(TrainingSession)
    if filters.date_from:
        query = query.where(TrainingSession.starts_at >= local_to_utc(filters.date_from, time()))
    if filters.date_to:
        end = local_to_utc(filters.date_to + timedelta(days=1), time())
        query = query.where(TrainingSession.starts_at < end)
    if filters.course_type_id:
        query = query.where(TrainingSession.course_type_id == filters.course_type_id)
    if filters.status:
        query = query.where(TrainingSession.status == filters.status)
    if filters.venue_id:
        query = query.where(TrainingSession.venue_id == filters.venue_id)
    return query


def list_sessions(filters: SessionFilters, *, page: int = 1, per_page: int = 25) -> SessionPage:
    """One page of sessions in start order, with team counts: three queries whatever the size."""
    base = _filtered(filters)
    total = db.session.scalar(select(func.count()).select_from(base.subquery())) or 0
    page = min(max(page, 1), max((total + per_page - 1) // per_page, 1))
    query = base.order_by(TrainingSession.starts_at, TrainingSession.id)
    sessions = list(db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)))
    counts = team_counts(sessions)
    return SessionPage([(s, counts[s.id]) for s in sessions], total, page, per_page, counts)


def team_counts(sessions: list[TrainingSession]) -> dict[int, TeamCounts]:
    """Seats needed, filled, accepted and people with support needs, for many sessions at once."""
    counts = {s.id: TeamCounts() for s in sessions}
    if not sessions:
        return counts
    ids = list(counts)
    needed = (
        select(TrainingSession.id, func.coalesce(func.sum(TeamSeat.count), 0))
        .join(TeamSeat, TeamSeat.course_type_id == TrainingSession.course_type_id)
        .where(TrainingSession.id.in_(ids)).group_by(TrainingSession.id)
    )
    for session_id, total in db.session.execute(needed):
        counts[session_id].needed = int(total)
    has_needs = or_(
        Person.communication_needs != "", Person.support_needs != "",
        Person.needs_step_free, Person.needs_hearing_loop, Person.needs_quiet_room,
        Person.needs_accessible_toilet,
    )
    filled = (
        select(
            Assignment.session_id,
            func.count(),
            func.sum(case((Assignment.offer_status == OfferStatus.ACCEPTED, 1), else_=0)),
            func.sum(case((has_needs, 1), else_=0)),
        )
        .join(Person, Person.id == Assignment.person_id)
        .where(Assignment.session_id.in_(ids), Assignment.offer_status.in_(HOLDING))
        .group_by(Assignment.session_id)
    )
    for session_id, n, accepted, needs in db.session.execute(filled):
        entry = counts[session_id]
        entry.filled, entry.accepted, entry.with_needs = int(n), int(accepted or 0), int(needs or 0)
    return counts


def upcoming_sessions(now: datetime, *, days: int, limit: int) -> list[TrainingSession]:
    query = (
        select(TrainingSession)
        .where(TrainingSession.starts_at >= now,
               TrainingSession.starts_at < now + timedelta(days=days),
               TrainingSession.status != SessionStatus.CANCELLED)
        .order_by(TrainingSession.starts_at).limit(limit)
    )
    return list(db.session.scalars(query))


def status_counts(now: datetime, *, days: int) -> dict[str, int]:
    """How many sessions in the coming days are in each status."""
    query = (
        select(TrainingSession.status, func.count())
        .where(TrainingSession.starts_at >= now, TrainingSession.starts_at < now + timedelta(days=days))
        .group_by(TrainingSession.status)
    )
    return {status.value: n for status, n in db.session.execute(query)}


def waiting_offers(now: datetime, *, limit: int) -> list[Assignment]:
    """Offers nobody has answered yet, oldest first, for sessions still to come."""
    query = (
        select(Assignment).join(Assignment.session)
        .where(Assignment.offer_status == OfferStatus.OFFERED,
               TrainingSession.status.in_((SessionStatus.DRAFT, SessionStatus.SCHEDULED)),
               TrainingSession.starts_at >= now)
        .order_by(Assignment.offered_at).limit(limit)
    )
    return list(db.session.scalars(query))


def person_sessions(person: Person, *, since: datetime) -> list[Assignment]:
    """A person's seats from `since` on, in start order."""
    query = (
        select(Assignment).join(Assignment.session)
        .where(Assignment.person_id == person.id, TrainingSession.starts_at >= since)
        .order_by(TrainingSession.starts_at)
    )
    return list(db.session.scalars(query))


def programme_options() -> list[CourseType]:
    return list(db.session.scalars(select(CourseType).order_by(CourseType.name)))
