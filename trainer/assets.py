"""Serve the GOV.UK Frontend assets installed from npm (not committed to the repository),
and the site icon."""

from pathlib import Path

from flask import Blueprint, send_from_directory

GOVUK_DIST = (
    Path(__file__).resolve().parent.parent / "node_modules" / "govuk-frontend" / "dist" / "govuk"
)

STATIC = Path(__file__).resolve().parent / "static"

bp = Blueprint("assets", __name__)


@bp.get("/govuk/<path:filename>")
def govuk(filename: str):
    return send_from_directory(GOVUK_DIST, filename, max_age=86400)


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for it at the root even for PDFs; our own icon, no GOV.UK crown."""
    return send_from_directory(STATIC, "favicon.ico", max_age=7 * 86400)
