"""/healthz for load balancers: 200 when every check passes, 503 naming the one that fails.

Each check is a function that raises when its part is down. The database is checked now;
the job queue adds its own check with `add_check("queue", ...)` when it is registered.
"""

from collections.abc import Callable

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from trainer.extensions import db

bp = Blueprint("health", __name__)

CHECKS: dict[str, Callable[[], None]] = {}


def add_check(name: str, check: Callable[[], None]) -> None:
    """Add a part to /healthz: `check()` raises when that part is down."""
    CHECKS[name] = check


def database() -> None:
    db.session.execute(text("SELECT 1"))
    db.session.rollback()


add_check("database", database)


def run_checks() -> dict[str, str]:
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception:  # any failure is a failing part, reported rather than raised
            current_app.logger.exception("Health check %s failed", name)
            results[name] = "failing"
    return results


@bp.get("/healthz")
def healthz():
    results = run_checks()
    healthy = all(result == "ok" for result in results.values())
    body = {"status": "ok" if healthy else "failing", "checks": results}
    return jsonify(body), 200 if healthy else 503
