"""Real app servers for tests: gunicorn processes with the production settings, each with its
own instance folder, and a browser-like client that keeps its cookies between them."""

from __future__ import annotations

import html
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(folder: Path, environment: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """gunicorn (gunicorn.conf.py) with INSTANCE_DIR=`folder`; returns it and its address."""
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(
        environment,
        INSTANCE_DIR=str(folder),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        MAIL_OUTBOX_DIR=str(folder / "outbox"),
    )
    with (folder / "gunicorn.log").open("ab") as log:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
        )
    return server, f"http://127.0.0.1:{port}"


def wait_until_up(address: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(f"{address}/healthz", timeout=5).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(5)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()

    @property
    def csrf_token(self) -> str:
        return html.unescape(CSRF.search(self.text).group(1))


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Browser:
    """Keeps its cookies (Secure ones too: the servers stand behind a TLS proxy in
    production) and sends them to whichever server it asks."""

    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, url: str) -> Answer:
        return self._open(urllib.request.Request(url))

    def post(self, url: str, data: dict[str, str]) -> Answer:
        body = urllib.parse.urlencode(data).encode()
        return self._open(urllib.request.Request(url, data=body, method="POST"))

    def _open(self, request: urllib.request.Request) -> Answer:
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        opener = urllib.request.build_opener(_NoRedirects)
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return Answer(response.status, dict(response.headers.items()), response.read())
