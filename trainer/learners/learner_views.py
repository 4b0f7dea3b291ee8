"""Coordinators' pages for learner records and each programme's booking settings."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from trainer.auth.permissions import coordinator_required
from trainer.changes import Change
from trainer.extensions import db
from trainer.learners import employers, queries, records
from trainer.learners.forms import BookingSettingsForm, CoordinatorLearnerForm, PartOneUploadForm
from trainer.learners.settings import SETTINGS_FIELDS, save_booking_settings, settings_for
from trainer.models import Learner, PartOneUpload, Programme
from trainer.records import get_or_404, record_id

bp = Blueprint("learners", __name__)


@bp.get("/learners/")
@coordinator_required
def list_learners():
    search = request.args.get("q", "", type=str).strip()[:100]
    employer_id = request.args.get("employer", type=record_id)
    page = request.args.get("page", 1, type=int)
    found = queries.list_learners(search=search, employer_id=employer_id, page=page)
    return render_template(
        "learners/learners.html",
        found=found,
        search=search,
        employer_id=employer_id,
        employers=employers.list_employers(include_archived=True),
    )


@bp.get("/learners/<id:learner_id>")
@coordinator_required
def show_learner(learner_id: int):
    learner = get_or_404(Learner, learner_id)
    bookings = queries.learner_bookings(learner)
    return render_template(
        "learners/learner.html",
        learner=learner,
        bookings=bookings,
        certificates=queries.certificates_by_booking(bookings),
        upload=db.session.get(PartOneUpload, learner.id),
        upload_form=PartOneUploadForm(formdata=None),
    )


@bp.route("/learners/<id:learner_id>/edit", methods=["GET", "POST"])
@coordinator_required
def edit_learner(learner_id: int):
    learner = get_or_404(Learner, learner_id)
    form = CoordinatorLearnerForm()
    form.employer_id.choices = employers.employer_options(learner.employer_id)
    if not form.is_submitted():
        form.fill_from(learner)
        form.employer_id.data = learner.employer_id
    if form.validate_on_submit():
        with Change(form) as change:
            details = form.details(employer_id=form.employer_id.data)
            records.save_learner(learner, details, actor=current_user)
        if change.saved:
            flash(f"{learner.full_name} saved.", "success")
            return redirect(url_for(".show_learner", learner_id=learner.id))
    return render_template("learners/learner_form.html", form=form, learner=learner)


@bp.post("/learners/<id:learner_id>/part-one")
@coordinator_required
def upload_part_one(learner_id: int):
    learner = get_or_404(Learner, learner_id)
    form = PartOneUploadForm()
    upload = form.upload() if form.validate_on_submit() else None
    if upload is None:
        flash("Choose a file to upload.", "error")
        return redirect(url_for(".show_learner", learner_id=learner.id))
    with Change(success="Part 1 certificate uploaded."):
        records.store_part_one_certificate(learner, upload, actor=current_user)
    return redirect(url_for(".show_learner", learner_id=learner.id, _anchor="part-one"))


@bp.get("/learners/<id:learner_id>/part-one-certificate")
@coordinator_required
def download_part_one(learner_id: int):
    learner = get_or_404(Learner, learner_id)
    upload = db.session.get(PartOneUpload, learner.id)
    if upload is None:
        abort(404)
    return send_file(
        BytesIO(upload.content),
        mimetype=upload.content_type,
        as_attachment=True,
        download_name=upload.filename,
    )


@bp.route("/programmes/<id:programme_id>/booking-settings", methods=["GET", "POST"])
@coordinator_required
def booking_settings(programme_id: int):
    programme = get_or_404(Programme, programme_id)
    settings = settings_for(programme)
    form = BookingSettingsForm(obj=settings)
    if form.validate_on_submit():
        with Change(form, success=f"Booking settings for {programme.name} saved.") as change:
            values = {name: form[name].data for name in SETTINGS_FIELDS}
            save_booking_settings(settings, values, actor=current_user)
        if change.saved:
            return redirect(url_for("programmes.show_programme", programme_id=programme.id))
    return render_template("learners/booking_settings.html", form=form, programme=programme)


@bp.app_template_global()
def programme_booking(programme: Programme):
    """A programme's booking settings (the defaults until a coordinator sets them)."""
    return settings_for(programme)
