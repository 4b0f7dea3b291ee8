"""Coordinators' pages for employers and their booking contacts."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from trainer.auth.permissions import coordinator_required
from trainer.changes import Change
from trainer.learners import employers
from trainer.learners.forms import ContactForm, EmployerForm
from trainer.models import Employer, EmployerContact, Sector
from trainer.records import get_or_404

bp = Blueprint("employers", __name__, url_prefix="/employers")


@bp.get("/")
@coordinator_required
def list_employers():
    return render_template(
        "learners/employers.html", employers=employers.list_employers(include_archived=True)
    )


@bp.get("/<id:employer_id>")
@coordinator_required
def show_employer(employer_id: int):
    employer = get_or_404(Employer, employer_id)
    return render_template(
        "learners/employer.html", employer=employer, form=ContactForm(formdata=None)
    )


@bp.route("/new", methods=["GET", "POST"])
@coordinator_required
def create_employer():
    return _edit(None)


@bp.route("/<id:employer_id>/edit", methods=["GET", "POST"])
@coordinator_required
def edit_employer(employer_id: int):
    return _edit(get_or_404(Employer, employer_id))


def _edit(employer: Employer | None):
    form = EmployerForm(obj=employer)
    if employer is not None and not form.is_submitted():
        form.sector.data = employer.sector.value
    if form.validate_on_submit():
        with Change(form) as change:
            employer = employers.save_employer(
                employer, name=form.name.data, sector=Sector(form.sector.data), actor=current_user
            )
        if change.saved:
            flash(f"{employer.name} saved.", "success")
            return redirect(url_for(".show_employer", employer_id=employer.id))
    return render_template("learners/employer_form.html", form=form, employer=employer)


@bp.post("/<id:employer_id>/contacts")
@coordinator_required
def add_contact(employer_id: int):
    employer = get_or_404(Employer, employer_id)
    form = ContactForm()
    if form.validate_on_submit():
        with Change(form) as change:
            user = employers.add_contact(employer, form.email.data, actor=current_user)
        if change.saved:
            flash(
                f"{user.email} can book for {employer.name}. They sign in with a link "
                "emailed to them: ask them to choose 'Sign in with a link instead'.",
                "success",
            )
            return redirect(url_for(".show_employer", employer_id=employer.id))
    return render_template("learners/employer.html", employer=employer, form=form)


@bp.post("/<id:employer_id>/contacts/<id:contact_id>/remove")
@coordinator_required
def remove_contact(employer_id: int, contact_id: int):
    employer = get_or_404(Employer, employer_id)
    contact = get_or_404(EmployerContact, contact_id)
    if contact.employer_id != employer.id:
        return redirect(url_for(".show_employer", employer_id=employer.id))
    email = contact.user.email
    with Change(success=f"{email} no longer books for {employer.name}."):
        employers.remove_contact(contact, actor=current_user)
    return redirect(url_for(".show_employer", employer_id=employer.id))
