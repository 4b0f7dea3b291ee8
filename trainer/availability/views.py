"""When people can work and whom they work with: pages for coordinators (from the person
page) and for the person themselves (/my-availability)."""

from datetime import time, timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from trainer.auth.permissions import coordinator_required
from trainer.availability import service
from trainer.availability.easy_form import choice_for, easy_pattern_form_class
from trainer.availability.forms import (
    PairForm,
    PartnerForm,
    TimeOffForm,
    pattern_form_class,
)
from trainer.changes import Change
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import Person
from trainer.records import get_or_404, record_id
from trainer.timezones import local_to_utc, local_zone

bp = Blueprint("availability", __name__)


def _own_person() -> Person:
    if current_user.person is None:
        abort(403)
    return current_user.person


# -- weekly pattern and time off: shared by both sides ------------------------------------------


def _pattern_page(person: Person, *, own: bool):
    form = pattern_form_class()()
    if own:  # the person sets their own times: in the first person
        form.mode.label.text = "When can I work?"
    settings = service.get_settings(person)
    if not form.is_submitted():
        form.mode.data = "set" if settings.windows else "any"
        for window in settings.windows:  # one window a day on this form
            form[f"start_{window.weekday}"].data = window.start_time
            form[f"end_{window.weekday}"].data = window.end_time
    if form.validate_on_submit():
        windows = form.windows() if form.mode.data == "set" else []
        with Change(form, success="Working times saved.") as change:
            service.set_weekly_pattern(person, windows, actor=current_user)
        if change.saved:
            return redirect(_page_url(person, own))
    return render_template(
        "availability/availability.html",
        person=person,
        own=own,
        form=form,
        settings=settings,
        zone=local_zone(),
    )


def _page_url(person: Person, own: bool) -> str:
    if own:
        return url_for(".my_availability")
    return url_for(".edit_pattern", person_id=person.id)


def _time_off_page(person: Person, *, own: bool):
    form = TimeOffForm()
    if form.validate_on_submit():
        starts_at = local_to_utc(form.first_day.data, form.from_time.data or time())
        if form.until_time.data:
            ends_at = local_to_utc(form.last_day.data, form.until_time.data)
        else:
            ends_at = local_to_utc(form.last_day.data + timedelta(days=1), time())
        with Change(form, success="Time off saved. Nobody will be asked to work then.") as change:
            service.add_time_off(
                person, starts_at, ends_at, form.reason.data or "", actor=current_user
            )
        if change.saved:
            return redirect(_page_url(person, own))
    return render_template(
        "availability/time_off_form.html",
        person=person,
        own=own,
        form=form,
        back=_page_url(person, own),
    )


def _remove_time_off(person: Person, *, own: bool):
    with Change(success="Time off removed."):
        service.remove_time_off(
            person, request.form.get("period", type=record_id), actor=current_user
        )
    return redirect(_page_url(person, own))


@bp.route("/people/<id:person_id>/availability", methods=["GET", "POST"])
@coordinator_required
def edit_pattern(person_id: int):
    return _pattern_page(get_or_404(Person, person_id), own=False)


@bp.route("/people/<id:person_id>/time-off/new", methods=["GET", "POST"])
@coordinator_required
def add_time_off(person_id: int):
    return _time_off_page(get_or_404(Person, person_id), own=False)


@bp.post("/people/<id:person_id>/time-off/remove")
@coordinator_required
def remove_time_off(person_id: int):
    return _remove_time_off(get_or_404(Person, person_id), own=False)


@bp.route("/my-availability", methods=["GET", "POST"])
@login_required
def my_availability():
    if current_user.person is None and request.method == "GET":
        return render_template("availability/availability.html", person=None, own=True)
    person = _own_person()
    if request.method == "POST":
        easy = request.form.get("easy") == "1"
    else:
        easy = person.preferred_format.value != "plain" and not request.args.get("more")
    return _easy_page(person) if easy else _pattern_page(person, own=True)


def _easy_page(person: Person):
    """ "When can I work?" with big choices per day, in Easy Read."""
    settings = service.get_settings(person)
    windows = {w.weekday: (w.start_time, w.end_time) for w in settings.windows}
    form = easy_pattern_form_class(windows)()
    if not form.is_submitted():
        form.mode.data = "set" if windows else "any"
        for day in range(7):
            form[f"day_{day}"].data = choice_for(windows.get(day)) if windows else "no"
    if form.validate_on_submit():
        chosen = form.windows() if form.mode.data == "set" else []
        with Change(form, success="Thank you. We have saved when you can work.") as change:
            service.set_weekly_pattern(person, chosen, actor=current_user)
        if change.saved:
            return redirect(url_for(".my_availability"))
    return render_template(
        "availability/my_availability_easy.html",
        person=person,
        form=form,
        settings=settings,
        pictures=person.preferred_format.value == "easy_read",
        style=person.preferred_format.value,
    )


@bp.route("/my-availability/time-off/new", methods=["GET", "POST"])
@login_required
def add_my_time_off():
    return _time_off_page(_own_person(), own=True)


@bp.post("/my-availability/time-off/remove")
@login_required
def remove_my_time_off():
    return _remove_time_off(_own_person(), own=True)


# -- "do not pair" marks and preferred partners: coordinators only ----------------------------


def _others(form, person: Person) -> None:
    form.other.choices = [(None, "Choose a person")] + [
        (p.id, p.full_name) for p in service.other_people(person)
    ]


def _person_page(person: Person):
    return redirect(url_for("people.show_person", person_id=person.id, _anchor="working-together"))


@bp.route("/people/<id:person_id>/do-not-pair/new", methods=["GET", "POST"])
@coordinator_required
def add_do_not_pair(person_id: int):
    person = get_or_404(Person, person_id)
    return _pair_form(
        person,
        PairForm(),
        f"Someone {person.full_name} must not work with",
        lambda other, form: service.mark_do_not_pair(
            person, other, form.reason.data, actor=current_user
        ),
        lambda other: f"{person.full_name} and {other.full_name} will not be put in one team.",
    )


@bp.post("/people/<id:person_id>/do-not-pair/remove")
@coordinator_required
def remove_do_not_pair(person_id: int):
    person = get_or_404(Person, person_id)
    return _remove_pair(
        person,
        "That mark was already removed.",
        lambda other: service.unmark_do_not_pair(person, other, actor=current_user),
        lambda other: f"{person.full_name} and {other.full_name} may work together again.",
    )


@bp.route("/people/<id:person_id>/partners/new", methods=["GET", "POST"])
@coordinator_required
def add_partner(person_id: int):
    person = get_or_404(Person, person_id)
    return _pair_form(
        person,
        PartnerForm(),
        f"Someone {person.full_name} likes to work with",
        lambda other, form: service.add_partner(person, other, actor=current_user),
        lambda other: f"{other.full_name} is now a preferred partner of {person.full_name}.",
    )


@bp.post("/people/<id:person_id>/partners/remove")
@coordinator_required
def remove_partner(person_id: int):
    person = get_or_404(Person, person_id)
    return _remove_pair(
        person,
        "That partner was already removed.",
        lambda other: service.remove_partner(person, other, actor=current_user),
        lambda other: f"{other.full_name} is no longer a preferred partner.",
    )


def _pair_form(person: Person, form, heading: str, save, success):
    """Choose another person for a pair rule (`save(other, form)`), back to the person page."""
    _others(form, person)
    if form.validate_on_submit():
        other = get_or_404(Person, form.other.data)
        with Change(form, success=success(other)) as change:
            save(other, form)
        if change.saved:
            return _person_page(person)
    return render_template("availability/pair_form.html", person=person, form=form, heading=heading)


def _remove_pair(person: Person, gone: str, remove, success):
    """A Remove button beside a pair rule: `remove(other)`, or say it was `gone` already."""
    other = db.session.get(Person, request.form.get("other", type=record_id) or 0)
    with Change() as change:
        if other is None:
            raise DomainError(gone)
        remove(other)
    if change.saved:
        flash(success(other), "success")
    return _person_page(person)


@bp.app_template_global()
def person_team_settings(person: Person) -> service.Settings:
    """For the person page: working times, time off, pairs and partners."""
    return service.get_settings(person)
