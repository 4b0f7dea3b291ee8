from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from trainer.auth.permissions import coordinator_required
from trainer.changes import Change, archive_or_restore
from trainer.clock import utc_now
from trainer.models import ACCESS_FEATURES, DeliveryMode, Programme, ProgrammeKind, Venue
from trainer.programmes import service
from trainer.programmes.forms import VenueForm, programme_form
from trainer.records import get_or_404
from trainer.sessions.queries import sessions_to_come

bp = Blueprint("programmes", __name__)


@bp.get("/programmes/")
@coordinator_required
def list_programmes():
    programmes = service.list_programmes(include_archived=True)
    return render_template("programmes/programmes.html", programmes=programmes)


@bp.get("/programmes/<id:programme_id>")
@coordinator_required
def show_programme(programme_id: int):
    programme = get_or_404(Programme, programme_id)
    return render_template("programmes/programme.html", programme=programme)


@bp.route("/programmes/new", methods=["GET", "POST"])
@coordinator_required
def create_programme():
    return _edit_programme(None)


@bp.route("/programmes/<id:programme_id>/edit", methods=["GET", "POST"])
@coordinator_required
def edit_programme(programme_id: int):
    return _edit_programme(get_or_404(Programme, programme_id))


def _edit_programme(programme: Programme | None):
    roles = service.list_delivery_roles()
    form = programme_form(roles, obj=programme)
    if programme is not None and not form.is_submitted():
        form.delivery_mode.data = programme.delivery_mode.value
        form.kind.data = programme.kind.value
        counts = {seat.delivery_role_id: seat.count for seat in programme.seats}
        for role_id, name in form.team_field_names:
            form[name].data = counts.get(role_id, 0)
    if form.validate_on_submit():
        values = {name: form[name].data for name in service.PROGRAMME_FIELDS}
        values["delivery_mode"] = DeliveryMode(values["delivery_mode"])
        values["kind"] = ProgrammeKind(values["kind"] or ProgrammeKind.TRAINING.value)
        values["shadow_seats"] = 1 if values["shadow_seats"] is None else values["shadow_seats"]
        values["description"] = values["description"] or ""
        values["what_to_bring"] = values["what_to_bring"] or ""
        seats = {role_id: form[name].data or 0 for role_id, name in form.team_field_names}
        with Change(form) as change:
            programme = service.save_programme(programme, values, seats, actor=current_user)
        if change.saved:
            flash(f"{programme.name} saved.", "success")
            return redirect(url_for(".show_programme", programme_id=programme.id))
    return render_template("programmes/programme_form.html", form=form, programme=programme)


@bp.post("/programmes/<id:programme_id>/archive")
@coordinator_required
def archive_programme(programme_id: int):
    return _toggle_archive(
        get_or_404(Programme, programme_id), ".show_programme", programme_id=programme_id
    )


@bp.get("/venues/")
@coordinator_required
def list_venues():
    return render_template(
        "programmes/venues.html", venues=service.list_venues(include_archived=True)
    )


@bp.get("/venues/<id:venue_id>")
@coordinator_required
def show_venue(venue_id: int):
    venue = get_or_404(Venue, venue_id)
    return render_template("programmes/venue.html", venue=venue, features=ACCESS_FEATURES)


@bp.route("/venues/new", methods=["GET", "POST"])
@coordinator_required
def create_venue():
    return _edit_venue(None)


@bp.route("/venues/<id:venue_id>/edit", methods=["GET", "POST"])
@coordinator_required
def edit_venue(venue_id: int):
    return _edit_venue(get_or_404(Venue, venue_id))


def _edit_venue(venue: Venue | None):
    form = VenueForm(obj=venue)
    if venue is not None and not form.is_submitted():
        form.is_online.data = "yes" if venue.is_online else "no"
        form.access.data = sorted(venue.access_features) if not venue.is_online else []
    if form.validate_on_submit():
        values = {
            name: form[name].data or ""
            for name in service.VENUE_FIELDS
            if name in form and name != "is_online"
        }
        values["is_online"] = form.is_online.data == "yes"
        for key in ACCESS_FEATURES:
            values[f"has_{key}"] = key in (form.access.data or [])
        with Change(form) as change:
            venue = service.save_venue(venue, values, actor=current_user)
        if change.saved:
            flash(f"{venue.name} saved.", "success")
            return redirect(url_for(".show_venue", venue_id=venue.id))
    return render_template("programmes/venue_form.html", form=form, venue=venue)


@bp.post("/venues/<id:venue_id>/archive")
@coordinator_required
def archive_venue(venue_id: int):
    return _toggle_archive(get_or_404(Venue, venue_id), ".show_venue", venue_id=venue_id)


def _toggle_archive(obj, endpoint: str, **values):
    if archive_or_restore(obj, obj.name, service.set_archived):
        venue = isinstance(obj, Venue)
        left = sessions_to_come(
            now=utc_now(),
            venue_id=obj.id if venue else None,
            programme_id=None if venue else obj.id,
        )
        if left:
            flash(
                f"{left} session{'' if left == 1 else 's'} {'at' if venue else 'of'} "
                f"{obj.name} {'is' if left == 1 else 'are'} still to come. Archiving does "
                "not change them: edit or cancel each one if it needs to.",
                "info",
            )
    return redirect(url_for(endpoint, **values))
