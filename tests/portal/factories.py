"""A co-trainer with a profile, an account and a session team around them."""

from dataclasses import dataclass

from tests import factories
from trainer.models import InformationFormat, OfferStatus, SessionStatus


@dataclass
class CoTrainer:
    person: object
    user: object
    roles: list
    programme: object


def make_co_trainer(*, style=InformationFormat.EASY_READ, **values) -> CoTrainer:
    roles = factories.make_trio()
    programme = factories.make_programme(
        roles=roles, online=False, duration=420, name=f"Tier 2 for {id(roles)}"
    )
    values = {"support_needs": "Travels with a support worker.", "needs_step_free": True, **values}
    person = factories.make_person(
        roles=[roles[1]],
        name="Jamie Clarke",
        known_as="Jamie",
        qualified=[programme],
        preferred_format=style,
        **values,
    )
    user = factories.make_user(
        roles={"trainer"}, person=person, email=f"jamie{person.id}@example.org"
    )
    return CoTrainer(person, user, roles, programme)


def make_seat(
    who: CoTrainer,
    *,
    days: float = 5,
    status=OfferStatus.ACCEPTED,
    session_status=SessionStatus.SCHEDULED,
    team=True,
    venue_values=None,
):
    """A session `days` from now with `who` in the lived-experience seat (and a team around)."""
    venue = factories.make_venue(
        name=f"Riverside {days}-{who.person.id}-{status.value}",
        has_step_free=True,
        arrival_instructions="Use the ramp at the side door.",
        contact_name="Jo at reception",
        **(venue_values or {}),
    )
    session = factories.make_session(
        programme=who.programme,
        venue=venue,
        status=session_status,
        starts_at=factories.days_ahead(days, 10),
        what_to_bring="Your story cards\nA water bottle",
    )
    if team:
        facilitator = factories.make_person(roles=[who.roles[0]], name="Morgan Ellis")
        factories.make_assignment(session=session, person=facilitator, role=who.roles[0])
    return session, factories.make_assignment(
        session=session, person=who.person, role=who.roles[1], status=status
    )


def emails(folder) -> list:
    """The messages written to the outbox folder, oldest first."""
    import email
    import email.policy

    return (
        [
            email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            for path in sorted(folder.glob("*.eml"))
        ]
        if folder.exists()
        else []
    )
