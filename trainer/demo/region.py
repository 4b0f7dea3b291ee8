"""A region-sized data set for benchmarks: 300 people and 5,000 sessions with full teams."""

import random
from datetime import timedelta

from sqlalchemy import insert

from trainer.clock import local_today, utc_now
from trainer.extensions import db
from trainer.models import (
    Assignment,
    InformationFormat,
    OfferStatus,
    PaymentChoice,
    Person,
    SessionStatus,
    TrainingSession,
)
from trainer.models.people import person_delivery_roles, person_qualifications
from trainer.models.sessions import new_calendar_uid
from trainer.timezones import local_to_utc, local_zone

PEOPLE_PER_ROLE = 100
SESSIONS = 5000


def build_region(roles, programmes, venues) -> str:
    rng = random.Random(5000)
    people_by_role = {key: _people(key, role, programmes, rng) for key, role in roles.items()}
    session_ids = _sessions(programmes, venues, rng)
    _teams(session_ids, people_by_role, roles, rng)
    return (
        f"Region data loaded: {PEOPLE_PER_ROLE * len(roles)} people, {len(session_ids)} "
        f"sessions with teams, {len(venues)} venues. Demo sign-ins as for seed-demo."
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
                "max_pence_per_week": 19550 if capped else None,
                "max_minutes_per_week": 15 * 60 if capped else None,
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


def _sessions(programmes, venues, rng) -> list[int]:
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
    return list(db.session.scalars(insert(TrainingSession).returning(TrainingSession.id), rows))


def _teams(session_ids, people_by_role, roles, rng) -> None:
    rows = []
    now = utc_now()
    for index, session_id in enumerate(session_ids):
        for key, role in roles.items():
            pool = people_by_role[key]
            rows.append(
                {
                    "session_id": session_id,
                    "delivery_role_id": role.id,
                    "person_id": pool[(index * 7 + rng.randrange(3)) % len(pool)],
                    "offer_status": OfferStatus.ACCEPTED,
                    "offered_at": now,
                    "responded_at": now,
                    "override_reason": "",
                }
            )
    db.session.execute(insert(Assignment), rows)
