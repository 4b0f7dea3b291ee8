import random
from collections import Counter
from functools import partial

from tests.teams.factories import (
    AUTISTIC,
    FACILITATOR,
    TIER_1,
    TIER_2,
    booking_of,
    london,
    make_context,
    make_person,
    make_session,
    violations,
)
from tests.teams.sample import region
from trainer.teams import solver
from trainer.teams.facts import Placement, commitment_for
from trainer.teams.pool import build_pool
from trainer.teams.quick_fill import quick_fill
from trainer.teams.rules import check_candidate
from trainer.teams.solver import greedy_fill

#: as the app does, let the deterministic budget end each solve, not the clock: on a busy
#: machine the same input must still give the same plan
auto_fill = partial(solver.auto_fill, safety_net_s=60)


def tiny(seed: int):
    """A handful of overlapping sessions and people, small enough to search exhaustively."""
    rng = random.Random(seed)
    sessions = [tiny_session(rng, i) for i in range(1, 5)]
    people = [
        make_person(
            id=i,
            roles=rng.choice(((AUTISTIC,), (FACILITATOR,), (FACILITATOR, AUTISTIC))),
            programmes=rng.choice(((TIER_1,), (TIER_1, TIER_2))),
            sessions_per_week=rng.choice((None, 1, 2)),
            pence_per_week=rng.choice((None, 9000, 13500)),
        )
        for i in range(1, 6)
    ]
    context = make_context(
        buffer=rng.choice((30, 60, 120)), do_not_pair=[tuple(rng.sample(range(1, 6), 2))]
    )
    first_role = sorted(sessions[0].seats)[0]
    seated = check_candidate(sessions[0], first_role, people[0], [], set(), context).eligible
    existing = {1: [booking_of(sessions[0], role=first_role)]} if seated and seed % 3 == 0 else {}
    return sessions, people, existing, context


def tiny_session(rng: random.Random, session_id: int):
    starts_at = london(2026, 3, rng.choice((2, 3)), rng.choice((9, 10, 11, 13)))
    return make_session(
        id=session_id,
        starts_at=starts_at,
        minutes=rng.choice((60, 120, 180)),
        programme=rng.choice((TIER_1, TIER_2)),
        venue=rng.choice((None, 1, 2)),
        pay=rng.choice((4500, 9000)),
        seats=rng.choice(({FACILITATOR: 1, AUTISTIC: 1}, {AUTISTIC: 2})),
    )


def most_fillable(sessions, people, existing, context) -> int:
    """Exhaustive search: the most seats any valid set of placements could fill."""
    teams = {
        s.id: {pid for pid, booked in existing.items() for c in booked if c.session_id == s.id}
        for s in sessions
    }
    taken = Counter((c.session_id, c.role_id) for booked in existing.values() for c in booked)
    seats = [
        (s, role)
        for s in sessions
        for role, count in sorted(s.seats.items())
        for _ in range(count - taken[(s.id, role)])
    ]
    booked = {pid: list(bookings) for pid, bookings in existing.items()}
    best = 0

    def search(i: int, filled: int) -> None:
        nonlocal best
        if filled + len(seats) - i <= best:
            return
        if i == len(seats):
            best = filled
            return
        session, role = seats[i]
        for person in people:
            mine = booked.setdefault(person.id, [])
            if check_candidate(session, role, person, mine, teams[session.id], context).eligible:
                mine.append(commitment_for(session, role))
                teams[session.id].add(person.id)
                search(i + 1, filled + 1)
                mine.pop()
                teams[session.id].discard(person.id)
        search(i + 1, filled)

    search(0, 0)
    return best


def test_fills_as_many_seats_as_an_exhaustive_search_and_proves_it():
    for seed in range(40):
        instance = tiny(seed)
        plan = auto_fill(*instance, time_limit_s=2)
        assert plan.stats.filled == most_fillable(*instance), seed
        assert plan.stats.fill_proved_optimal, seed
        assert violations(plan.placements, *instance) == [], seed


def test_proves_the_fill_with_cp_sat_when_the_quick_fill_falls_short():
    # Seven sessions at once, one seat each; person i holds roles i-1 and i, so the seats
    # form a chain. The least-loaded first choice (person 2 for session 1) leaves session 6
    # empty, and refilling it means moving five people: longer than the quick repairs go.
    sessions = [make_session(id=role, seats={role: 1}) for role in range(1, 8)]
    people = [make_person(id=1, roles=(1,))] + [
        make_person(id=i, roles=(i - 1, i)) for i in range(2, 8)
    ]
    instance = (sessions, people, {}, make_context(loads={1: 9}))
    assert len(quick_fill(build_pool(*instance))) == 6
    plan = auto_fill(*instance, time_limit_s=2)
    assert plan.stats.filled == most_fillable(*instance) == 7
    assert plan.stats.fill_proved_optimal
    assert [p.person_id for p in plan.placements] == [1, 2, 3, 4, 5, 6, 7]
    assert violations(plan.placements, *instance) == []
    assert greedy_fill(*instance).stats.filled == 6


def test_never_breaks_a_hard_rule_on_a_busy_region():
    sample = region(seed=3, sessions=150, people=90)
    instance = (sample.sessions, sample.people, sample.commitments, sample.context)
    plan = auto_fill(*instance, time_limit_s=3)
    assert plan.stats.filled > 0
    assert violations(plan.placements, *instance) == []


def test_the_same_input_gives_the_same_plan():
    sample = region(seed=4, sessions=120, people=90)
    instance = (sample.sessions, sample.people, sample.commitments, sample.context)
    first = auto_fill(*instance, time_limit_s=3)
    second = auto_fill(*instance, time_limit_s=3)
    assert first.placements == second.placements
    assert first.empty_seats == second.empty_seats
    # a longer clock safety net (for busy machines) leaves the deterministic budget alone
    patient = auto_fill(*instance, time_limit_s=3, safety_net_s=30)
    assert patient.placements == first.placements


def test_fills_at_least_as_many_seats_as_greedy():
    for seed in range(12):
        instance = tiny(seed)
        greedy = greedy_fill(*instance)
        assert auto_fill(*instance, time_limit_s=2).stats.filled >= greedy.stats.filled
    sample = region(seed=6, sessions=100, people=45)
    instance = (sample.sessions, sample.people, sample.commitments, sample.context)
    greedy = greedy_fill(*instance)
    assert violations(greedy.placements, *instance) == []
    assert auto_fill(*instance, time_limit_s=3).stats.filled >= greedy.stats.filled


def test_explains_an_empty_seat_by_counting_reasons_across_the_pool():
    session = make_session(id=1, seats={AUTISTIC: 1})
    elsewhere = make_session(id=2, starts_at=london(2026, 3, 3, 9, 30))
    people = [
        make_person(id=1, leave=((london(2026, 3, 1), london(2026, 3, 8)),)),
        make_person(id=2),
        make_person(id=3, pence_per_week=4000),
        make_person(id=4, roles=(FACILITATOR,)),
    ]
    plan = auto_fill(
        [session], people, {2: [booking_of(elsewhere)]}, make_context(), time_limit_s=1
    )
    [empty] = plan.empty_seats
    assert (empty.session_id, empty.role_id, empty.count) == (1, AUTISTIC, 1)
    assert empty.explanation == (
        "No autistic co-trainer is free for Tier 1 at Online, 10:00–11:00 on Tue 3 Mar: of 3, "
        "1 over their own weekly pay limit, 1 already booked, 1 on leave or unavailable."
    )
    assert empty.reasons == {"cap_pence_week": 1, "overlap": 1, "unavailable": 1}
    assert plan.stats.seats == 1 and plan.stats.filled == 0


def test_explains_a_seat_for_a_role_nobody_holds():
    plan = auto_fill(
        [make_session(seats={FACILITATOR: 1})], [make_person()], {}, make_context(), time_limit_s=1
    )
    [empty] = plan.empty_seats
    assert empty.explanation.startswith("Nobody holds the facilitating trainer role")


def test_seats_already_filled_stay_filled_and_their_people_count_for_pairing():
    session = make_session(id=1, seats={FACILITATOR: 1, AUTISTIC: 2})
    seated = {10: [booking_of(session, role=FACILITATOR)], 11: [booking_of(session, role=AUTISTIC)]}
    people = [
        make_person(id=10, roles=(FACILITATOR,)),
        make_person(id=11),
        make_person(id=1),
        make_person(id=2, name="Aaron"),
    ]
    context = make_context(do_not_pair=[(2, 10)])
    plan = auto_fill([session], people, seated, context, time_limit_s=1)
    assert [(p.role_id, p.person_id) for p in plan.placements] == [(AUTISTIC, 1)]
    assert plan.stats.seats == 1 and plan.empty_seats == ()


def test_two_seats_of_a_role_take_two_different_people_and_spread_the_work():
    sessions = [
        make_session(id=i, starts_at=london(2026, 3, 3 + i, 10), seats={AUTISTIC: 2})
        for i in range(3)
    ]
    people = [make_person(id=i) for i in range(1, 7)]
    plan = auto_fill(sessions, people, {}, make_context(), time_limit_s=2)
    assert plan.stats.filled == 6
    assert Counter(p.person_id for p in plan.placements) == dict.fromkeys(range(1, 7), 1)
    assert plan.stats.status == "OPTIMAL"


def test_fairness_spares_the_busiest_and_preferences_break_ties():
    sessions = [
        make_session(id=i, starts_at=london(2026, 3, 3 + i, 10), venue=4, seats={AUTISTIC: 1})
        for i in range(2)
    ]
    people = [make_person(id=1), make_person(id=2, venues=(4,)), make_person(id=3, venues=(4,))]
    plan = auto_fill(sessions, people, {}, make_context(loads={1: 0, 2: 6, 3: 0}), time_limit_s=2)
    assert sorted(p.person_id for p in plan.placements) == [1, 3]


def test_the_plan_check_catches_broken_rules():
    sessions = [
        make_session(id=1, seats={AUTISTIC: 2}),
        make_session(id=2, starts_at=london(2026, 3, 3, 10, 30), seats={AUTISTIC: 1}),
    ]
    people = [make_person(id=1, name="Abe"), make_person(id=2, name="Bea", roles=(FACILITATOR,))]
    twice = [
        Placement(1, AUTISTIC, 1),
        Placement(1, AUTISTIC, 1),
        Placement(2, AUTISTIC, 1),
        Placement(2, AUTISTIC, 2),
    ]
    problems = violations(twice, sessions, people, {}, make_context())
    assert "Session 1, Abe: Already in this session's team" in problems
    assert "Session 2, Abe: Already booked 10:00–11:00 on Tue 3 Mar (Tier 1 at Online)" in problems
    assert "Too many people in session 2's autistic co-trainer seats" in problems
    assert "Session 2, Bea: Does not hold the autistic co-trainer role" in problems


def test_nothing_to_fill_gives_an_empty_plan():
    session = make_session(seats={AUTISTIC: 1})
    plan = auto_fill([session], [make_person()], {1: [booking_of(session)]}, make_context())
    assert plan.placements == () and plan.empty_seats == ()
    assert plan.stats.seats == 0 and plan.stats.fill_proved_optimal


def test_a_region_month_is_filled_optimally_without_breaking_a_rule():
    sample = region()
    instance = (sample.sessions, sample.people, sample.commitments, sample.context)
    assert len(sample.sessions) >= 400 and len(sample.people) == 300
    plan = auto_fill(*instance)
    assert plan.stats.fill_proved_optimal
    assert plan.stats.status in ("OPTIMAL", "FILL_OPTIMAL")
    assert plan.stats.filled + sum(e.count for e in plan.empty_seats) == plan.stats.seats
    assert violations(plan.placements, *instance) == []
