"""Letters frozen as plain JSON when they are issued, and thawed to draw them again.

An issued letter is a document: it is drawn from what it said on the day it was issued,
never from today's records, so it downloads the same bytes for ever.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import date
from typing import Any

from trainer.letters.contents import (
    LetterExpense,
    LetterLine,
    Organisation,
    PaymentLetterData,
    Recipient,
    RecognitionLetterData,
    WeeklyTotal,
)

#: bumped when the shape below changes; older shapes stay readable
VERSION = 1
KINDS = {"payment": PaymentLetterData, "recognition": RecognitionLetterData}
#: nested dataclasses by field name
NESTED = {
    "org": Organisation,
    "recipient": Recipient,
    "lines": LetterLine,
    "expenses": LetterExpense,
    "weekly_totals": WeeklyTotal,
}


def freeze(data: PaymentLetterData | RecognitionLetterData, *, easy_read: bool) -> dict:
    """What the letter says, and the format the person chose when it was issued."""
    kind = "payment" if isinstance(data, PaymentLetterData) else "recognition"
    return {
        "version": VERSION,
        "kind": kind,
        "easy_read": easy_read,
        "data": _plain(asdict(data)),
    }


def thaw(frozen: dict) -> PaymentLetterData | RecognitionLetterData:
    """The letter's data exactly as it was frozen."""
    return _build(KINDS[frozen["kind"]], frozen["data"])


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _build(cls, values: dict):
    kwargs = {}
    for field in fields(cls):
        if field.name not in values:
            continue
        kwargs[field.name] = _value(field.name, values[field.name])
    return cls(**kwargs)


def _value(name: str, value: Any) -> Any:
    nested = NESTED.get(name)
    if nested is not None and isinstance(value, list):
        return tuple(_build(nested, item) for item in value)
    if nested is not None and isinstance(value, dict):
        return _build(nested, value)
    if isinstance(value, dict) and set(value) == {"date"}:
        return date.fromisoformat(value["date"])
    if isinstance(value, list):
        return tuple(_value("", item) for item in value)
    return value
