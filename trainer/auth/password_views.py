"""Setting your own password: from an invitation to a new account, or a reset you asked for."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from trainer import mail
from trainer.auth import links, passwords
from trainer.auth.forms import ForgottenPasswordForm, SetPasswordForm
from trainer.changes import Change
from trainer.models import LinkPurpose, User

bp = Blueprint("passwords", __name__)


def _reset_limits() -> links.Limits:
    config = current_app.config
    return links.Limits(
        minutes=config["PASSWORD_RESET_MINUTES"],
        per_account=config["SIGN_IN_LINK_MAX_PER_ACCOUNT"],
        per_address=config["SIGN_IN_LINK_MAX_PER_ADDRESS"],
        window_minutes=config["SIGN_IN_LINK_WINDOW_MINUTES"],
    )


@bp.route("/sign-in/forgotten-password", methods=["GET", "POST"])
def forgotten_password():
    if current_user.is_authenticated:
        return redirect(url_for("dashboards.home"))
    form = ForgottenPasswordForm()
    if form.validate_on_submit():
        with Change(form) as change:
            made = links.request_link(
                form.email.data,
                request.remote_addr or "unknown",
                limits=_reset_limits(),
                purpose=LinkPurpose.PASSWORD_RESET,
            )
        if change.saved:
            if made is not None:
                email_password_link(*made, purpose=LinkPurpose.PASSWORD_RESET)
            minutes = _reset_limits().minutes
            return render_template("auth/reset_sent.html", minutes=minutes)
    return render_template("auth/forgotten_password.html", form=form)


@bp.route("/set-password/<token>", methods=["GET", "POST"])
def set_password(token: str):
    link = links.find_link(token, *passwords.PASSWORD_LINKS)
    if link is None:
        return render_template("auth/password_link_spent.html"), 410
    invited = link.purpose is LinkPurpose.INVITATION
    form = SetPasswordForm()
    if form.validate_on_submit():
        with Change(form) as change:
            user = passwords.set_password_with_link(token, form.password.data)
        if change.saved:
            flash(f"Your password is saved. Sign in with {user.email} and it.", "success")
            return redirect(url_for("auth.sign_in"))
    page = render_template("auth/set_password.html", form=form, invited=invited, user=link.user)
    return page, 200, {"Referrer-Policy": "no-referrer"}  # the token never leaves in a link


def email_password_link(user: User, token: str, *, purpose: LinkPurpose) -> bool:
    """Email an invitation or a reset link; False when it could not be sent."""
    config = current_app.config
    invited = purpose is LinkPurpose.INVITATION
    text = render_template(
        "auth/invitation_email.txt" if invited else "auth/reset_email.txt",
        url=url_for("passwords.set_password", token=token, _external=True),
        name=user.person.display_name if user.person else "",
        days=config["INVITATION_DAYS"],
        minutes=config["PASSWORD_RESET_MINUTES"],
    )
    subject = f"Your account with {config['ORG_NAME']}" if invited else "Set a new password"
    return mail.send(mail.build(to=user.email, subject=subject, text=text))
