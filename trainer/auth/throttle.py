"""Sign-in throttling per account and per address, kept in the database so it holds across
workers; and how long someone throttled must really wait, in words."""

import math
from datetime import timedelta

from sqlalchemy import delete, select

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models import SignInAttempt


def wait_left(moments, limit: int, window: timedelta) -> timedelta | None:
    """How long until fewer than `limit` of the recent `moments` (a query of datetimes,
    newest first) fall in the window; None when there are fewer already."""
    since = utc_now() - window
    nth_newest = db.session.scalar(moments.offset(max(limit, 1) - 1).limit(1))
    if nth_newest is None or nth_newest < since:
        return None
    return nth_newest - since


def longest(*waits: timedelta | None) -> timedelta | None:
    found = [wait for wait in waits if wait is not None]
    return max(found) if found else None


def in_words(wait: timedelta) -> str:
    """'1 minute', '12 minutes', '1 hour', '2 hours and 5 minutes' (rounded up)."""
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " and ".join(parts)


def _failures(column, value):
    return (
        select(SignInAttempt.attempted_at)
        .where(column == value, SignInAttempt.succeeded.is_(False))
        .order_by(SignInAttempt.attempted_at.desc())
    )


def throttled_for(
    email: str, address: str, *, per_account: int, per_address: int, window: timedelta
) -> timedelta | None:
    """How long this account or address must wait before trying again (None: no wait)."""
    return longest(
        wait_left(_failures(SignInAttempt.email, email), per_account, window),
        wait_left(_failures(SignInAttempt.address, address), per_address, window),
    )


def note_attempt(email: str, address: str, *, succeeded: bool) -> None:
    """Log a try; a success forgives the account's earlier failures (not the address's)."""
    if succeeded:
        db.session.execute(
            delete(SignInAttempt).where(
                SignInAttempt.email == email, SignInAttempt.succeeded.is_(False)
            )
        )
    db.session.add(SignInAttempt(email=email, address=address[:64], succeeded=succeeded))
