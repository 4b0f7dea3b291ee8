"""Links in messages: full addresses, from a request or, in a job, from PUBLIC_URL."""

from __future__ import annotations

from flask import current_app, has_request_context, url_for


def link(endpoint: str, **values) -> str:
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        return url_for(endpoint, _external=True, **values)
