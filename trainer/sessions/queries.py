"""Reads for session pages: filtered, paginated lists with team fill counts, no N+1."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, and_, bindparam, case, func, or_, select
from sqlalchemy.orm import defaultload, joinedload, lazyload, load_only

from trainer.extensions import db
from trainer.models import (
    Assignment,
    OfferStatus,
    Person,
    Programme,
    SessionStatus,
    TeamSeat,
    TrainingSession,
    Venue,
)
from trainer.timezones import local_to_utc

HOLDING = (OfferStatus.OFFERED, OfferStatus.ACCEPTED)
#: lists show a session's programme name, not its team composition
WITHOUT_SEATS = defaultload(TrainingSession.programme).lazyload(Programme.seats)
#: what a row of the session list shows: a third of the columns, half the loading time
LIST_COLUMNS = (
    load_only(
        TrainingSession.starts_at,
        TrainingSession.status,
        TrainingSession.programme_id,
        TrainingSession.venue_id,
    ),
    joinedload(TrainingSession.programme).load_only(Programme.name).lazyload(Programme.seats),
    joinedload(TrainingSession.venue).load_only(Venue.name),
)


@dataclass(frozen=True)
class SessionFilters:
    date_from: date | None = None
    date_to: date | None = None
    programme_id: int | None = None
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

    @property
    def waiting(self) -> int:
        """Seats held by an offer nobody has answered yet."""
        return self.filled - self.accepted


@dataclass
class SessionPage:
    rows: list[tuple[TrainingSession, TeamCounts]]
    total: int
    page: int
    per_page: int
    counts: dict[int, TeamCounts] = field(default_factory=dict)
    #: more sessions match than were counted (`total` is then COUNTED_UP_TO)
    more: bool = False

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
    if filters.programme_id:
        query = query.where(TrainingSession.programme_id == filters.programme_id)
    if filters.status:
        query = query.where(TrainingSession.status == filters.status)
    if filters.venue_id:
        query = query.where(TrainingSession.venue_id == filters.venue_id)
    return query


#: a list counts its sessions up to here, and says "more than" beyond: counting every session
#: of a nation costs more than the page, and nobody pages past the first few hundred
COUNTED_UP_TO = 10_000


def list_sessions(filters: SessionFilters, *, page: int = 1, per_page: int = 25) -> SessionPage:
    """One page of sessions in start order, with team counts: three queries whatever the size."""
    base = _filtered(filters)
    counted = base.with_only_columns(TrainingSession.id).limit(COUNTED_UP_TO + 1).subquery()
    total = db.session.scalar(select(func.count()).select_from(counted)) or 0
    more = total > COUNTED_UP_TO
    total = min(total, COUNTED_UP_TO)
    page = min(max(page, 1), max((total + per_page - 1) // per_page, 1))
    query = base.order_by(TrainingSession.starts_at, TrainingSession.id).options(*LIST_COLUMNS)
    sessions = list(db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)))
    counts = team_counts(sessions)
    rows = [(s, counts[s.id]) for s in sessions]
    return SessionPage(rows, total, page, per_page, counts, more)


# The dashboard's reads are built once, with bound parameters: building a statement and its
# cache key costs more than running it on an indexed table.

_HAS_NEEDS = or_(
    Person.communication_needs != "",
    Person.support_needs != "",
    Person.needs_step_free,
    Person.needs_hearing_loop,
    Person.needs_quiet_room,
    Person.needs_accessible_toilet,
)
_SEATS_NEEDED = (
    select(func.coalesce(func.sum(TeamSeat.count), 0))
    .where(TeamSeat.programme_id == TrainingSession.programme_id)
    .scalar_subquery()
)
TEAM_COUNTS = (
    select(
        TrainingSession.id,
        _SEATS_NEEDED,
        func.count(Assignment.id),
        func.sum(case((Assignment.offer_status == OfferStatus.ACCEPTED, 1), else_=0)),
        func.sum(case((_HAS_NEEDS, 1), else_=0)),
    )
    .outerjoin(
        Assignment,
        and_(Assignment.session_id == TrainingSession.id, Assignment.offer_status.in_(HOLDING)),
    )
    .outerjoin(Person, Person.id == Assignment.person_id)
    .where(TrainingSession.id.in_(bindparam("ids", expanding=True)))
    .group_by(TrainingSession.id, TrainingSession.programme_id)
)


def team_counts(sessions: list[TrainingSession]) -> dict[int, TeamCounts]:
    """Seats needed, filled, accepted and people with support needs, for many sessions at once."""
    return team_counts_by_id([s.id for s in sessions])


def team_counts_by_id(ids: list[int]) -> dict[int, TeamCounts]:
    """The same, by session id."""
    counts = {session_id: TeamCounts() for session_id in ids}
    if not ids:
        return counts
    for session_id, need, n, accepted, needs in db.session.execute(
        TEAM_COUNTS, {"ids": list(counts)}
    ):
        counts[session_id] = TeamCounts(int(need), int(n), int(accepted or 0), int(needs or 0))
    return counts


UPCOMING = (
    select(TrainingSession)
    .where(
        TrainingSession.starts_at >= bindparam("start"),
        TrainingSession.starts_at < bindparam("end"),
        TrainingSession.status != SessionStatus.CANCELLED,
    )
    .order_by(TrainingSession.starts_at)
    .limit(bindparam("limit"))
    .options(WITHOUT_SEATS)
)


def upcoming_sessions(now: datetime, *, days: int, limit: int) -> list[TrainingSession]:
    window = {"start": now, "end": now + timedelta(days=days), "limit": limit}
    return list(db.session.scalars(UPCOMING, window))


STATUS_COUNTS = (
    select(TrainingSession.status, func.count())
    .where(
        TrainingSession.starts_at >= bindparam("start"),
        TrainingSession.starts_at < bindparam("end"),
    )
    .group_by(TrainingSession.status)
)


def status_counts(now: datetime, *, days: int) -> dict[str, int]:
    """How many sessions in the coming days are in each status."""
    window = {"start": now, "end": now + timedelta(days=days)}
    return {status.value: n for status, n in db.session.execute(STATUS_COUNTS, window)}


#: the offer status is written into the SQL, not bound, so SQLite can use the partial index
#: of open offers; the session test is an EXISTS so no planner starts from every session
_WAITING = (
    Assignment.offer_status
    == bindparam(
        "open", OfferStatus.OFFERED, type_=Assignment.offer_status.type, literal_execute=True
    ),
    select(TrainingSession.id)
    .where(
        TrainingSession.id == Assignment.session_id,
        TrainingSession.status.in_((SessionStatus.DRAFT, SessionStatus.SCHEDULED)),
        TrainingSession.starts_at >= bindparam("now"),
    )
    .exists(),
)
WAITING_OFFERS = (
    select(Assignment)
    .where(*_WAITING)
    .order_by(Assignment.offered_at)
    .limit(bindparam("limit"))
    .options(
        joinedload(Assignment.session, innerjoin=True)
        .defaultload(TrainingSession.programme)
        .lazyload(Programme.seats)
    )
)
WAITING_OFFER_COUNT = select(func.count()).select_from(Assignment).where(*_WAITING)


def waiting_offers(now: datetime, *, limit: int) -> list[Assignment]:
    """Offers nobody has answered yet, oldest first, for sessions still to come."""
    return list(db.session.scalars(WAITING_OFFERS, {"now": now, "limit": limit}))


def waiting_offer_count(now: datetime) -> int:
    return db.session.scalar(WAITING_OFFER_COUNT, {"now": now}) or 0


def recent_answers(now: datetime, *, days: int = 7, limit: int = 8) -> list[Assignment]:
    """Offers answered (yes or no) in the last `days`, newest first, for sessions to come."""
    query = (
        select(Assignment)
        .join(Assignment.session)
        .where(
            Assignment.responded_at >= now - timedelta(days=days),
            Assignment.offer_status.in_((OfferStatus.ACCEPTED, OfferStatus.DECLINED)),
            TrainingSession.ends_at > now,
        )
        .order_by(Assignment.responded_at.desc(), Assignment.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query).unique())


def person_sessions(person: Person, *, since: datetime) -> list[Assignment]:
    """A person's seats from `since` on, in start order."""
    query = (
        select(Assignment)
        .join(Assignment.session)
        .where(Assignment.person_id == person.id, TrainingSession.starts_at >= since)
        .order_by(TrainingSession.starts_at)
    )
    return list(db.session.scalars(query))


def programme_options() -> list[Programme]:
    query = select(Programme).order_by(Programme.name).options(lazyload(Programme.seats))
    return list(db.session.scalars(query))


def venue_options() -> list[Venue]:
    """Every venue, active ones first, for choosing one or filtering by it."""
    return list(db.session.scalars(select(Venue).order_by(Venue.is_active.desc(), Venue.name)))


def sessions_to_come(
    *,
    now: datetime,
    person_id: int | None = None,
    venue_id: int | None = None,
    programme_id: int | None = None,
) -> int:
    """Draft or scheduled sessions still to come that hold this person's seat (offered or
    accepted), or use this venue or programme: what archiving it leaves to sort out."""
    query = select(func.count(func.distinct(TrainingSession.id))).where(
        TrainingSession.status.in_((SessionStatus.DRAFT, SessionStatus.SCHEDULED)),
        TrainingSession.starts_at > now,
    )
    if person_id is not None:
        query = query.join(Assignment, Assignment.session_id == TrainingSession.id).where(
            Assignment.person_id == person_id, Assignment.offer_status.in_(HOLDING)
        )
    if venue_id is not None:
        query = query.where(TrainingSession.venue_id == venue_id)
    if programme_id is not None:
        query = query.where(TrainingSession.programme_id == programme_id)
    return db.session.scalar(query) or 0
