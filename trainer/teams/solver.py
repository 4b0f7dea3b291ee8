"""Auto-fill: fill every empty seat across many sessions at once, never breaking a hard rule.

`auto_fill` works in two stages. Stage 1 finds the most seats that can be filled and proves
it: a quick fill that reaches the simple upper bound (each seat filled if anyone could take
it) is optimal; otherwise CP-SAT maximises the fill over every candidate. Stage 2 keeps that
many seats filled and lets CP-SAT spread the work fairly, then meet preferences, over each
seat's best candidates. `greedy_fill` is the baseline: sessions in start order, each seat
taking the best-ranked eligible person so far.
"""

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from trainer.teams.cpsat_model import FillModel, build_model, set_fairness_objective
from trainer.teams.explain import EmptySeat, explain_empty_seats
from trainer.teams.facts import (
    Commitment,
    PersonFacts,
    Placement,
    SchedulingContext,
    SessionFacts,
    commitment_for,
)
from trainer.teams.pool import Option, Pool, build_pool, narrow, role_holders, seat_pool
from trainer.teams.quick_fill import quick_fill, rebalance
from trainer.teams.rules import rank_candidates

#: CP-SAT deterministic time units allowed per second of `time_limit_s`. Set low enough that
#: on a busy 2-core machine the deterministic limit, not the clock, ends a solve: then the
#: same input gives the same plan. The clock limit stays as a safety net.
DETERMINISTIC_PER_SECOND = 0.05
#: How many of each seat's best candidates stage 2 may choose from (besides stage 1's choice).
STAGE_2_CANDIDATES = 12
#: The share of the deterministic budget stage 1 may use when it needs CP-SAT to prove.
STAGE_1_SHARE = 0.75
#: Stage 2 is skipped when less than this share of either budget is left.
MIN_STAGE_2 = 0.1
SOLVED = (cp_model.OPTIMAL, cp_model.FEASIBLE)


@dataclass(frozen=True, slots=True)
class PlanStats:
    seats: int
    filled: int
    #: "OPTIMAL": fill proved and fairness proved; "FILL_OPTIMAL": fill proved, fairness the
    #: best found in time; "FEASIBLE": fill not proved; "GREEDY": the baseline
    status: str
    fill_proved_optimal: bool
    wall_seconds: float
    candidates: int


@dataclass(frozen=True, slots=True)
class Plan:
    placements: tuple[Placement, ...]
    empty_seats: tuple[EmptySeat, ...]
    stats: PlanStats


def auto_fill(
    sessions: Iterable[SessionFacts],
    people: Iterable[PersonFacts],
    existing_commitments: Mapping[int, Sequence[Commitment]],
    context: SchedulingContext,
    *,
    time_limit_s: float = 8.0,
    safety_net_s: float | None = None,
) -> Plan:
    """Propose people for every empty seat: most seats, then fairness, then preferences.

    `time_limit_s` sets the deterministic budget (and, by default, the clock limit);
    a larger `safety_net_s` keeps the clock from ending a solve first on a busy machine,
    so the same input still gives the same plan, at the cost of a longer wait there."""
    started = time.perf_counter()
    deterministic = time_limit_s * DETERMINISTIC_PER_SECOND
    clock = max(safety_net_s or time_limit_s, time_limit_s)
    budget = Budget(started + clock, deterministic, deterministic, clock)
    pool = build_pool(sessions, people, existing_commitments, context)
    best, proved = fill_most(pool, budget)
    fair, fairness_proved = share_fairly(pool, best, budget)
    status = ("OPTIMAL" if fairness_proved else "FILL_OPTIMAL") if proved else "FEASIBLE"
    return finish(pool, fair, started, status, proved)


@dataclass(slots=True)
class Budget:
    """Time left: deterministic units (which end a solve) and the clock (a safety net)."""

    deadline: float
    deterministic: float
    deterministic_total: float
    seconds_total: float

    def seconds_left(self) -> float:
        return max(0.05, self.deadline - time.perf_counter())


def fill_most(pool: Pool, budget: Budget) -> tuple[list[Option], bool]:
    """Stage 1: the most seats that can be filled, and whether that is proved the most."""
    quick = quick_fill(pool)
    bound = sum(
        min(count, len(pool.by_seat.get(key, ()))) for key, count in pool.open_seats.items()
    )
    if len(quick) == bound:
        return quick, True
    fill = build_model(pool)
    hint(fill, quick)
    outcome = solve(fill, budget, share=STAGE_1_SHARE)
    if outcome.status not in SOLVED or len(outcome.taken) <= len(quick):
        return quick, outcome.status == cp_model.OPTIMAL
    return rebalance(pool, outcome.taken), outcome.status == cp_model.OPTIMAL


def share_fairly(pool: Pool, filled: list[Option], budget: Budget) -> tuple[list[Option], bool]:
    """Stage 2: the same seats filled, with the fairest load and most preferences met."""
    if not filled:
        return filled, True
    if (
        budget.deterministic < MIN_STAGE_2 * budget.deterministic_total
        or budget.seconds_left() < MIN_STAGE_2 * budget.seconds_total
    ):
        return filled, False
    keep = shortlist(pool, filled)
    small = narrow(pool, keep)
    fill = build_model(small)
    position = {index: new for new, index in enumerate(keep)}
    set_fairness_objective(fill, [small.options[position[o.index]] for o in filled])
    outcome = solve(fill, budget, share=1.0, improve=True)
    if outcome.status not in SOLVED:
        return filled, False
    fair = [pool.options[keep[o.index]] for o in outcome.taken]
    return fair, outcome.status == cp_model.OPTIMAL


def shortlist(pool: Pool, filled: list[Option]) -> list[int]:
    """Indexes of stage 1's choices plus each seat's least-loaded, best-liked candidates."""
    loads = pool.context.recent_sessions
    keep = {o.index for o in filled}
    for options in pool.by_seat.values():
        ranked = sorted(
            options, key=lambda o: (loads.get(o.person_id, 0), -o.preference, o.person_id)
        )
        keep.update(o.index for o in ranked[:STAGE_2_CANDIDATES])
    return sorted(keep)


@dataclass(frozen=True, slots=True)
class Outcome:
    status: int
    taken: list[Option]


def solve(fill: FillModel, budget: Budget, *, share: float, improve: bool = False) -> Outcome:
    """One deterministic CP-SAT run over `share` of the budget left.

    Proving (stage 1): one worker with the LP. Improving (stage 2): large-neighbourhood
    search from the hint, its subsolvers interleaved in fixed batches so the run repeats.
    """
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.random_seed = 7
    params.symmetry_level = 0
    params.find_big_linear_overlap = False
    params.max_deterministic_time = max(0.01, budget.deterministic * share)
    params.max_time_in_seconds = budget.seconds_left() * share
    if improve:
        params.num_workers, params.interleave_search, params.use_lns_only = 2, True, True
        params.interleave_batch_size = 2
        params.cp_model_probing_level, params.max_presolve_iterations = 0, 1
    else:
        params.num_workers = 1
    status = solver.solve(fill.model)
    budget.deterministic -= solver.deterministic_time
    if status not in SOLVED:
        return Outcome(status, [])
    return Outcome(
        status,
        [
            option
            for option, x in zip(fill.pool.options, fill.x, strict=True)
            if solver.boolean_value(x)
        ],
    )


def hint(fill: FillModel, taken: list[Option]) -> None:
    chosen = {o.index for o in taken}
    for option, x in zip(fill.pool.options, fill.x, strict=True):
        fill.model.add_hint(x, option.index in chosen)


def greedy_fill(
    sessions: Iterable[SessionFacts],
    people: Iterable[PersonFacts],
    existing_commitments: Mapping[int, Sequence[Commitment]],
    context: SchedulingContext,
    *,
    time_limit_s: float = 8.0,
) -> Plan:
    """Baseline: in start order, each empty seat takes the top-ranked eligible person."""
    started = time.perf_counter()
    pool = seat_pool(sessions, people, existing_commitments, context)
    booked = {pid: list(bookings) for pid, bookings in existing_commitments.items()}
    loads = dict(context.recent_sessions)
    ranking = replace(context, recent_sessions=loads)
    holders = role_holders(pool.people.values())
    teams = {session_id: set(team) for session_id, team in pool.seated.items()}
    placements: list[Placement] = []
    for (session_id, role_id), count in pool.open_seats.items():
        session, team = pool.sessions[session_id], teams.setdefault(session_id, set())
        for _ in range(count):
            best = rank_candidates(
                session, role_id, holders.get(role_id, ()), booked, team, ranking
            )
            if not best or not best[0].eligible:
                break
            person_id = best[0].person_id
            placements.append(Placement(session_id, role_id, person_id))
            booked.setdefault(person_id, []).append(commitment_for(session, role_id))
            loads[person_id] = loads.get(person_id, 0) + 1
            team.add(person_id)
    return finish(pool, placements, started, "GREEDY", False)


def finish(
    pool: Pool, chosen: Sequence[Option | Placement], started: float, status: str, proved: bool
) -> Plan:
    placements = sorted(
        (as_placement(c) for c in chosen), key=lambda p: (p.session_id, p.role_id, p.person_id)
    )
    empty = explain_empty_seats(pool, placements)
    stats = PlanStats(
        sum(pool.open_seats.values()),
        len(placements),
        status,
        proved,
        time.perf_counter() - started,
        len(pool.options),
    )
    return Plan(tuple(placements), tuple(empty), stats)


def as_placement(chosen: Option | Placement) -> Placement:
    if isinstance(chosen, Placement):
        return chosen
    return Placement(chosen.session.id, chosen.role_id, chosen.person_id)
