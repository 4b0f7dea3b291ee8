"""Fixtures: app (migrated once) -> db (a rolled-back transaction per test) -> client -> login."""

import shutil

import pytest
from flask import g, request_started
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import scoped_session, sessionmaker

from tests import factories
from tests.pinning import pinned_now, start_pinned_clock
from tests.settings import RUN_FOLDER, suite_config
from trainer import create_app
from trainer.extensions import db as _db

#: started as this file is read, before any test module is: anything a module works out
#: from "now" as it is imported sees the pinned clock too
TRAVELLER = start_pinned_clock()


def pytest_unconfigure(config) -> None:
    shutil.rmtree(RUN_FOLDER, ignore_errors=True)
    if TRAVELLER is not None:
        TRAVELLER.stop()


def pytest_report_header(config) -> str:
    moment = pinned_now()
    return f"clock: pinned to {moment.isoformat()} (TEST_NOW)" if moment else "clock: real time"


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
    """A database session whose work is rolled back after the test, commits included.

    SQLAlchemy's recipe for joining a session into an external transaction: the test's
    connection begins a transaction, the app's session is bound to that connection and turns
    each commit into a savepoint, and the outer transaction is rolled back at the end."""
    with app.app_context():
        connection = _db.engine.connect()
        transaction = connection.begin()
        session = scoped_session(
            sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
        )
        original, _db.session = _db.session, session
        try:
            yield _db
        finally:
            session.remove()
            _db.session = original
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
