"""Auto-fill against the greedy baseline on a region-sized month.

    .venv/bin/python -m bench.autofill [--runs 5] [--seed 2026] [--sessions 420] [--people 300]

Prints median wall time, fill rate, hard-rule problems and the fairness spread (most minus
fewest sessions per person this month, per role) for both, and the time ratio.
"""

import argparse
import statistics
import time
from collections import Counter

from tests.teams.sample import ROLE_NAMES, Region, region
from trainer.teams.explain import plan_problems
from trainer.teams.solver import Plan, auto_fill, greedy_fill


def main() -> None:
    args = parse_args()
    sample = region(seed=args.seed, sessions=args.sessions, people=args.people)
    seats = sum(sum(s.seats.values()) for s in sample.sessions)
    print(
        f"Region: {len(sample.sessions)} sessions, {seats} seats "
        f"({seats - open_seats(sample)} already filled), "
        f"{len(sample.people)} people; {args.runs} runs each, time limit {args.time_limit} s"
    )
    results = {
        name: measure(sample, fill, args)
        for name, fill in (("auto_fill", auto_fill), ("greedy_fill", greedy_fill))
    }
    for name, (seconds, plan) in results.items():
        report(name, seconds, plan, sample)
    medians = {name: statistics.median(seconds) for name, (seconds, _) in results.items()}
    ratio = medians["auto_fill"] / medians["greedy_fill"]
    print(f"\ntime ratio auto/greedy (medians): {ratio:.2f}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--sessions", type=int, default=420)
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--time-limit", type=float, default=8.0)
    return parser.parse_args()


def open_seats(sample: Region) -> int:
    taken = Counter(
        (c.session_id, c.role_id) for booked in sample.commitments.values() for c in booked
    )
    return sum(
        count - taken[(s.id, role)] for s in sample.sessions for role, count in s.seats.items()
    )


def measure(sample: Region, fill, args) -> tuple[list[float], list[Plan]]:
    seconds, plans = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        plans.append(
            fill(
                sample.sessions,
                sample.people,
                sample.commitments,
                sample.context,
                time_limit_s=args.time_limit,
            )
        )
        seconds.append(time.perf_counter() - started)
    return seconds, plans


def report(name: str, seconds: list[float], plans: list[Plan], sample: Region) -> None:
    plan = plans[0]
    same = all(p.placements == plan.placements for p in plans)
    problems = plan_problems(
        plan.placements, sample.sessions, sample.people, sample.commitments, sample.context
    )
    spreads = ", ".join(
        f"{ROLE_NAMES[role]} {low}-{high} (spread {high - low})"
        for role, (low, high) in sessions_per_person(plan, sample).items()
    )
    print(
        f"\n{name}: median {statistics.median(seconds):.2f} s "
        f"(min {min(seconds):.2f}, max {max(seconds):.2f}; "
        f"{', '.join(f'{s:.2f}' for s in seconds)})"
    )
    print(
        f"  filled {plan.stats.filled}/{plan.stats.seats} "
        f"({plan.stats.filled / max(1, plan.stats.seats):.1%}), status {plan.stats.status}, "
        f"fill proved optimal: {plan.stats.fill_proved_optimal}, "
        f"same plan every run: {same}, hard-rule problems: {len(problems)}"
    )
    print(f"  sessions per person this month: {spreads}")
    print(f"  workload penalty (sum of 1+2+..+load): {workload_penalty(plan, sample)}")


def sessions_per_person(plan: Plan, sample: Region) -> dict[int, tuple[int, int]]:
    """role -> (fewest, most) sessions this month, existing and proposed, per role holder."""
    count = Counter({pid: len(booked) for pid, booked in sample.commitments.items()})
    count.update(p.person_id for p in plan.placements)
    spread = {}
    for role in sorted(ROLE_NAMES):
        loads = [count[p.id] for p in sample.people if role in p.role_ids]
        spread[role] = (min(loads), max(loads))
    return spread


def workload_penalty(plan: Plan, sample: Region) -> int:
    """What stage 2 minimises first: each person's 1 + 2 + ... + (recent + new sessions)."""
    new = Counter(p.person_id for p in plan.placements)
    loads = [sample.context.recent_sessions.get(p.id, 0) + new[p.id] for p in sample.people]
    return sum(load * (load + 1) // 2 for load in loads)


if __name__ == "__main__":
    main()
