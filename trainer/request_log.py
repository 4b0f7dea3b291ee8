"""A request id for every request (in the X-Request-ID response header, the log and the
error page), and one log line per request: method, path, status, time taken, client.

Paths that carry a secret (a sign-in link, a calendar feed) are logged as their route, and
query strings not at all (searches hold names)."""

import logging
import re
import uuid
from time import perf_counter

from flask import Flask, Response, g, request

logger = logging.getLogger("heads_together.requests")
#: a request id a proxy in front of us passed on (kept only when it looks like one)
PASSED_ON = re.compile(r"[A-Za-z0-9._:-]{8,64}")
SECRET_ARGS = ("token",)


def request_id() -> str:
    """This request's id ('' outside a request)."""
    return g.get("request_id", "")


def _start(trust_proxies: bool) -> None:
    passed_on = request.headers.get("X-Request-ID", "")
    g.request_id = (
        passed_on if trust_proxies and PASSED_ON.fullmatch(passed_on) else uuid.uuid4().hex
    )
    g.request_started = perf_counter()


def _path() -> str:
    args = request.view_args or {}
    if request.url_rule is not None and any(name in args for name in SECRET_ARGS):
        return request.url_rule.rule
    return request.path


def _finish(response: Response) -> Response:
    response.headers["X-Request-ID"] = request_id()
    took = (perf_counter() - g.get("request_started", perf_counter())) * 1000
    user = g.get("_login_user")  # only when the request loaded it: never a query to log
    user = user.get_id() if user is not None and user.is_authenticated else "-"
    logger.info(
        "%s %s %s %.1fms client=%s user=%s request_id=%s",
        request.method,
        _path(),
        response.status_code,
        took,
        request.remote_addr or "-",
        user.partition("-")[0],
        request_id(),
    )
    return response


def register(app: Flask) -> None:
    app.before_request(lambda: _start(app.config["TRUSTED_PROXIES"] > 0))
    app.after_request(_finish)
