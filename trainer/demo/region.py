"""A region-sized data set for benchmarks: 300 people and 5,000 sessions with full teams and
12 learners each."""

import random
from datetime import timedelta

from sqlalchemy import insert

from trainer.clock import local_today, utc_now
from trainer.demo.region_learners import build_region_learners
from trainer.demo.staffing import Staffer, demo_context
from trainer.extensions import db
from trainer.models import (
    Assignment,
    BenefitSituation,
    InformationFormat,
    OfferStatus,
    PaymentChoice,
    Person,
    SessionStatus,
    TrainingSession,
)
from trainer.models.people import person_delivery_roles, person_qualifications
from trainer.models.sessions import new_calendar_uid
from trainer.teams.facts import SessionFacts
from trainer.teams.people_facts import load_people
from trainer.timezones import local_to_utc, local_zone

PEOPLE_PER_ROLE = 100
SESSIONS = 5000


def build_region(roles, programmes, venues, *, contact=None) -> str:
    rng = random.Random(5000)
    people_by_role = {key: _people(key, role, programmes, rng) for key, role in roles.items()}
    rows = _sessions(programmes, venues, rng)
    _teams(rows, people_by_role, roles, {venue.id: venue for venue in venues}, rng)
    learners = build_region_learners(programmes, contact)
    return (
        f"Region data loaded: {PEOPLE_PER_ROLE * len(roles)} people, {len(rows)} "
        f"sessions with teams and {learners:,} learners, {len(venues)} venues. Demo sign-ins "
        "as for seed-demo."
    )


def _people(key, role, programmes, rng) -> list[int]:
    rows = []
    for n in range(PEOPLE_PER_ROLE):
        capped = role.is_lived_experience and rng.random() < 0.4
        rows.append(
            {
                "full_name": f"{key.replace('_', ' ').title()} Person {n + 1:03d}",
                "known_as": "",
                "email": f"{key}.{n + 1:03d}@region.example.org",
                "preferred_format": (
                    InformationFormat.EASY_READ
                    if role.is_lived_experience and n % 2
                    else InformationFormat.PLAIN
                ),
                "payment_choice": PaymentChoice.PAID_PAYROLL,
                "support_needs": "Needs the plan a week before." if n % 7 == 0 else "",
                "needs_step_free": n % 11 == 0,
                "max_sessions_per_week": 3 if capped else None,
                "benefit_situation": (BenefitSituation.ESA if capped else BenefitSituation.NONE),
            }
        )
    ids = list(db.session.scalars(insert(Person).returning(Person.id), rows))
    db.session.execute(
        insert(person_delivery_roles), [{"person_id": i, "delivery_role_id": role.id} for i in ids]
    )
    db.session.execute(
        insert(person_qualifications),
        [{"person_id": i, "programme_id": c.id} for i in ids for c in programmes.values()],
    )
    return ids


def _sessions(programmes, venues, rng) -> list[dict]:
    today = local_today(local_zone())
    start_day = today - timedelta(days=180)
    rows = []
    for n in range(SESSIONS):
        day = start_day + timedelta(days=(n * 540) // SESSIONS)
        tier2 = n % 4 == 0
        programme = programmes["tier2" if tier2 else "tier1"]
        venue = venues[1 + n % (len(venues) - 1)] if tier2 else venues[0]
        clock = programme.default_start_time
        if not tier2:
            clock = clock.replace(hour=9 + (n % 8))
        starts = local_to_utc(day, clock)
        past = day < today
        rows.append(
            {
                "programme_id": programme.id,
                "venue_id": venue.id,
                "starts_at": starts,
                "ends_at": starts + timedelta(minutes=programme.duration_minutes),
                "capacity": programme.capacity,
                "calendar_uid": new_calendar_uid(),
                "sequence": 0,
                "status": SessionStatus.DELIVERED if past else SessionStatus.SCHEDULED,
                "learners_count": rng.randint(5, programme.capacity) if past else None,
                "meeting_url": "",
                "notes": "",
                "what_to_bring": "",
            }
        )
    ids = db.session.scalars(insert(TrainingSession).returning(TrainingSession.id), rows)
    return [row | {"id": session_id} for row, session_id in zip(rows, ids, strict=True)]


def _teams(sessions, people_by_role, roles, venues, rng) -> None:
    """Every seat filled by someone no hard rule blocks (the region has no pay rates, so the
    pay caps count nothing)."""
    window = (sessions[0]["starts_at"] - timedelta(days=62), sessions[-1]["ends_at"])
    facts = load_people(role_ids=None, window=window)
    staffer = Staffer(facts, demo_context(facts, {r.id: r.name.lower() for r in roles.values()}))
    seats = {role.id: 1 for role in roles.values()}
    rows, now = [], utc_now()
    for index, session in enumerate(sessions):
        facts = _facts(session, venues[session["venue_id"]], seats)
        for key, role in roles.items():
            pool = people_by_role[key]
            first = (index * 7 + rng.randrange(3)) % len(pool)
            person_id = staffer.choose(facts, role.id, pool[first:] + pool[:first])
            if person_id is None:
                continue  # nobody can take it: left empty, as a coordinator would find it
            rows.append(
                {
                    "session_id": session["id"],
                    "delivery_role_id": role.id,
                    "person_id": person_id,
                    "offer_status": OfferStatus.ACCEPTED,
                    "offered_at": now,
                    "responded_at": now,
                    "override_reason": "",
                }
            )
    db.session.execute(insert(Assignment), rows)


def _facts(session: dict, venue, seats: dict[int, int]) -> SessionFacts:
    return SessionFacts(
        id=session["id"],
        programme_id=session["programme_id"],
        starts_at=session["starts_at"],
        ends_at=session["ends_at"],
        venue_id=venue.id,
        is_online=venue.is_online,
        seats=seats,
        minutes=int((session["ends_at"] - session["starts_at"]).total_seconds() // 60),
        venue_access=venue.access_features,
        venue_name=venue.name,
    )
