"""Reads for session pages: filtered, paginated lists with team fill counts, no N+1."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Row, and_, bindparam, case, func, or_, select, text
from sqlalchemy.orm import contains_eager, joinedload, lazyload, load_only

from trainer.extensions import db
from trainer.models import (
    ANSWERED_SQL,
    Assignment,
    OfferStatus,
    Person,
    Programme,
    SessionStatus,
    TeamSeat,
    TrainingSession,
    Venue,
)

HOLDING = (OfferStatus.OFFERED, OfferStatus.ACCEPTED)


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
#: a session as a line of a list shows it: when, and which programme (no venue, no seats)
SESSION_LINE = (
    load_only(TrainingSession.starts_at, TrainingSession.programme_id, TrainingSession.status),
    joinedload(TrainingSession.programme).load_only(Programme.name).lazyload(Programme.seats),
    lazyload(TrainingSession.venue),
)
#: a seat as a line of a list shows it: who, in which role, asked or answered when; a
#: person has forty columns and a line shows one
SEAT_LINE = (
    load_only(
        Assignment.session_id,
        Assignment.person_id,
        Assignment.delivery_role_id,
        Assignment.offer_status,
        Assignment.offered_at,
        Assignment.responded_at,
    ),
    joinedload(Assignment.person).load_only(Person.full_name),
)
WAITING_OFFERS = (
    select(Assignment)
    .where(*_WAITING)
    .order_by(Assignment.offered_at)
    .limit(bindparam("limit"))
    .options(*SEAT_LINE, joinedload(Assignment.session, innerjoin=True).options(*SESSION_LINE))
)
WAITING_OFFER_COUNT = select(func.count()).select_from(Assignment).where(*_WAITING)


def waiting_offers(now: datetime, *, limit: int) -> list[Assignment]:
    """Offers nobody has answered yet, oldest first, for sessions still to come."""
    return list(db.session.scalars(WAITING_OFFERS, {"now": now, "limit": limit}))


def waiting_offer_count(now: datetime) -> int:
    return db.session.scalar(WAITING_OFFER_COUNT, {"now": now}) or 0


RECENT_ANSWERS = (
    select(Assignment)
    .join(Assignment.session)
    .where(
        # written into the SQL as the partial index of answered offers has it, so SQLite
        # reads that index newest first and stops after `limit` rows
        text(ANSWERED_SQL),
        Assignment.responded_at >= bindparam("since"),
        TrainingSession.ends_at > bindparam("now"),
    )
    .order_by(Assignment.responded_at.desc(), Assignment.id.desc())
    .limit(bindparam("limit"))
    .options(*SEAT_LINE, contains_eager(Assignment.session).options(*SESSION_LINE))
)


def recent_answers(now: datetime, *, days: int = 7, limit: int = 8) -> list[Assignment]:
    """Offers answered (yes or no) in the last `days`, newest first, for sessions to come."""
    window = {"since": now - timedelta(days=days), "now": now, "limit": limit}
    return list(db.session.scalars(RECENT_ANSWERS, window).unique())


def person_sessions(person: Person, *, since: datetime) -> list[Assignment]:
    """A person's seats from `since` on, in start order."""
    query = (
        select(Assignment)
        .join(Assignment.session)
        .where(Assignment.person_id == person.id, TrainingSession.starts_at >= since)
        .order_by(TrainingSession.starts_at)
    )
    return list(db.session.scalars(query))


PROGRAMME_OPTIONS = select(Programme.id, Programme.name, Programme.is_active).order_by(
    Programme.name
)
VENUE_OPTIONS = select(Venue.id, Venue.name, Venue.is_active).order_by(
    Venue.is_active.desc(), Venue.name
)


def programme_options() -> list[Row]:
    """Every programme as (id, name, is_active) rows, by name, for choosing or filtering."""
    return list(db.session.execute(PROGRAMME_OPTIONS))


def venue_options() -> list[Row]:
    """Every venue as (id, name, is_active) rows, active ones first: a nation's filter lists
    a hundred or more, so only what an option shows is read."""
    return list(db.session.execute(VENUE_OPTIONS))


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
