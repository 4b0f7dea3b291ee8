"""What goes into a calendar feed: a person's own sessions, or every session for coordinators,
read as rows (`calendars/rows.py`); `calendars/events.py` turns them into each reader's events.
No writes here."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select

from trainer.calendars import rows
from trainer.calendars.rows import MemberRow, SessionRow
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models import (
    Assignment,
    CalendarCopy,
    DeliveryRole,
    OfferStatus,
    Person,
    ReminderChoice,
    Reminders,
    SessionStatus,
    TeamSeat,
    TrainingSession,
)
from trainer.models.calendars import DEFAULT_REMINDERS

#: cancelled sessions, and sessions someone was taken off, stay in feeds this long
KEEP_CANCELLED = timedelta(days=30)
#: feeds start this far back
HISTORY = timedelta(days=365)


@dataclass
class Feed:
    """The rows a calendar is made from: one query gives the ETag; the teams' names and roles
    (a second query) are loaded only when the words are written."""

    sessions: list[SessionRow]
    person: Person | None = None
    alarms: tuple[int, ...] = ()
    needed: dict[int, int] = field(default_factory=dict)
    _teams: dict[int, list[MemberRow]] | None = None

    @property
    def teams(self) -> dict[int, list[MemberRow]]:
        if self._teams is None:
            self._teams = rows.team_rows([row.id for row in self.sessions])
        return self._teams


def _cancel_window(now: datetime):
    s = TrainingSession
    return or_(
        s.status != SessionStatus.CANCELLED,
        func.coalesce(s.cancelled_at, s.updated_at) >= now - KEEP_CANCELLED,
    )


def reminders_for(person: Person) -> tuple[Reminders, datetime | None]:
    choice = db.session.get(ReminderChoice, person.id)
    return (choice.reminders, choice.updated_at) if choice else (DEFAULT_REMINDERS, None)


def personal_feed(person: Person, now: datetime) -> Feed:
    """A person's accepted sessions, plus cancelled ones and ones they were taken off (30 days).

    The sessions are found first, from the person's own seats and copies (their indexes), and
    then read by id: a condition with subqueries in it misleads PostgreSQL's estimates, and it
    read every seat of every session to count the teams (seconds at nation scale)."""
    s = TrainingSession
    accepted = (
        select(s.id)
        .join(Assignment, Assignment.session_id == s.id)
        .where(
            Assignment.person_id == person.id,
            Assignment.offer_status == OfferStatus.ACCEPTED,
            s.starts_at >= now - HISTORY,
            _cancel_window(now),
        )
    )
    removed = (
        select(s.id)
        .join(CalendarCopy, CalendarCopy.session_id == s.id)
        .where(
            CalendarCopy.person_id == person.id,
            CalendarCopy.removed_at >= now - KEEP_CANCELLED,
            s.starts_at >= now - HISTORY,
        )
    )
    ids = sorted({session_id for (session_id,) in rows.rows(accepted.union(removed))})
    return _person_feed(person, s.id.in_(ids), now)


def person_session(person: Person, session_id: int) -> Feed:
    """One session as this person's copy (for a download or an email)."""
    return _person_feed(person, TrainingSession.id == session_id, utc_now())


def _person_feed(person: Person, where, now: datetime) -> Feed:
    reminders, reminders_at = reminders_for(person)
    found = rows.session_rows(where, person_id=person.id, now=now)
    if reminders_at:  # reminders are part of what the reader sees
        found = [replace(row, changed_at=max(row.changed_at, reminders_at)) for row in found]
    return Feed(found, person, reminders.minutes)


def team_feed(
    now: datetime,
    *,
    programme_id: int | None = None,
    venue_id: int | None = None,
    session_id: int | None = None,
) -> Feed:
    """Every session (cancelled ones for 30 days), optionally for one programme or venue."""
    s = TrainingSession
    conditions = (
        [s.id == session_id] if session_id else [s.starts_at >= now - HISTORY, _cancel_window(now)]
    )
    if programme_id:
        conditions.append(s.programme_id == programme_id)
    if venue_id:
        conditions.append(s.venue_id == venue_id)
    needed = rows.rows(
        select(TeamSeat.programme_id, func.sum(TeamSeat.count)).group_by(TeamSeat.programme_id)
    )
    return Feed(
        rows.session_rows(and_(*conditions), now=now), needed={k: int(n) for k, n in needed}
    )


def roles_key() -> str:
    """Delivery role names carry no timestamp: a rename must still change feed ETags."""
    names = rows.rows(select(DeliveryRole.id, DeliveryRole.name).order_by(DeliveryRole.id))
    return f"{zlib.crc32(repr(names).encode()):08x}"
