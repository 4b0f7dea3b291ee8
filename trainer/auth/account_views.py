"""Your own account: a new password by email, and two-step verification (admin and finance)
with recovery codes; and the code asked for at sign-in when two-step verification is on."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user

from trainer.auth import links, pending, two_step
from trainer.auth.forms import PasswordCheckForm, TwoStepCodeForm
from trainer.auth.password_views import email_password_link
from trainer.auth.views import throttle_limits
from trainer.changes import Change
from trainer.domain import DomainError
from trainer.forms import BaseForm
from trainer.models import LinkPurpose, User

bp = Blueprint("account", __name__)

SETUP = "two_step_setup"


@bp.route("/sign-in/code", methods=["GET", "POST"])
def sign_in_code():
    user = pending.pending_user()
    if user is None:
        pending.forget()
        flash("Sign in again: the time to enter your code ran out.", "info")
        return redirect(url_for("auth.sign_in"))
    form = TwoStepCodeForm()
    if form.validate_on_submit():
        with Change(form) as change:
            how = two_step.second_step(
                user, form.code.data, request.remote_addr or "unknown", limits=throttle_limits()
            )
        if change.saved and how is None:
            form.apply_error(DomainError(two_step.WRONG_CODE + " Or use a recovery code.", "code"))
        elif change.saved:
            return _signed_in(user, how)
    return render_template("auth/sign_in_code.html", form=form)


def _signed_in(user: User, how: str):
    next_page = pending.forget()
    login_user(user)
    if how == "recovery code":
        left = two_step.recovery_codes_left(user)
        flash(
            f"You used a recovery code. You have {left} left: make new ones on your account "
            "page if you are running out.",
            "info",
        )
    return redirect(next_page or url_for("dashboards.home"))


@bp.get("/account")
@login_required
def my_account():
    return render_template(
        "auth/account.html",
        offered=two_step.offered(current_user),
        codes_left=two_step.recovery_codes_left(current_user),
        form=PasswordCheckForm(formdata=None),
    )


@bp.post("/account/password-link")
@login_required
def email_me_a_password_link():
    minutes = current_app.config["PASSWORD_RESET_MINUTES"]
    with Change() as change:
        token = links.create_link(current_user, minutes=minutes, purpose=LinkPurpose.PASSWORD_RESET)
    if change.saved and email_password_link(
        current_user, token, purpose=LinkPurpose.PASSWORD_RESET
    ):
        flash(f"We emailed {current_user.email} a link to set a new password.", "success")
    elif change.saved:
        flash("The email could not be sent. Try again later.", "error")
    return redirect(url_for(".my_account"))


def _offered_only() -> None:
    if not two_step.offered(current_user):
        abort(403)


@bp.route("/account/two-step", methods=["GET", "POST"])
@login_required
def set_up_two_step():
    _offered_only()
    if current_user.totp_secret:
        return redirect(url_for(".my_account"))
    secret = session.setdefault(SETUP, two_step.new_secret())
    form = TwoStepCodeForm()
    if form.validate_on_submit():
        with Change(form) as change:
            codes = two_step.turn_on(current_user, secret, form.code.data)
        if change.saved:
            session.pop(SETUP, None)
            return render_template("auth/recovery_codes.html", codes=codes, new=True)
    issuer = current_app.config["ORG_NAME"]
    uri = two_step.setup_uri(secret, email=current_user.email, issuer=issuer)
    return render_template("auth/two_step_setup.html", form=form, secret=secret, uri=uri)


@bp.post("/account/two-step/off")
@login_required
def turn_off_two_step():
    form = PasswordCheckForm()
    if not current_user.totp_secret:
        return redirect(url_for(".my_account"))
    if form.validate_on_submit() and not current_user.check_password(form.password.data):
        form.apply_error(DomainError("Enter your password correctly.", "password"))
    elif form.validate_on_submit():
        with Change(success="Two-step verification is off.") as change:
            two_step.turn_off(current_user, actor=current_user)
        if change.saved:
            return redirect(url_for(".my_account"))
    return render_template(
        "auth/account.html",
        offered=two_step.offered(current_user),
        codes_left=two_step.recovery_codes_left(current_user),
        form=form,
    )


@bp.post("/account/recovery-codes")
@login_required
def new_recovery_codes():
    if not current_user.totp_secret or not BaseForm().validate_on_submit():
        return redirect(url_for(".my_account"))
    with Change() as change:
        codes = two_step.new_recovery_codes(current_user)
    if not change.saved:
        return redirect(url_for(".my_account"))
    return render_template("auth/recovery_codes.html", codes=codes, new=False)
