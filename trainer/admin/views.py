"""Accounts: add one (its owner is emailed an invitation), change roles and profile, disable
and enable with a confirmation, send a new invitation, turn off two-step verification."""

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from trainer.admin.forms import AccountForm, NewAccountForm
from trainer.auth import passwords, two_step
from trainer.auth.password_views import email_password_link
from trainer.auth.permissions import admin_required
from trainer.auth.service import create_user, set_enabled, update_user
from trainer.changes import Change
from trainer.extensions import db
from trainer.forms import BaseForm
from trainer.models import LinkPurpose, Person, Role, User
from trainer.records import get_or_404

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/accounts")
@admin_required
def list_users():
    users = list(db.session.scalars(select(User).order_by(User.email)))
    return render_template("admin/users.html", users=users)


def _person_choices(form: AccountForm, user: User | None) -> None:
    people = db.session.scalars(
        select(Person).where(Person.is_active.is_(True)).order_by(Person.full_name)
    )
    form.person_id.choices = [(None, "No profile")] + [
        (p.id, p.full_name) for p in people if p.user_id in (None, user.id if user else None)
    ]


@bp.route("/accounts/new", methods=["GET", "POST"])
@admin_required
def create_account():
    form = NewAccountForm()
    _person_choices(form, None)
    if form.validate_on_submit():
        return _save(form, None)
    return render_template("admin/user_form.html", form=form, user=None)


@bp.route("/accounts/<id:user_id>", methods=["GET", "POST"])
@admin_required
def edit_account(user_id: int):
    user = get_or_404(User, user_id)
    form = AccountForm(obj=user)
    _person_choices(form, user)
    if not form.is_submitted():
        form.roles.data = sorted(r.value for r in user.roles)
        form.person_id.data = user.person.id if user.person else None
    if form.validate_on_submit():
        return _save(form, user)
    return render_template("admin/user_form.html", form=form, user=user)


def _save(form: AccountForm, original: User | None):
    user = original
    roles = {Role(value) for value in form.roles.data}
    person = db.session.get(Person, form.person_id.data) if form.person_id.data else None
    with Change(form) as change:
        if user is None:
            user = create_user(form.email.data, None, roles)
        update_user(user, email=form.email.data, roles=roles, person=person)
        token = _invite(user) if original is None else None
    if not change.saved:
        return render_template("admin/user_form.html", form=form, user=original)
    flash(f"Account for {user.email} saved.", "success")
    if token is not None:
        _email_invitation(user, token)
    return redirect(url_for(".list_users"))


def _invite(user: User) -> str:
    days = current_app.config["INVITATION_DAYS"]
    return passwords.invite(user, days=days, actor=current_user)


def _email_invitation(user: User, token: str) -> None:
    if email_password_link(user, token, purpose=LinkPurpose.INVITATION):
        flash(f"We emailed {user.email} an invitation to set their password.", "success")
    else:
        flash("The invitation could not be sent. Send it again from the account.", "error")


@bp.post("/accounts/<id:user_id>/invitation")
@admin_required
def invite_again(user_id: int):
    user = get_or_404(User, user_id)
    with Change() as change:
        token = _invite(user)
    if change.saved:
        _email_invitation(user, token)
    return redirect(url_for(".edit_account", user_id=user.id))


@bp.route("/accounts/<id:user_id>/disable", methods=["GET", "POST"])
@admin_required
def disable_account(user_id: int):
    return _access(get_or_404(User, user_id), enabled=False)


@bp.route("/accounts/<id:user_id>/enable", methods=["GET", "POST"])
@admin_required
def enable_account(user_id: int):
    return _access(get_or_404(User, user_id), enabled=True)


def _access(user: User, *, enabled: bool):
    """A page that asks to confirm; its button disables (or enables) the account."""
    back = url_for(".edit_account", user_id=user.id)
    if BaseForm().validate_on_submit():  # the button posts the CSRF token only
        done = f"{user.email} {'can sign in again' if enabled else 'cannot sign in now'}."
        with Change(success=done) as change:
            set_enabled(user, enabled, actor=current_user)
        if change.saved:
            return redirect(back)
    return render_template("admin/confirm_access.html", user=user, enabled=enabled, back=back)


@bp.post("/accounts/<id:user_id>/two-step/off")
@admin_required
def turn_off_two_step(user_id: int):
    user = get_or_404(User, user_id)
    if user.totp_secret:
        with Change(success=f"Two-step verification is off for {user.email}."):
            two_step.turn_off(user, actor=current_user)
    return redirect(url_for(".edit_account", user_id=user.id))
