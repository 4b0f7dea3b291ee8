"""Room to grow for each person, in the format they chose (Easy Read first): shadow a session,
check in after one and read my own check-ins; and "You said, we did" for everyone."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from trainer.auth.permissions import is_coordinating
from trainer.changes import Change
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.growth import checkins, progression, reviews, shadows
from trainer.growth.forms import CheckInForm, ShadowForm
from trainer.models import Assignment, Feeling, Person, TrainingSession

bp = Blueprint("grow", __name__)


def _me() -> Person:
    if current_user.person is None:
        abort(403)
    return current_user.person


def _style(person: Person | None) -> str:
    return person.preferred_format.value if person else "easy_read"


@bp.get("/my/shadow")
@login_required
def shadow_sessions():
    person = _me()
    return render_template(
        "growth/my_shadow.html",
        person=person,
        style=_style(person),
        sessions=shadows.sessions_to_shadow(person, utc_now()),
        role=shadows.shadow_role(),
        trained=progression.progress_of(person).stage is not None,
    )


@bp.route("/my/shadow/<id:session_id>", methods=["GET", "POST"])
@login_required
def shadow_session(session_id: int):
    session = db.session.get(TrainingSession, session_id)
    if session is None:
        abort(404 if is_coordinating(current_user) or current_user.person else 403)
    person = _me()
    form = ShadowForm()
    if form.validate_on_submit():
        with Change(form) as change:
            shadows.ask_to_shadow(session, person, actor=current_user)
        if change.saved:
            flash("Thank you. You are shadowing this session. It is in your sessions.", "success")
            return redirect(url_for(".shadow_sessions"))
    return render_template(
        "growth/my_shadow_confirm.html",
        person=person,
        style=_style(person),
        session=session,
        form=form,
        role=shadows.shadow_role(),
    )


@bp.get("/my/check-ins")
@login_required
def my_check_ins():
    person = _me()
    return render_template(
        "growth/my_check_ins.html",
        person=person,
        style=_style(person),
        to_do=checkins.sessions_to_check_in(person),
        log=checkins.log_of(person),
    )


@bp.route("/my/check-ins/<id:assignment_id>/new", methods=["GET", "POST"])
@login_required
def new_check_in(assignment_id: int):
    assignment = _own(assignment_id)
    form = CheckInForm()
    if form.validate_on_submit():
        answers = checkins.Answers(
            feeling=Feeling(form.feeling.data),
            went_well=form.went_well.data or "",
            was_hard=form.was_hard.data or "",
            would_help=form.would_help.data or "",
            wants_support=form.wants_support.data == "yes",
        )
        with Change(form) as change:
            checkins.save_check_in(assignment, answers, actor=current_user)
        if change.saved:
            flash(
                "Thank you. We have kept your check-in. "
                + (
                    "Your lead will contact you soon."
                    if answers.wants_support
                    else "You can read it here at any time."
                ),
                "success",
            )
            return redirect(url_for(".my_check_ins"))
    return render_template(
        "growth/my_check_in_form.html",
        person=assignment.person,
        style=_style(assignment.person),
        assignment=assignment,
        form=form,
        feelings=list(Feeling),
    )


def _own(assignment_id: int) -> Assignment:
    """Only the person's own sessions; other ids say nothing to them."""
    assignment = db.session.get(Assignment, assignment_id)
    person = current_user.person
    if assignment is None:
        abort(404 if is_coordinating(current_user) or person is not None else 403)
    if person is None or assignment.person_id != person.id:
        abort(403)
    if not checkins.can_check_in(assignment):
        abort(404)
    return assignment


@bp.get("/you-said-we-did")
@login_required
def you_said_we_did():
    """Every review meeting's outcomes, in Easy Read, for everyone signed in."""
    person = current_user.person
    return render_template(
        "growth/you_said_we_did.html",
        style=_style(person),
        outcomes=reviews.all_outcomes(),
    )
