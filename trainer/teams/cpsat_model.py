"""The CP-SAT model behind auto-fill: one yes/no variable per candidate placement.

Stage 1 maximises the seats filled. Stage 2 keeps the same seats filled and minimises
W x workload penalty - preference points, where W is one more than all the preference
points the plan could ever earn, so fairness always comes before preferences.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from ortools.sat.python import cp_model

from trainer.teams.pool import PREFERENCE_SCALE, Option, Pool, cap_groups, clash_groups

PARTNER_POINTS = 2 * PREFERENCE_SCALE
EXTRA_SESSIONS = 2


@dataclass(slots=True)
class FillModel:
    model: cp_model.CpModel
    pool: Pool
    x: list[cp_model.IntVar] = field(default_factory=list)

    def filled(self) -> cp_model.LinearExprT:
        return cp_model.LinearExpr.sum(self.x)


def build_model(pool: Pool) -> FillModel:
    """Every hard rule that couples placements, as constraints over the pool's options."""
    fill = FillModel(cp_model.CpModel(), pool)
    fill.x = [fill.model.new_bool_var(f"x{o.index}") for o in pool.options]
    add_seat_limits(fill)
    for person_id in sorted(pool.by_person):
        add_person_limits(fill, person_id)
    add_do_not_pair(fill)
    fill.model.maximize(fill.filled())
    return fill


def add_seat_limits(fill: FillModel) -> None:
    for key, options in fill.pool.by_seat.items():
        if len(options) > fill.pool.open_seats[key]:
            fill.model.add(sum_of(fill, options) <= fill.pool.open_seats[key])


def add_person_limits(fill: FillModel, person_id: int) -> None:
    """No clashes (overlap, travel, same session twice) and no cap passed, for one person."""
    options = fill.pool.by_person[person_id]
    for group in clash_groups(options, fill.pool.context.travel_buffer_minutes):
        fill.model.add_at_most_one(fill.x[o.index] for o in group)
    for members, weights, room in cap_groups(fill.pool, fill.pool.people[person_id], options):
        fill.model.add(
            cp_model.LinearExpr.weighted_sum([fill.x[o.index] for o in members], weights) <= room
        )


def add_do_not_pair(fill: FillModel) -> None:
    """Two people who must not be paired are never both placed in one session."""
    for pair in sorted(fill.pool.context.do_not_pair, key=sorted):
        if len(pair) != 2:
            continue
        mine, theirs = (sessions_of(fill.pool, person_id) for person_id in sorted(pair))
        for session_id in sorted(mine.keys() & theirs.keys()):
            fill.model.add_at_most_one(
                fill.x[o.index] for o in mine[session_id] + theirs[session_id]
            )


def sessions_of(pool: Pool, person_id: int) -> dict[int, list[Option]]:
    by_session: dict[int, list[Option]] = {}
    for option in pool.by_person.get(person_id, ()):
        by_session.setdefault(option.session.id, []).append(option)
    return by_session


def sum_of(fill: FillModel, options: Sequence[Option]) -> cp_model.LinearExprT:
    return cp_model.LinearExpr.sum([fill.x[o.index] for o in options])


def set_fairness_objective(fill: FillModel, chosen: Sequence[Option]) -> None:
    """Stage 2: fill the seats `chosen` fills, with the fairest workload, then the most
    preference points; `chosen` (a valid plan) is the starting point."""
    taken = {o.index for o in chosen}
    for option, x in zip(fill.pool.options, fill.x, strict=True):
        fill.model.add_hint(x, option.index in taken)
    per_seat = Counter((o.session.id, o.role_id) for o in chosen)
    for key, options in fill.pool.by_seat.items():
        fill.model.add(sum_of(fill, options) == per_seat[key])
    penalty = workload_penalty(fill, taken)
    points, bound = preference_points(fill, taken)
    fill.model.minimize((bound + 1) * penalty - points)


def workload_penalty(fill: FillModel, taken: set[int]) -> cp_model.LinearExprT:
    """Sum over people of 1 + 2 + ... + their workload: the k-th session costs k.

    Workload counts the sessions they already have in the last and next four weeks, so the
    least-loaded people are used first and the busiest are spared.
    """
    terms, costs = [], []
    for person_id in sorted(fill.pool.by_person):
        steps = workload_steps(fill, person_id, taken)
        base = fill.pool.context.recent_sessions.get(person_id, 0)
        terms += steps
        costs += [base + k for k in range(1, len(steps) + 1)]
    return cp_model.LinearExpr.weighted_sum(terms, costs)


def workload_steps(fill: FillModel, person_id: int, taken: set[int]) -> list[cp_model.IntVar]:
    """Ordered yes/no steps whose sum is the number of new sessions for the person.

    Stage 2 may give a person at most EXTRA_SESSIONS more than the starting plan does.
    """
    options = fill.pool.by_person[person_id]
    hinted = sum(1 for o in options if o.index in taken)
    most = min(len({o.session.id for o in options}), hinted + EXTRA_SESSIONS)
    steps = [fill.model.new_bool_var(f"load{person_id}_{k}") for k in range(most)]
    fill.model.add(cp_model.LinearExpr.sum(steps) == sum_of(fill, options))
    for k, step in enumerate(steps):
        fill.model.add_hint(step, k < hinted)
    for earlier, later in pairwise(steps):
        fill.model.add_implication(later, earlier)
    return steps


def preference_points(fill: FillModel, taken: set[int]) -> tuple[cp_model.LinearExprT, int]:
    """(points, an upper bound on them): soft scores of each placement plus partner requests."""
    options = fill.pool.options
    lowest = min((o.preference for o in options), default=0)
    points = [o.preference - lowest for o in options]
    bound = sum(
        count * max((points[o.index] for o in fill.pool.by_seat.get(key, ())), default=0)
        for key, count in fill.pool.open_seats.items()
    )
    pairs = partner_pairs(fill, taken)
    expression = cp_model.LinearExpr.weighted_sum(
        fill.x + [w for w, _ in pairs], points + [p for _, p in pairs]
    )
    return expression, bound + sum(p for _, p in pairs)


def partner_pairs(fill: FillModel, taken: set[int]) -> list[tuple[cp_model.IntVar, int]]:
    """A yes/no per session and pair of candidates where one asked to work with the other."""
    pairs = []
    for person_id in sorted(fill.pool.by_person):
        wanted = fill.pool.people[person_id].preferred_partner_ids
        mine = sessions_of(fill.pool, person_id)
        for partner_id in sorted(wanted & fill.pool.by_person.keys()):
            theirs = sessions_of(fill.pool, partner_id)
            for session_id in sorted(mine.keys() & theirs.keys()):
                both = fill.model.new_bool_var(f"pair{person_id}_{partner_id}_{session_id}")
                fill.model.add(both <= sum_of(fill, mine[session_id]))
                fill.model.add(both <= sum_of(fill, theirs[session_id]))
                fill.model.add_hint(
                    both,
                    any(o.index in taken for o in mine[session_id])
                    and any(o.index in taken for o in theirs[session_id]),
                )
                pairs.append((both, PARTNER_POINTS))
    return pairs
