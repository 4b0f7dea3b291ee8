"""Problems with bookings: keep the person with a reason, or take them off and offer the seat
to someone else; and the pieces other pages show (per seat, per person)."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from trainer.auth.permissions import coordinator_required
from trainer.changes import Change
from trainer.clock import utc_now
from trainer.models import Assignment, Person, TrainingSession
from trainer.problems import queries, service
from trainer.problems.forms import KeepSeatForm
from trainer.records import get_or_404

bp = Blueprint("problems", __name__)


def _team_page(assignment: Assignment, anchor: str = "team"):
    return redirect(
        url_for("sessions.show_session", session_id=assignment.session_id, _anchor=anchor)
    )


@bp.route("/seats/<id:assignment_id>/keep", methods=["GET", "POST"])
@coordinator_required
def keep_seat(assignment_id: int):
    assignment = get_or_404(Assignment, assignment_id)
    problems = queries.session_problems(assignment.session).get(assignment.id, [])
    form = KeepSeatForm()
    if form.validate_on_submit():
        with Change(form) as change:
            service.keep_seat(assignment, form.reason.data, actor=current_user)
        if change.saved:
            flash(
                f"{assignment.person.full_name} keeps the seat. Your reason is shown on the "
                "session.",
                "success",
            )
            return _team_page(assignment)
    return render_template(
        "problems/keep.html", assignment=assignment, problems=problems, form=form
    )


@bp.post("/seats/<id:assignment_id>/take-off")
@coordinator_required
def take_off(assignment_id: int):
    assignment = get_or_404(Assignment, assignment_id)
    with Change() as change:
        service.take_off(assignment, actor=current_user)
    if not change.saved:
        return _team_page(assignment)
    role = assignment.delivery_role
    flash(
        f"{assignment.person.full_name} is off the team. Choose someone else for the "
        f"{role.name.lower()} seat below.",
        "success",
    )
    return _team_page(assignment, anchor=f"candidates-{role.id}")


@bp.app_template_global()
def seat_problems(session: TrainingSession) -> dict:
    """Open problems of the session's seats, by assignment id, for the team table."""
    return queries.session_problems(session)


@bp.app_template_global()
def person_problems(person: Person) -> list:
    """Open problems of a person's seats in sessions still to come, soonest first."""
    return queries.person_problems(person.id, utc_now())
