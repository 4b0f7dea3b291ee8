"""Backups of the whole database, and restoring one into an empty database.

SQLite is copied with its online backup API (safe while the app is serving); PostgreSQL is
dumped with pg_dump in its custom format and restored with pg_restore, in one transaction.
Only the app's own schema is dumped (`public` unless the connection's search_path says
otherwise), so a backup restores into a fresh database of the same name or any other.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Engine

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why."""


def backup(engine: Engine, target: Path) -> str:
    """Write a backup of the database to `target`; returns a line saying what was written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if engine.dialect.name == "sqlite":
        _sqlite_backup(engine, target)
    elif engine.dialect.name == "postgresql":
        _run(
            "pg_dump",
            engine.url,
            ["--format=custom", f"--schema={_schema(engine)}", f"--file={target}"],
        )
    else:
        raise BackupError(f"Backups of {engine.dialect.name} databases are not supported.")
    return f"Backed up to {target} ({target.stat().st_size:,} bytes)."


def restore(engine: Engine, source: Path, *, replace: bool = False) -> str:
    """Restore the backup in `source` into the database, which must be empty unless
    `replace` (then everything in it is replaced)."""
    if not source.is_file():
        raise BackupError(f"There is no backup file at {source}.")
    if has_tables(engine) and not replace:
        raise BackupError(
            "The database already has tables. Restore into an empty database, "
            "or add --replace to replace everything in it."
        )
    if engine.dialect.name == "sqlite":
        _sqlite_restore(engine, source)
    elif engine.dialect.name == "postgresql":
        _postgres_restore(engine, source)
    else:
        raise BackupError(f"Restoring {engine.dialect.name} databases is not supported.")
    engine.dispose()  # no pooled connection keeps a view of the old database
    return f"Restored {source}."


def has_tables(engine: Engine) -> bool:
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            query = text("SELECT count(*) FROM information_schema.tables WHERE table_schema = :s")
            return bool(connection.scalar(query, {"s": _schema(engine)}))
    return bool(inspect(engine).get_table_names())


# -- SQLite ----------------------------------------------------------------------------------


def _sqlite_backup(engine: Engine, target: Path) -> None:
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    copy = sqlite3.connect(partial)
    live = engine.raw_connection()
    try:
        live.driver_connection.backup(copy)
    finally:
        live.close()
        copy.close()
    partial.replace(target)  # a backup file is never half written


def _sqlite_restore(engine: Engine, source: Path) -> None:
    _expect(source, SQLITE_HEADER, "an SQLite database")
    saved = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    live = engine.raw_connection()
    try:
        saved.backup(live.driver_connection)
    finally:
        live.close()
        saved.close()


# -- PostgreSQL ------------------------------------------------------------------------------


def _schema(engine: Engine) -> str:
    """The schema the app's tables live in: the first one on the search path."""
    with engine.connect() as connection:
        current = connection.scalar(text("SELECT current_schema()"))
        if current:
            return current
        path = connection.scalar(text("SHOW search_path"))
    names = [name.strip().strip('"') for name in path.split(",")]
    return next(name for name in names if name and name != "$user")


def _postgres_restore(engine: Engine, source: Path) -> None:
    _expect(source, PG_DUMP_HEADER, "a pg_dump backup (custom format)")
    schema = _schema(engine)
    with engine.begin() as connection:  # the backup makes the schema again, with its tables
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    _run("pg_restore", engine.url, ["--single-transaction", "--exit-on-error", str(source)])


def _run(program: str, url: URL, arguments: list[str]) -> None:
    found = shutil.which(program)
    if found is None:
        raise BackupError(
            f"{program} is not installed (Debian: apt-get install postgresql-client)."
        )
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)  # never on the command line
    database = url.set(drivername="postgresql", password=None).render_as_string(False)
    command = [found, "--no-owner", "--no-privileges", f"--dbname={database}", *arguments]
    finished = subprocess.run(command, env=environment, capture_output=True, text=True)
    if finished.returncode != 0:
        raise BackupError(f"{program} failed: {finished.stderr.strip()}")


def _expect(source: Path, header: bytes, what: str) -> None:
    with source.open("rb") as file:
        if file.read(len(header)) != header:
            raise BackupError(
                f"{source} is not {what}: restore it into the kind of database it was made from."
            )
