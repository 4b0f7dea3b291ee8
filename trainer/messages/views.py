"""Each person's message choices (theirs in the portal, or a coordinator's on their page),
and the message log: what was sent, when, by which channel, and whether it arrived."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from trainer.auth.permissions import coordinator_required
from trainer.changes import Change
from trainer.extensions import db
from trainer.messages import choices as choosing
from trainer.messages import log as message_log_service
from trainer.messages.forms import MessageChoiceForm
from trainer.models import InformationFormat, Message, MessageStatus, Person
from trainer.records import get_or_404

bp = Blueprint("messages", __name__)

#: how many messages a person's page lists (newest first)
LOG_SHOWN = 20


@bp.app_template_global()
def message_log(person: Person, limit: int = LOG_SHOWN) -> dict:
    """For the person's page: their newest messages, and how many there are in all."""
    query = select(Message).where(Message.person_id == person.id)
    rows = db.session.scalars(query.order_by(Message.id.desc()).limit(limit)).all()
    total = db.session.scalar(
        select(func.count()).select_from(Message).where(Message.person_id == person.id)
    )
    return {"rows": rows, "total": total or 0}


@bp.route("/my-messages", methods=["GET", "POST"])
@login_required
def my_choices():
    person = current_user.person
    if person is None:
        return render_template("messages/no_profile.html")
    return _choices(person, own=True)


@bp.route("/people/<id:person_id>/messages", methods=["GET", "POST"])
@coordinator_required
def person_choices(person_id: int):
    return _choices(get_or_404(Person, person_id), own=False)


@bp.post("/messages/<id:message_id>/send-again")
@coordinator_required
def send_again(message_id: int):
    message = get_or_404(Message, message_id)
    if message.person_id is None:
        abort(404)
    if message.status is not MessageStatus.FAILED:
        flash("This message has not failed, so there is nothing to send again.", "success")
    else:
        with Change() as change:
            message_log_service.send_again(message)
        if change.saved:
            flash("The message will be sent again in a moment.", "success")
    return redirect(url_for(".person_choices", person_id=message.person_id, _anchor="log"))


def _choices(person: Person, *, own: bool):
    chosen = choosing.choices_for(person)
    form = MessageChoiceForm()
    if not form.is_submitted():
        on = {"email": chosen.by_email, "text": chosen.by_text}
        form.channels.data = [channel for channel, chosen_it in on.items() if chosen_it]
        form.style.data = person.preferred_format.value
        form.supporter_copies.data = person.supporter_gets_copies
        form.quiet_from.data, form.quiet_until.data = chosen.quiet_from, chosen.quiet_until
        form.reminders.data = choosing.chosen_reminders(chosen)
    elif form.validate():
        with Change(form) as change:
            choosing.save_choices(
                person,
                actor=current_user,
                by_email="email" in form.channels.data,
                by_text="text" in form.channels.data,
                style=InformationFormat(form.style.data),
                supporter_copies=form.supporter_copies.data,
                quiet_from=form.quiet_from.data,
                quiet_until=form.quiet_until.data,
                reminders=form.reminders.data,
            )
        if change.saved:
            flash("Your choices are saved." if own else "Their choices are saved.", "success")
            own_page = url_for(".my_choices")
            return redirect(own_page if own else url_for(".person_choices", person_id=person.id))
    return render_template(
        "messages/choices.html",
        person=person,
        form=form,
        own=own,
        log=message_log(person, limit=100 if not own else LOG_SHOWN),
    )
