"""Portal tests: mail lands in a folder of each test's own."""

import pytest


@pytest.fixture(autouse=True)
def outbox(app, tmp_path, monkeypatch):
    folder = tmp_path / "outbox"
    monkeypatch.setitem(app.config, "MAIL_OUTBOX_DIR", str(folder))
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    return folder


def emails(folder) -> list:
    """The messages written to the outbox folder, oldest first."""
    import email
    import email.policy

    return (
        [
            email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            for path in sorted(folder.glob("*.eml"))
        ]
        if folder.exists()
        else []
    )
