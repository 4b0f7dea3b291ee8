"""The register on the day, for coordinators and the session's team: made for a phone or a
tablet, one learner at a time, and no JavaScript."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput
from wtforms import RadioField, SubmitField
from wtforms.validators import Optional

from trainer.auth.permissions import is_coordinating, staff_or_person_required
from trainer.changes import Change
from trainer.forms import BaseForm, options
from trainer.learners import register
from trainer.learners.access import can_see_learners
from trainer.models import TrainingSession
from trainer.records import get_or_404

bp = Blueprint("register", __name__)

MARK_CHOICES = options(
    [("attended", "Present all session"), ("partial", "Present for part"), ("absent", "Absent")]
)


def register_form(bookings):
    """One set of radios per learner: present, part, absent (left empty: not marked yet)."""

    class RegisterForm(BaseForm):
        submit = SubmitField("Save the register", widget=GovSubmitInput())

    for booking in bookings:
        setattr(
            RegisterForm,
            f"mark_{booking.id}",
            RadioField(
                booking.learner.full_name,
                choices=MARK_CHOICES,
                widget=GovRadioInput(),
                validators=[Optional()],
            ),
        )
    return RegisterForm


def _session_for_register(session_id: int) -> TrainingSession:
    session = get_or_404(TrainingSession, session_id)
    if not can_see_learners(current_user, session):
        abort(403)
    return session


@bp.route("/sessions/<id:session_id>/register", methods=["GET", "POST"])
@staff_or_person_required
def take_register(session_id: int):
    session = _session_for_register(session_id)
    bookings = register.register_bookings(session)
    form = register_form(bookings)(
        data={f"mark_{b.id}": b.status.value for b in bookings if b.status.is_registered}
    )
    if form.validate_on_submit():
        marks = {
            b.id: register.MARKS[form[f"mark_{b.id}"].data]
            for b in bookings
            if form[f"mark_{b.id}"].data in register.MARKS
        }
        return _save(session, marks, form)
    return _page(session, bookings, form)


@bp.post("/sessions/<id:session_id>/register/everyone")
@staff_or_person_required
def mark_everyone_present(session_id: int):
    """Everyone not yet marked is marked present all session (then correct the few)."""
    session = _session_for_register(session_id)
    unmarked = [b for b in register.register_bookings(session) if not b.status.is_registered]
    marks = {b.id: register.MARKS["attended"] for b in unmarked}
    with Change() as change:
        register.save_register(session, marks, actor=current_user)
    if change.saved:
        flash(f"{len(marks)} marked present. Change anyone who was not.", "success")
    return redirect(url_for(".take_register", session_id=session.id))


def _save(session: TrainingSession, marks: dict, form):
    with Change(form) as change:
        count = register.save_register(session, marks, actor=current_user)
    if not change.saved:
        return _page(session, register.register_bookings(session), form)
    flash(
        f"Register saved: {count} learner{'s' if count != 1 else ''} came. Certificates "
        "are ready for those who attended all session.",
        "success",
    )
    return redirect(url_for(".take_register", session_id=session.id))


def _page(session: TrainingSession, bookings, form):
    return render_template(
        "learners/register.html",
        session=session,
        bookings=bookings,
        form=form,
        is_open=register.is_open(session),
        opens_at=register.opens_at(session),
        coordinating=is_coordinating(current_user),
    )
