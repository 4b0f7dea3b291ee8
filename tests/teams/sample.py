"""A realistic, reproducible region: a month of Oliver McGowan sessions and a pool of people.

Used by the solver's tests and benchmark, and meant for the app's demo seed command.
Everything comes from `random.Random(seed)`, so the same seed gives the same region. The
default month, March 2026, runs across the clock change (Sunday 29 March).
"""

import random
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from trainer.money.limits import PersonLimits, Situation
from trainer.teams.facts import (
    AvailabilityWindow,
    Commitment,
    Period,
    PersonFacts,
    SchedulingContext,
    SessionFacts,
    commitment_for,
)
from trainer.teams.rules import check_candidate

#: the organisation's usual zone, which the examples are in
LONDON = ZoneInfo("Europe/London")

FACILITATOR, LEARNING_DISABILITY, AUTISTIC = 1, 2, 3
ROLE_NAMES = {
    FACILITATOR: "facilitating trainer",
    LEARNING_DISABILITY: "co-trainer with a learning disability",
    AUTISTIC: "autistic co-trainer",
}
TIER_1, TIER_2 = 1, 2
TRIO = {FACILITATOR: 1, LEARNING_DISABILITY: 1, AUTISTIC: 1}
PAY = {
    TIER_1: {FACILITATOR: 6000, LEARNING_DISABILITY: 4500, AUTISTIC: 4500},
    TIER_2: {FACILITATOR: 30000, LEARNING_DISABILITY: 17500, AUTISTIC: 17500},
}
FEATURES = ("step_free", "hearing_loop", "quiet_room", "accessible_toilet")
VENUES = (
    "Leeds Civic Hall",
    "Bradford Hub",
    "Wakefield Library",
    "Huddersfield Hall",
    "Halifax Centre",
    "Harrogate Rooms",
)
CENTRE = (53.80, -1.55)
WINDOWS = ((time(9), time(17)), (time(9), time(13)), (time(12), time(20)), (time(8), time(18)))
FIRST = (
    "Sam",
    "Alex",
    "Priya",
    "Jordan",
    "Chris",
    "Aisha",
    "Tom",
    "Maya",
    "Ravi",
    "Ellie",
    "Dan",
    "Zara",
    "Owen",
    "Nia",
    "Liam",
    "Hana",
    "Joe",
    "Amira",
    "Ben",
    "Ruth",
)
LAST = (
    "Jones",
    "Khan",
    "Smith",
    "Patel",
    "Brown",
    "Taylor",
    "Ali",
    "Evans",
    "Wood",
    "Hughes",
    "Green",
    "Shah",
    "Walker",
    "Clarke",
    "Hall",
)


@dataclass(frozen=True, slots=True)
class Venue:
    id: int
    name: str
    lat: float
    lon: float
    access: frozenset[str]


@dataclass(frozen=True, slots=True)
class Region:
    sessions: list[SessionFacts]
    people: list[PersonFacts]
    commitments: dict[int, list[Commitment]]
    context: SchedulingContext


def region(
    *,
    seed: int = 2026,
    sessions: int = 420,
    people: int = 300,
    year: int = 2026,
    month: int = 3,
    preseated: float = 0.08,
) -> Region:
    """A month of Tier 1 (online hour) and Tier 2 (in-person day) sessions and a staff pool."""
    rng = random.Random(seed)
    venues = make_venues(rng)
    days = working_days(year, month)
    made = make_sessions(rng, venues, days, sessions)
    staff = [make_person(rng, pid, venues, days, people) for pid in range(1, people + 1)]
    context = make_context(rng, staff)
    booked = preseat(rng, made, staff, context, preseated)
    return Region(made, staff, booked, with_loads(rng, context, staff, booked))


def make_venues(rng: random.Random) -> list[Venue]:
    return [
        Venue(
            i,
            name,
            CENTRE[0] + rng.uniform(-0.3, 0.3),
            CENTRE[1] + rng.uniform(-0.4, 0.4),
            frozenset(f for f in FEATURES if rng.random() < 0.65),
        )
        for i, name in enumerate(VENUES, start=1)
    ]


def working_days(year: int, month: int) -> list[date]:
    day, days = date(year, month, 1), []
    while day.month == month:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=LONDON).astimezone(UTC)


def make_sessions(
    rng: random.Random, venues: list[Venue], days: list[date], count: int
) -> list[SessionFacts]:
    tier_2 = round(count * 0.3)
    slots = [(day, venue) for day in days for venue in venues]
    rng.shuffle(slots)
    in_person = [
        tier_2_session(day, venue)
        for day, venue in sorted((slots * 2)[:tier_2], key=lambda slot: (slot[0], slot[1].id))
    ]
    online = sorted((rng.choice(days), rng.choice(range(9, 20))) for _ in range(count - tier_2))
    made = in_person + [tier_1_session(day, hour) for day, hour in online]
    made.sort(key=lambda s: (s.starts_at, s.venue_id or 0))
    return [renumber(s, i) for i, s in enumerate(made, start=1)]


def tier_2_session(day: date, venue: Venue) -> SessionFacts:
    return SessionFacts(
        0,
        TIER_2,
        at(day, time(9, 30)),
        at(day, time(16, 30)),
        venue.id,
        False,
        TRIO,
        PAY[TIER_2],
        420,
        venue.access,
        venue.lat,
        venue.lon,
        "Tier 2",
        venue.name,
    )


def tier_1_session(day: date, hour: int) -> SessionFacts:
    return SessionFacts(
        0,
        TIER_1,
        at(day, time(hour)),
        at(day, time(hour + 1)),
        None,
        True,
        TRIO,
        PAY[TIER_1],
        60,
        frozenset(),
        None,
        None,
        "Tier 1",
        "Online",
    )


def renumber(session: SessionFacts, new_id: int) -> SessionFacts:
    return replace(session, id=new_id)


def make_person(
    rng: random.Random, pid: int, venues: list[Venue], days: list[date], people: int
) -> PersonFacts:
    roles = person_roles(rng)
    return PersonFacts(
        id=pid,
        name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {pid}",
        role_ids=roles,
        qualified_programme_ids=qualifications(rng),
        access_needs=access_needs(rng),
        limits=person_caps(rng, co_trainer=FACILITATOR not in roles),
        weekly_availability=weekly_pattern(rng),
        unavailable=leave(rng, days),
        home_lat=CENTRE[0] + rng.uniform(-0.35, 0.35),
        home_lon=CENTRE[1] + rng.uniform(-0.45, 0.45),
        preferred_partner_ids=partners(rng, pid, people),
        usual_venue_ids=frozenset(v.id for v in rng.sample(venues, rng.choice((0, 1, 2)))),
    )


def access_needs(rng: random.Random) -> frozenset[str]:
    if rng.random() >= 0.12:
        return frozenset()
    return frozenset(rng.sample(FEATURES, rng.choice((1, 2))))


def partners(rng: random.Random, pid: int, people: int) -> frozenset[int]:
    if rng.random() >= 0.15:
        return frozenset()
    others = [i for i in range(1, people + 1) if i != pid]
    return frozenset(rng.sample(others, rng.choice((1, 2))))


def person_roles(rng: random.Random) -> frozenset[int]:
    first = rng.choice((FACILITATOR, LEARNING_DISABILITY, AUTISTIC))
    if rng.random() < 0.1:
        return frozenset((first, rng.choice([r for r in ROLE_NAMES if r != first])))
    return frozenset((first,))


def qualifications(rng: random.Random) -> frozenset[int]:
    tiers = {TIER_1} if rng.random() < 0.9 else set()
    if rng.random() < 0.65 or not tiers:
        tiers.add(TIER_2)
    return frozenset(tiers)


def person_caps(rng: random.Random, *, co_trainer: bool) -> PersonLimits:
    """Some co-trainers keep to ESA permitted work's figures (under 16 h and £195.50 a week)
    or a monthly limit of their own; some people cap their sessions a week."""
    roll = rng.random()
    if co_trainer and roll < 0.25:
        return PersonLimits(
            situation=Situation.OWN, own_minutes_per_week=16 * 60 - 1, own_pence_per_week=19550
        )
    if co_trainer and roll < 0.35:
        return PersonLimits(situation=Situation.OWN, own_pence_per_month=rng.choice((40000, 60000)))
    if roll < 0.5:
        return PersonLimits(sessions_per_week=rng.choice((1, 2, 3, 4)))
    return PersonLimits()


def weekly_pattern(rng: random.Random) -> tuple[AvailabilityWindow, ...] | None:
    if rng.random() < 0.1:
        return None
    weekdays = sorted(rng.sample(range(5), rng.choice((1, 2, 2, 3, 4))))
    return tuple(
        (weekday, *rng.choices(WINDOWS, weights=(40, 25, 20, 15))[0]) for weekday in weekdays
    )


def leave(rng: random.Random, days: list[date]) -> tuple[Period, ...]:
    if rng.random() >= 0.2:
        return ()
    first = rng.choice(days)
    return ((at(first, time(0)), at(first + timedelta(days=rng.randint(3, 14)), time(0))),)


def make_context(rng: random.Random, staff: list[PersonFacts]) -> SchedulingContext:
    ids = [p.id for p in staff]
    pairs = {frozenset(rng.sample(ids, 2)) for _ in range(len(ids) // 30)}
    together = {frozenset(rng.sample(ids, 2)): rng.randint(1, 6) for _ in range(len(ids))}
    return SchedulingContext(
        timezone=LONDON,
        do_not_pair=frozenset(pairs),
        delivered_together=together,
        role_names=ROLE_NAMES,
        person_names={p.id: p.name for p in staff},
    )


def preseat(
    rng: random.Random,
    sessions: list[SessionFacts],
    staff: list[PersonFacts],
    context: SchedulingContext,
    share: float,
) -> dict[int, list[Commitment]]:
    """Some seats already filled by valid, earlier bookings (with their role)."""
    booked: dict[int, list[Commitment]] = {}
    teams: dict[int, set[int]] = {}
    filled: set[tuple[int, int]] = set()
    for session in rng.sample(sessions, round(len(sessions) * share * 3)):
        role = rng.choice(sorted(session.seats))
        if (session.id, role) in filled:
            continue
        team = teams.setdefault(session.id, set())
        for person in rng.sample(staff, min(40, len(staff))):
            if check_candidate(
                session, role, person, booked.get(person.id, []), team, context
            ).eligible:
                booked.setdefault(person.id, []).append(commitment_for(session, role))
                team.add(person.id)
                filled.add((session.id, role))
                break
    return booked


def with_loads(
    rng: random.Random,
    context: SchedulingContext,
    staff: list[PersonFacts],
    booked: dict[int, list[Commitment]],
) -> SchedulingContext:
    """Recent workload: a few sessions last month plus this month's bookings."""
    loads = {p.id: rng.choice((0, 0, 1, 1, 2, 3)) + len(booked.get(p.id, ())) for p in staff}
    return replace(context, recent_sessions=loads)
