from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from trainer.auth import pending
from trainer.auth.forms import SignInForm
from trainer.auth.safe_next import safe_next
from trainer.auth.service import FAILED, authenticate
from trainer.auth.signed_in import load_signed_in_user
from trainer.changes import Change
from trainer.domain import DomainError
from trainer.extensions import login_manager
from trainer.models import User

bp = Blueprint("auth", __name__)

login_manager.login_view = "auth.sign_in"
login_manager.login_message = "Sign in to see this page."
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """`User.get_id()`: "<id>-<session version>"; a bare id is a session from before versions."""
    user_id, _, version = session_id.partition("-")
    if not user_id.isdigit() or not (version or "0").isdigit():
        return None
    user = load_signed_in_user(int(user_id))
    if user is None or user.session_version != int(version or 0):
        return None
    return user


def throttle_limits() -> dict:
    config = current_app.config
    return {
        "per_account": config["SIGN_IN_MAX_FAILURES_PER_ACCOUNT"],
        "per_address": config["SIGN_IN_MAX_FAILURES_PER_ADDRESS"],
        "window_minutes": config["SIGN_IN_WINDOW_MINUTES"],
    }


def who_to_contact() -> str:
    """Whom a person with a disabled account asks to enable it."""
    config = current_app.config
    return (
        f"{config['ORG_NAME']} by email at {config['ORG_EMAIL']} "
        f"or by phone on {config['ORG_PHONE']}"
    )


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("dashboards.home"))
    form = SignInForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        with Change(form) as change:  # a failed attempt is saved too: throttling counts it
            user = authenticate(
                form.email.data,
                form.password.data,
                request.remote_addr or "unknown",
                limits=throttle_limits(),
                contact=who_to_contact(),
            )
        if change.saved and user is not None and user.totp_secret:
            pending.wait_for_code(user, form.next.data)
            return redirect(url_for("account.sign_in_code"))
        if change.saved and user is not None:
            login_user(user)
            return redirect(safe_next(form.next.data) or url_for("dashboards.home"))
        if change.saved:
            form.apply_error(DomainError(FAILED))
    return render_template("auth/sign_in.html", form=form)


@bp.post("/sign-out")
@login_required
def sign_out():
    logout_user()
    return redirect(url_for("auth.sign_in"))
