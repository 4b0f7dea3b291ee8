"""The demo's sessions: six weeks delivered and eight to come, with teams part-built."""

import random
from datetime import date, datetime, time, timedelta

from trainer.clock import local_today, utc_now
from trainer.extensions import db
from trainer.models import (
    Assignment,
    OfferStatus,
    SessionStatus,
    TrainingSession,
)
from trainer.timezones import local_to_utc, local_zone


def day_at(day: date, clock: time) -> datetime:
    return local_to_utc(day, clock)


def sessions(programmes, venues, people, roles) -> list[TrainingSession]:
    rng = random.Random(2026)
    today = local_today(local_zone())
    by_role = {key: [p for p in people if roles[key] in p.delivery_roles] for key in roles}
    sessions = []
    for offset in [-40, -33, -26, -19, -12, -5] + list(range(1, 57, 2)):
        day = today + timedelta(days=offset)
        if day.weekday() >= 5:
            day += timedelta(days=7 - day.weekday())
        tier2 = offset % 3 == 0
        programme = programmes["tier2" if tier2 else "tier1"]
        venue = rng.choice(venues[1:]) if tier2 else venues[0]
        start = day_at(day, programme.default_start_time)
        session = TrainingSession(
            programme=programme,
            venue=venue,
            starts_at=start,
            capacity=programme.capacity,
            ends_at=start + timedelta(minutes=programme.duration_minutes),
            status=SessionStatus.DELIVERED if offset < 0 else SessionStatus.DRAFT,
        )
        if offset < 0:
            session.learners_count = rng.randint(8, programme.capacity)
        team(session, by_role, roles, rng, full=offset < 0 or rng.random() < 0.6)
        sessions.append(session)
    db.session.add_all(sessions)
    db.session.flush()
    return sessions


def team(session, by_role, roles, rng, *, full: bool) -> None:
    past = session.status is SessionStatus.DELIVERED
    for key, candidates in by_role.items():
        if not full and key != "facilitator" and rng.random() < 0.5:
            continue
        eligible = [
            p
            for p in candidates
            if session.venue.is_online or p.access_needs <= session.venue.access_features
        ]
        person = rng.choice(eligible)
        offered = min(
            session.starts_at - timedelta(days=rng.randint(5, 20)),
            utc_now() - timedelta(days=rng.randint(1, 6)),
        )
        status = OfferStatus.ACCEPTED if past or rng.random() < 0.7 else OfferStatus.OFFERED
        session.assignments.append(
            Assignment(
                person=person,
                delivery_role=roles[key],
                offer_status=status,
                offered_at=offered,
                responded_at=offered + timedelta(days=1)
                if status is OfferStatus.ACCEPTED
                else None,
            )
        )
    holding = session.assignments
    if (
        not past
        and len(holding) == 3
        and all(a.offer_status is OfferStatus.ACCEPTED for a in holding)
    ):
        session.status = SessionStatus.SCHEDULED
