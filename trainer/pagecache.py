"""Cached page bodies for the busiest coordinator pages, correct across worker processes.

Every transaction that changes data gives the `data_versions` row a new random stamp just
before it commits. A cached body is reused only for the same endpoint, query string, roles,
stamp and `vary` (the minute or the day, for pages relative to now), so a change made
through any worker shows on the next request to every worker. The page around the body
(account, navigation, CSRF token, flashed messages) is rendered on every request.

A cached body may show only what follows from those: data, the query string and `vary`,
the same for everyone with the same roles. Nothing about the signed-in user, no CSRF token.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from uuid import uuid4

from flask import current_app, g, render_template, request
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import event, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction

from .extensions import db
from .models import DataVersion, SignInAttempt, SignInLink, SignInLinkRequest

#: rows that change without changing what any page shows
UNSTAMPED = (SignInAttempt, SignInLink, SignInLinkRequest, DataVersion)
UNSTAMPED_TABLES = frozenset(model.__table__ for model in UNSTAMPED)
#: session.info key: this transaction changed data, so it needs a new stamp at commit
CHANGED = "data_changed"
STAMP_ROW = 1


# -- the data stamp --------------------------------------------------------------------------


CURRENT_STAMP = select(DataVersion.stamp).where(DataVersion.id == STAMP_ROW)


def current_stamp() -> str:
    """The stamp of the data this request sees ('' before anything has changed).

    Read on the session's connection, in its transaction, without the ORM's overhead."""
    return db.session.connection().scalar(CURRENT_STAMP) or ""


def mark_changed(session: Session | None = None) -> None:
    """Say that this transaction changed data: for writes the hooks below cannot see
    (SQL sent on `session.connection()` or as text)."""
    (session or db.session).info[CHANGED] = True


def new_stamp(session: Session) -> None:
    """Write a new stamp in the session's transaction: one upsert, safe when writers race."""
    postgresql = session.get_bind().dialect.name == "postgresql"
    statement = (postgresql_insert if postgresql else sqlite_insert)(DataVersion).values(
        id=STAMP_ROW, stamp=uuid4().hex)
    session.execute(statement.on_conflict_do_update(
        index_elements=[DataVersion.id], set_={"stamp": statement.excluded.stamp}))


@event.listens_for(Session, "before_flush")
def _note_flushed_changes(session: Session, flush_context, instances) -> None:
    if session.info.get(CHANGED):
        return
    dirty = [obj for obj in session.dirty if session.is_modified(obj)]
    if any(not isinstance(obj, UNSTAMPED) for group in (session.new, session.deleted, dirty)
           for obj in group):
        session.info[CHANGED] = True


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_changes(state: ORMExecuteState) -> None:
    """Bulk INSERT, UPDATE and DELETE statements run through the session (the region seed)."""
    is_dml = state.is_insert or state.is_update or state.is_delete
    if is_dml and getattr(state.statement, "table", None) not in UNSTAMPED_TABLES:
        state.session.info[CHANGED] = True


@event.listens_for(Session, "before_commit")
def _stamp_changes(session: Session) -> None:
    """Stamp last, just before COMMIT: the stamp row is locked for the shortest time, and
    after every other row, so writers never wait on each other in a cycle."""
    session.flush()
    if session.info.pop(CHANGED, False):
        new_stamp(session)


@event.listens_for(Session, "after_transaction_end")
def _forget_changes(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(CHANGED, None)


# -- cached bodies ---------------------------------------------------------------------------


class BodyCache:
    """Rendered bodies for one stamp at a time, the least recently used dropped first."""

    def __init__(self, max_entries: int = 128):  # a body is up to about 50 kB
        self.max_entries = max_entries
        self._stamp: str | None = None
        self._bodies: OrderedDict[Hashable, Markup] = OrderedDict()
        self._lock = Lock()

    def get(self, stamp: str, key: Hashable) -> Markup | None:
        with self._lock:
            if stamp != self._stamp:
                return None
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
            return body

    def put(self, stamp: str, key: Hashable, body: Markup) -> None:
        with self._lock:
            if stamp != self._stamp:
                self._stamp, self._bodies = stamp, OrderedDict()
            self._bodies[key] = body
            while len(self._bodies) > self.max_entries:
                self._bodies.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._stamp, self._bodies = None, OrderedDict()


def cache() -> BodyCache:
    return current_app.extensions["page_cache"]


def request_key(vary: Hashable) -> tuple:
    """Endpoint, query string (keys sorted, each key's values in order), roles, `vary`."""
    args = tuple(sorted((name, tuple(request.args.getlist(name))) for name in request.args))
    roles = tuple(sorted(role.value for role in getattr(current_user, "roles", ())))
    return request.endpoint, args, roles, vary


def render_cached(template: str, load: Callable[[], dict], *, vary: Hashable) -> str:
    """Render `template`, reusing its content block while the data and `vary` stand.

    `vary` is whatever else the body depends on: the minute or the day when it shows
    things relative to now, a setting. `load` returns the template's context and runs only
    on a miss. A page whose form has errors is rendered in full and not kept.
    """
    stamp, key = current_stamp(), request_key(vary)
    body = cache().get(stamp, key)
    if body is None:
        context = load()
        form = context.get("form")
        if form is not None and form.errors:
            return render_template(template, **context)
        body = _render_body(template, context)
        if body is None:
            return render_template(template, **context)
        cache().put(stamp, key, body)
    return render_template(template, page_body=body)


def _render_body(template: str, context: dict) -> Markup | None:
    """The content block alone; None if it issued a CSRF token (that is per browser session)."""
    had_token = "csrf_token" in g
    body = Markup(render_template(template, body_only=True, **context))
    if not had_token and "csrf_token" in g:
        current_app.logger.warning("%s put a CSRF token in a cached body: not cached", template)
        return None
    return body


def register(app) -> None:
    app.extensions["page_cache"] = BodyCache()
