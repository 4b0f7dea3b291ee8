"""Letter and pay-run references that never repeat, even with two finance users at once.

Each series has one counter row. It is read FOR UPDATE, so on PostgreSQL a second
transaction waits until the first commits and then sees the new value; SQLite takes a
write lock for the whole transaction, which serialises the same way. The references are
also unique columns, so a repeat could never be saved even if the lock were bypassed.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from trainer.extensions import db
from trainer.models import ReferenceCounter

PREFIXES = {"payment": "PAY", "recognition": "REC", "run": "RUN"}


def next_number(series: str) -> int:
    """The next number in a series; the caller's transaction holds the row until it commits."""
    counter = _locked(series)
    if counter is None:
        try:
            with db.session.begin_nested():
                db.session.add(ReferenceCounter(name=series, last_value=0))
        except IntegrityError:
            pass  # another transaction made it first: lock theirs
        counter = _locked(series)
    counter.last_value += 1
    db.session.flush()
    return counter.last_value


def _locked(series: str) -> ReferenceCounter | None:
    query = (
        select(ReferenceCounter)
        .where(ReferenceCounter.name == series)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return db.session.scalars(query).first()


def next_reference(series: str, on: date) -> str:
    """'PAY-2026-000042': the prefix, the year of issue and the series number."""
    return f"{PREFIXES[series]}-{on.year}-{next_number(series):06d}"
