"""Sessions and their teams as plain rows for calendars: a few queries whatever the size,
with no ORM objects built. What a row holds is what a calendar event is written from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, null, select, type_coerce
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.expression import FunctionElement

from trainer.extensions import db
from trainer.models import (
    ACCESS_FEATURES,
    Assignment,
    CalendarCopy,
    DeliveryRole,
    OfferStatus,
    Person,
    Programme,
    SessionStatus,
    TrainingSession,
    UTCDateTime,
    Venue,
)


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: int
    uid: str
    sequence: int
    status: SessionStatus
    starts_at: datetime
    ends_at: datetime
    #: the latest change to the session, its programme, its venue, its seats or their people
    changed_at: datetime
    #: seats in any state: a deleted seat changes this even though no timestamp moves
    team_size: int
    programme: str
    programme_id: int
    location: str
    is_online: bool
    joining_link: str
    ask_for: str
    getting_in: str
    bring: str
    notes: str
    venue_features: frozenset[str]
    #: for one person's feed: their seat, and their own copy if they have one
    own_status: OfferStatus | None = None
    own_role: str | None = None
    extra_sequence: int = 0
    removed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class MemberRow:
    session_id: int
    person_id: int
    name: str
    role: str
    status: OfferStatus


class _latest(FunctionElement):
    """The latest of some timestamps, in SQL; the first must not be NULL, later NULLs are
    skipped."""

    type = UTCDateTime()
    inherit_cache = True


@compiles(_latest)
def _greatest(element, compiler, **kw) -> str:  # PostgreSQL's GREATEST ignores NULLs
    return f"greatest({compiler.process(element.clauses, **kw)})"


@compiles(_latest, "sqlite")
def _sqlite_max(element, compiler, **kw) -> str:  # SQLite's max(a, b) is NULL if b is NULL
    first, *rest = [compiler.process(c, **kw) for c in element.clauses]
    return f"max({', '.join([first, *(f'coalesce({c}, {first})' for c in rest)])})"


def rows(query) -> list:
    """Plain rows through the session's connection: no ORM loading for column queries."""
    db.session.flush()  # as autoflush would, so rows include this transaction's changes
    return db.session.connection().execute(query).all()


def session_rows(where, *, person_id: int | None = None, now: datetime) -> list[SessionRow]:
    s, c, v, a, p = TrainingSession, Programme, Venue, Assignment, Person
    team = (
        select(
            a.session_id,
            func.count().label("size"),
            type_coerce(func.max(_latest(a.updated_at, p.updated_at)), UTCDateTime).label("at"),
        )
        .join(p, p.id == a.person_id)
        .where(a.session_id.in_(select(s.id).where(where).correlate(None)))
        .group_by(a.session_id)
        .subquery()
    )
    query = (
        select(
            s.id,
            s.calendar_uid,
            s.sequence,
            s.status,
            s.starts_at,
            s.ends_at,
            _latest(s.updated_at, c.updated_at, v.updated_at, team.c.at),
            func.coalesce(team.c.size, 0),
            s.meeting_url,
            s.what_to_bring,
            s.notes,
            c.id,
            c.name,
            c.what_to_bring,
        )
        .join(c, c.id == s.programme_id)
        .outerjoin(v, v.id == s.venue_id)
        .outerjoin(team, team.c.session_id == s.id)
        .where(where)
        .order_by(s.starts_at, s.id)
    )
    query = _with_own_copy(query, person_id).add_columns(
        v.id,
        v.name,
        v.is_online,
        v.address_line1,
        v.address_line2,
        v.town,
        v.postcode,
        v.meeting_url,
        v.contact_name,
        v.contact_phone,
        v.arrival_instructions,
        v.has_step_free,
        v.has_hearing_loop,
        v.has_quiet_room,
        v.has_accessible_toilet,
    )
    places: dict[tuple, tuple] = {}
    return [_session_row(places, *values) for values in rows(query)]


def _with_own_copy(query, person_id: int | None):
    """Add the person's seat and copy (NULLs for a coordinator's feed), in the row's order."""
    if person_id is None:
        return query.add_columns(null(), null(), null(), null(), null())
    s, own, role, copy = TrainingSession, aliased(Assignment), DeliveryRole, CalendarCopy
    return (
        query.add_columns(
            own.offer_status, role.name, copy.extra_sequence, copy.removed_at, copy.updated_at
        )
        .outerjoin(own, and_(own.session_id == s.id, own.person_id == person_id))
        .outerjoin(role, role.id == own.delivery_role_id)
        .outerjoin(copy, and_(copy.session_id == s.id, copy.person_id == person_id))
    )


def _session_row(
    places,
    sid,
    uid,
    sequence,
    status,
    starts,
    ends,
    changed,
    size,
    link,
    bring,
    notes,
    ctid,
    programme,
    programme_bring,
    own_status,
    own_role,
    extra,
    removed,
    copy_changed,
    venue_id,
    *venue,
) -> SessionRow:
    key = (venue_id, *venue)
    if key not in places:  # many sessions share a venue: work out its words once
        places[key] = _place(venue_id, *venue)
    is_online, location, venue_link, ask_for, getting_in, features = places[key]
    return SessionRow(
        id=sid,
        uid=uid,
        sequence=sequence,
        status=status,
        starts_at=starts,
        ends_at=ends,
        changed_at=max(changed, copy_changed) if copy_changed else changed,
        team_size=size,
        programme=programme,
        programme_id=ctid,
        location=location,
        is_online=is_online,
        joining_link=(link or venue_link) if is_online else "",
        ask_for=ask_for,
        getting_in=getting_in,
        bring=bring or programme_bring or "",
        notes=notes or "",
        venue_features=features,
        own_status=own_status,
        own_role=own_role,
        extra_sequence=extra or 0,
        removed_at=removed,
    )


def _place(
    venue_id,
    name,
    online,
    line1,
    line2,
    town,
    postcode,
    link,
    contact,
    phone,
    getting_in,
    *features,
) -> tuple:
    is_online = venue_id is None or bool(online)
    address = ", ".join(p for p in (line1, line2, town, postcode) if p)
    location = "Online" if is_online else ", ".join(p for p in (name, address) if p)
    ask_for = "" if is_online else ", ".join(p for p in (contact, phone) if p)
    has = (
        frozenset(ACCESS_FEATURES)
        if is_online
        else frozenset(k for k, flag in zip(ACCESS_FEATURES, features, strict=True) if flag)
    )
    return is_online, location, link or "", ask_for, getting_in or "", has


def team_rows(session_ids: list[int]) -> dict[int, list[MemberRow]]:
    a, p, r = Assignment, Person, DeliveryRole
    teams: dict[int, list[MemberRow]] = {}
    for chunk in range(0, len(session_ids), 900):  # within every database's parameter limit
        query = (
            select(a.session_id, a.person_id, p.full_name, r.name, a.offer_status)
            .join(p, p.id == a.person_id)
            .join(r, r.id == a.delivery_role_id)
            .where(a.session_id.in_(session_ids[chunk : chunk + 900]))
            .order_by(a.session_id, r.sort_order, a.id)
        )
        for values in rows(query):
            teams.setdefault(values[0], []).append(MemberRow(*values))
    return teams
