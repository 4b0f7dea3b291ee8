"""Each reader's calendar events from the rows `calendars/feed_rows.py` reads: first the stamps
an ETag needs, without writing any words, then the words. Pure: no queries, no writes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from trainer.calendars.feed_rows import Feed, SessionRow
from trainer.calendars.ics import EventData
from trainer.calendars.itip import SessionDetails, describe_session
from trainer.models import ACCESS_FEATURES, OfferStatus, Person, SessionStatus

#: in-person teams are asked to arrive this long before the start
ARRIVE_EARLY = timedelta(minutes=15)
STATUS_IN_CALENDAR = {
    SessionStatus.DRAFT: "TENTATIVE",
    SessionStatus.SCHEDULED: "CONFIRMED",
    SessionStatus.DELIVERED: "CONFIRMED",
    SessionStatus.CANCELLED: "CANCELLED",
}


# -- stamps: what the ETag needs, without writing any words ------------------------------------


@dataclass(frozen=True, slots=True)
class Stamp:
    row: SessionRow
    sequence: int
    status: str
    last_modified: datetime
    #: the reader's role in the team, or None for a coordinator's copy
    role: str | None


def stamps(feed: Feed) -> list[Stamp]:
    return [_stamp(feed.person is None, row) for row in feed.sessions]


def _stamp(coordinator: bool, row: SessionRow) -> Stamp:
    if coordinator:
        return Stamp(row, row.sequence, STATUS_IN_CALENDAR[row.status], row.changed_at, None)
    status = personal_status(row.status, row.own_status, removed=row.removed_at is not None)
    return Stamp(
        row,
        row.sequence + row.extra_sequence,
        status,
        row.changed_at,
        row.own_role or "team member",
    )


def personal_status(session: SessionStatus, seat: OfferStatus | None, *, removed: bool) -> str:
    """What a team member's calendar shows: cancelled once off the team or the session is off."""
    if session is SessionStatus.CANCELLED or seat not in (
        OfferStatus.ACCEPTED,
        OfferStatus.OFFERED,
    ):
        return "CANCELLED"
    if removed and seat is not OfferStatus.ACCEPTED:
        return "CANCELLED"
    if seat is OfferStatus.OFFERED:
        return "TENTATIVE"
    return STATUS_IN_CALENDAR[session]


def etag_items(items: Iterable[Stamp]) -> list[tuple[str, int, datetime]]:
    return [
        (f"{s.row.uid}#{s.status}#{s.row.team_size}", s.sequence, s.last_modified) for s in items
    ]


def last_modified(items: list[Stamp], default: datetime) -> datetime:
    return max((s.last_modified for s in items), default=default)


# -- words --------------------------------------------------------------------------------------


def details_for(feed: Feed, stamp: Stamp) -> SessionDetails:
    """The facts one reader needs about one session (their role, their support)."""
    row = stamp.row
    team = feed.teams.get(row.id, [])
    accepted = tuple((m.name, m.role) for m in team if m.status is OfferStatus.ACCEPTED)
    return SessionDetails(
        programme=row.programme,
        role=stamp.role or "coordinator",
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        location=row.location,
        joining_link=row.joining_link or None,
        arrive_at=None if row.is_online else row.starts_at - ARRIVE_EARLY,
        ask_for=row.ask_for or None,
        team=accepted,
        support=_support(feed.person, row),
        bring=tuple(line.strip() for line in row.bring.splitlines() if line.strip()),
    )


def _support(person: Person | None, row: SessionRow) -> tuple[str, ...]:
    if person is None:
        return ()
    lines = [line.strip() for line in person.support_needs.splitlines() if line.strip()]
    wanted = sorted(person.access_needs & row.venue_features) if not row.is_online else []
    return tuple(lines + [f"{ACCESS_FEATURES[key]} at the venue" for key in wanted])


def event_for(feed: Feed, stamp: Stamp, tz: ZoneInfo) -> EventData:
    details = details_for(feed, stamp)
    row = stamp.row
    extra = []
    if row.getting_in:
        extra.append(f"Getting in: {row.getting_in}")
    if row.notes:
        extra.append(f"Notes for the team: {row.notes}")
    if stamp.role is None:
        extra += _coordinator_lines(feed, row)
    description = "\n".join([describe_session(details, tz), *extra])
    return EventData(
        uid=row.uid,
        sequence=stamp.sequence,
        status=stamp.status,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        last_modified=stamp.last_modified,
        summary=_summary(feed, stamp),
        location=row.location,
        description=description,
        url=row.joining_link or None,
        alarms=feed.alarms,
    )


def _summary(feed: Feed, stamp: Stamp) -> str:
    row = stamp.row
    if stamp.role is not None:
        return f"{row.programme} – {stamp.role}"
    gaps = _gaps(feed, row)
    place = "online" if row.is_online else row.location.split(", ")[0]
    return f"{row.programme}, {place}" + (
        f" – {gaps} empty seat{'s' * (gaps != 1)}" if gaps else ""
    )


def _gaps(feed: Feed, row: SessionRow) -> int:
    holding = sum(m.status.holds_seat for m in feed.teams.get(row.id, []))
    return max(feed.needed.get(row.programme_id, 0) - holding, 0)


def _coordinator_lines(feed: Feed, row: SessionRow) -> list[str]:
    waiting = [
        f"- {m.name}, {m.role}"
        for m in feed.teams.get(row.id, [])
        if m.status is OfferStatus.OFFERED
    ]
    lines = ["Offers waiting for an answer:", *waiting] if waiting else []
    if gaps := _gaps(feed, row):
        lines.append(f"Empty seats: {gaps}")
    return lines


def events(feed: Feed, items: list[Stamp], tz: ZoneInfo) -> list[EventData]:
    return [event_for(feed, stamp, tz) for stamp in items]


def content_digest(event: EventData) -> str:
    """What a reader sees, apart from SEQUENCE, timestamps and reminders."""
    plain = replace(event, sequence=0, last_modified=event.starts_at, alarms=())
    return hashlib.blake2b(repr(plain).encode(), digest_size=16).hexdigest()
