"""Growth tests' pieces: the observers' role the migration made, a learner at a stage, a
review programme with its rate, and a session the person was in."""

from datetime import date, timedelta

from sqlalchemy import select

from tests import factories
from trainer.clock import local_today
from trainer.extensions import db
from trainer.models import (
    DeliveryRole,
    FeeBasis,
    OfferStatus,
    PayRate,
    ProgrammeKind,
    ProgressionStage,
    ProgressionStep,
    SessionStatus,
)
from trainer.timezones import local_zone


def shadow_role() -> DeliveryRole:
    """The observers' role every database has (the migration adds it)."""
    return db.session.scalars(select(DeliveryRole).where(DeliveryRole.is_shadow.is_(True))).one()


def reach(person, *stages: ProgressionStage, on: date | None = None) -> None:
    for stage in stages:
        db.session.add(
            ProgressionStep(
                person=person,
                stage=stage,
                reached_on=on or local_today(local_zone()) - timedelta(days=30),
                evidence=f"{stage.label} (test)",
            )
        )
    db.session.flush()


def add_rate(programme, role, pence: int) -> PayRate:
    rate = PayRate(
        programme=programme,
        delivery_role=role,
        effective_from=local_today(local_zone()) - timedelta(days=400),
        fee_basis=FeeBasis.PER_SESSION,
        delivery_pence=pence,
    )
    db.session.add(rate)
    db.session.flush()
    return rate


def make_review_programme(roles):
    programme = factories.make_programme(roles=roles, name=f"Review meeting {id(roles)}")
    programme.kind = ProgrammeKind.REVIEW
    programme.shadow_seats = 0
    db.session.flush()
    return programme


def past_seat(person, role, programme, *, days: int = -2):
    """A session that happened, with the person accepted in a seat."""
    session = factories.make_session(
        programme=programme, starts_at=factories.days_ahead(days), status=SessionStatus.SCHEDULED
    )
    return factories.make_assignment(
        session=session, person=person, role=role, status=OfferStatus.ACCEPTED
    )


def make_growth_records(*, person, programme) -> dict[str, int]:
    """A check-in after a past session, and a review meeting with one outcome."""
    from trainer.growth import checkins, reviews
    from trainer.models import Feeling

    role = programme.seats[0].delivery_role
    seat = past_seat(person, role, programme, days=-3)
    check_in = checkins.save_check_in(seat, checkins.Answers(feeling=Feeling.HAPPY), actor=None)
    meeting = factories.make_session(programme=make_review_programme(factories.make_trio()))
    outcome = reviews.add_outcome(
        meeting,
        reviews.OutcomeDetails(
            you_said="Shorter days",
            we_did="",
            owner="Coordinator",
            due_on=local_today(local_zone()) + timedelta(days=7),
        ),
        actor=None,
    )
    return {"check_in": check_in.id, "review_session": meeting.id, "outcome": outcome.id}
