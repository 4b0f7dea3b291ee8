"""Keyword-only builders for team-building facts, and a re-check of a whole plan."""

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from trainer.money.limits import PersonLimits, Situation
from trainer.teams.explain import plan_problems
from trainer.teams.facts import (
    Commitment,
    PersonFacts,
    Placement,
    SchedulingContext,
    SessionFacts,
    commitment_for,
)

#: the organisation's usual zone, which the examples are in
LONDON = ZoneInfo("Europe/London")

FACILITATOR, LEARNING_DISABILITY, AUTISTIC = 1, 2, 3
TIER_1, TIER_2 = 1, 2


def london(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A local wall-clock time in London, as the aware UTC instant the app stores."""
    return datetime(year, month, day, hour, minute, tzinfo=LONDON).astimezone(UTC)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def make_session(
    *,
    id: int = 1,
    starts_at: datetime | None = None,
    minutes: int = 60,
    programme: int = TIER_1,
    venue: int | None = None,
    online: bool | None = None,
    seats: Mapping[int, int] | None = None,
    pay: int = 4500,
    access: Iterable[str] = (),
    lat: float | None = None,
    lon: float | None = None,
    name: str = "",
) -> SessionFacts:
    starts_at = starts_at or london(2026, 3, 3, 10)
    seats = seats if seats is not None else {FACILITATOR: 1, LEARNING_DISABILITY: 1, AUTISTIC: 1}
    is_online = venue is None if online is None else online
    return SessionFacts(
        id,
        programme,
        starts_at,
        starts_at + timedelta(minutes=minutes),
        venue,
        is_online,
        seats,
        dict.fromkeys(seats, pay),
        minutes,
        frozenset(access),
        lat,
        lon,
        "Tier 1" if programme == TIER_1 else "Tier 2",
        "Online" if is_online else (name or f"Venue {venue}"),
    )


def make_person(
    *,
    id: int = 1,
    name: str | None = None,
    roles: Iterable[int] = (AUTISTIC,),
    programmes: Iterable[int] = (TIER_1, TIER_2),
    needs: Iterable[str] = (),
    sessions_per_week: int | None = None,
    minutes_per_week: int | None = None,
    pence_per_week: int | None = None,
    pence_per_month: int | None = None,
    situation: Situation | None = None,
    uc_start_day: int | None = None,
    uc_pence: int | None = None,
    pay_percent: int = 100,
    pattern: tuple | None = None,
    leave: tuple = (),
    home: tuple | None = None,
    partners: Iterable[int] = (),
    venues: Iterable[int] = (),
) -> PersonFacts:
    lat, lon = home or (None, None)
    own = (minutes_per_week, pence_per_week, pence_per_month) != (None, None, None)
    limits = PersonLimits(
        situation=situation or (Situation.OWN if own else Situation.NONE),
        uc_period_start_day=uc_start_day,
        uc_monthly_pence=uc_pence,
        own_minutes_per_week=minutes_per_week,
        own_pence_per_week=pence_per_week,
        own_pence_per_month=pence_per_month,
        sessions_per_week=sessions_per_week,
        pay_percent=pay_percent,
    )
    return PersonFacts(
        id,
        name or f"Person {id:03d}",
        frozenset(roles),
        frozenset(programmes),
        frozenset(needs),
        limits,
        pattern,
        leave,
        lat,
        lon,
        frozenset(partners),
        frozenset(venues),
    )


def make_context(
    *,
    buffer: int = 60,
    do_not_pair: Iterable[tuple[int, int]] = (),
    together: Mapping[tuple[int, int], int] | None = None,
    loads: Mapping[int, int] | None = None,
    names: Mapping[int, str] | None = None,
) -> SchedulingContext:
    return SchedulingContext(
        timezone=LONDON,
        travel_buffer_minutes=buffer,
        do_not_pair=frozenset(frozenset(pair) for pair in do_not_pair),
        delivered_together={frozenset(pair): n for pair, n in (together or {}).items()},
        recent_sessions=dict(loads or {}),
        role_names={
            FACILITATOR: "facilitating trainer",
            LEARNING_DISABILITY: "co-trainer with a learning disability",
            AUTISTIC: "autistic co-trainer",
        },
        person_names=dict(names or {}),
    )


def booking_of(session: SessionFacts, *, role: int | None = AUTISTIC) -> Commitment:
    return commitment_for(session, role)


def violations(
    placements: Sequence[Placement],
    sessions: Iterable[SessionFacts],
    people: Iterable[PersonFacts],
    existing: Mapping[int, Sequence[Commitment]],
    context: SchedulingContext,
) -> list[str]:
    """Every hard rule a plan breaks, checking each placement against all the others."""
    return plan_problems(placements, list(sessions), list(people), existing, context)
