"""One guard for record ids, wherever they come from: a URL, a form or a query string.

An id is a plain positive number the database can hold. PostgreSQL refuses to compare an
integer column with a larger number, so anything else is no such record (404), never a 500.
"""

from flask import abort
from werkzeug.routing import IntegerConverter

from trainer.extensions import db

#: the largest id an integer column holds
MAX_ID = 2**31 - 1


class RecordIdConverter(IntegerConverter):
    """`<id:session_id>` in a route: only ids a record could have match, so others are 404."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def record_id(raw: str) -> int:
    """An id typed into a form or a link: raises ValueError for anything else, so
    `request.args.get("person", type=record_id)` gives None for a bad one."""
    if not raw.isascii() or not raw.isdecimal() or not 0 < int(raw) <= MAX_ID:
        raise ValueError(raw)
    return int(raw)


def get_or_404(model, ident: int | None):
    """The record with this id, or a 404 page."""
    if ident is None or not 0 < ident <= MAX_ID:
        abort(404)
    obj = db.session.get(model, ident)
    if obj is None:
        abort(404)
    return obj
