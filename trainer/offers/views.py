"""Offers: coordinators put people in seats (or take them off), people answer their offers."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from trainer.auth.permissions import coordinator_required, is_coordinating
from trainer.changes import Change
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models import (
    Assignment,
    DeliveryRole,
    OfferStatus,
    Person,
    SessionStatus,
    TrainingSession,
)
from trainer.offers import service as offers
from trainer.offers.forms import OverrideForm
from trainer.offers.suggestions import seat_candidates, session_overrides
from trainer.records import get_or_404, record_id
from trainer.sessions.seats import team_gaps, team_seats

bp = Blueprint("offers", __name__)


def _session_page(session: TrainingSession, anchor: str = "team"):
    return redirect(url_for("sessions.show_session", session_id=session.id, _anchor=anchor))


def _seat_role(session: TrainingSession, person: Person) -> DeliveryRole | None:
    """The role asked for, or the first empty seat the person can fill, or the first empty."""
    role_id = request.values.get("role", type=record_id)
    if role_id is not None:
        return get_or_404(DeliveryRole, role_id)
    empty = [seat.role for seat in team_seats(session) if seat.is_empty]
    held = {role.id for role in person.delivery_roles}
    return next((r for r in empty if r.id in held), empty[0] if empty else None)


@bp.post("/sessions/<id:session_id>/people/<id:person_id>/offer")
@coordinator_required
def offer_seat(session_id: int, person_id: int):
    session, person = get_or_404(TrainingSession, session_id), get_or_404(Person, person_id)
    role = _seat_role(session, person)
    if role is None:
        flash("Every seat in this team is filled.", "error")
        return _session_page(session)
    with Change() as change:
        offers.offer_seat(session, role, person, actor=current_user)
    if change.saved:
        flash(
            f"{person.full_name} is offered the {role.name.lower()} seat. "
            "They will see it on their offers page.",
            "success",
        )
    return _session_page(session)


@bp.route("/sessions/<id:session_id>/people/<id:person_id>/override", methods=["GET", "POST"])
@coordinator_required
def override_seat(session_id: int, person_id: int):
    session, person = get_or_404(TrainingSession, session_id), get_or_404(Person, person_id)
    role = _seat_role(session, person)
    if role is None:
        flash("Every seat in this team is filled.", "error")
        return _session_page(session)
    form = OverrideForm()
    if form.validate_on_submit():
        with Change(form) as change:
            offers.offer_seat(
                session, role, person, actor=current_user, override_reason=form.reason.data
            )
        if change.saved:
            flash(
                f"{person.full_name} is offered the {role.name.lower()} seat. "
                "Your reason is shown on the session.",
                "success",
            )
            return _session_page(session)
    evaluation = offers.evaluate(session, role, person)
    return render_template(
        "offers/override.html",
        session=session,
        person=person,
        role=role,
        evaluation=evaluation,
        form=form,
    )


@bp.post("/sessions/<id:session_id>/people/<id:person_id>/withdraw")
@coordinator_required
def withdraw_offer(session_id: int, person_id: int):
    session, person = get_or_404(TrainingSession, session_id), get_or_404(Person, person_id)
    assignment = db.session.scalar(
        select(Assignment).where(
            Assignment.session_id == session.id, Assignment.person_id == person.id
        )
    )
    if assignment is None:
        abort(404)
    with Change() as change:
        offers.withdraw_offer(
            assignment, actor=current_user, reason=request.form.get("reason", "")[:500]
        )
    if change.saved:
        flash(f"{person.full_name} is off the team. Their seat is empty again.", "success")
    return _session_page(session)


# -- the person's own offers ------------------------------------------------------------------


@bp.route("/my-offers", methods=["GET", "POST"])
@login_required
def my_offers():
    if request.method == "POST":
        return _answer_offer()
    person = current_user.person
    rows = _own_offers(person) if person else []
    return render_template(
        "offers/my_offers.html",
        person=person,
        waiting=[a for a in rows if a.offer_status is OfferStatus.OFFERED],
        accepted=[a for a in rows if a.offer_status is OfferStatus.ACCEPTED],
    )


def _own_offers(person: Person) -> list[Assignment]:
    query = (
        select(Assignment)
        .join(Assignment.session)
        .where(
            Assignment.person_id == person.id,
            Assignment.offer_status.in_((OfferStatus.OFFERED, OfferStatus.ACCEPTED)),
            TrainingSession.status.in_((SessionStatus.DRAFT, SessionStatus.SCHEDULED)),
            TrainingSession.ends_at > utc_now(),
        )
        .order_by(TrainingSession.starts_at)
    )
    return list(db.session.scalars(query))


def _answer_offer():
    """Yes or no to one of the signed-in person's own offers (403 for anyone else's)."""
    person = current_user.person
    if person is None:
        abort(403)
    offer_id = request.form.get("offer", type=record_id)
    answer = request.form.get("answer")
    if offer_id is None or answer not in ("yes", "no"):
        abort(400)
    assignment = get_or_404(Assignment, offer_id)
    if assignment.person_id != person.id:
        abort(403)
    if answer == "no":  # "Are you sure?" first (trainer/portal/answer_views.py)
        return redirect(url_for("answers.confirm_no", assignment_id=assignment.id, back="offers"))
    with Change() as change:
        offers.respond_to_offer(assignment, accept=True, actor=current_user)
    if change.saved:
        flash("Thank you. You said yes. The session is in your sessions now.", "success")
    return redirect(url_for(".my_offers"))


@bp.route("/my-offers/<id:assignment_id>/<answer>", methods=["GET", "POST"])
@login_required
def confirm_answer(assignment_id: int, answer: str):
    """The page a message's Yes or No link opens: it asks once more, and a press answers."""
    if answer not in ("yes", "no"):
        abort(404)
    assignment, person = db.session.get(Assignment, assignment_id), current_user.person
    if assignment is None:  # unknown ids say nothing to those who answer no offers
        abort(404 if is_coordinating(current_user) or person is not None else 403)
    if person is None or assignment.person_id != person.id:
        abort(403)
    if request.method == "POST":
        with Change() as change:
            offers.respond_to_offer(assignment, accept=answer == "yes", actor=current_user)
        if change.saved:
            flash(
                "Thank you. You said yes. The session is in your sessions now."
                if answer == "yes"
                else "Thank you. You said no. We will ask someone else.",
                "success",
            )
            return redirect(url_for(".my_offers"))
    return render_template(
        "offers/confirm_answer.html",
        offer=assignment,
        answer=answer,
        open=assignment.offer_status is OfferStatus.OFFERED
        or (answer == "no" and assignment.offer_status is OfferStatus.ACCEPTED),
    )


# -- pieces for the session page --------------------------------------------------------------


@bp.app_template_global()
def team_building(session: TrainingSession) -> dict:
    """For the session page: candidates for empty seats, overrides, and what stops scheduling."""
    live = session.status in (SessionStatus.DRAFT, SessionStatus.SCHEDULED)
    now = utc_now()
    return {
        "live": live and session.ends_at > now,
        "candidates": seat_candidates(session) if live and session.ends_at > now else [],
        "overrides": session_overrides(session),
        "gaps": team_gaps(session),
        "now": now,
    }
