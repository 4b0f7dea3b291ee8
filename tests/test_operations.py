"""Running the service: /healthz, gunicorn's settings, and backups that restore into an
empty database the app then serves (SQLite here; PostgreSQL when the suite runs on it)."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from tests import factories
from tests.settings import TEST_DATABASE_URL, suite_config
from trainer import create_app, health
from trainer.extensions import db

ROOT = Path(__file__).resolve().parent.parent


def test_healthz_answers_for_the_database_and_the_job_queue(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok", "queue": "ok"}}
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_names_the_part_that_fails(client, db, monkeypatch):
    def queue_down():
        raise ConnectionError("no queue")

    monkeypatch.setitem(health.CHECKS, "queue", queue_down)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {
        "status": "failing",
        "checks": {"database": "ok", "queue": "failing"},
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_serves_the_app_with_its_settings_and_logs_request_ids(tmp_path):
    port = _free_port()
    environment = dict(
        os.environ,
        HEADS_TOGETHER_ENV="production",
        SECRET_KEY="x" * 40,
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.db'}",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        MAIL_OUTBOX_DIR=str(tmp_path / "outbox"),
        QUEUE_FILE=str(tmp_path / "queue.db"),
    )
    log = tmp_path / "gunicorn.log"
    with log.open("w") as stderr:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=environment,
            stdout=stderr,
            stderr=stderr,
        )
    try:
        answer = _get_when_up(f"http://127.0.0.1:{port}/healthz")
        checks = {"database": "ok", "queue": "ok"}
        assert json.loads(answer.read()) == {"status": "ok", "checks": checks}
        request_id = answer.headers["X-Request-ID"]
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "GET /healthz 200" in log.read_text()
    assert f"request_id={request_id}" in log.read_text()


def _get_when_up(url: str, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return urllib.request.urlopen(url, timeout=5)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


# -- backup and restore ----------------------------------------------------------------------


def _app(url: str, engine_options: dict | None = None):
    config = suite_config(url)
    if engine_options is not None:
        config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options
    return create_app("test", config)


def _fill(app) -> str:
    """Migrate, add a coordinator and a person, and return the coordinator's email."""
    with app.app_context():
        upgrade()
        factories.make_person(name="Robin Kept Safe")
        email = factories.make_user(roles={"coordinator"}).email
        db.session.commit()
    return email


def _serves_the_restored_data(app, email: str) -> None:
    with app.app_context():
        user = db.session.scalar(text("SELECT id FROM users WHERE email = :e"), {"e": email})
    assert user is not None
    browser = app.test_client()
    response = browser.post("/sign-in", data={"email": email, "password": factories.PASSWORD})
    assert response.status_code == 302
    assert "Robin Kept Safe" in browser.get("/people/").get_data(as_text=True)


def _cli(app, *args: str):
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_an_sqlite_backup_restores_into_an_empty_database(tmp_path):
    live = _app(f"sqlite:///{tmp_path / 'live.db'}", {})
    email = _fill(live)
    assert "Backed up to" in _cli(live, "backup", str(tmp_path / "backup.db"))
    empty = _app(f"sqlite:///{tmp_path / 'new.db'}", {})
    assert "Restored" in _cli(empty, "restore", str(tmp_path / "backup.db"))
    _serves_the_restored_data(empty, email)


def test_restore_refuses_a_database_with_data_unless_told_to_replace_it(tmp_path):
    live = _app(f"sqlite:///{tmp_path / 'live.db'}", {})
    _fill(live)
    _cli(live, "backup", str(tmp_path / "backup.db"))
    other = _app(f"sqlite:///{tmp_path / 'other.db'}", {})
    email = _fill(other)
    refused = other.test_cli_runner().invoke(args=["restore", str(tmp_path / "backup.db")])
    assert refused.exit_code != 0 and "already has tables" in refused.output
    _cli(other, "restore", "--replace", str(tmp_path / "backup.db"))
    with other.app_context():
        gone = db.session.scalar(text("SELECT count(*) FROM users WHERE email = :e"), {"e": email})
    assert gone == 0


def test_restore_says_when_the_file_is_not_a_backup(tmp_path):
    (tmp_path / "notes.txt").write_text("not a database")
    empty = _app(f"sqlite:///{tmp_path / 'new.db'}", {})
    result = empty.test_cli_runner().invoke(args=["restore", str(tmp_path / "notes.txt")])
    assert result.exit_code != 0 and "is not an SQLite database" in result.output
    missing = empty.test_cli_runner().invoke(args=["restore", str(tmp_path / "none.db")])
    assert "There is no backup file" in missing.output


#: the PostgreSQL test keeps its tables in a schema of its own in the suite's database
SCHEMA = "ht_backup_test"


@pytest.mark.postgres
@pytest.mark.skipif(
    not TEST_DATABASE_URL.startswith("postgresql"), reason="needs PostgreSQL (TEST_DATABASE_URL)"
)
def test_a_postgresql_backup_restores_into_an_empty_database(tmp_path):
    admin = create_engine(TEST_DATABASE_URL)
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    in_schema = {"connect_args": {"options": f"-csearch_path={SCHEMA}"}, "pool_pre_ping": True}
    try:
        live = _app(TEST_DATABASE_URL, in_schema)
        email = _fill(live)
        _cli(live, "backup", str(tmp_path / "backup.dump"))
        with live.app_context():
            db.engine.dispose()
        with admin.begin() as connection:  # an empty database: not even the schema is left
            connection.execute(text(f"DROP SCHEMA {SCHEMA} CASCADE"))
        fresh = _app(TEST_DATABASE_URL, in_schema)
        assert "Restored" in _cli(fresh, "restore", str(tmp_path / "backup.dump"))
        _serves_the_restored_data(fresh, email)
        with fresh.app_context():
            db.engine.dispose()
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        admin.dispose()
