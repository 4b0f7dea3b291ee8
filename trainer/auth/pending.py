"""A sign-in waiting for its two-step code: the password was right, the code is still to come.

Kept in the browser's (signed) session for a few minutes; a change of password or a
disabled account in the meantime ends it."""

from datetime import timedelta

from flask import session

from trainer.auth.safe_next import safe_next
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models import User

#: the browser session key holding a sign-in that waits for its code, and for how long
PENDING = "two_step_pending"
PENDING_FOR = timedelta(minutes=5)
SETUP = "two_step_setup"


def wait_for_code(user: User, next_page: str | None) -> None:
    """The password was right: remember who is signing in until they give their code."""
    session[PENDING] = {
        "user": user.id,
        "version": user.session_version,
        "next": safe_next(next_page) or "",
        "until": (utc_now() + PENDING_FOR).timestamp(),
    }


def pending_user() -> User | None:
    pending = session.get(PENDING) or {}
    if not pending or pending.get("until", 0) < utc_now().timestamp():
        return None
    user = db.session.get(User, pending["user"])
    if user is None or not user.is_enabled or user.session_version != pending["version"]:
        return None
    return user


def forget() -> str:
    """End the wait; returns the page the person was going to ('' for their home)."""
    return (session.pop(PENDING, None) or {}).get("next", "")
