"""Builders for team-building tests that go through the database and the app."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tests import factories
from trainer.clock import utc_now

LONDON = ZoneInfo("Europe/London")


def weekday_ahead(days: int = 14, weekday: int = 2) -> date:
    """The first local date at least `days` from today that falls on `weekday` (0 = Monday)."""
    day = utc_now().astimezone(LONDON).date() + timedelta(days=days)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A London wall-clock time as the aware UTC instant the app stores."""
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON).astimezone(UTC)


@dataclass
class Setup:
    roles: list
    programme: object
    session: object
    people: dict[str, list] = field(default_factory=dict)

    @property
    def facilitator(self):
        return self.roles[0]

    @property
    def autistic(self):
        return self.roles[2]


def team_setup(
    *, day: date | None = None, hour: int = 10, per_role: int = 2, online: bool = True, venue=None
) -> Setup:
    """A draft session (an hour online, or a day at `venue`) and `per_role` qualified
    people for each role of the trio, named 'Facilitator 1', 'Autistic 2', ..."""
    roles = factories.make_trio()
    programme = factories.make_programme(roles=roles, online=online, duration=60 if online else 420)
    if not online and venue is None:
        venue = factories.make_venue(has_step_free=True)
    session = factories.make_session(
        programme=programme, venue=venue, starts_at=at(day or weekday_ahead(), hour)
    )
    setup = Setup(roles, programme, session)
    for label, role in zip(("Facilitator", "Learning", "Autistic"), roles, strict=True):
        setup.people[label] = [
            factories.make_person(
                roles=[role],
                qualified=[programme],
                name=f"{label} {n}",
                email=f"{label.lower()}{n}@example.org",
            )
            for n in range(1, per_role + 1)
        ]
    return setup


def same_time_session(setup: Setup, *, minutes_later: int = 0):
    """Another (online) session of the same programme starting `minutes_later` after the first."""
    starts_at = setup.session.starts_at + timedelta(minutes=minutes_later)
    return factories.make_session(programme=setup.programme, starts_at=starts_at)
