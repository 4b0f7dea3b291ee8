"""Places and the waiting list: a session fills to its capacity and no further, a freed place
is offered to the next person, who must confirm it in time or it passes on. Times are built
relative to trainer.clock, so these hold on any date (and pinned: TEST_NOW)."""

from datetime import timedelta

import pytest
import time_machine

from tests.learners.factories import emails, make_booking, make_learner, open_session, text_of
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.learners import booking, outbox, sweep
from trainer.models import BookingSource, BookingStatus, SessionStatus

COORDINATOR = BookingSource.COORDINATOR


@pytest.fixture(autouse=True)
def request_context(app, db):
    """Emails carry links, which need a request's host."""
    with app.test_request_context():
        yield


def book(session, learner=None, **kwargs):
    return booking.book(
        session, learner or make_learner(), source=COORDINATOR, actor=None, **kwargs
    )


def test_places_fill_to_capacity_then_the_waiting_list_in_order(db):
    session = open_session(capacity=2)
    first, second = book(session), book(session)
    third, fourth = book(session), book(session)
    assert [b.status for b in (first, second)] == [BookingStatus.BOOKED] * 2
    assert [b.status for b in (third, fourth)] == [BookingStatus.WAITING] * 2
    assert booking.places_left(session) == 0
    assert third.queued_at <= fourth.queued_at


def test_the_same_learner_cannot_hold_two_places_on_one_session(db):
    session = open_session(capacity=5)
    learner = make_learner()
    book(session, learner)
    with pytest.raises(DomainError, match="already has a place on this session"):
        book(session, learner)


def test_booking_again_after_cancelling_uses_the_same_place_record(db):
    session = open_session(capacity=5)
    learner = make_learner()
    first = book(session, learner)
    booking.cancel(first, by="learner", actor=None)
    again = book(session, learner)
    assert again.id == first.id and again.status is BookingStatus.BOOKED


def test_a_freed_place_is_offered_to_the_next_person_waiting(db, outbox_dir):
    session = open_session(capacity=1, offer_hours=24)
    holder, waiting = book(session), book(session)
    now = utc_now()
    booking.cancel(holder, by="learner", actor=None, now=now)
    assert waiting.status is BookingStatus.OFFERED
    assert waiting.offer_expires_at == now + timedelta(hours=24)
    assert booking.places_left(session) == 0, "an offered place is held for them"
    db.session.commit()
    outbox.deliver_committed()
    [offer] = [
        m for m in emails(outbox_dir, waiting.learner.email) if "A place is free" in m["Subject"]
    ]
    assert "/places/" in text_of(offer)


def test_the_offer_is_held_only_until_the_session_starts(db):
    session = open_session(capacity=1, days=1, offer_hours=48, cutoff_days=0)
    holder, waiting = book(session), book(session)
    booking.cancel(holder, by="learner", actor=None)
    assert waiting.offer_expires_at == session.starts_at


def test_confirming_in_time_gives_the_place(db):
    session = open_session(capacity=1)
    holder, waiting = book(session), book(session)
    booking.cancel(holder, by="learner", actor=None)
    booking.confirm_offer(waiting, now=utc_now() + timedelta(hours=1))
    assert waiting.status is BookingStatus.BOOKED and waiting.offer_expires_at is None


def test_an_offer_not_confirmed_in_time_passes_to_the_next_person(db):
    session = open_session(capacity=1, offer_hours=24)
    holder, second, third = book(session), book(session), book(session)
    booking.cancel(holder, by="learner", actor=None)
    later = utc_now() + timedelta(hours=24, minutes=1)
    with pytest.raises(DomainError, match="This offer has run out"):
        booking.confirm_offer(second, now=later)
    assert second.status is BookingStatus.CANCELLED and second.cancel_reason == "offer_lapsed"
    assert third.status is BookingStatus.OFFERED


def test_the_sweep_lets_offers_run_out_when_the_clock_moves_on(db):
    session = open_session(capacity=1, offer_hours=24)
    holder, second, third = book(session), book(session), book(session)
    booking.cancel(holder, by="learner", actor=None)
    assert sweep.run_due().lapsed == 0
    with time_machine.travel(utc_now() + timedelta(hours=25), tick=False):
        swept = sweep.run_due()
    assert swept.lapsed == 1
    assert (second.status, third.status) == (BookingStatus.CANCELLED, BookingStatus.OFFERED)


def test_declining_an_offer_passes_it_on_at_once(db):
    session = open_session(capacity=1)
    holder, second, third = book(session), book(session), book(session)
    booking.cancel(holder, by="learner", actor=None)
    booking.decline_offer(second)
    assert (second.status, third.status) == (BookingStatus.CANCELLED, BookingStatus.OFFERED)


def test_nobody_jumps_the_waiting_list_while_a_place_is_on_offer(db):
    session = open_session(capacity=1)
    holder, waiting = book(session), book(session)
    booking.cancel(holder, by="learner", actor=None)
    newcomer = book(session)
    assert waiting.status is BookingStatus.OFFERED
    assert newcomer.status is BookingStatus.WAITING


def test_a_cancellation_after_booking_closed_is_late(db):
    session = open_session(capacity=3, days=5, cutoff_days=2)
    early, late = book(session), book(session)
    closes = session.starts_at - timedelta(days=2)
    booking.cancel(early, by="learner", actor=None, now=closes - timedelta(minutes=1))
    booking.cancel(late, by="learner", actor=None, now=closes + timedelta(minutes=1))
    assert (early.is_late_cancellation, late.is_late_cancellation) == (False, True)


def test_leaving_the_waiting_list_is_never_late(db):
    session = open_session(capacity=1, days=1, cutoff_days=2)
    book(session)
    waiting = book(session)
    booking.cancel(waiting, by="learner", actor=None)
    assert not waiting.is_late_cancellation


def test_no_offers_once_the_session_has_started(db):
    session = open_session(capacity=1, days=1)
    holder, waiting = book(session), book(session)
    booking.cancel(
        holder, by="coordinator", actor=None, now=session.starts_at + timedelta(minutes=5)
    )
    assert waiting.status is BookingStatus.WAITING


@pytest.mark.parametrize("status", [SessionStatus.CANCELLED, SessionStatus.DELIVERED])
def test_a_session_that_is_over_or_off_takes_no_bookings(db, status):
    session = open_session()
    session.status = status
    with pytest.raises(DomainError, match="not taking bookings"):
        book(session)


def test_a_finished_place_cannot_be_cancelled(db):
    session = open_session()
    attended = make_booking(session=session, status=BookingStatus.ATTENDED)
    with pytest.raises(DomainError, match="attended: it cannot be cancelled"):
        booking.cancel(attended, by="learner", actor=None)
