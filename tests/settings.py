"""The test suite's settings: which database, this run's own folder, the app's test config."""

import os
import tempfile
from pathlib import Path

from sqlalchemy.pool import StaticPool

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL") or "sqlite://"
#: this run's own folder for mail: two runs on one machine never share files
RUN_FOLDER = Path(tempfile.mkdtemp(prefix="heads-together-tests-"))


def suite_config(url: str = TEST_DATABASE_URL) -> dict:
    config = {
        "SQLALCHEMY_DATABASE_URI": url,
        "MAIL_OUTBOX_DIR": str(RUN_FOLDER / "outbox"),
        "SIGN_IN_MAX_FAILURES_PER_ACCOUNT": 5,
        "SIGN_IN_MAX_FAILURES_PER_ADDRESS": 20,
    }
    if url.startswith("sqlite"):
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            "poolclass": StaticPool,
            "connect_args": {"check_same_thread": False},
        }
    return config
