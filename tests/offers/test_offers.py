"""Offer services: putting people in seats with the rules checked, their answers, taking
them off, overrides in the audit log, and when a session may be scheduled."""

from datetime import timedelta

import pytest
from sqlalchemy import insert, select

from tests import factories
from tests.team_factories import same_time_session, team_setup
from trainer.domain import DomainError
from trainer.models import (
    Assignment,
    AuditEvent,
    OfferStatus,
    OutboxMessage,
    SessionStatus,
    UnavailablePeriod,
)
from trainer.offers import service as offers
from trainer.sessions import service
from trainer.sessions.seats import team_seats


def actions(db) -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def invites(db, person) -> list[str]:
    return list(
        db.session.scalars(
            select(OutboxMessage.method)
            .where(OutboxMessage.person_id == person.id)
            .order_by(OutboxMessage.id)
        )
    )


def test_an_offer_holds_the_seat_and_is_audited(db):
    setup = team_setup()
    coordinator = factories.make_user()
    person = setup.people["Autistic"][0]
    assignment = offers.offer_seat(setup.session, setup.autistic, person, actor=coordinator)
    assert assignment.offer_status is OfferStatus.OFFERED
    assert assignment.offered_at is not None and assignment.override_reason == ""
    seat = next(s for s in team_seats(setup.session) if s.role.id == setup.autistic.id)
    assert seat.assignment is assignment
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "assignment.offered"))
    assert event.actor_id == coordinator.id and event.after["person_id"] == person.id


def test_a_hard_rule_blocks_the_offer_with_its_reasons(db):
    setup = team_setup()
    outsider = factories.make_person(roles=[setup.autistic], name="Not Trained")
    with pytest.raises(DomainError) as caught:
        offers.offer_seat(setup.session, setup.autistic, outsider, actor=None)
    assert "Not Trained cannot take this seat: Not qualified to deliver" in caught.value.message
    assert "give a reason" in caught.value.message
    assert caught.value.field == "reason"
    assert not setup.session.assignments


def test_an_override_with_a_reason_is_kept_and_audited(db):
    setup = team_setup()
    outsider = factories.make_person(roles=[setup.autistic], name="Not Trained")
    assignment = offers.offer_seat(
        setup.session,
        setup.autistic,
        outsider,
        actor=None,
        override_reason="  Trained last week, certificate on file. ",
    )
    assert assignment.override_reason == "Trained last week, certificate on file."
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "assignment.overridden")
    )
    assert event.reason == "Trained last week, certificate on file."
    assert event.after["rules"] == ["qualification"]


def test_no_override_when_no_rule_is_broken(db):
    setup = team_setup()
    assignment = offers.offer_seat(
        setup.session,
        setup.autistic,
        setup.people["Autistic"][0],
        actor=None,
        override_reason="Just because",
    )
    assert assignment.override_reason == ""
    assert "assignment.overridden" not in actions(db)


def test_a_filled_seat_and_a_second_seat_in_one_team_are_refused(db):
    setup = team_setup()
    first, second = setup.people["Autistic"]
    offers.offer_seat(setup.session, setup.autistic, first, actor=None)
    with pytest.raises(DomainError, match="seat is already filled"):
        offers.offer_seat(setup.session, setup.autistic, second, actor=None, override_reason="x")
    with pytest.raises(DomainError, match="already in this team"):
        offers.offer_seat(setup.session, setup.facilitator, first, actor=None, override_reason="x")


def test_an_overlapping_booking_blocks_the_offer(db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    other = same_time_session(setup, minutes_later=30)
    offers.offer_seat(other, setup.autistic, person, actor=None)
    with pytest.raises(DomainError, match="Already booked"):
        offers.offer_seat(setup.session, setup.autistic, person, actor=None)


def test_time_off_blocks_the_offer(db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    db.session.add(
        UnavailablePeriod(
            person=person,
            reason="Holiday",
            starts_at=setup.session.starts_at - timedelta(days=1),
            ends_at=setup.session.starts_at + timedelta(days=1),
        )
    )
    db.session.flush()
    with pytest.raises(DomainError, match="Unavailable from"):
        offers.offer_seat(setup.session, setup.autistic, person, actor=None)


def test_archived_people_and_past_or_cancelled_sessions_are_refused(db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    person.is_active = False
    with pytest.raises(DomainError, match="archived"):
        offers.offer_seat(setup.session, setup.autistic, person, actor=None)
    person.is_active = True
    setup.session.status = SessionStatus.CANCELLED
    with pytest.raises(DomainError, match="is cancelled"):
        offers.offer_seat(setup.session, setup.autistic, person, actor=None)
    setup.session.status = SessionStatus.DRAFT
    setup.session.starts_at -= timedelta(days=400)
    setup.session.ends_at -= timedelta(days=400)
    with pytest.raises(DomainError, match="is over"):
        offers.offer_seat(setup.session, setup.autistic, person, actor=None)


def test_accepting_sends_the_invite_and_answering_twice_is_refused(db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    assignment = offers.offer_seat(setup.session, setup.autistic, person, actor=None)
    offers.respond_to_offer(assignment, accept=True, actor=None)
    assert assignment.offer_status is OfferStatus.ACCEPTED and assignment.responded_at
    assert invites(db, person) == ["REQUEST"]
    with pytest.raises(DomainError, match="already said yes"):
        offers.respond_to_offer(assignment, accept=True, actor=None)
    assert actions(db)[-1] == "assignment.accepted"


def test_declining_empties_the_seat_and_blocks_a_second_offer_without_a_reason(db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    assignment = offers.offer_seat(setup.session, setup.autistic, person, actor=None)
    offers.respond_to_offer(assignment, accept=False, actor=None)
    assert assignment.offer_status is OfferStatus.DECLINED
    assert invites(db, person) == []  # never accepted, so nothing to take out of a calendar
    seat = next(s for s in team_seats(setup.session) if s.role.id == setup.autistic.id)
    assert seat.is_empty
    with pytest.raises(DomainError, match="already said no"):
        offers.respond_to_offer(assignment, accept=True, actor=None)
    with pytest.raises(DomainError, match="Said no to this session"):
        offers.offer_seat(setup.session, setup.autistic, person, actor=None)
    again = offers.offer_seat(
        setup.session, setup.autistic, person, actor=None, override_reason="Phoned: free after all"
    )
    assert again is assignment and again.offer_status is OfferStatus.OFFERED


def test_saying_no_after_yes_takes_the_session_out_of_their_calendar(db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    assignment = offers.offer_seat(setup.session, setup.autistic, person, actor=None)
    offers.respond_to_offer(assignment, accept=True, actor=None)
    offers.respond_to_offer(assignment, accept=False, actor=None)
    assert assignment.offer_status is OfferStatus.DECLINED
    assert invites(db, person) == ["REQUEST", "CANCEL"]


def test_withdrawing_empties_the_seat_and_cancels_an_accepted_invite(db):
    setup = team_setup()
    offered, accepted = setup.people["Autistic"][0], setup.people["Facilitator"][0]
    first = offers.offer_seat(setup.session, setup.autistic, offered, actor=None)
    second = offers.offer_seat(setup.session, setup.facilitator, accepted, actor=None)
    offers.respond_to_offer(second, accept=True, actor=None)
    offers.withdraw_offer(first, actor=None, reason="Double-booked by mistake")
    offers.withdraw_offer(second, actor=None)
    assert first.offer_status is second.offer_status is OfferStatus.WITHDRAWN
    assert invites(db, offered) == [] and invites(db, accepted) == ["REQUEST", "CANCEL"]
    assert all(seat.is_empty for seat in team_seats(setup.session))
    with pytest.raises(DomainError, match="not in this team any more"):
        offers.withdraw_offer(first, actor=None)
    with pytest.raises(DomainError, match="taken back"):
        offers.respond_to_offer(first, accept=True, actor=None)
    again = offers.offer_seat(setup.session, setup.autistic, offered, actor=None)
    assert again is first and again.offer_status is OfferStatus.OFFERED  # the same row reused


def test_a_session_is_scheduled_only_with_its_team_ready_or_a_reason(db):
    setup = team_setup()
    with pytest.raises(
        DomainError,
        match=r"^The team is not ready: 1 facilitating trainer \d+ "
        r"seat is empty; 1 .* seat is empty; 1 autistic",
    ):
        service.change_status(setup.session, SessionStatus.SCHEDULED, actor=None)
    team = [
        offers.offer_seat(setup.session, role, setup.people[label][0], actor=None)
        for label, role in zip(("Facilitator", "Learning", "Autistic"), setup.roles, strict=True)
    ]
    for assignment in team[:2]:
        offers.respond_to_offer(assignment, accept=True, actor=None)
    with pytest.raises(DomainError) as caught:
        service.change_status(setup.session, SessionStatus.SCHEDULED, actor=None)
    assert caught.value.message.startswith("The team is not ready: Autistic 1 has not said yes")
    offers.respond_to_offer(team[2], accept=True, actor=None)
    service.change_status(setup.session, SessionStatus.SCHEDULED, actor=None)
    assert setup.session.status is SessionStatus.SCHEDULED


def test_an_incomplete_team_is_scheduled_with_a_reason_on_record(db):
    setup = team_setup()
    service.change_status(
        setup.session,
        SessionStatus.SCHEDULED,
        actor=None,
        reason="Venue booking needs a scheduled session",
    )
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "session.scheduled"))
    assert event.reason == "Venue booking needs a scheduled session"


def test_the_seat_check_reads_bookings_made_after_the_page_was_loaded(db):
    """The team is read again after the lock, not taken from what the caller loaded."""
    setup = team_setup()
    first, second = setup.people["Autistic"]
    assert setup.session.assignments == []  # the caller's view, loaded before the booking
    db.session.execute(
        insert(Assignment),
        [
            {  # another request's booking, behind the ORM
                "session_id": setup.session.id,
                "person_id": first.id,
                "delivery_role_id": setup.autistic.id,
                "offer_status": OfferStatus.OFFERED,
                "override_reason": "",
            }
        ],
    )
    assert setup.session.assignments == []
    with pytest.raises(DomainError, match="seat is already filled"):
        offers.offer_seat(setup.session, setup.autistic, second, actor=None)
