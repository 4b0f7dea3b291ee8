"""Booking without an account: the programmes open to the public, each programme's booking
page (a stable address others link to: /book/<programme id>), the form, and the emailed link
that confirms the learner's address and books them."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from trainer.changes import Change
from trainer.clock import utc_now
from trainer.learners import booking as booking_service
from trainer.learners import public, queries, tokens
from trainer.learners.forms import PublicBookingForm
from trainer.models import Programme, TrainingSession
from trainer.records import get_or_404

bp = Blueprint("booking", __name__)


def limits() -> public.Limits:
    config = current_app.config
    return public.Limits(
        per_email=config["BOOKING_MAX_PER_EMAIL"],
        per_address=config["BOOKING_MAX_PER_ADDRESS"],
        window_minutes=config["BOOKING_WINDOW_MINUTES"],
        link_hours=config["BOOKING_LINK_HOURS"],
    )


@bp.get("/book/")
def list_programmes():
    now = utc_now()
    programmes = [
        (programme, len(queries.open_sessions(now, programme=programme, public_only=True)))
        for programme in queries.public_programmes()
    ]
    return render_template("learners/public/programmes.html", programmes=programmes)


@bp.get("/book/<id:programme_id>")
def programme_sessions(programme_id: int):
    programme = get_or_404(Programme, programme_id)
    if programme not in queries.public_programmes():
        abort(404)
    sessions = queries.open_sessions(utc_now(), programme=programme, public_only=True)
    return render_template("learners/public/sessions.html", programme=programme, sessions=sessions)


@bp.route("/book/sessions/<id:session_id>", methods=["GET", "POST"])
def book_session(session_id: int):
    session = get_or_404(TrainingSession, session_id)
    if not public.is_bookable(session):
        return render_template("learners/public/closed.html", session=session), 410
    form = PublicBookingForm()
    if form.validate_on_submit():
        with Change(form) as change:
            public.request_booking(
                session, form.details(), request.remote_addr or "unknown", limits=limits()
            )
        if change.saved:
            page = render_template(
                "learners/public/check_email.html",
                email=form.email.data,
                hours=limits().link_hours,
                session=session,
            )
            return page, 200, {"Cache-Control": "no-store"}
    places_left = booking_service.places_left(session)
    return render_template(
        "learners/public/book.html", form=form, session=session, places_left=places_left
    )


@bp.route("/book/confirm/<token>", methods=["GET", "POST"])
def confirm_email(token: str):
    """GET only asks; POST books. Email scanners that open links do not book anyone."""
    found = public.find_request(token, link_hours=limits().link_hours)
    if found is None:
        return render_template("learners/public/link_spent.html"), 410
    if request.method == "POST":
        with Change() as change:
            booking = public.confirm_request(token, link_hours=limits().link_hours)
        if change.saved:
            token = tokens.make("booking", booking.id)
            return redirect(url_for("learner_links.manage_booking", token=token))
        return redirect(url_for(".confirm_email", token=token))
    return render_template("learners/public/confirm.html", request_=found, token=token)
