"""Start the test server (tests/e2e/server.py) in a process of its own and find Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT = 120  # seconds: migrating and seeding on a busy machine


class ServerError(RuntimeError):
    pass


@dataclass
class Live:
    url: str
    ids: dict
    outbox: Path
    log: Path

    def __call__(self, path: str) -> str:
        return self.url + path


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@contextmanager
def live_server(folder: Path):
    """Serve the app over HTTP from `folder` (database, outbox, log); stop it afterwards."""
    ready, log = folder / "ready.json", folder / "server.log"
    env = {k: v for k, v in os.environ.items() if k not in ("TEST_DATABASE_URL", "DATABASE_URL")}
    env["PYTHONPATH"] = str(ROOT)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.e2e.server",
                "--database",
                str(folder / "e2e.db"),
                "--outbox",
                str(folder / "outbox"),
                "--ready",
                str(ready),
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        server = _wait_until_ready(process, ready, log)
        yield Live(server["url"], server["ids"], folder / "outbox", log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_ready(process, ready: Path, log: Path) -> dict:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"The test server stopped:\n{log.read_text()[-4000:]}")
        if ready.exists():
            server = json.loads(ready.read_text())
            try:
                with urlopen(server["url"] + "/sign-in", timeout=5) as response:
                    if response.status == 200:
                        return server
            except (URLError, OSError):
                pass
        time.sleep(0.2)
    raise ServerError(
        f"The test server was not ready in {START_TIMEOUT}s:\n{log.read_text()[-4000:]}"
    )


def launch(playwright):
    """Debian's Chromium through Playwright (never a downloaded browser build)."""
    path = chromium_path()
    if path is None:
        raise FileNotFoundError("Chromium is not installed: run `make browser`")
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
