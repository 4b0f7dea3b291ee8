"""Help tests: mail lands in a folder of each test's own."""

import pytest


@pytest.fixture(autouse=True)
def outbox(app, tmp_path, monkeypatch):
    folder = tmp_path / "outbox"
    monkeypatch.setitem(app.config, "MAIL_OUTBOX_DIR", str(folder))
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    return folder
