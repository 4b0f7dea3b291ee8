"""A learner's own booking, reached from the links in their emails (no account): what is
booked, the calendar file, cancelling their place, uploading their Part 1 certificate, their
certificate, and answering a place offered from the waiting list."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for

from trainer.certificates import service as certificates
from trainer.changes import Change
from trainer.extensions import db
from trainer.learners import booking as booking_service
from trainer.learners import tokens
from trainer.learners.forms import PartOneUploadForm
from trainer.learners.records import store_part_one_certificate
from trainer.learners.session_ics import learner_event_ics
from trainer.letters.certificate import certificate_filename, certificate_pdf
from trainer.models import Booking, BookingStatus

bp = Blueprint("learner_links", __name__)
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def _booking(token: str, purpose: str = "booking") -> tuple[Booking, int | None]:
    """The booking a link names, or 404 for a link we did not make."""
    found = tokens.read(purpose, token)
    booking = db.session.get(Booking, found[0]) if found else None
    if booking is None:
        abort(404)
    return booking, found[1]


def _back(token: str, anchor: str | None = None):
    return redirect(url_for(".manage_booking", token=token, _anchor=anchor))


@bp.get("/bookings/<token>")
def manage_booking(token: str):
    booking, _ = _booking(token)
    page = render_template(
        "learners/public/booking.html",
        booking=booking,
        token=token,
        certificate=certificates.current_certificate(booking),
        upload_form=PartOneUploadForm(formdata=None),
        can_cancel=booking.status
        in (BookingStatus.BOOKED, BookingStatus.WAITING, BookingStatus.OFFERED),
    )
    return page, 200, PRIVATE


@bp.route("/bookings/<token>/cancel", methods=["GET", "POST"])
def cancel_place(token: str):
    booking, _ = _booking(token)
    if request.method == "POST":
        with Change() as change:
            booking_service.cancel(booking, by="learner", actor=None)
        if change.saved:
            flash("Your place is cancelled. Thank you for letting us know.", "success")
        return _back(token)
    return (
        render_template("learners/public/cancel.html", booking=booking, token=token),
        200,
        PRIVATE,
    )


@bp.get("/bookings/<token>/session.ics")
def session_ics(token: str):
    booking, _ = _booking(token)
    return (
        learner_event_ics(booking),
        200,
        {
            "Content-Type": "text/calendar; charset=utf-8",
            "Content-Disposition": 'attachment; filename="session.ics"',
            **PRIVATE,
        },
    )


@bp.post("/bookings/<token>/part-one")
def upload_part_one(token: str):
    booking, _ = _booking(token)
    form = PartOneUploadForm()
    upload = form.upload() if form.validate_on_submit() else None
    if upload is None:
        flash("Choose a file to upload.", "error")
        return _back(token, "part-one")
    with Change(success="Thank you. We have your Part 1 certificate."):
        store_part_one_certificate(booking.learner, upload, actor=None)
    return _back(token, "part-one")


@bp.get("/bookings/<token>/certificate.pdf")
def certificate(token: str):
    booking, _ = _booking(token)
    found = certificates.current_certificate(booking)
    if found is None:
        abort(404)
    data = certificates.as_data(found)
    return send_file(
        BytesIO(certificate_pdf(data)),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=f"{certificate_filename(data)}.pdf",
    )


@bp.route("/places/<token>", methods=["GET", "POST"])
def offered_place(token: str):
    """A place offered from the waiting list: take it, or let it go to the next person."""
    booking, stamp = _booking(token, "offer")
    current = booking.status is BookingStatus.OFFERED and stamp == tokens.stamp_of(
        booking.offer_expires_at
    )
    manage = tokens.make("booking", booking.id)
    if request.method == "POST" and current:
        answer = request.form.get("answer")
        if answer not in ("yes", "no"):
            flash("Choose to take the place or let it go.", "error")
            return redirect(url_for(".offered_place", token=token))
        with Change() as change:
            if answer == "yes":
                booking_service.confirm_offer(booking)
            else:
                booking_service.decline_offer(booking)
        if change.saved:
            flash(
                "The place is yours. Your joining instructions are on the way."
                if answer == "yes"
                else "Thank you. The place will go to the next person.",
                "success",
            )
        return redirect(url_for(".manage_booking", token=manage))
    page = render_template(
        "learners/public/offered.html", booking=booking, token=token, current=current, manage=manage
    )
    return page, 200 if current else 410, PRIVATE
