"""Fixtures for calendar tests that use the app: mail goes to a temporary folder or a real
SMTP server started by the test."""

import pytest

from tests.calendars.app_factories import start_smtp


@pytest.fixture(autouse=True)
def outbox_dir(app, tmp_path, monkeypatch):
    """Messages written as .eml files land in a folder of this test's own."""
    folder = tmp_path / "outbox"
    monkeypatch.setitem(app.config, "MAIL_OUTBOX_DIR", str(folder))
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    return folder


@pytest.fixture
def smtp(app, monkeypatch):
    """A real SMTP server on a free local port, with the app pointed at it."""
    controller, inbox = start_smtp()
    monkeypatch.setitem(app.config, "MAIL_SERVER", controller.hostname)
    monkeypatch.setitem(app.config, "MAIL_PORT", controller.port)
    try:
        yield inbox
    finally:
        controller.stop()
