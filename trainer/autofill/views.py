"""Auto-fill: propose teams for a date range, then send the offers the coordinator confirms."""

import re

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from trainer.auth.permissions import coordinator_required
from trainer.autofill import service as autofill
from trainer.autofill.forms import ApplyAutoFillForm, AutoFillForm
from trainer.changes import Change
from trainer.clock import local_today, utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import Person
from trainer.sessions import queries
from trainer.sessions.seats import shadows, team_seats
from trainer.teams.facts import Placement
from trainer.timezones import local_zone

bp = Blueprint("autofill", __name__)

PLACEMENT = re.compile(r"(\d{1,9})-(\d{1,9})-(\d{1,9})")


def _choices(form) -> None:
    form.programme.choices = [(None, "Any programme")] + [
        (p.id, p.name) for p in queries.programme_options()
    ]


@bp.route("/sessions/auto-fill", methods=["GET", "POST"])
@coordinator_required
def auto_fill():
    """GET: propose teams for the range chosen. POST: send the offers confirmed."""
    if request.method == "POST":
        return _apply()
    form = AutoFillForm(request.args)
    _choices(form)
    result = None
    if not request.args:
        form.date_from.data, form.date_to.data = autofill.default_range(local_today(local_zone()))
    elif form.validate():
        try:
            result = autofill.propose(
                form.date_from.data,
                form.date_to.data,
                now=utc_now(),
                programme_id=form.programme.data,
            )
        except DomainError as error:
            form.apply_error(error)
    return _page(form, result)


def _page(form, result):
    rows = (
        []
        if result is None
        else [(session, _seats(session, result)) for session in result.sessions]
    )
    open_rows = [
        (s, seats)
        for s, seats in rows
        if any(kind not in ("held", "shadow_held") for _, kind, _ in seats)
    ]
    return render_template(
        "autofill/autofill.html",
        form=form,
        result=result,
        rows=open_rows,
        full=len(rows) - len(open_rows),
        long_date=_long_date,
    )


def _long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def _seats(session, result: autofill.Preview) -> list[tuple[str, str, str]]:
    """(role, "held" | "proposed" | "empty", who or why) for each seat of one session."""
    names = {p.id: p.name for p in result.facts.people}
    proposed: dict[int, list[int]] = {}
    for placement in result.proposed().get(session.id, []):
        proposed.setdefault(placement.role_id, []).append(placement.person_id)
    why = {seat.role_id: seat.explanation for seat in result.empty().get(session.id, [])}
    seats = []
    for seat in team_seats(session):
        if not seat.is_empty:
            seats.append(
                (
                    seat.role.name,
                    "held",
                    f"{seat.assignment.person.full_name} "
                    f"({seat.assignment.offer_status.label.lower()})",
                )
            )
        elif proposed.get(seat.role.id):
            seats.append((seat.role.name, "proposed", names[proposed[seat.role.id].pop(0)]))
        else:
            seats.append((seat.role.name, "empty", why.get(seat.role.id, "")))
    return seats + _shadow_seats(session, result, names)


def _shadow_seats(session, result: autofill.Preview, names) -> list[tuple[str, str, str]]:
    """Observers: those already watching, and the one proposed (never part of the team)."""
    seats = [
        (f"{a.delivery_role.name} (not in the team)", "shadow_held", a.person.full_name)
        for a in shadows(session)
    ]
    for placement in result.shadows_by_session().get(session.id, []):
        role = result.facts.context.role_name(placement.role_id).capitalize()
        seats.append((f"{role} (not in the team)", "proposed", names[placement.person_id]))
    return seats


def _apply():
    form = ApplyAutoFillForm()
    _choices(form)
    if not form.validate_on_submit():
        return _page(form, None)
    placements = _placements(request.form.getlist("placement"))
    if not placements:
        flash("There were no proposed offers to send.", "error")
        return redirect(url_for(".auto_fill", **_args(form)))
    with Change(form) as change:
        applied = autofill.apply_plan(
            placements,
            form.date_from.data,
            form.date_to.data,
            now=utc_now(),
            actor=current_user,
            programme_id=form.programme.data,
        )
    if not change.saved:
        return _page(form, None)
    flash(_summary(applied), "success" if not applied.skipped else "error")
    return redirect(
        url_for(
            "sessions.list_sessions",
            date_from=form.date_from.data.isoformat(),
            date_to=form.date_to.data.isoformat(),
        )
    )


def _args(form) -> dict:
    args = {"date_from": form.date_from.data.isoformat(), "date_to": form.date_to.data.isoformat()}
    if form.programme.data:
        args["programme"] = form.programme.data
    return args


def _placements(values: list[str]) -> list[Placement]:
    placements = []
    for value in values:
        match = PLACEMENT.fullmatch(value)
        if not match:
            abort(400)
        placements.append(Placement(*(int(part) for part in match.groups())))
    return placements


def _summary(applied: autofill.Applied) -> str:
    sent = len(applied.offered)
    words = f"{sent} offer{'s' if sent != 1 else ''} sent. People see them on their offers page."
    if not applied.skipped:
        return words
    ids = {placement.person_id for placement, _ in applied.skipped}
    names = dict(
        db.session.execute(select(Person.id, Person.full_name).where(Person.id.in_(ids))).all()
    )
    details = "; ".join(
        f"{names.get(p.person_id, 'Someone')}: {why}" for p, why in applied.skipped[:5]
    )
    more = f" and {len(applied.skipped) - 5} more" if len(applied.skipped) > 5 else ""
    return (
        f"{words} {len(applied.skipped)} proposed offer"
        f"{'s were' if len(applied.skipped) != 1 else ' was'} not sent because things "
        f"changed since the preview ({details}{more}). Run auto-fill again for those seats."
    )
