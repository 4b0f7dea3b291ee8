"""Configuration from the environment (HEADS_TOGETHER_ENV picks the class; the README lists
every variable).

DevelopmentConfig has a fixed local SECRET_KEY and keeps data in instance/. TestConfig uses
TEST_DATABASE_URL (in-memory SQLite by default) and no shared folders: each app made for a
test run gets a temporary outbox folder and queue file of its own, and runs jobs at once.
ProductionConfig marks cookies Secure and has no SECRET_KEY of its own: the app refuses to
start without one, and warns when DATABASE_URL is not set to a server database.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
#: this server's own files (the SQLite database and queue by default, the outbox); INSTANCE_DIR
#: sets another, so two servers on one machine each have their own
INSTANCE_DIR = Path(os.environ.get("INSTANCE_DIR") or BASE_DIR / "instance")


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
    #: the day of the month pay is usually paid: Universal Credit counts pay when received
    PAY_DAY_OF_MONTH = _int("PAY_DAY_OF_MONTH", 25)

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

    #: GOV.UK Notify: with an API key, emails and text messages go through Notify using these
    #: two templates (each with ((subject)) and ((body)) fields; the text one with ((body)))
    NOTIFY_API_KEY = _env("NOTIFY_API_KEY")
    NOTIFY_BASE_URL = _env("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
    NOTIFY_EMAIL_TEMPLATE_ID = _env("NOTIFY_EMAIL_TEMPLATE_ID")
    NOTIFY_SMS_TEMPLATE_ID = _env("NOTIFY_SMS_TEMPLATE_ID")
    NOTIFY_TIMEOUT_SECONDS = _int("NOTIFY_TIMEOUT_SECONDS", 10)
    #: an unanswered offer: remind the person after this many days, then tell the
    #: coordinators after this many days (both counted from the offer)
    OFFER_REMINDER_DAYS = _int("OFFER_REMINDER_DAYS", 3)
    OFFER_CHASE_DAYS = _int("OFFER_CHASE_DAYS", 6)
    #: a no, a withdrawal or a drop-out this close to a session tells coordinators at once
    ALERT_WITHIN_DAYS = _int("ALERT_WITHIN_DAYS", 14)
    #: local times ("HH:MM"; empty: never) of the coordinators' daily digest, and of chasing
    #: unanswered offers
    DIGEST_AT = _env("DIGEST_AT", "08:00")
    OFFER_CHASE_AT = _env("OFFER_CHASE_AT", "10:05")
    #: when reminders before sessions are looked for (they fall at 10am and 7:30am local
    #: time; a seat accepted after those times is reminded at the next look)
    REMINDERS_AT = _env("REMINDERS_AT", "*:00, *:15, *:30, *:45")
    #: a message is tried this many times in all (the queue's retries and one) before it shows
    #: as failed
    MESSAGE_MAX_ATTEMPTS = _int("MESSAGE_MAX_ATTEMPTS", 6)
    #: a message a worker took but never finished (the worker died) is sent again after this
    MESSAGE_STALE_MINUTES = _int("MESSAGE_STALE_MINUTES", 10)
    #: the job queue (trainer/jobs): unset, a SQLite file (QUEUE_FILE) needing no server;
    #: redis://host:6379/0 in production, shared by every app server and worker
    QUEUE_URL = _env("QUEUE_URL")
    QUEUE_FILE = _env("QUEUE_FILE", str(INSTANCE_DIR / "queue.db"))
    #: run jobs at once where they are queued, with no worker (the tests' default)
    QUEUE_IMMEDIATE = _env("QUEUE_IMMEDIATE", "false").lower() == "true"
    #: a failing job is tried again this many times, first after the delay, then doubling
    QUEUE_RETRIES = _int("QUEUE_RETRIES", 5)
    QUEUE_RETRY_DELAY_SECONDS = _int("QUEUE_RETRY_DELAY_SECONDS", 30)
    #: a try not finished in this time is taken as lost with its worker, and run again
    QUEUE_LEASE_SECONDS = _int("QUEUE_LEASE_SECONDS", 900)
    #: a job still waiting this long after it was due is put on the queue again
    QUEUE_RESCUE_MINUTES = _int("QUEUE_RESCUE_MINUTES", 10)
    #: finished jobs are forgotten after this many days (failed ones stay until dealt with)
    QUEUE_KEEP_DONE_DAYS = _int("QUEUE_KEEP_DONE_DAYS", 7)
    #: local times of the scheduled jobs: "HH:MM", several with commas, "*:MM" every hour,
    #: empty never (trainer/jobs/schedule.py)
    BOOKINGS_CHECK_AT = _env("BOOKINGS_CHECK_AT", "03:15")
    RETENTION_SWEEP_AT = _env("RETENTION_SWEEP_AT", "03:45")
    LEARNER_SWEEP_AT = _env("LEARNER_SWEEP_AT", "*:05")


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
    QUEUE_FILE = _env("QUEUE_FILE")
    #: jobs run at once, and a failing one is tried again at once (no worker in most tests)
    QUEUE_IMMEDIATE = _env("QUEUE_IMMEDIATE", "true").lower() == "true"
    QUEUE_RETRY_DELAY_SECONDS = _int("QUEUE_RETRY_DELAY_SECONDS", 0)


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
