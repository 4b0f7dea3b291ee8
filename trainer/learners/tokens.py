"""Links in learners' emails: signed (not stored), so a link names one booking and can be
neither guessed nor altered. Each purpose has its own salt: a cancel-my-place link does not
open the evaluation, and the reverse.

A place offered from the waiting list is signed with the moment the offer runs out, so a
link from an earlier offer stops working when a new one is made.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

PURPOSES = ("booking", "offer", "evaluate", "session-evaluation")


def _serializer(purpose: str) -> URLSafeSerializer:
    if purpose not in PURPOSES:
        raise ValueError(purpose)
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=f"learners-{purpose}")


def make(purpose: str, ident: int, stamp: datetime | None = None) -> str:
    """A token for record `ident`; `stamp` ties it to one moment (an offer's deadline)."""
    value = [ident, int(stamp.timestamp())] if stamp else [ident]
    return _serializer(purpose).dumps(value)


def read(purpose: str, token: str) -> tuple[int, int | None] | None:
    """(id, stamp or None) from a token, or None for anything not made by `make`."""
    if not token or len(token) > 200:
        return None
    try:
        value = _serializer(purpose).loads(token)
    except BadSignature:
        return None
    if not isinstance(value, list) or not 1 <= len(value) <= 2:
        return None
    if not all(isinstance(part, int) and not isinstance(part, bool) for part in value):
        return None
    return value[0], value[1] if len(value) == 2 else None


def stamp_of(moment: datetime | None) -> int | None:
    return int(moment.timestamp()) if moment else None
