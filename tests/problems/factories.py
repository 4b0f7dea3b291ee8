"""A session still to come whose team has said yes, for the booking-problem tests."""

from sqlalchemy import select

from tests import factories
from tests.team_factories import Setup, team_setup, weekday_ahead
from trainer.extensions import db
from trainer.models import Problem, SessionStatus


def booked(*, weekday: int = 2, per_role: int = 1, online: bool = True, venue=None) -> Setup:
    """A scheduled session on a `weekday` a few weeks ahead, one accepted person per seat:
    'Facilitator 1', 'Learning 1', 'Autistic 1' (and spare people with `per_role` > 1)."""
    setup = team_setup(
        day=weekday_ahead(21, weekday), per_role=per_role, online=online, venue=venue
    )
    for label, role in zip(("Facilitator", "Learning", "Autistic"), setup.roles, strict=True):
        factories.make_assignment(session=setup.session, person=setup.people[label][0], role=role)
    setup.session.status = SessionStatus.SCHEDULED
    db.session.flush()
    return setup


def seat_of(setup: Setup, label: str):
    person = setup.people[label][0]
    return next(a for a in setup.session.assignments if a.person_id == person.id)


def open_problems() -> list[Problem]:
    query = select(Problem).where(Problem.resolved_at.is_(None)).order_by(Problem.id)
    return list(db.session.scalars(query))


def all_problems() -> list[Problem]:
    return list(db.session.scalars(select(Problem).order_by(Problem.id)))
