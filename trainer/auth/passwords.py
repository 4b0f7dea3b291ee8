"""Passwords people set for themselves, through a one-time link: the invitation a new
account gets, or a reset they asked for. Nobody else ever knows the password."""

from trainer import audit
from trainer.auth import links
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import LinkPurpose, User

PASSWORD_LINKS = (LinkPurpose.INVITATION, LinkPurpose.PASSWORD_RESET)
MIN_LENGTH = 8


def invite(user: User, *, days: int, actor: User | None) -> str:
    """A new invitation link for `user` (older ones stop working); returns its token."""
    links.spend_all(user, LinkPurpose.INVITATION)
    token = links.create_link(
        user, minutes=days * 24 * 60, actor=actor, purpose=LinkPurpose.INVITATION
    )
    audit.record("account.invited", user, actor=actor)
    return token


def check_password(password: str, user: User) -> None:
    if len(password) < MIN_LENGTH:
        raise DomainError(f"The password must be at least {MIN_LENGTH} characters.", "password")
    if password.strip().lower() == user.email:
        raise DomainError("The password must not be your email address.", "password")


def set_password_with_link(token: str, password: str) -> User:
    """Spend an invitation or reset link and set its account's password. Every browser
    signed in as the account is signed out; every other link for it stops working."""
    link = links.find_link(token, *PASSWORD_LINKS)
    if link is None:
        raise DomainError(links.SPENT)
    check_password(password, link.user)
    user = links.use_link(token, *PASSWORD_LINKS)
    user.set_password(password)
    audit.record("account.password_set", user, actor=user, reason=link.purpose.value)
    db.session.flush()
    return user
