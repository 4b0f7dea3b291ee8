""" "I need help" on every co-trainer page, and the coordinators' list of calls to answer."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from trainer import mail
from trainer.auth.permissions import coordinator_required
from trainer.changes import Change
from trainer.easy_read import say
from trainer.help import service
from trainer.help.forms import AnswerForm, HelpForm
from trainer.models import HelpRequest, Person
from trainer.records import get_or_404

bp = Blueprint("help", __name__)


def _own_person() -> Person:
    if current_user.person is None:
        abort(403)
    return current_user.person


@bp.route("/help", methods=["GET", "POST"])
@login_required
def ask():
    person = _own_person()
    if request.method == "POST":
        return _send(person)
    form = HelpForm(formdata=None, page=service.safe_page(request.args.get("page")))
    return _ask_page(person, form)


def _ask_page(person: Person, form: HelpForm):
    return render_template(
        "help/ask.html",
        person=person,
        form=form,
        asked=service.person_requests(person),
        style=person.preferred_format.value,
    )


def _send(person: Person):
    form = HelpForm()
    if not form.validate_on_submit():
        return _ask_page(person, form)
    with Change(form) as change:
        asked = service.ask_for_help(
            person, page=form.page.data, message=form.message.data, actor=current_user
        )
    if not change.saved:
        return _ask_page(person, form)
    _tell_coordinators(asked)
    flash(say("help.sent"), "success")
    return redirect(asked.page or url_for("portal.home"))


def _tell_coordinators(asked: HelpRequest) -> None:
    config = current_app.config
    text = render_template(
        "help/asked_email.txt",
        asked=asked,
        url=url_for("help.answer", request_id=asked.id, _external=True),
    )
    subject = f"Help needed: {asked.person.full_name}"
    mail.send(mail.build(to=config["ORG_EMAIL"], subject=subject, text=text))


@bp.get("/help-requests")
@coordinator_required
def list_requests():
    return render_template(
        "help/list.html", open=service.list_open(), answered=service.list_answered()
    )


@bp.route("/help-requests/<id:request_id>", methods=["GET", "POST"])
@coordinator_required
def answer(request_id: int):
    asked = get_or_404(HelpRequest, request_id)
    form = AnswerForm()
    if form.validate_on_submit():
        with Change(form) as change:
            service.answer_help(asked, answer=form.answer.data, actor=current_user)
        if change.saved:
            flash(f"{asked.person.full_name}'s call for help is answered.", "success")
            return redirect(url_for(".list_requests"))
    return render_template("help/answer.html", asked=asked, form=form)
