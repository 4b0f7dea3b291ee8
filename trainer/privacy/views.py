"""Admins act on people's data rights: a copy of everything held (subject access), erasure
on request, and the retention rules with the log of what they removed."""

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from trainer import jobs
from trainer.auth.permissions import admin_required
from trainer.changes import Change
from trainer.extensions import db
from trainer.forms import BaseForm, reason_field
from trainer.models import DataExport, Learner, Person, RetentionRun
from trainer.privacy import erasure, learner_erasure, retention, subject_access, tasks
from trainer.records import get_or_404

bp = Blueprint("data_rights", __name__)


class ErasureForm(BaseForm):
    reason = reason_field(
        "Who asked, and when",
        "Say who asked for their details to be erased, and when",
        "For example: Sam asked by phone on 3 March 2027.",
    )


def _subject(kind: str, subject_id: int):
    return get_or_404(subject_access.SUBJECTS[kind], subject_id)


def _copies(kind: str, subject_id: int) -> list[DataExport]:
    query = (
        select(DataExport)
        .where(DataExport.subject_kind == kind, DataExport.subject_id == subject_id)
        .order_by(DataExport.requested_at.desc())
    )
    return list(db.session.scalars(query))


def _blockers(kind: str, subject) -> list[str]:
    if kind == "account" or subject.erased_at:
        return []
    if kind == "learner":
        return learner_erasure.learner_blockers(subject)
    return erasure.blockers(subject)


@bp.get("/data/<any(person, account, learner):kind>/<id:subject_id>")
@admin_required
def their_data(kind: str, subject_id: int):
    subject = _subject(kind, subject_id)
    return render_template(
        "privacy/their_data.html",
        kind=kind,
        subject=subject,
        copies=_copies(kind, subject_id),
        blockers=_blockers(kind, subject),
        keep_days=current_app.config["RETAIN_DATA_EXPORTS_DAYS"],
    )


@bp.post("/data/<any(person, account, learner):kind>/<id:subject_id>/copy")
@admin_required
def make_copy(kind: str, subject_id: int):
    subject = _subject(kind, subject_id)
    done = "The copy is being made. It is ready to download in a minute or two."
    with Change(success=done) as change:
        export = subject_access.request_copy(kind, subject.id, actor=current_user)
        jobs.later(tasks.make_copy, export.id, key=f"data-copy:{export.id}")
    if not change.saved:
        abort(500)
    return redirect(url_for(".their_data", kind=kind, subject_id=subject.id))


@bp.get("/data-copies/<id:export_id>.<any(json, html):form>")
@admin_required
def download_copy(export_id: int, form: str):
    export = get_or_404(DataExport, export_id)
    body = export.json_file if form == "json" else export.readable_file
    if body is None:
        abort(404)
    name = f"data-{export.subject_kind}-{export.subject_id}-{export.id}.{form}"
    return Response(
        body,
        mimetype="application/json" if form == "json" else "text/html",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.route("/people/<id:person_id>/erase", methods=["GET", "POST"])
@admin_required
def erase_person(person_id: int):
    person = get_or_404(Person, person_id)
    form = ErasureForm()
    if form.validate_on_submit():
        with Change(form) as change:
            erased = erasure.erase_person(person, reason=form.reason.data, actor=current_user)
        if change.saved:
            return render_template("privacy/erased.html", erased=erased, kept=erasure.KEPT)
    return render_template(
        "privacy/erase.html",
        person=person,
        form=form,
        kept=erasure.KEPT,
        blockers=erasure.blockers(person) if not person.erased_at else [],
    )


@bp.route("/learners/<id:learner_id>/erase", methods=["GET", "POST"])
@admin_required
def erase_learner(learner_id: int):
    learner = get_or_404(Learner, learner_id)
    form = ErasureForm()
    kept = learner_erasure.LEARNER_KEPT
    if form.validate_on_submit():
        with Change(form) as change:
            erased = learner_erasure.erase_learner(
                learner, reason=form.reason.data, actor=current_user
            )
        if change.saved:
            return render_template("privacy/learner_erased.html", erased=erased, kept=kept)
    return render_template(
        "privacy/erase_learner.html",
        learner=learner,
        form=form,
        kept=kept,
        blockers=_blockers("learner", learner),
    )


@bp.get("/admin/retention")
@admin_required
def retention_log():
    runs = db.session.scalars(select(RetentionRun).order_by(RetentionRun.id.desc()).limit(60))
    periods = retention.retention_periods(current_app.config)
    return render_template("privacy/retention.html", runs=list(runs), periods=periods)


@bp.post("/admin/retention/apply")
@admin_required
def apply_retention():
    with Change() as change:
        runs = retention.sweep(current_app.config)
    if change.saved:
        removed = sum(run.removed for run in runs)
        flash(
            f"Retention rules applied: {removed} record{'s' if removed != 1 else ''} removed.",
            "success",
        )
    return redirect(url_for(".retention_log"))
