"""Fixtures: app (migrated once) -> db (a rolled-back transaction per test) -> client -> login."""

import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
import time_machine
from flask import g, request_started
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import delete, event, func, select, text
from sqlalchemy.pool import StaticPool

from tests import factories
from tests.pinning import pinned_now, start_pinned_clock
from trainer import create_app
from trainer.extensions import db as _db

TRAVELLER = pytest.StashKey[time_machine.travel]()
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL") or "sqlite://"
#: this run's own folder for mail and letters: two runs on one machine never share files
RUN_FOLDER = Path(tempfile.mkdtemp(prefix="heads-together-tests-"))


def pytest_configure(config) -> None:
    traveller = start_pinned_clock()
    if traveller is not None:
        config.stash[TRAVELLER] = traveller


def pytest_unconfigure(config) -> None:
    shutil.rmtree(RUN_FOLDER, ignore_errors=True)
    if TRAVELLER in config.stash:
        config.stash[TRAVELLER].stop()


def pytest_report_header(config) -> str:
    moment = pinned_now()
    return f"clock: pinned to {moment.isoformat()} (TEST_NOW)" if moment else "clock: real time"


def suite_config(url: str = TEST_DATABASE_URL) -> dict:
    config = {
        "SQLALCHEMY_DATABASE_URI": url,
        "MAIL_OUTBOX_DIR": str(RUN_FOLDER / "outbox"),
        "PAY_RUN_LETTERS_DIR": str(RUN_FOLDER / "letters"),
        "SIGN_IN_MAX_FAILURES_PER_ACCOUNT": 5,
        "SIGN_IN_MAX_FAILURES_PER_ADDRESS": 20,
    }
    if url.startswith("sqlite"):
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            "poolclass": StaticPool,
            "connect_args": {"check_same_thread": False},
        }
    return config


def reset_database(app) -> None:
    """Start PostgreSQL runs from an empty schema; in-memory SQLite is empty already."""
    if _db.engine.dialect.name == "postgresql":
        with _db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))


def _fresh_g(sender, **extra) -> None:
    """Start every request with an empty `g`, as in production.

    Requests in a test reuse the `db` fixture's app context, and Flask-Login caches the
    signed-in user in `g`: without this, a fresh client would be treated as signed in.
    """
    for name in list(g):
        g.pop(name)


class ReadingClient(FlaskClient):
    """Reads each response whole and closes it, as a browser would: files sent from disk
    (pay-run letters) are closed at once rather than when the response is collected."""

    def open(self, *args, **kwargs):
        kwargs.setdefault("buffered", True)
        return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app():
    """The app, with its schema built by the migrations (not create_all)."""
    app = create_app("test", suite_config())
    app.test_client_class = ReadingClient
    request_started.connect(_fresh_g, app)
    with app.app_context():
        reset_database(app)
        upgrade()
    yield app
    with app.app_context():
        _db.engine.dispose()


@pytest.fixture
def db(app):
    """A database session whose work is rolled back after the test, commits included."""
    with app.app_context():
        engines = _db.engines
        engine = engines[None]
        connection = engine.connect()
        transaction = connection.begin()
        engines[None] = connection
        session = _db._make_scoped_session({"join_transaction_mode": "create_savepoint"})
        original, _db.session = _db.session, session
        try:
            yield _db
        finally:
            session.remove()
            _db.session = original
            engines[None] = engine
            transaction.rollback()
            connection.close()


@pytest.fixture
def committed(app):
    """Rows saved with real commits, so other connections see them; every row made during
    the test (by it or by the requests) is deleted afterwards."""
    with app.app_context():
        tables = [t for t in _db.metadata.sorted_tables if "id" in t.c]
        before = {
            t.name: _db.session.scalar(select(func.coalesce(func.max(t.c.id), 0))) for t in tables
        }
        try:
            yield
        finally:
            _db.session.rollback()
            for table in reversed(tables):
                _db.session.execute(delete(table).where(table.c.id > before[table.name]))
            _db.session.commit()
            _db.session.remove()


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def login(client, db):
    """login(role or user) signs the client in through the real sign-in form."""

    def sign_in(who="coordinator"):
        user = who if not isinstance(who, str) else factories.make_user(roles={who})
        response = client.post(
            "/sign-in", data={"email": user.email, "password": factories.PASSWORD}
        )
        assert response.status_code == 302, "sign-in failed"
        return user

    return sign_in


@pytest.fixture
def csrf_client(app, db):
    """A client of the same app with CSRF protection switched on, as in production."""
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        yield app.test_client()
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def page_errors(response) -> list[str]:
    """The messages in a page's error summary."""
    body = response.get_data(as_text=True)
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', body, re.S)
    if not summary:
        return []
    return [
        re.sub(r"<[^>]+>", "", item).strip()
        for item in re.findall(r"<li>(.*?)</li>", summary.group(1), re.S)
    ]


@contextmanager
def count_queries(db):
    """The SQL statements sent while the block runs, on the test's connection."""
    statements = []

    def note(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
