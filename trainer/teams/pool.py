"""The candidate pool for auto-fill: open seats, who could take each on their own, and the
groups of placements that cannot all be taken together.

Pure Python, no solver: the hard rules that look at one placement at a time are applied
here, so the CP-SAT model only has to deal with the rules that couple placements.
"""

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta

from trainer.money.limits import measure_of, most_allowed, period_of, totals
from trainer.teams.facts import (
    Commitment,
    PersonFacts,
    SchedulingContext,
    SessionFacts,
    commitment_for,
    earning_for,
)
from trainer.teams.patterns import free_sessions
from trainer.teams.preferences import preference_score
from trainer.teams.rules import BOOKING_RULES, clash_kind

PREFERENCE_SCALE = 10  # soft scores are floats; the model wants integers


@dataclass(frozen=True, slots=True)
class Option:
    """One possible placement: `person_id` in a `role_id` seat of `session`."""

    index: int
    session: SessionFacts
    role_id: int
    person_id: int
    preference: int

    @property
    def booking(self) -> Commitment:
        return commitment_for(self.session, self.role_id)


@dataclass(slots=True)
class Pool:
    sessions: dict[int, SessionFacts]
    people: dict[int, PersonFacts]
    existing: Mapping[int, Sequence[Commitment]]
    context: SchedulingContext
    #: (session_id, role_id) -> seats still empty
    open_seats: dict[tuple[int, int], int] = field(default_factory=dict)
    #: session_id -> people already seated
    seated: dict[int, set[int]] = field(default_factory=dict)
    options: list[Option] = field(default_factory=list)
    by_seat: dict[tuple[int, int], list[Option]] = field(default_factory=dict)
    by_person: dict[int, list[Option]] = field(default_factory=dict)


def build_pool(
    sessions: Iterable[SessionFacts],
    people: Iterable[PersonFacts],
    existing: Mapping[int, Sequence[Commitment]],
    context: SchedulingContext,
) -> Pool:
    """Open seats and, for each, everyone who passes every hard rule on their own."""
    pool = seat_pool(sessions, people, existing, context)
    roles_open: dict[int, list[int]] = {}
    for session_id, role_id in pool.open_seats:
        roles_open.setdefault(session_id, []).append(role_id)
    open_sessions = [pool.sessions[session_id] for session_id in roles_open]
    for person in sorted(pool.people.values(), key=lambda p: p.id):
        for session in free_sessions(person, open_sessions, context.timezone):
            for role_id in roles_open[session.id]:
                if role_id in person.role_ids and reached(person, role_id, context):
                    add_option(pool, session, role_id, person)
    return pool


def reached(person: PersonFacts, role_id: int, context: SchedulingContext) -> bool:
    """Has the person reached the progression stage the role needs (the rules' check)?"""
    return person.stage >= context.role_stages.get(role_id, 0)


def seat_pool(
    sessions: Iterable[SessionFacts],
    people: Iterable[PersonFacts],
    existing: Mapping[int, Sequence[Commitment]],
    context: SchedulingContext,
) -> Pool:
    """The open seats and who is already seated, without looking for candidates."""
    pool = Pool({s.id: s for s in sessions}, {p.id: p for p in people}, existing, context)
    count_seated(pool)
    return pool


def narrow(pool: Pool, keep: Sequence[int]) -> Pool:
    """The same seats with only the options at the `keep` indexes, renumbered in that order."""
    small = Pool(
        pool.sessions, pool.people, pool.existing, pool.context, pool.open_seats, pool.seated
    )
    for index in keep:
        add(small, replace(pool.options[index], index=len(small.options)))
    return small


def add(pool: Pool, option: Option) -> None:
    pool.options.append(option)
    pool.by_seat.setdefault((option.session.id, option.role_id), []).append(option)
    pool.by_person.setdefault(option.person_id, []).append(option)


def count_seated(pool: Pool) -> None:
    """Who is in each team already, and which seats (in start order) are still empty."""
    taken: dict[tuple[int, int], int] = {}
    for person_id, bookings in pool.existing.items():
        for booking in bookings:
            if booking.session_id in pool.sessions:
                pool.seated.setdefault(booking.session_id, set()).add(person_id)
                key = (booking.session_id, booking.role_id)
                taken[key] = taken.get(key, 0) + 1
    for session in sorted(pool.sessions.values(), key=lambda s: (s.starts_at, s.id)):
        for role_id, count in sorted(session.seats.items()):
            empty = count - taken.get((session.id, role_id), 0)
            if empty > 0:
                pool.open_seats[(session.id, role_id)] = empty


def role_holders(people: Iterable[PersonFacts]) -> dict[int, list[PersonFacts]]:
    holders: dict[int, list[PersonFacts]] = {}
    for person in sorted(people, key=lambda p: p.id):
        for role_id in person.role_ids:
            holders.setdefault(role_id, []).append(person)
    return holders


def add_option(pool: Pool, session: SessionFacts, role_id: int, person: PersonFacts) -> None:
    """Keep the placement if it passes the booking rules (the pool already screened the rest)."""
    team = pool.seated.get(session.id, ())
    args = (session, role_id, person, pool.existing.get(person.id, ()), team, pool.context)
    for rule in BOOKING_RULES:
        if rule(*args):
            return
    score = preference_score(session, person, team, pool.context)
    add(
        pool,
        Option(len(pool.options), session, role_id, person.id, round(score * PREFERENCE_SCALE)),
    )


def clash_groups(options: Sequence[Option], buffer_minutes: int) -> list[list[Option]]:
    """Groups of one person's options of which at most one may be taken.

    Overlapping sessions: each maximal set of sessions running at one instant (an interval
    graph's maximal cliques). Travel buffer: each pair of in-person sessions too close apart.
    """
    sessions = sorted(
        {o.session.id: o.session for o in options}.values(),
        key=lambda s: (s.starts_at, s.ends_at, s.id),
    )
    by_session: dict[int, list[Option]] = {}
    for option in options:
        by_session.setdefault(option.session.id, []).append(option)
    groups = [[o for s in clique for o in by_session[s.id]] for clique in overlap_cliques(sessions)]
    groups += [
        by_session[a.id] + by_session[b.id] for a, b in travel_pairs(sessions, buffer_minutes)
    ]
    return [group for group in groups if len(group) > 1]


def overlap_cliques(sessions: list[SessionFacts]) -> list[list[SessionFacts]]:
    """Maximal sets of sessions that all run at some instant; `sessions` sorted by start."""
    cliques: list[list[SessionFacts]] = []
    active: list[SessionFacts] = []
    for session in sessions:
        still = [s for s in active if s.ends_at > session.starts_at]
        if len(still) < len(active):
            cliques.append(active)
        active = still + [session]
    if active:
        cliques.append(active)
    return cliques


def travel_pairs(
    sessions: list[SessionFacts], buffer_minutes: int
) -> Iterator[tuple[SessionFacts, SessionFacts]]:
    """Pairs of non-overlapping in-person sessions at different venues closer than the buffer."""
    in_person = [s for s in sessions if not s.is_online]
    starts = [s.starts_at for s in in_person]
    buffer = timedelta(minutes=buffer_minutes)
    for i, first in enumerate(in_person):
        for second in in_person[i + 1 : bisect_left(starts, first.ends_at + buffer)]:
            if clash_kind(first, commitment_for(second, None), buffer_minutes) == "travel":
                yield first, second


def cap_groups(
    pool: Pool, person: PersonFacts, options: Sequence[Option]
) -> Iterator[tuple[list[Option], list[int], int]]:
    """(options, weights, room) for each week, month or assessment period in which the
    options could pass one of the person's limits (trainer/money/limits.py)."""
    context = pool.context
    start_day = person.limits.uc_period_start_day
    existing = [earning_for(c, person, context) for c in pool.existing.get(person.id, ())]
    for limit in person.limits.limits():
        periods: dict = {}
        for option in options:
            earning = earning_for(option.booking, person, context)
            periods.setdefault(period_of(limit, earning, start_day), []).append((option, earning))
        held = totals(existing, limit, start_day)
        for period, members in sorted(periods.items(), key=lambda item: item[0][1]):
            allowed, _ = most_allowed(limit, period, context.esa_amounts)
            if allowed is None:
                continue
            room = max(allowed - held.get(period, 0), 0)
            weights = [measure_of(earning, limit.measure) for _, earning in members]
            chosen = [option for option, _ in members]
            if most_per_session(chosen, weights) > room:
                yield chosen, weights, room


def most_per_session(members: Sequence[Option], weights: Sequence[int]) -> int:
    """The most the options could add up to, taking at most one seat per session."""
    best: dict[int, int] = {}
    for option, weight in zip(members, weights, strict=True):
        best[option.session.id] = max(best.get(option.session.id, 0), weight)
    return sum(best.values())
