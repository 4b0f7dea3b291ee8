"""Reads for a co-trainer's home: their next session in full, their other sessions, and offers.

The words about a session (place, how to get in, team, what to bring, support) come from the
calendar's own reading of it (trainer/calendars/feed_rows.py and events.py), so the home page, the
invite and the feed always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from trainer.calendars import events as calendar_events
from trainer.calendars import feed_rows as calendar_data
from trainer.models import Assignment, OfferStatus, Person, SessionStatus
from trainer.sessions import queries
from trainer.teams.seat_pay import SeatPay
from trainer.timezones import local_zone

LIVE = (SessionStatus.DRAFT, SessionStatus.SCHEDULED)


@dataclass(frozen=True)
class NextSession:
    """Everything a person needs to turn up: one session, told from their seat."""

    assignment: Assignment
    location: str
    is_online: bool
    joining_link: str
    getting_in: str
    ask_for: str
    arrive_at: datetime | None
    #: (name, role) of everyone else who said yes
    team: tuple[tuple[str, str], ...]
    bring: tuple[str, ...]
    support: tuple[str, ...]
    #: the programme (its tier), as coordinators name it
    programme: str = ""
    minutes: int = 0
    #: what the seat is expected to earn under the rate card (None: not asked)
    pay_pence: int | None = None


@dataclass
class Home:
    person: Person
    next: NextSession | None = None
    others: list[Assignment] = field(default_factory=list)
    offers: list[Assignment] = field(default_factory=list)
    cancelled: list[Assignment] = field(default_factory=list)


def home_for(person: Person, now: datetime) -> Home:
    """The person's seats in sessions not yet over, sorted into what the page shows."""
    seats = [
        a
        for a in queries.person_sessions(person, since=now - timedelta(days=1))
        if a.session.ends_at > now
    ]
    live = [a for a in seats if a.session.status in LIVE]
    accepted = [a for a in live if a.offer_status is OfferStatus.ACCEPTED]
    home = Home(
        person,
        offers=[a for a in live if a.offer_status is OfferStatus.OFFERED],
        cancelled=[
            a
            for a in seats
            if a.session.status is SessionStatus.CANCELLED
            and a.offer_status is OfferStatus.ACCEPTED
        ],
    )
    if accepted:
        home.next, home.others = next_session(person, accepted[0]), accepted[1:]
    return home


def next_session(person: Person, assignment: Assignment, pay: SeatPay | None = None) -> NextSession:
    feed = calendar_data.person_session(person, assignment.session_id)
    stamp = calendar_events.stamps(feed)[0]
    details = calendar_events.details_for(feed, stamp)
    row = stamp.row
    team = tuple(
        (m.name, m.role)
        for m in feed.teams.get(row.id, [])
        if m.status is OfferStatus.ACCEPTED and m.person_id != person.id
    )
    return NextSession(
        assignment=assignment,
        location=row.location,
        is_online=row.is_online,
        joining_link=row.joining_link,
        getting_in=row.getting_in,
        ask_for=row.ask_for,
        arrive_at=details.arrive_at,
        team=team,
        bring=details.bring,
        support=details.support,
        programme=assignment.session.programme.name,
        minutes=assignment.session.duration_minutes,
        pay_pence=pay(assignment.session, assignment.delivery_role_id) if pay else None,
    )


def seat_cards(person: Person, seats: list[Assignment]) -> list[NextSession]:
    """Each seat told in full, with its pay: for offers and "My sessions"."""
    pay = SeatPay(local_zone())
    return [next_session(person, seat, pay) for seat in seats]


#: how far back "Sessions I have done" looks
PAST = timedelta(days=366)


@dataclass
class MySessions:
    coming: list[NextSession] = field(default_factory=list)
    offers: list[Assignment] = field(default_factory=list)
    cancelled: list[Assignment] = field(default_factory=list)
    #: sessions done in the last year, newest first
    past: list[Assignment] = field(default_factory=list)


def my_sessions(person: Person, now: datetime) -> MySessions:
    """The person's sessions to come (each in full), offers, cancellations and past sessions."""
    seats = queries.person_sessions(person, since=now - PAST)
    done = [
        a
        for a in seats
        if a.session.ends_at <= now
        and a.offer_status is OfferStatus.ACCEPTED
        and a.session.status is not SessionStatus.CANCELLED
    ]
    ahead = [a for a in seats if a.session.ends_at > now]
    live = [a for a in ahead if a.session.status in LIVE]
    return MySessions(
        coming=seat_cards(person, [a for a in live if a.offer_status is OfferStatus.ACCEPTED]),
        offers=[a for a in live if a.offer_status is OfferStatus.OFFERED],
        cancelled=[
            a
            for a in ahead
            if a.session.status is SessionStatus.CANCELLED
            and a.offer_status is OfferStatus.ACCEPTED
        ],
        past=done[::-1],
    )
