from flask import Blueprint, flash, redirect, render_template, url_for
from sqlalchemy import select

from trainer.admin.forms import AccountForm, NewAccountForm
from trainer.auth.permissions import admin_required
from trainer.auth.service import create_user, update_user
from trainer.changes import Change
from trainer.extensions import db
from trainer.models import Person, Role, User
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
            user = create_user(form.email.data, form.password.data, roles)
        update_user(
            user, email=form.email.data, roles=roles, is_enabled=form.is_enabled.data, person=person
        )
    if not change.saved:
        return render_template("admin/user_form.html", form=form, user=original)
    flash(f"Account for {user.email} saved.", "success")
    return redirect(url_for(".list_users"))
