"""Cached pages for the busiest coordinator pages, correct across worker processes.

Every transaction that changes data gives the `data_versions` row a new random stamp just
before it commits. Everything kept here is kept for one stamp only, so a change made through
any worker shows on the next request to every worker. Each worker keeps, for the current
stamp:

- page bodies (the content block), shared by everyone with the same roles, for the same
  endpoint, path arguments, query string and `vary` (the minute or the day, for pages
  relative to now);
- whole pages per browser session and signed-in user (the body in that user's header and
  menu, with that session's CSRF token); a request with flashed messages to show is drawn
  afresh around the cached body, and nothing is kept from a request whose loading flashed;
- the signed-in users themselves (see `trainer/auth/signed_in.py`);

each for a minute at most (`MAX_AGE`), so that changes made outside the app show too.

A cached body may show only what follows from the data, the URL and `vary`, the same for
everyone with the same roles: nothing about the signed-in user, no CSRF token. The page
around it may show the signed-in user and the browser session's CSRF token, nothing else
of the request.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from uuid import uuid4

from flask import current_app, g, render_template, request, session
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import Connection, event, inspect, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction

from trainer.extensions import db
from trainer.models import DataVersion, Job, SignInAttempt, SignInLink, SignInLinkRequest, User
from trainer.stamped_cache import StampedCache

#: the action of access events (trainer/access_log.py): a page was shown, nothing changed
ACCESS_EVENT = "person.viewed"
#: rows that change without changing what any page shows
UNSTAMPED = (SignInAttempt, SignInLink, SignInLinkRequest, DataVersion, Job)
UNSTAMPED_TABLES = frozenset(model.__table__ for model in UNSTAMPED)
#: session.info key: this transaction changed data, so it needs a new stamp at commit
CHANGED = "data_changed"
#: session.info key: the stamp this transaction read (the row cannot change under it)
STAMP = "data_stamp"
STAMP_ROW = 1


# -- the data stamp --------------------------------------------------------------------------


CURRENT_STAMP = select(DataVersion.stamp).where(DataVersion.id == STAMP_ROW)
#: the same read as plain SQL, for a pooled connection outside any transaction
CURRENT_STAMP_SQL = f"SELECT stamp FROM {DataVersion.__tablename__} WHERE id = {STAMP_ROW}"


def current_stamp() -> str:
    """The stamp of the data this request sees ('' before anything has changed).

    Read once per transaction: the signed-in user and the page are both checked against the
    same stamp. A request whose page is kept never needs the session's transaction, so
    outside one the stamp is read on a pooled connection in plain SQL (a tenth of the cost);
    a page read after it is at least as new as the stamp it is kept under."""
    info = db.session.info
    stamp = info.get(STAMP)
    if stamp is None:
        stamp = info[STAMP] = _read_stamp()
    return stamp


def _read_stamp() -> str:
    session = db.session()
    bind = session.get_bind()
    if session.in_transaction() or isinstance(bind, Connection):
        # already reading, or handed a connection in a transaction (the tests): read in it
        return session.connection().scalar(CURRENT_STAMP) or ""
    connection = bind.raw_connection()
    try:
        cursor = connection.cursor()
        try:
            cursor.execute(CURRENT_STAMP_SQL)
            row = cursor.fetchone()
        finally:
            cursor.close()
    finally:
        connection.close()  # back to the pool, which ends the read
    return (row[0] if row else None) or ""


def new_stamp(session: Session) -> None:
    """Write a new stamp in the session's transaction: one upsert, safe when writers race."""
    postgresql = session.get_bind().dialect.name == "postgresql"
    statement = (postgresql_insert if postgresql else sqlite_insert)(DataVersion).values(
        id=STAMP_ROW, stamp=uuid4().hex
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[DataVersion.id], set_={"stamp": statement.excluded.stamp}
        )
    )


#: columns whose change no cached page or kept user shows: a sign-in is not a data change
UNSTAMPED_COLUMNS = {User: {"last_signed_in_at"}}


@event.listens_for(Session, "before_flush")
def _note_flushed_changes(session: Session, flush_context, instances) -> None:
    if session.info.get(CHANGED):
        return
    dirty = [obj for obj in session.dirty if session.is_modified(obj) and not _only_unstamped(obj)]
    if any(
        not _changes_no_page(obj)
        for group in (session.new, session.deleted, dirty)
        for obj in group
    ):
        session.info[CHANGED] = True


def _changes_no_page(obj) -> bool:  # throttle rows, the stamp, access events
    return isinstance(obj, UNSTAMPED) or getattr(obj, "action", None) == ACCESS_EVENT


def _only_unstamped(obj) -> bool:
    """True when every changed column of `obj` is one no page shows (UNSTAMPED_COLUMNS)."""
    quiet = UNSTAMPED_COLUMNS.get(type(obj))
    if not quiet:
        return False
    changed = {attr.key for attr in inspect(obj).attrs if attr.history.has_changes()}
    return bool(changed) and changed <= quiet


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
        session.info.pop(STAMP, None)


# -- what is kept ----------------------------------------------------------------------------


#: seconds a body, a page or a user is kept at most, whatever the stamp: a change made outside
#: the app (psql, which writes no new stamp) shows within this time
MAX_AGE = 60


class PageCache:
    """One worker's caches; `clear()` empties them all, as a change of stamp does."""

    def __init__(self):
        self.bodies = StampedCache(max_entries=128, max_age=MAX_AGE)  # each up to about 50 kB
        self.pages = StampedCache(max_entries=128, max_age=MAX_AGE)  # the body and about 6 kB
        self.users = StampedCache(max_entries=1024, max_age=MAX_AGE)  # the signed-in users
        #: which file holds each pay run's letters (see `trainer/payments/run_files.py`)
        self.letter_files = StampedCache(max_entries=256)

    def clear(self) -> None:
        for part in (self.bodies, self.pages, self.users, self.letter_files):
            part.clear()


def cache() -> PageCache:
    return current_app.extensions["page_cache"]


def request_key(vary: Hashable, params: Iterable[str]) -> tuple:
    """Endpoint, path arguments, the query parameters the page reads (sorted, each one's
    values in order), roles, `vary`. Others (tracking tags, a stray `submit`) do not make a
    new entry."""
    path = tuple(sorted((request.view_args or {}).items()))
    args = tuple(
        (name, tuple(request.args.getlist(name))) for name in sorted(params) if name in request.args
    )
    roles = tuple(sorted(role.value for role in getattr(current_user, "roles", ())))
    return request.endpoint, path, args, roles, vary


def render_cached(
    template: str,
    load: Callable[[], dict],
    *,
    vary: Hashable,
    params: Iterable[str] = (),
    each_visit: tuple[Callable[[dict], Hashable], Callable[[Hashable], None]] | None = None,
) -> str:
    """Render `template`, reusing the page, or else its content block, while the data and
    `vary` stand (a minute at most).

    `params` are the query parameters the page reads: it must read no others. `vary` is
    whatever else the body depends on: the minute or the day when it shows things relative
    to now, a setting. `load` returns the template's context and runs only on a miss. A page
    whose form has errors, or whose `load` flashed a message, is rendered in full and not kept.

    `each_visit` is (`remember`, `note`) for what must happen on every visit, a kept page's
    too: `remember(context)` is kept with the body when it is drawn, and `note(remembered)`
    runs on every request that shows it (the access log: whose support needs were shown).
    """
    stamp, key = current_stamp(), request_key(vary, params)
    remember, note = each_visit or (lambda context: None, lambda remembered: None)
    if not _flashes():
        kept = cache().pages.get(stamp, _page_key(key))
        if kept is not None:
            page, remembered = kept
            note(remembered)
            return page
    kept = cache().bodies.get(stamp, key)
    if kept is None:
        flashes, context = _flashes(), load()
        remembered = remember(context)
        note(remembered)
        body = _render_body(template, context, flashes)
        if body is None:
            return render_template(template, **context)
        cache().bodies.put(stamp, key, (body, remembered))
    else:
        body, remembered = kept
        note(remembered)
    keep = not _flashes()  # decided after `load`; messages are drawn once, around the body
    page = render_template(template, page_body=body)
    if keep:
        cache().pages.put(stamp, _page_key(key), (page, remembered))
    return page


def _page_key(key: tuple) -> tuple:
    """A whole page is one browser session's own: it carries the session's CSRF token (read
    after drawing, which may have made it), so it is kept under that token and the user."""
    return session.get("csrf_token"), current_user.get_id(), key


def _flashes() -> int:
    """How many flashed messages wait to be shown (the page's header shows them, once)."""
    return len(session.get("_flashes", ()))


def _render_body(template: str, context: dict, flashes: int) -> Markup | None:
    """The content block alone; None when it belongs to this request only: a form with
    errors, a message `load` flashed (a later visit to a kept body would never see it), or a
    CSRF token (that is per browser session)."""
    form = context.get("form")
    if (form is not None and form.errors) or _flashes() > flashes:
        return None
    had_token = "csrf_token" in g
    body = Markup(render_template(template, body_only=True, **context))
    if not had_token and "csrf_token" in g:
        current_app.logger.warning("%s put a CSRF token in a cached body: not cached", template)
        return None
    return body


def register(app) -> None:
    app.extensions["page_cache"] = PageCache()
