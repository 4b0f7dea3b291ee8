"""Evaluation: learners answer through the session's link (or its QR code) or their own
emailed link; coordinators and the session's team see the results (co-trainers in Easy Read);
coordinators set the questions."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from trainer.auth.permissions import (
    coordinator_required,
    is_coordinating,
    staff_or_person_required,
)
from trainer.changes import Change
from trainer.evaluation import service
from trainer.evaluation.forms import QuestionForm, answers, evaluation_form
from trainer.extensions import db
from trainer.learners import tokens
from trainer.learners.access import can_see_learners
from trainer.models import (
    Booking,
    EvaluationQuestion,
    QuestionKind,
    SessionStatus,
    TrainingSession,
)
from trainer.records import get_or_404
from trainer.templating import qr_code

bp = Blueprint("evaluation", __name__)


def session_link(session: TrainingSession) -> str:
    token = tokens.make("session-evaluation", session.id)
    return url_for("evaluation.answer_session", token=token, _external=True)


def _from_token(purpose: str, token: str, model):
    found = tokens.read(purpose, token)
    record = db.session.get(model, found[0]) if found else None
    if record is None:
        abort(404)
    return record


@bp.route("/evaluate/<token>", methods=["GET", "POST"])
def answer_session(token: str):
    session = _from_token("session-evaluation", token, TrainingSession)
    return _answer(session, booking=None)


@bp.route("/evaluate/me/<token>", methods=["GET", "POST"])
def answer_personal(token: str):
    booking = _from_token("evaluate", token, Booking)
    if booking.has_evaluated:
        return render_template("evaluation/thanks.html", session=booking.session, again=True)
    return _answer(booking.session, booking=booking)


def _answer(session: TrainingSession, *, booking: Booking | None):
    if not service.is_open(session):
        return render_template("evaluation/closed.html", session=session), 410
    questions = service.active_questions()
    form = evaluation_form(questions, personal=booking is not None)()
    if form.validate_on_submit():
        if booking is not None:
            name = booking.learner.full_name if form.named.data else ""
        else:
            name = form.name.data or ""
        with Change(form) as change:
            service.submit(
                session,
                answers(form, questions),
                address=request.remote_addr or "unknown",
                booking=booking,
                name=name,
            )
        if change.saved:
            return render_template("evaluation/thanks.html", session=session, again=False)
    page = render_template(
        "evaluation/answer.html",
        form=form,
        session=session,
        questions=questions,
        kinds=QuestionKind,
    )
    return page, 200, {"Cache-Control": "no-store"}


@bp.get("/sessions/<id:session_id>/evaluation")
@staff_or_person_required
def results(session_id: int):
    session = get_or_404(TrainingSession, session_id)
    if not can_see_learners(current_user, session):
        abort(403)
    person = current_user.person
    easy = not is_coordinating(current_user) and person is not None and person.is_co_trainer
    link = session_link(session)
    return render_template(
        "evaluation/results.html",
        session=session,
        summary=service.results(session),
        easy=easy,
        link=link,
        qr=qr_code(link, "QR code for the questions about this session"),
        named=service.named_responses(session),
    )


@bp.get("/evaluation/questions")
@coordinator_required
def list_questions():
    return render_template("evaluation/questions.html", questions=service.all_questions())


@bp.route("/evaluation/questions/new", methods=["GET", "POST"])
@coordinator_required
def add_question():
    return _edit(None)


@bp.route("/evaluation/questions/<id:question_id>/edit", methods=["GET", "POST"])
@coordinator_required
def edit_question(question_id: int):
    return _edit(get_or_404(EvaluationQuestion, question_id))


def _edit(question: EvaluationQuestion | None):
    form = QuestionForm(obj=question)
    if question is not None and not form.is_submitted():
        form.kind.data = question.kind.value
    if form.validate_on_submit():
        with Change(form, success="Question saved.") as change:
            service.save_question(
                question,
                kind=QuestionKind(form.kind.data),
                wording=form.wording.data,
                is_recommend=form.is_recommend.data,
                actor=current_user,
            )
        if change.saved:
            return redirect(url_for(".list_questions"))
    return render_template("evaluation/question_form.html", form=form, question=question)


@bp.post("/evaluation/questions/<id:question_id>/archive")
@coordinator_required
def archive_question(question_id: int):
    question = get_or_404(EvaluationQuestion, question_id)
    archive = request.form.get("archive") != "no"
    if archive == (not question.is_active):
        flash("Nothing changed: it was like that already.", "info")
        return redirect(url_for(".list_questions"))
    done = "archived" if archive else "back in use"
    with Change(success=f"The question is {done}."):
        service.set_question_active(question, not archive, actor=current_user)
    return redirect(url_for(".list_questions"))


@bp.post("/evaluation/questions/<id:question_id>/move")
@coordinator_required
def move_question(question_id: int):
    question = get_or_404(EvaluationQuestion, question_id)
    step = -1 if request.form.get("direction") == "up" else 1
    with Change():
        service.move_question(question, step, actor=current_user)
    return redirect(url_for(".list_questions"))


@bp.app_template_global()
def evaluation_summary(session: TrainingSession):
    """A session's evaluation at a glance (the session page and a co-trainer's page)."""
    return service.results(session)


@bp.app_template_global()
def recent_evaluations(person, days: int = 60):
    """The sessions a person gave in the last `days`, with what learners said about them."""
    return [(session, service.results(session)) for session in service.given_lately(person, days)]


@bp.app_template_global()
def evaluation_has_opened(session: TrainingSession) -> bool:
    """True once learners can answer about the session (on the day), and ever after."""
    return service.is_open(session) or session.status is SessionStatus.DELIVERED
