"""One-time links: 256 random bits, kept only as a SHA-256 hash, used once, short-lived.

Sign-in links are for accounts whose only role is trainer, or only employer's booking contact:
a link skips the password, so it must never open a coordinator's, finance or admin account.
Password links (an invitation to a new account, a reset) set a password for any enabled
account, and sign nobody in.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select, update

from trainer.auth import throttle
from trainer.auth.service import get_user_by_email, normalise_email
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import LinkPurpose, Role, SignInLink, SignInLinkRequest, User

SPENT = "This sign-in link does not work any more."
THROTTLED = "You have asked for a lot of links. Wait {wait}, then ask again."
NOT_FOR_THIS_ACCOUNT = "Sign-in links are only for trainers and for employer booking contacts."
#: the only sets of roles an account may have to sign in by link
LINK_ROLES = ({Role.TRAINER}, {Role.EMPLOYER})
#: expired links are kept this long (who made which link, when) and then deleted
KEEP_LINKS = timedelta(days=30)


@dataclass(frozen=True)
class Limits:
    minutes: int
    per_account: int
    per_address: int
    window_minutes: int


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def can_have_link(user: User | None) -> bool:
    return user is not None and user.is_enabled and user.roles in LINK_ROLES


def may_open(user: User | None, purpose: LinkPurpose) -> bool:
    """Sign-in links open trainers' accounts only; a password link opens any enabled one."""
    if purpose is LinkPurpose.SIGN_IN:
        return can_have_link(user)
    return user is not None and user.is_enabled


def create_link(
    user: User,
    *,
    minutes: int,
    actor: User | None = None,
    purpose: LinkPurpose = LinkPurpose.SIGN_IN,
) -> str:
    """Make a link for `user` (flushes) and return its token: the only time anyone sees it."""
    if not may_open(user, purpose):
        raise DomainError(NOT_FOR_THIS_ACCOUNT)
    token = secrets.token_urlsafe(32)
    db.session.add(
        SignInLink(
            user_id=user.id,
            token_hash=hash_token(token),
            purpose=purpose,
            expires_at=utc_now() + timedelta(minutes=minutes),
            created_by_id=actor.id if actor is not None else None,
        )
    )
    db.session.flush()
    return token


def _usable(token_hash: str, purposes):
    return (
        SignInLink.token_hash == token_hash,
        SignInLink.purpose.in_(purposes),
        SignInLink.used_at.is_(None),
        SignInLink.expires_at > utc_now(),
    )


def find_link(token: str, *purposes: LinkPurpose) -> SignInLink | None:
    """The link for `token` if it can still be used for one of `purposes` (default: signing
    in); nothing is changed."""
    purposes = purposes or (LinkPurpose.SIGN_IN,)
    if not token or len(token) > 100:
        return None
    link = db.session.scalar(select(SignInLink).where(*_usable(hash_token(token), purposes)))
    return link if link is not None and may_open(link.user, link.purpose) else None


def use_link(token: str, *purposes: LinkPurpose) -> User:
    """Spend the link and return its account; a second use, even at the same moment, fails.
    Every other link for the account stops working too."""
    purposes = purposes or (LinkPurpose.SIGN_IN,)
    link = find_link(token, *purposes)
    if link is None:
        raise DomainError(SPENT)
    now = utc_now()
    spent = db.session.execute(
        update(SignInLink)
        .where(*_usable(link.token_hash, purposes))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:
        raise DomainError(SPENT)
    db.session.execute(  # any other link for the account stops working too
        update(SignInLink)
        .where(SignInLink.user_id == link.user_id, SignInLink.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if link.purpose is LinkPurpose.SIGN_IN:
        link.user.last_signed_in_at = now
    db.session.flush()
    return link.user


def spend_all(user: User, purpose: LinkPurpose) -> None:
    """Stop every unused link of this kind for `user` working (a new one replaces them)."""
    db.session.execute(
        update(SignInLink)
        .where(
            SignInLink.user_id == user.id,
            SignInLink.purpose == purpose,
            SignInLink.used_at.is_(None),
        )
        .values(used_at=utc_now())
        .execution_options(synchronize_session=False)
    )


def _requests(column, value):
    return (
        select(SignInLinkRequest.requested_at)
        .where(column == value)
        .order_by(SignInLinkRequest.requested_at.desc())
    )


def request_wait(email: str, address: str, limits: Limits) -> timedelta | None:
    """How long before this address typed, or this network address, may ask again."""
    window = timedelta(minutes=limits.window_minutes)
    return throttle.longest(
        throttle.wait_left(_requests(SignInLinkRequest.email, email), limits.per_account, window),
        throttle.wait_left(
            _requests(SignInLinkRequest.address, address), limits.per_address, window
        ),
    )


def _forget_old(since) -> None:
    """Requests older than the window count for nothing; spent or expired links open nothing."""
    db.session.execute(delete(SignInLinkRequest).where(SignInLinkRequest.requested_at < since))
    db.session.execute(delete(SignInLink).where(SignInLink.expires_at < utc_now() - KEEP_LINKS))


def request_link(
    email: str,
    address: str,
    *,
    limits: Limits,
    purpose: LinkPurpose = LinkPurpose.SIGN_IN,
) -> tuple[User, str] | None:
    """Note a request; return (account, token) when a link should be emailed, else None.

    Counted per address typed and per network address, whether or not an account exists,
    so the answer (and the throttling) says nothing about who has an account. Sign-in links
    and password resets are counted together.
    """
    email, address = normalise_email(email), address[:64]
    since = utc_now() - timedelta(minutes=limits.window_minutes)
    wait = request_wait(email, address, limits)
    if wait is not None:
        raise DomainError(THROTTLED.format(wait=throttle.in_words(wait)))
    _forget_old(since)
    db.session.add(SignInLinkRequest(email=email, address=address))
    user = get_user_by_email(email)
    if not may_open(user, purpose):
        db.session.flush()
        return None
    return user, create_link(user, minutes=limits.minutes, purpose=purpose)
