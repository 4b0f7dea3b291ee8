"""An employer's booking contact: book their own staff, see their staff's places, completions
and certificates, and nothing of any other organisation (another's records are 404 here)."""

from __future__ import annotations

from functools import wraps

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    url_for,
)
from flask_login import current_user, login_required

from trainer.certificates import downloads as certificate_downloads
from trainer.certificates import service as certificates
from trainer.changes import Change
from trainer.clock import utc_now
from trainer.learners import booking as booking_service
from trainer.learners import employer_queries, public, queries, records
from trainer.learners.employers import employer_for
from trainer.learners.forms import EmployerBookingForm
from trainer.models import Booking, BookingSource, BookingStatus, Learner, TrainingSession
from trainer.records import get_or_404
from trainer.reports import downloads

bp = Blueprint("employer", __name__, url_prefix="/employer")


def employer_required(view):
    """Sign-in, then an account that books for an employer (403 otherwise)."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        g.employer = employer_for(current_user)
        if g.employer is None:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def _own_booking(booking_id: int) -> Booking:
    booking = get_or_404(Booking, booking_id)
    if booking.employer_id != g.employer.id:
        abort(404)
    return booking


@bp.get("")
@employer_required
def home():
    now = utc_now()
    return render_template(
        "learners/employer/home.html",
        employer=g.employer,
        sessions=queries.open_sessions(now),
        coming=employer_queries.coming_bookings(g.employer, now),
    )


@bp.route("/sessions/<id:session_id>/book", methods=["GET", "POST"])
@employer_required
def book_staff(session_id: int):
    session = get_or_404(TrainingSession, session_id)
    if not public.is_open_for_employers(session):
        return render_template("learners/public/closed.html", session=session), 410
    form = EmployerBookingForm()
    if not form.is_submitted():
        form.organisation.data = g.employer.name
    if form.validate_on_submit():
        with Change(form) as change:
            details = form.details(employer_id=g.employer.id)
            learner = records.learner_for(
                details,
                actor=current_user,
                may_update=lambda found: found.employer_id in (None, g.employer.id),
            )
            booking = booking_service.book(
                session,
                learner,
                source=BookingSource.EMPLOYER,
                actor=current_user,
                employer=g.employer,
            )
        if change.saved:
            flash(
                f"{learner.full_name} has a place."
                if booking.status is BookingStatus.BOOKED
                else f"The session is full, so {learner.full_name} is on the waiting list.",
                "success",
            )
            return redirect(url_for(".home"))
    return render_template("learners/employer/book.html", form=form, session=session)


@bp.get("/learners")
@employer_required
def list_learners():
    return render_template(
        "learners/employer/learners.html",
        employer=g.employer,
        learners=employer_queries.staff(g.employer),
    )


@bp.get("/learners/<id:learner_id>")
@employer_required
def show_learner(learner_id: int):
    learner = get_or_404(Learner, learner_id)
    bookings = queries.learner_bookings(learner, employer_id=g.employer.id)
    if not bookings:
        abort(404)
    return render_template(
        "learners/employer/learner.html",
        learner=learner,
        bookings=bookings,
        certificates=queries.certificates_by_booking(bookings),
    )


@bp.post("/bookings/<id:booking_id>/cancel")
@employer_required
def cancel_booking(booking_id: int):
    booking = _own_booking(booking_id)
    with Change() as change:
        booking_service.cancel(booking, by="employer", actor=current_user)
    if change.saved:
        flash(f"{booking.learner.full_name}'s place is cancelled.", "success")
    return redirect(url_for(".show_learner", learner_id=booking.learner_id))


@bp.get("/bookings/<id:booking_id>/certificate.pdf")
@employer_required
def certificate(booking_id: int):
    found = certificates.current_certificate(_own_booking(booking_id))
    return certificate_downloads.certificate_download(found)


@bp.get("/sessions/<id:session_id>/certificates.zip")
@employer_required
def session_certificates(session_id: int):
    """All of the session's certificates for this employer's staff, in one ZIP."""
    session = get_or_404(TrainingSession, session_id)
    found = certificates.for_session(session, employer_id=g.employer.id)
    return certificate_downloads.session_zip(session, found)


@bp.get("/completions.csv")
@employer_required
def completions_csv() -> Response:
    """Completed training in the shape of Skills for Care's training record."""
    return downloads.completions_download(employer_id=g.employer.id)
