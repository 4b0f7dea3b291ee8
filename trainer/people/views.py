from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from trainer import access_log
from trainer.auth.permissions import coordinator_required
from trainer.changes import Change, archive_or_restore
from trainer.clock import utc_now
from trainer.models import (
    ACCESS_FEATURES,
    BenefitSituation,
    ContactMethod,
    InformationFormat,
    PaymentChoice,
    Person,
)
from trainer.people import service
from trainer.people.forms import PersonForm
from trainer.programmes import service as programmes
from trainer.records import get_or_404, record_id
from trainer.sessions.queries import person_sessions, sessions_to_come

bp = Blueprint("people", __name__, url_prefix="/people")


@bp.get("/")
@coordinator_required
def list_people():
    roles = programmes.list_delivery_roles()
    role_id = request.args.get("role", type=record_id)
    search = request.args.get("q", "", type=str).strip()[:100]
    people = service.list_people(role_id=role_id, include_archived=True, search=search)
    return render_template(
        "people/people.html", people=people, roles=roles, role_id=role_id, search=search
    )


@bp.get("/<id:person_id>")
@coordinator_required
def show_person(person_id: int):
    person = get_or_404(Person, person_id)
    access_log.shown([person], access_log.SUPPORT_NEEDS, access_log.BENEFITS, access_log.PAY)
    upcoming = person_sessions(person, since=utc_now())
    return render_template(
        "people/person.html",
        person=person,
        upcoming=upcoming,
        features=ACCESS_FEATURES,
    )


@bp.route("/new", methods=["GET", "POST"])
@coordinator_required
def create_person():
    return _edit(None)


@bp.route("/<id:person_id>/edit", methods=["GET", "POST"])
@coordinator_required
def edit_person(person_id: int):
    return _edit(get_or_404(Person, person_id))


def _prefill(form: PersonForm, person: Person) -> None:
    for name in ("preferred_contact", "preferred_format", "payment_choice", "benefit_situation"):
        form[name].data = getattr(person, name).value
    form.delivery_roles.data = [r.id for r in person.delivery_roles]
    form.qualifications.data = [c.id for c in person.qualifications]
    form.access_needs.data = sorted(person.access_needs)
    if person.max_minutes_per_week is not None:
        form.max_hours_per_week.data = person.max_minutes_per_week // 60


def _values(form: PersonForm) -> dict:
    values = {name: form[name].data for name in service.PROFILE_FIELDS if name in form}
    for name, value in values.items():
        if value is None and name in (
            "known_as",
            "email",
            "phone",
            "postal_address",
            "communication_needs",
            "support_needs",
            "supporter_name",
            "supporter_email",
            "supporter_phone",
            "charity_name",
            "notes",
        ):
            values[name] = ""
    values["preferred_contact"] = ContactMethod(form.preferred_contact.data)
    values["preferred_format"] = InformationFormat(form.preferred_format.data)
    values["payment_choice"] = PaymentChoice(form.payment_choice.data)
    values["benefit_situation"] = BenefitSituation(form.benefit_situation.data)
    for key in ACCESS_FEATURES:
        values[f"needs_{key}"] = key in (form.access_needs.data or [])
    hours = form.max_hours_per_week.data
    values["max_minutes_per_week"] = hours * 60 if hours is not None else None
    return values


def _edit(person: Person | None):
    form = PersonForm(obj=person)
    form.delivery_roles.choices = [(r.id, r.name) for r in programmes.list_delivery_roles()]
    form.qualifications.choices = [(c.id, c.name) for c in programmes.list_programmes()]
    if person is not None and not form.is_submitted():
        _prefill(form, person)
        access_log.shown([person], access_log.SUPPORT_NEEDS, access_log.BENEFITS)
    if form.validate_on_submit():
        with Change(form) as change:
            person = service.save_person(
                person,
                _values(form),
                role_ids=form.delivery_roles.data,
                programme_ids=form.qualifications.data,
                actor=current_user,
            )
        if change.saved:
            flash(f"{person.full_name} saved.", "success")
            return redirect(url_for(".show_person", person_id=person.id))
    return render_template("people/person_form.html", form=form, person=person)


@bp.post("/<id:person_id>/archive")
@coordinator_required
def archive_person(person_id: int):
    person = get_or_404(Person, person_id)
    if archive_or_restore(person, person.full_name, service.set_archived):
        left = sessions_to_come(now=utc_now(), person_id=person.id)
        if left:
            flash(
                f"{person.full_name} still holds a seat in {left} session"
                f"{'' if left == 1 else 's'} to come. Archiving does not take them off a "
                "team: find someone else on each session's page.",
                "info",
            )
    return redirect(url_for(".show_person", person_id=person.id))
