"""Real workers for tests: `flask worker` in a process of its own, on a real store (a SQLite
file or Redis database TEST_REDIS_URL), sharing the suite's database or a file of its own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parents[2]
#: the Redis database the tests may empty (never the one production uses)
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


def redis_is_up() -> bool:
    try:
        return bool(redis.Redis.from_url(TEST_REDIS_URL, socket_timeout=1).ping())
    except redis.RedisError:
        return False


def empty_redis() -> None:
    redis.Redis.from_url(TEST_REDIS_URL).flushdb()


def queue_settings(store: str, folder: Path | None) -> dict:
    """The queue settings of a real store: "sqlite" (a file in `folder`) or "redis"."""
    if store == "redis":
        return {"QUEUE_IMMEDIATE": False, "QUEUE_URL": TEST_REDIS_URL}
    return {"QUEUE_IMMEDIATE": False, "QUEUE_URL": None, "QUEUE_FILE": str(folder / "queue.db")}


def environment(database_url: str, settings: dict, **extra: str) -> dict[str, str]:
    env = dict(os.environ, HEADS_TOGETHER_ENV="test", TEST_DATABASE_URL=database_url)
    for name, value in settings.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = str(value).lower() if isinstance(value, bool) else str(value)
    env.update(extra)
    return env


def start_worker(env: dict[str, str], log: Path, *, threads: int = 2) -> subprocess.Popen:
    command = [sys.executable, "-m", "flask", "--app", "tests.jobs.worker_app", "worker"]
    with log.open("ab") as output:
        return subprocess.Popen(
            [*command, "--threads", str(threads)],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def stop(worker: subprocess.Popen, *, kill: bool = False) -> None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGKILL if kill else signal.SIGINT)
        try:
            worker.wait(15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(5)


def wait_until(condition: Callable[[], bool], *, timeout: float = 30, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting: {what}")
        time.sleep(0.1)
