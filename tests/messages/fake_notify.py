"""A local stand-in for GOV.UK Notify's API: it checks each request's JWT (HS256, signed with
the API key's secret, issued by its service id, within 30 seconds) and body, keeps what it
was sent, and answers as Notify does."""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt

SERVICE_ID = str(uuid.UUID(int=1))
SECRET = str(uuid.UUID(int=2))
API_KEY = f"heads_together_test-{SERVICE_ID}-{SECRET}"
EMAIL_TEMPLATE = str(uuid.UUID(int=3))
SMS_TEMPLATE = str(uuid.UUID(int=4))
NEEDS = {
    "/v2/notifications/email": ("email_address", EMAIL_TEMPLATE, {"subject", "body"}),
    "/v2/notifications/sms": ("phone_number", SMS_TEMPLATE, {"body"}),
}


@dataclass
class FakeNotify:
    url: str = ""
    #: (path, body) of each accepted request
    received: list[tuple[str, dict]] = field(default_factory=list)
    #: why each refused request was refused
    refused: list[str] = field(default_factory=list)
    #: seconds to wait before answering (a Notify that hangs)
    delay: float = 0.0
    #: called with each request's number before it is kept; True: answer 503, keep nothing
    before_each: object = None

    def emails(self) -> list[dict]:
        return [body for path, body in self.received if path.endswith("/email")]

    def texts(self) -> list[dict]:
        return [body for path, body in self.received if path.endswith("/sms")]


def authorised(headers) -> str:
    """Why the request's token is refused, or ''."""
    auth = headers.get("Authorization", "")
    if not auth.startswith("Bearer "):
        return "no bearer token"
    try:
        claims = jwt.decode(
            auth[7:], SECRET, algorithms=["HS256"], options={"require": ["iss", "iat"]}
        )
    except jwt.PyJWTError as error:
        return str(error)
    if claims["iss"] != SERVICE_ID or abs(time.time() - claims["iat"]) > 30:
        return "wrong issuer or stale"
    return ""


def look_up(notify: FakeNotify, path: str, headers) -> tuple[int, dict]:
    """GET /v2/notifications?reference=...: what was sent with that reference."""
    if refused := authorised(headers):
        return 403, {"errors": [{"error": "AuthError", "message": refused}]}
    query = parse_qs(urlsplit(path).query)
    reference = (query.get("reference") or [""])[0]
    found = [
        {"id": f"n-{n}", "reference": body["reference"]}
        for n, (_, body) in enumerate(notify.received)
        if body["reference"] == reference
    ]
    return 200, {"notifications": found, "links": {}}


def check(notify: FakeNotify, path: str, headers, raw: bytes) -> tuple[int, dict]:
    auth = headers.get("Authorization", "")
    if not auth.startswith("Bearer "):
        return 401, {"errors": [{"error": "AuthError", "message": "no bearer token"}]}
    try:
        claims = jwt.decode(
            auth[7:], SECRET, algorithms=["HS256"], options={"require": ["iss", "iat"]}
        )
    except jwt.PyJWTError as error:
        return 403, {"errors": [{"error": "AuthError", "message": str(error)}]}
    if claims["iss"] != SERVICE_ID or abs(time.time() - claims["iat"]) > 30:
        return 403, {"errors": [{"error": "AuthError", "message": "wrong issuer or stale"}]}
    if path not in NEEDS:
        return 404, {"errors": [{"error": "NotFound", "message": path}]}
    address, template, fields = NEEDS[path]
    body = json.loads(raw)
    problems = [
        name
        for name in (address, "template_id", "personalisation", "reference")
        if not body.get(name)
    ]
    if body.get("template_id") != template:
        problems.append("template_id")
    if not fields <= set(body.get("personalisation") or {}):
        problems.append("personalisation")
    if problems:
        return 400, {"errors": [{"error": "BadRequestError", "message": ", ".join(problems)}]}
    if notify.before_each is not None and notify.before_each(len(notify.received) + 1):
        return 503, {"errors": [{"error": "Exception", "message": "stopped"}]}
    notify.received.append((path, body))
    return 201, {"id": str(uuid.uuid4()), "reference": body["reference"], "content": {}}


def start_notify() -> tuple[ThreadingHTTPServer, FakeNotify]:
    notify = FakeNotify()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self._answer(*look_up(notify, self.path, self.headers))

        def do_POST(self):
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            time.sleep(notify.delay)
            status, answer = check(notify, self.path, self.headers, raw)
            if status >= 400:
                notify.refused.append(answer["errors"][0]["message"])
            self._answer(status, answer)

        def _answer(self, status, answer):
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    notify.url = f"http://127.0.0.1:{server.server_address[1]}"
    return server, notify
