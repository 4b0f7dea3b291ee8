"""Accounts: find, create and authenticate users."""

from datetime import timedelta

from sqlalchemy import select

from trainer import audit
from trainer.auth import throttle
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import Role, User

FAILED = "Enter a correct email address and password."
THROTTLED = "There have been too many attempts to sign in. Wait {wait}, then try again."
DISABLED = "Your account is disabled, so you cannot sign in. To use it again, contact {contact}."


def normalise_email(email: str) -> str:
    return email.strip().lower()


def get_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(email: str, password: str | None, roles: set[Role]) -> User:
    """Add an account; email must be new and the password at least 8 characters. Without a
    password the account cannot sign in until its owner sets one (see auth/passwords.py)."""
    email = normalise_email(email)
    if get_user_by_email(email) is not None:
        raise DomainError("An account with this email address already exists.", "email")
    if password is not None and len(password) < 8:
        raise DomainError("The password must be at least 8 characters.", "password")
    user = User(email=email, roles=set(roles), password_hash="")
    if password is not None:
        user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(
    email: str, password: str, address: str, *, limits: dict, contact: str
) -> User | None:
    """The user, or None when the email and password do not match (the failed attempt is
    noted, and saved with the change, since throttling counts it). Throttled per account
    and per address: too many failures raise a DomainError saying how long to wait. The
    right password for a disabled account says so, and whom (`contact`) to ask."""
    email = normalise_email(email)
    wait = throttle.throttled_for(
        email,
        address,
        per_account=limits["per_account"],
        per_address=limits["per_address"],
        window=timedelta(minutes=limits["window_minutes"]),
    )
    if wait is not None:
        raise DomainError(THROTTLED.format(wait=throttle.in_words(wait)))
    user = get_user_by_email(email)
    ok = user is not None and user.check_password(password)
    throttle.note_attempt(email, address, succeeded=ok and user.is_enabled)
    if ok and not user.is_enabled:
        raise DomainError(DISABLED.format(contact=contact))
    if not ok:
        return None
    user.last_signed_in_at = utc_now()
    return user


def update_user(user: User, *, email: str, roles: set[Role], person=None) -> User:
    """Change an account's email, roles and linked profile."""
    email = normalise_email(email)
    other = get_user_by_email(email)
    if other is not None and other.id != user.id:
        raise DomainError("An account with this email address already exists.", "email")
    if not roles:
        raise DomainError("Choose at least one role.", "roles")
    if person is not None and person.user_id not in (None, user.id):
        raise DomainError("That profile is already linked to another account.", "person_id")
    user.email, user.roles = email, set(roles)
    if user.person is not None and user.person is not person:
        user.person.user = None
    if person is not None:
        person.user = user
    db.session.flush()
    return user


def set_enabled(user: User, enabled: bool, *, actor: User) -> None:
    """Let the account sign in again, or stop it: a disabled account is signed out of every
    browser at once. Nobody disables their own account (an admin would lock themselves out)."""
    if user.is_enabled == enabled:
        raise DomainError(f"This account is {'enabled' if enabled else 'disabled'} already.")
    if not enabled and user.id == actor.id:
        raise DomainError("You cannot disable your own account. Ask another admin.")
    if not enabled:
        user.sign_out_everywhere()
    user.is_enabled = enabled
    audit.record("account.enabled" if enabled else "account.disabled", user, actor=actor)
    db.session.flush()
