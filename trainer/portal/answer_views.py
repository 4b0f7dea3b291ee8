"""Answers a co-trainer can take back: "No" and "I can't do it any more" ask "Are you sure?"
first, and the answer can be undone for ten minutes."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from trainer.auth.permissions import is_coordinating
from trainer.changes import Change
from trainer.easy_read import say
from trainer.easy_read.jinja import day_in_words, time_in_words
from trainer.extensions import db
from trainer.models import Assignment, OfferStatus
from trainer.offers import answers
from trainer.offers import service as offers

bp = Blueprint("answers", __name__)

#: where "No, go back" and the answer return to
BACK = {"home": "portal.home", "offers": "offers.my_offers", "sessions": "dashboards.my_sessions"}


def own_assignment(assignment_id: int) -> Assignment:
    """Only the person's own seats; others' ids (known or not) say nothing to them."""
    assignment = db.session.get(Assignment, assignment_id)
    person = current_user.person
    if assignment is None:
        abort(404 if is_coordinating(current_user) or person is not None else 403)
    if person is None or assignment.person_id != person.id:
        abort(403)
    return assignment


def _back() -> str:
    return BACK.get(request.values.get("back", ""), "portal.home")


@bp.get("/home/offers/<id:assignment_id>/no")
@login_required
def confirm_no(assignment_id: int):
    assignment = own_assignment(assignment_id)
    if not assignment.offer_status.holds_seat:
        flash(say("answer.said_no", day=day_in_words(assignment.session.starts_at)), "success")
        return redirect(url_for(_back()))
    return render_template(
        "portal/confirm_no.html",
        assignment=assignment,
        session=assignment.session,
        was_yes=assignment.offer_status is OfferStatus.ACCEPTED,
        back=request.args.get("back", "home"),
        back_url=url_for(_back()),
        style=assignment.person.preferred_format.value,
    )


@bp.post("/home/offers/<id:assignment_id>/no/sure")
@login_required
def say_no(assignment_id: int):
    assignment = own_assignment(assignment_id)
    was_yes = assignment.offer_status is OfferStatus.ACCEPTED
    day = day_in_words(assignment.session.starts_at)
    with Change() as change:
        offers.respond_to_offer(assignment, accept=False, actor=current_user)
    if change.saved:
        words = say("answer.withdrew", day=day) if was_yes else say("answer.said_no", day=day)
        if was_yes:
            words += " " + say("answer.coordinator_told")
        flash(words, "success")
    return redirect(url_for(_back(), _anchor="undo" if change.saved else None))


@bp.post("/home/offers/<id:assignment_id>/undo")
@login_required
def undo(assignment_id: int):
    assignment = own_assignment(assignment_id)
    with Change() as change:
        answers.undo_answer(assignment, actor=current_user)
    if change.saved:
        flash(say("answer.undone"), "success")
    return redirect(url_for(_back()))


@bp.app_template_global()
def undo_panel(person) -> list[dict]:
    """For the pages a co-trainer answers on: each answer they can still take back."""
    if person is None:
        return []
    return [
        {
            "assignment": a,
            "day": day_in_words(a.session.starts_at),
            "until": time_in_words(answers.undo_until(a)),
        }
        for a in answers.undoable(person.id)
    ]
