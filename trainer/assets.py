"""Serve the GOV.UK Frontend assets installed from npm (not committed to the repository)."""
from pathlib import Path

from flask import Blueprint, send_from_directory

GOVUK_DIST = Path(__file__).resolve().parent.parent / "node_modules" / "govuk-frontend" / "dist" / "govuk"

bp = Blueprint("assets", __name__)


@bp.get("/govuk/<path:filename>")
def govuk(filename: str):
    return send_from_directory(GOVUK_DIST, filename, max_age=86400)
