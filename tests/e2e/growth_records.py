"""Ids the room-to-grow pages and journeys need from the demo data: Jamie's check-in (and a
session still to check in), Riley's sessions to shadow, a review meeting and an outcome."""

from sqlalchemy import select

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.growth import checkins, reviews, shadows
from trainer.models import Programme, ProgrammeKind, ReviewOutcome, TrainingSession, User


def growth_records() -> dict:
    jamie = _person("cotrainer@example.org")
    riley = _person("newcotrainer@example.org")
    to_shadow = shadows.sessions_to_shadow(riley, utc_now())
    [to_check_in, *_] = checkins.sessions_to_check_in(jamie)
    upcoming = db.session.scalar(
        select(TrainingSession.id)
        .join(Programme, Programme.id == TrainingSession.programme_id)
        .where(Programme.kind == ProgrammeKind.REVIEW, TrainingSession.starts_at > utc_now())
    )
    return {
        "check_in": checkins.log_of(jamie)[0].id,
        "check_in_seat": to_check_in.id,
        "shadow_session": to_shadow[0].id,
        "keyboard_shadow_session": to_shadow[1].id,
        "review_session": upcoming,
        "outcome": reviews.all_outcomes()[0].id,
        "outcome_count": db.session.query(ReviewOutcome).count(),
    }


def _person(email: str):
    return db.session.scalar(select(User).where(User.email == email)).person
