"""The co-trainer's home: Easy Read first, in the format each person chose."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from trainer import mail
from trainer.changes import Change
from trainer.clock import utc_now
from trainer.easy_read import say
from trainer.easy_read.jinja import day_in_words
from trainer.models import ACCESS_FEATURES, Assignment, Person
from trainer.offers import service as offers
from trainer.portal import limits, money, queries, service
from trainer.portal.answer_views import own_assignment
from trainer.portal.forms import SupportChangeForm

bp = Blueprint("portal", __name__)


@bp.app_template_global()
def my_money_words(person: Person) -> dict:
    """For "My money" in Easy Read: this week against the limit, money owed, paid, letters."""
    return {
        "limits": limits.limits_for(person),
        "money": money.money_for(person),
        "letters": money.letters_for(person),
    }


@bp.app_template_global()
def seat_cards_for(person: Person, seats: list[Assignment]) -> list:
    """Each seat told in full (offers on "My offers"), for the shared session card."""
    return queries.seat_cards(person, seats)


@bp.get("/home")
@login_required
def home():
    if current_user.person is None:
        return render_template("portal/no_profile.html")
    return _page(SupportChangeForm(formdata=None))


def _page(form: SupportChangeForm):
    person = current_user.person
    home = queries.home_for(person, utc_now())
    return render_template(
        "portal/home.html",
        person=person,
        home=home,
        offer_cards=queries.seat_cards(person, home.offers),
        form=form,
        money=money.money_for(person),
        letters=money.letters_for(person),
        style=person.preferred_format.value,
        access_labels=ACCESS_FEATURES,
    )


@bp.post("/home/offers/<id:assignment_id>")
@login_required
def answer_offer(assignment_id: int):
    assignment = own_assignment(assignment_id)
    answer = request.form.get("answer")
    if answer not in ("yes", "no"):
        flash("Press Yes or No to answer the offer.", "error")
        return redirect(url_for(".home", _anchor="offers"))
    if answer == "no":  # "Are you sure?" first; nothing changes until they are
        return redirect(url_for("answers.confirm_no", assignment_id=assignment.id, back="home"))
    day = day_in_words(assignment.session.starts_at)
    with Change() as change:
        offers.respond_to_offer(assignment, accept=True, actor=current_user)
    if not change.saved:
        return redirect(url_for(".home", _anchor="offers"))
    flash(say("answer.said_yes", day=day), "success")
    return redirect(url_for(".home"))


@bp.post("/home/support")
@login_required
def ask_support_change():
    person = _own_person()
    form = SupportChangeForm()
    if not form.validate_on_submit():
        return _page(form)
    with Change(form) as change:
        service.request_support_change(person, form.change.data, actor=current_user)
    if not change.saved:
        return _page(form)
    _tell_coordinators(person, form.change.data)
    flash(
        "Thank you. We have sent your message to the coordinator. They will contact you.", "success"
    )
    return redirect(url_for(".home"))


def _own_person() -> Person:
    if current_user.person is None:
        abort(403)
    return current_user.person


def _tell_coordinators(person: Person, change: str) -> None:
    config = current_app.config
    text = render_template(
        "portal/support_change_email.txt",
        person=person,
        change=change,
        url=url_for("people.show_person", person_id=person.id, _external=True),
    )
    mail.send(
        mail.build(to=config["ORG_EMAIL"], subject=f"Support change: {person.full_name}", text=text)
    )
