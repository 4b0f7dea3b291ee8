"""The Huey instance, built from the app's settings when the app is made.

QUEUE_URL unset: a SQLite file in the instance folder (QUEUE_FILE), no extra server.
QUEUE_URL=redis://host:port/db: Redis, for production and more than one server.
QUEUE_IMMEDIATE: jobs run at once in the process that queues them (the tests' default).
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from huey import Huey
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage

from trainer import health

#: one instance for the whole app; init_app points it at the configured store
huey = Huey("heads-together", results=False, immediate=True, storage_class=MemoryStorage)

#: the app whose context jobs run in when no context is current (the worker's)
_app: Flask | None = None


def init_app(app: Flask) -> None:
    """Point the queue at the store the settings name, and add it to /healthz."""
    global _app
    _app = app
    url = app.config.get("QUEUE_URL")
    if url and url.startswith(("redis://", "rediss://", "unix://")):
        huey.storage_class, huey.storage_kwargs = RedisStorage, {"url": url}
    elif url:
        raise RuntimeError(f"QUEUE_URL must be a redis:// address, not {url!r}.")
    else:
        Path(app.config["QUEUE_FILE"]).parent.mkdir(parents=True, exist_ok=True)
        huey.storage_class = SqliteStorage
        huey.storage_kwargs = {"filename": app.config["QUEUE_FILE"]}
    huey._immediate = bool(app.config.get("QUEUE_IMMEDIATE"))
    huey.storage = huey.create_storage()
    health.add_check("queue", check)


def app() -> Flask:
    if _app is None:
        raise RuntimeError("The job queue has no app: call trainer.jobs.init_app(app).")
    return _app


def check() -> None:
    """/healthz: the queue's store answers (Redis is reachable, the SQLite file opens)."""
    huey.storage.queue_size()


def describe() -> str:
    if huey.immediate:
        return "immediate (jobs run where they are queued)"
    if isinstance(huey.storage, RedisStorage):
        kwargs = huey.storage.conn.connection_pool.connection_kwargs
        return f"Redis at {kwargs.get('host', kwargs.get('path'))}, database {kwargs.get('db', 0)}"
    return f"SQLite file {huey.storage.filename}"


def drain() -> int:
    """Run here every job waiting on the queue, until none is left; returns how many ran
    (benchmarks and tests that measure the queue without a worker process)."""
    ran = 0
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
        ran += 1
    return ran
