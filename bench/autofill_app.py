"""Auto-fill through the app: facts loaded from the database, the solver, the preview page and
the apply request, against the greedy baseline on the same facts in the same run.

    .venv/bin/python -m bench.autofill_app [--runs 3] [--data sample|seed|both]

Two data sets, each in a fresh SQLite file:
  sample  the solver benchmark's month (`tests.teams.sample.region`: 420 sessions,
          1,260 seats, 300 people with working times, time off, caps, access needs, partners
          and "do not pair" marks), written into the database through the models;
  seed    `seed-demo --scale region` (300 people, 5,000 sessions with full teams) with next
          month opened up by `trainer.demo.teams.open_region_month` (working times,
          time off, pairs, 40% of that month's seats emptied).
Prints the median time of each step, the fill, hard-rule problems (every placement checked
again with the rules) and the fairness spread (most minus fewest sessions per person in the
range, per role) for auto_fill and greedy_fill.
"""

import argparse
import random
import statistics
import tempfile
import time
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

from flask_migrate import upgrade

from tests.teams import sample
from trainer import create_app, demo
from trainer.auth.service import create_user
from trainer.autofill import service as autofill
from trainer.clock import utc_now
from trainer.demo import teams as team_demo
from trainer.extensions import db
from trainer.models import (
    Assignment,
    AvailabilityWindow,
    DeliveryMode,
    DeliveryRole,
    DoNotPair,
    OfferStatus,
    Person,
    PreferredPartner,
    Programme,
    Role,
    SessionStatus,
    TeamSeat,
    TrainingSession,
    UnavailablePeriod,
    Venue,
)
from trainer.teams import loader
from trainer.teams.explain import plan_problems
from trainer.teams.solver import auto_fill, greedy_fill
from trainer.timezones import to_local


def main() -> None:
    args = parse_args()
    for name in ("sample", "seed") if args.data == "both" else (args.data,):
        with tempfile.TemporaryDirectory() as folder:
            app = create_app(
                "test",
                {
                    "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.db'}",
                    "TESTING": False,
                },
            )
            with app.app_context():
                upgrade()
                started = time.perf_counter()
                first, last, now = (load_sample if name == "sample" else open_seed)()
                db.session.commit()
                print(f"\n== {name}: data built in {time.perf_counter() - started:.1f} s")
                measure(app, first, last, now, args.runs)
                db.engine.dispose()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", choices=("sample", "seed", "both"), default="both")
    return parser.parse_args()


def next_month(today: date) -> tuple[date, date]:
    first = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def open_seed() -> tuple[date, date, datetime]:
    demo.seed(password="demo-password", scale="region")
    first, last = next_month(to_local(utc_now()).date())
    team_demo.open_region_month(first, last)
    return first, last, utc_now()


def load_sample() -> tuple[date, date, datetime]:
    """The solver benchmark's month, in the next March still to come (the clock change)."""
    today = to_local(utc_now()).date()
    year = today.year + (1 if today >= date(today.year, 3, 1) else 0)
    region = sample.region(year=year, month=3)
    roles = {
        rid: DeliveryRole(name=name.capitalize(), is_lived_experience=rid != 1, sort_order=rid)
        for rid, name in sample.ROLE_NAMES.items()
    }
    programmes = {
        sample.TIER_1: programme("Tier 1", DeliveryMode.ONLINE, 60, roles),
        sample.TIER_2: programme("Tier 2", DeliveryMode.IN_PERSON, 420, roles),
    }
    online = Venue(name="Online", is_online=True, meeting_url="https://meet.example.org/x")
    venues = {
        v.id: Venue(
            name=v.name,
            latitude=v.lat,
            longitude=v.lon,
            town=v.name,
            **{f"has_{k}": k in v.access for k in sample.FEATURES},
        )
        for v in sample.make_venues(random.Random(2026))
    }
    people = {p.id: person(p, roles, programmes) for p in region.people}
    db.session.add_all(
        [*roles.values(), *programmes.values(), online, *venues.values(), *people.values()]
    )
    db.session.flush()
    sessions = {
        s.id: TrainingSession(
            programme=programmes[s.programme_id],
            venue=venues.get(s.venue_id, online),
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            capacity=12,
            status=SessionStatus.DRAFT,
        )
        for s in region.sessions
    }
    db.session.add_all(sessions.values())
    for fact in region.people:
        db.session.add_all(
            AvailabilityWindow(person=people[fact.id], weekday=d, start_time=a, end_time=b)
            for d, a, b in fact.weekly_availability or ()
        )
        db.session.add_all(
            UnavailablePeriod(person=people[fact.id], starts_at=a, ends_at=b)
            for a, b in fact.unavailable
        )
        db.session.add_all(
            PreferredPartner(person=people[fact.id], partner=people[other])
            for other in fact.preferred_partner_ids
        )
    for pid, bookings in region.commitments.items():
        db.session.add_all(
            Assignment(
                session=sessions[c.session_id],
                person=people[pid],
                delivery_role=roles[c.role_id],
                offer_status=OfferStatus.ACCEPTED,
            )
            for c in bookings
        )
    db.session.flush()
    for pair in region.context.do_not_pair:
        low, high = sorted(people[pid].id for pid in pair)
        db.session.add(DoNotPair(person_id=low, other_person_id=high, reason="Sample"))
    create_user("coordinator@example.org", "demo-password", {Role.COORDINATOR})
    return date(year, 3, 1), date(year, 3, 31), utc_now()


def programme(name: str, mode: DeliveryMode, minutes: int, roles: dict) -> Programme:
    return Programme(
        name=name,
        delivery_mode=mode,
        duration_minutes=minutes,
        capacity=12,
        seats=[TeamSeat(delivery_role=role, count=1) for role in roles.values()],
    )


def person(fact, roles: dict, programmes: dict) -> Person:
    return Person(
        full_name=fact.name,
        delivery_roles=[roles[r] for r in sorted(fact.role_ids)],
        qualifications=[programmes[c] for c in sorted(fact.qualified_programme_ids)],
        max_sessions_per_week=fact.max_sessions_per_week,
        max_minutes_per_week=fact.max_minutes_per_week,
        max_pence_per_week=fact.max_pence_per_week,
        max_pence_per_month=fact.max_pence_per_month,
        home_latitude=fact.home_lat,
        home_longitude=fact.home_lon,
        **{f"needs_{k}": k in fact.access_needs for k in sample.FEATURES},
    )


def measure(app, first: date, last: date, now: datetime, runs: int) -> None:
    steps: dict[str, list[float]] = {}
    plans = {"auto_fill": [], "greedy_fill": []}
    for _ in range(runs):
        facts = timed(steps, "load facts", lambda: loader.for_range(first, last, now=now))
        plans["auto_fill"].append(
            timed(
                steps,
                "auto_fill",
                lambda facts=facts: auto_fill(
                    facts.sessions,
                    facts.people,
                    facts.commitments,
                    facts.context,
                    time_limit_s=autofill.TIME_LIMIT_S,
                    safety_net_s=autofill.SAFETY_NET_S,
                ),
            )
        )
        plans["greedy_fill"].append(
            timed(
                steps,
                "greedy_fill",
                lambda facts=facts: greedy_fill(
                    facts.sessions, facts.people, facts.commitments, facts.context
                ),
            )
        )
        timed(
            steps,
            "propose (load + auto_fill + sessions)",
            lambda: autofill.propose(first, last, now=now),
        )
    print(
        f"{len(facts.sessions)} sessions, {sum(sum(s.seats.values()) for s in facts.sessions)} "
        f"seats, {plans['auto_fill'][0].stats.seats} empty, {len(facts.people)} people; "
        f"{runs} runs"
    )
    for step, seconds in steps.items():
        print(
            f"  {step:<40} median {statistics.median(seconds):6.2f} s "
            f"({', '.join(f'{s:.2f}' for s in seconds)})"
        )
    for name, made in plans.items():
        report(name, made, facts)
    http(app, first, last)
    started = time.perf_counter()
    applied = autofill.apply_plan(
        list(plans["auto_fill"][0].placements), first, last, now=now, actor=None
    )
    db.session.flush()
    print(
        f"  apply (re-check and {len(applied.offered)} offers, {len(applied.skipped)} "
        f"skipped): {time.perf_counter() - started:.2f} s"
    )
    db.session.rollback()


def timed(steps: dict, name: str, work):
    started = time.perf_counter()
    result = work()
    steps.setdefault(name, []).append(time.perf_counter() - started)
    return result


def report(name: str, plans: list, facts) -> None:
    plan = plans[0]
    same = all(p.placements == plan.placements for p in plans)
    problems = plan_problems(
        plan.placements, facts.sessions, facts.people, facts.commitments, facts.context
    )
    in_range = {s.id for s in facts.sessions}
    load = Counter(
        pid
        for pid, bookings in facts.commitments.items()
        for c in bookings
        if c.session_id in in_range
    )
    load.update(p.person_id for p in plan.placements)
    spreads = []
    for role_id in sorted({r for p in facts.people for r in p.role_ids}):
        loads = [load[p.id] for p in facts.people if role_id in p.role_ids]
        spreads.append(
            f"{facts.context.role_name(role_id)} {min(loads)}-{max(loads)} "
            f"(spread {max(loads) - min(loads)})"
        )
    print(
        f"  {name}: filled {plan.stats.filled}/{plan.stats.seats} "
        f"({plan.stats.filled / max(plan.stats.seats, 1):.1%}), status {plan.stats.status}, "
        f"hard-rule problems {len(problems)}, same plan every run: {same}"
    )
    print(f"    sessions per person in the range: {'; '.join(spreads)}")


def http(app, first: date, last: date) -> None:
    """The coordinator's preview page, end to end (sign-in excluded)."""
    client = app.test_client()
    response = client.post(
        "/sign-in", data={"email": "coordinator@example.org", "password": "demo-password"}
    )
    assert response.status_code == 302
    started = time.perf_counter()
    page = client.get(
        "/sessions/auto-fill",
        query_string={"date_from": first.isoformat(), "date_to": last.isoformat()},
    )
    assert page.status_code == 200
    print(
        f"  GET /sessions/auto-fill (the preview page): {time.perf_counter() - started:.2f} s, "
        f"{len(page.get_data()) // 1024} KB"
    )


if __name__ == "__main__":
    main()
