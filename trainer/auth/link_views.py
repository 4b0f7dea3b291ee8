"""One-time sign-in links: ask for one by email, open one, or (coordinators) make one to pass on."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_user

from trainer import mail
from trainer.auth import links
from trainer.auth.forms import MakeLinkForm, RequestLinkForm, UseLinkForm
from trainer.auth.permissions import coordinator_required
from trainer.changes import Change
from trainer.models import Person, User
from trainer.records import get_or_404

bp = Blueprint("links", __name__)


def _limits() -> links.Limits:
    config = current_app.config
    return links.Limits(
        minutes=config["SIGN_IN_LINK_MINUTES"],
        per_account=config["SIGN_IN_LINK_MAX_PER_ACCOUNT"],
        per_address=config["SIGN_IN_LINK_MAX_PER_ADDRESS"],
        window_minutes=config["SIGN_IN_LINK_WINDOW_MINUTES"],
    )


@bp.route("/sign-in/link", methods=["GET", "POST"])
def request_link():
    if current_user.is_authenticated:
        return redirect(url_for("dashboards.home"))
    form = RequestLinkForm()
    if form.validate_on_submit():
        with Change(form) as change:
            made = links.request_link(
                form.email.data, request.remote_addr or "unknown", limits=_limits()
            )
        if change.saved:
            if made is not None:
                _email_link(*made)
            return render_template("auth/link_sent.html", minutes=_limits().minutes)
    return render_template("auth/request_link.html", form=form)


@bp.route("/sign-in/link/<token>", methods=["GET", "POST"])
def open_link(token: str):
    """GET only asks; POST signs in. Email scanners that open links do not spend them."""
    form = UseLinkForm()
    if links.find_link(token) is None:
        return render_template("auth/link_spent.html", minutes=_limits().minutes), 410
    if form.validate_on_submit():
        with Change(form) as change:  # the error is the page below, not a message on the form
            user = links.use_link(token)
        if not change.saved:
            return render_template("auth/link_spent.html", minutes=_limits().minutes), 410
        login_user(user)
        return redirect(url_for("dashboards.home"))
    return render_template("auth/use_link.html", form=form)


@bp.post("/people/<id:person_id>/sign-in-link")
@coordinator_required
def make_link(person_id: int):
    person = get_or_404(Person, person_id)
    form = MakeLinkForm()
    back = redirect(url_for("people.show_person", person_id=person.id, _anchor="sign-in-link"))
    if not form.validate_on_submit() or form.send.data not in ("show", "email"):
        flash("Choose to show the link or to email it.", "error")
        return back
    if person.user is None:
        flash(f"{person.full_name} has no sign-in account. An admin can make one.", "error")
        return back
    emailing = form.send.data == "email"
    if emailing and not person.user.email:
        flash(f"{person.full_name} has no email address for their account.", "error")
        return back
    with Change() as change:
        token = links.create_link(person.user, minutes=_limits().minutes, actor=current_user)
    if not change.saved:
        return back
    if emailing:
        sent = _email_link(person.user, token)
        flash(
            f"We emailed a sign-in link to {person.user.email}."
            if sent
            else "The email could not be sent. Show the link on screen instead.",
            "success" if sent else "error",
        )
        return back
    page = render_template(
        "auth/link_made.html",
        person=person,
        minutes=_limits().minutes,
        url=url_for(".open_link", token=token, _external=True),
    )
    return page, 200, {"Cache-Control": "no-store"}  # the link must not stay in any cache


def _email_link(user: User, token: str) -> bool:
    url = url_for("links.open_link", token=token, _external=True)
    name = user.person.display_name if user.person else ""
    text = render_template("auth/link_email.txt", name=name, url=url, minutes=_limits().minutes)
    return mail.send(mail.build(to=user.email, subject="Your link to sign in", text=text))


@bp.app_template_global()
def link_allowed(user: User) -> bool:
    return links.can_have_link(user)
