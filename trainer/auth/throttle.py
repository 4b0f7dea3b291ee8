"""Sign-in throttling per account and per address, kept in the database so it holds across
workers."""

from datetime import timedelta

from sqlalchemy import delete, func, select

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models import SignInAttempt


def _recent_failures(column, value, window: timedelta) -> int:
    since = utc_now() - window
    query = select(func.count()).where(
        column == value, SignInAttempt.succeeded.is_(False), SignInAttempt.attempted_at >= since
    )
    return db.session.scalar(query) or 0


def is_throttled(
    email: str, address: str, *, per_account: int, per_address: int, window: timedelta
) -> bool:
    return (
        _recent_failures(SignInAttempt.email, email, window) >= per_account
        or _recent_failures(SignInAttempt.address, address, window) >= per_address
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
