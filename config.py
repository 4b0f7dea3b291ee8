"""Configuration from the environment (HEADS_TOGETHER_ENV picks the class; the README lists
every variable).

DevelopmentConfig has a fixed local SECRET_KEY and keeps data in instance/. TestConfig uses
TEST_DATABASE_URL (in-memory SQLite by default) and no shared folders: each app made for a
test run gets temporary folders of its own for mail and letters. ProductionConfig marks
cookies Secure and has no SECRET_KEY of its own: the app refuses to start without one, and
warns when DATABASE_URL is not set to a server database.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _int(name: str, default: int) -> int:
    return int(_env(name, str(default)))


def _list(name: str) -> list[str] | None:
    value = _env(name)
    return [item.strip() for item in value.split(",") if item.strip()] if value else None


class Config:
    SECRET_KEY = _env("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = _env(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'heads-together.db'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    TIMEZONE = _env("TIMEZONE", "Europe/London")

    ORG_NAME = _env("ORG_NAME", "Heads Together Training")
    ORG_ADDRESS = _env("ORG_ADDRESS", "1 Example Street\nExampletown\nEX1 2MP")
    ORG_EMAIL = _env("ORG_EMAIL", "training@example.org")
    ORG_PHONE = _env("ORG_PHONE", "0100 000 0000")
    ORG_SIGNATORY = _env("ORG_SIGNATORY", "Sam Rivers")
    ORG_SIGNATORY_TITLE = _env("ORG_SIGNATORY_TITLE", "Training Manager")

    MAIL_SERVER = _env("MAIL_SERVER")
    MAIL_PORT = _int("MAIL_PORT", 25)
    MAIL_USERNAME = _env("MAIL_USERNAME")
    MAIL_PASSWORD = _env("MAIL_PASSWORD")
    MAIL_USE_TLS = _env("MAIL_USE_TLS", "false").lower() == "true"
    MAIL_DEFAULT_SENDER = _env("MAIL_DEFAULT_SENDER", "training@example.org")
    MAIL_OUTBOX_DIR = _env("MAIL_OUTBOX_DIR", str(INSTANCE_DIR / "outbox"))
    #: pay runs' letters, drawn once in the background (shared by the workers on one server)
    PAY_RUN_LETTERS_DIR = _env("PAY_RUN_LETTERS_DIR", str(INSTANCE_DIR / "pay-run-letters"))

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024

    #: sign-in throttling: failures allowed per account and per address in the window
    SIGN_IN_MAX_FAILURES_PER_ACCOUNT = _int("SIGN_IN_MAX_FAILURES_PER_ACCOUNT", 5)
    SIGN_IN_MAX_FAILURES_PER_ADDRESS = _int("SIGN_IN_MAX_FAILURES_PER_ADDRESS", 20)
    SIGN_IN_WINDOW_MINUTES = _int("SIGN_IN_WINDOW_MINUTES", 15)

    #: how many proxies in front of the app add X-Forwarded-For and X-Forwarded-Proto; the
    #: client's address is read from them (throttles, logs) only when this says they are there
    TRUSTED_PROXIES = _int("TRUSTED_PROXIES", 0)
    #: host names the app answers to (others get 400), so no link in an email can be made to
    #: point elsewhere by a forged Host header; unset: any host
    TRUSTED_HOSTS = _list("TRUSTED_HOSTS")
    #: Strict-Transport-Security max-age; 0 sends none (production: a year)
    HSTS_SECONDS = _int("HSTS_SECONDS", 0)

    SESSIONS_PER_PAGE = _int("SESSIONS_PER_PAGE", 25)
    #: minutes needed between in-person sessions at different venues
    TRAVEL_BUFFER_MINUTES = _int("TRAVEL_BUFFER_MINUTES", 60)

    #: one-time sign-in links: how long one works, and how many may be asked for in the window
    SIGN_IN_LINK_MINUTES = _int("SIGN_IN_LINK_MINUTES", 30)
    SIGN_IN_LINK_MAX_PER_ACCOUNT = _int("SIGN_IN_LINK_MAX_PER_ACCOUNT", 3)
    SIGN_IN_LINK_MAX_PER_ADDRESS = _int("SIGN_IN_LINK_MAX_PER_ADDRESS", 10)
    SIGN_IN_LINK_WINDOW_MINUTES = _int("SIGN_IN_LINK_WINDOW_MINUTES", 60)
    #: how long a new account's invitation, and a password reset link, can be used
    INVITATION_DAYS = _int("INVITATION_DAYS", 7)

    #: retention: how long each kind of personal data is kept (trainer/privacy/retention.py)
    RETAIN_SIGN_IN_DAYS = _int("RETAIN_SIGN_IN_DAYS", 90)
    RETAIN_SENT_EMAILS_DAYS = _int("RETAIN_SENT_EMAILS_DAYS", 365)
    RETAIN_TIME_OFF_DAYS = _int("RETAIN_TIME_OFF_DAYS", 365)
    RETAIN_DATA_EXPORTS_DAYS = _int("RETAIN_DATA_EXPORTS_DAYS", 7)
    RETAIN_AUDIT_YEARS = _int("RETAIN_AUDIT_YEARS", 6)
    #: learners' personal details, counted from the end of their last session
    RETAIN_LEARNER_YEARS = _int("RETAIN_LEARNER_YEARS", 6)
    #: finance records of an erased person are kept this long, under a reference
    RETAIN_FINANCE_YEARS = _int("RETAIN_FINANCE_YEARS", 6)
    PASSWORD_RESET_MINUTES = _int("PASSWORD_RESET_MINUTES", 60)

    #: the public booking page: requests allowed per email address and per network address
    #: in the window, and how long the emailed confirmation link works
    BOOKING_MAX_PER_EMAIL = _int("BOOKING_MAX_PER_EMAIL", 3)
    BOOKING_MAX_PER_ADDRESS = _int("BOOKING_MAX_PER_ADDRESS", 20)
    BOOKING_WINDOW_MINUTES = _int("BOOKING_WINDOW_MINUTES", 60)
    BOOKING_LINK_HOURS = _int("BOOKING_LINK_HOURS", 24)
    #: the register can be filled in from this many hours before a session starts
    REGISTER_OPENS_HOURS = _int("REGISTER_OPENS_HOURS", 12)
    #: learners are reminded of their session this many days before it
    LEARNER_REMINDER_DAYS = _int("LEARNER_REMINDER_DAYS", 2)
    #: evaluation answers accepted per network address per session in an hour
    EVALUATION_MAX_PER_ADDRESS = _int("EVALUATION_MAX_PER_ADDRESS", 30)
    #: the evaluation stays open this many days after a session
    EVALUATION_OPEN_DAYS = _int("EVALUATION_OPEN_DAYS", 30)
    #: where links in emails sent outside a web request (reminders) point
    PUBLIC_URL = _env("PUBLIC_URL", "http://127.0.0.1:5000")


class DevelopmentConfig(Config):
    DEBUG = True
    SECRET_KEY = Config.SECRET_KEY or "development-only-not-secret"


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "tests-only-not-secret"
    SQLALCHEMY_DATABASE_URI = _env("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = False
    MAIL_SERVER = None
    #: no shared folders: each app made for a test run gets temporary folders of its own
    #: (create_app makes them), so two runs on one machine never see each other's files
    MAIL_OUTBOX_DIR = None
    PAY_RUN_LETTERS_DIR = None


class ProductionConfig(Config):
    HSTS_SECONDS = _int("HSTS_SECONDS", 365 * 24 * 3600)
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}
