"""Review meetings: a kind of session paid by its own rates on the rate card, whose
"You said, we did" outcomes have owners and dates and are shown to everyone."""

from datetime import timedelta

import pytest

from tests import factories
from tests.growth.factories import add_rate, make_review_programme, past_seat
from trainer.clock import local_today
from trainer.domain import DomainError
from trainer.growth import reviews
from trainer.models import Attendance, LineKind, PaymentLine, SessionStatus
from trainer.payments import service as payments
from trainer.timezones import local_zone


def details(**values) -> reviews.OutcomeDetails:
    today = local_today(local_zone())
    return reviews.OutcomeDetails(
        **{
            "you_said": "Send the slides a week before.",
            "we_did": "",
            "owner": "Priya (coordinator)",
            "due_on": today + timedelta(days=14),
            **values,
        }
    )


def test_a_review_meeting_is_paid_by_its_own_rate(db):
    roles = factories.make_trio()
    training = factories.make_programme(roles=roles)
    review = make_review_programme(roles)
    add_rate(training, roles[2], 9000)
    add_rate(review, roles[2], 3500)
    person = factories.make_person(roles=[roles[2]])
    seat = past_seat(person, roles[2], review)
    payments.mark_delivered(
        seat.session, [payments.AttendanceEntry(seat, Attendance.ATTENDED)], None, actor=None
    )
    [line] = (
        db.session.query(PaymentLine).filter_by(person_id=person.id, kind=LineKind.DELIVERY).all()
    )
    assert line.amount_pence == 3500 and line.programme_id == review.id
    assert seat.session.status is SessionStatus.DELIVERED


def test_outcomes_have_owners_and_dates_and_everyone_sees_them(db):
    roles = factories.make_trio()
    review = make_review_programme(roles)
    meeting = factories.make_session(programme=review, status=SessionStatus.SCHEDULED)
    outcome = reviews.add_outcome(meeting, details(), actor=None)
    assert reviews.all_outcomes() == [outcome]
    done = local_today(local_zone())
    reviews.update_outcome(
        outcome, details(we_did="Slides go out 7 days before.", done_on=done), actor=None
    )
    assert outcome.we_did == "Slides go out 7 days before." and outcome.done_on == done
    meeting.status = SessionStatus.CANCELLED
    assert reviews.all_outcomes() == []


def test_outcomes_belong_to_review_meetings_only_and_need_words(db):
    training = factories.make_session()
    with pytest.raises(DomainError, match="Only a review meeting"):
        reviews.add_outcome(training, details(), actor=None)
    meeting = factories.make_session(programme=make_review_programme(factories.make_trio()))
    with pytest.raises(DomainError) as error:
        reviews.add_outcome(meeting, details(owner=" "), actor=None)
    assert error.value.field == "owner"
    with pytest.raises(DomainError) as error:
        reviews.add_outcome(meeting, details(done_on=local_today(local_zone())), actor=None)
    assert error.value.field == "we_did"


def test_review_meetings_are_not_training_in_the_reports(db):
    from trainer.reports.tallies import Period, session_tallies

    roles = factories.make_trio()
    training = factories.make_session(programme=factories.make_programme(roles=roles))
    factories.make_session(
        programme=make_review_programme(roles), starts_at=training.starts_at + timedelta(hours=3)
    )
    day = training.starts_at.date()
    tallies = session_tallies("programme", Period(day - timedelta(days=1), day + timedelta(days=1)))
    assert [t.key for t in tallies] == [training.programme.name]
