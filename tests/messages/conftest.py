"""Fixtures for message tests: the outbox folder, a real SMTP server, a fake GOV.UK Notify."""

import pytest

from tests.calendars.app_factories import start_smtp
from tests.messages import fake_notify


@pytest.fixture(autouse=True)
def outbox_dir(app, tmp_path, monkeypatch):
    """Emails (.eml) and text messages (.txt) land in a folder of this test's own."""
    folder = tmp_path / "outbox"
    monkeypatch.setitem(app.config, "MAIL_OUTBOX_DIR", str(folder))
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    monkeypatch.setitem(app.config, "NOTIFY_API_KEY", None)
    return folder


@pytest.fixture
def smtp(app, monkeypatch):
    """A real SMTP server (aiosmtpd) on a free local port, with the app pointed at it."""
    controller, inbox = start_smtp()
    monkeypatch.setitem(app.config, "MAIL_SERVER", controller.hostname)
    monkeypatch.setitem(app.config, "MAIL_PORT", controller.port)
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def notify(app, monkeypatch):
    """A fake GOV.UK Notify on a free local port, with the app configured for it."""
    server, fake = fake_notify.start_notify()
    monkeypatch.setitem(app.config, "NOTIFY_API_KEY", fake_notify.API_KEY)
    monkeypatch.setitem(app.config, "NOTIFY_BASE_URL", fake.url)
    monkeypatch.setitem(app.config, "NOTIFY_EMAIL_TEMPLATE_ID", fake_notify.EMAIL_TEMPLATE)
    monkeypatch.setitem(app.config, "NOTIFY_SMS_TEMPLATE_ID", fake_notify.SMS_TEMPLATE)
    monkeypatch.setitem(app.config, "NOTIFY_TIMEOUT_SECONDS", 5)
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
