"""A session's learners for coordinators: places, the waiting list, adding and cancelling."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from trainer.auth.permissions import coordinator_required
from trainer.changes import Change
from trainer.learners import booking as booking_service
from trainer.learners import employers, outbox, queries, records, register
from trainer.learners import places as rules
from trainer.learners.forms import AddLearnerForm
from trainer.learners.settings import settings_for
from trainer.models import Booking, BookingSource, BookingStatus, TrainingSession
from trainer.records import get_or_404
from trainer.timezones import local_zone

bp = Blueprint("session_learners", __name__)


@bp.get("/sessions/<id:session_id>/learners")
@coordinator_required
def list_bookings(session_id: int):
    session = get_or_404(TrainingSession, session_id)
    return render_template(
        "learners/session_learners.html",
        session=session,
        sections=_sections(queries.session_bookings(session)),
        places=queries.places_of(session),
    )


def _sections(bookings: dict[BookingStatus, list[Booking]]) -> list[dict]:
    """The page's tables: title, bookings, whether a place can be cancelled from there."""
    s = BookingStatus

    def section(title, statuses, *, can_cancel=False, always=False):
        found = [b for status in statuses for b in bookings[status]]
        return {"title": title, "bookings": found, "can_cancel": can_cancel, "always": always}

    return [
        section("With a place", (s.BOOKED, s.OFFERED), can_cancel=True, always=True),
        section("Marked on the register", (s.ATTENDED, s.PARTIAL, s.ABSENT)),
        section("Waiting list, in order", (s.WAITING,), can_cancel=True, always=True),
        section("Cancelled", (s.CANCELLED,)),
    ]


@bp.route("/sessions/<id:session_id>/learners/new", methods=["GET", "POST"])
@coordinator_required
def add_learner(session_id: int):
    session = get_or_404(TrainingSession, session_id)
    form = AddLearnerForm()
    form.employer_id.choices = employers.employer_options()
    if form.validate_on_submit():
        with Change(form) as change:
            details = form.details(employer_id=form.employer_id.data)
            learner = records.learner_for(details, actor=current_user, may_update=lambda _: True)
            booking = booking_service.book(
                session, learner, source=BookingSource.COORDINATOR, actor=current_user
            )
        if change.saved:
            flash(_booked_message(booking), "success")
            return redirect(url_for(".list_bookings", session_id=session.id))
    return render_template("learners/add_learner.html", form=form, session=session)


def _booked_message(booking: Booking) -> str:
    name = booking.learner.full_name
    if booking.status is BookingStatus.BOOKED:
        return f"{name} has a place. Their joining instructions are on the way."
    return f"The session is full, so {name} is on the waiting list."


@bp.post("/learners/bookings/<id:booking_id>/cancel")
@coordinator_required
def cancel_booking(booking_id: int):
    booking = get_or_404(Booking, booking_id)
    back = redirect(url_for(".list_bookings", session_id=booking.session_id))
    with Change() as change:
        booking_service.cancel(booking, by="coordinator", actor=current_user)
    if change.saved:
        late = " It was a late cancellation." if booking.is_late_cancellation else ""
        flash(f"{booking.learner.full_name}'s place is cancelled.{late}", "success")
    return back


@bp.app_template_global()
def session_places(session: TrainingSession) -> queries.Places:
    """A session's places for its page: capacity, held, waiting, registered."""
    return queries.places_of(session)


@bp.app_template_global()
def booking_closes_at(session: TrainingSession):
    """When booking closes for the session (coordinators may still add learners after)."""
    settings = settings_for(session.programme_id)
    return rules.booking_closes_at(session.starts_at, settings.cutoff_days, local_zone())


@bp.after_app_request
def deliver_learner_mail(response):
    """Learners' emails committed by this request go out now (failures wait for deliver-mail)."""
    outbox.deliver_committed()
    return response


@bp.app_template_global()
def learners_needing_adjustments(session: TrainingSession) -> list[Booking]:
    """Learners with a place who told us of adjustments they need: flagged to the team."""
    return [
        booking
        for booking in register.register_bookings(session)
        if booking.learner.adjustments.strip()
    ]
