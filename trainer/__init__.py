"""Heads Together: schedule co-produced training, build teams, keep calendars right, pay people."""

import os
import tempfile
from pathlib import Path

from flask import Flask, abort, request
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from config import CONFIGS, INSTANCE_DIR
from trainer import (
    access_log,
    assets,
    cli,
    errors,
    health,
    jobs,
    pagecache,
    request_log,
    security_headers,
    templating,
)
from trainer.admin import job_views
from trainer.admin import views as admin_views
from trainer.auth import account_views, link_views, password_views
from trainer.auth import views as auth_views
from trainer.autofill import views as autofill_views
from trainer.availability import views as availability_views
from trainer.calendars import feed_views
from trainer.calendars import reactions as calendar_reactions
from trainer.calendars import views as calendars_views
from trainer.certificates import views as certificates_views
from trainer.dashboards import views as dashboards_views
from trainer.easy_read import jinja as easy_read_jinja
from trainer.evaluation import views as evaluation_views
from trainer.extensions import csrf, db, login_manager, migrate
from trainer.growth import my_views as grow_views
from trainer.growth import reactions as growth_reactions
from trainer.growth import views as growth_views
from trainer.help import views as help_views
from trainer.jobs import schedule
from trainer.learners import (
    booking_link_views,
    employer_admin_views,
    employer_views,
    learner_views,
    public_views,
    register_views,
    session_views,
)
from trainer.learners import reactions as learner_reactions
from trainer.learners import tasks as learner_tasks
from trainer.limits import views as limits_views
from trainer.messages import periodic as message_jobs
from trainer.messages import reactions as message_reactions
from trainer.messages import views as messages_views
from trainer.models.types import render_migration_type
from trainer.offers import views as offers_views
from trainer.payments import (
    approve_views,  # noqa: F401 (routes on the two blueprints below)
    finance_views,
    letter_views,
    rate_views,  # noqa: F401 (routes on the finance blueprint)
    run_export_views,  # noqa: F401 (routes on the finance blueprint)
)
from trainer.payments import views as payments_views
from trainer.people import views as people_views
from trainer.portal import answer_views
from trainer.portal import views as portal_views
from trainer.privacy import notice_views
from trainer.privacy import tasks as privacy_tasks
from trainer.privacy import views as privacy_views
from trainer.problems import reactions as problem_reactions
from trainer.problems import tasks as problem_tasks
from trainer.problems import views as problems_views
from trainer.programmes import views as programmes_views
from trainer.records import RecordIdConverter
from trainer.reports import views as reports_views
from trainer.sessions import views as sessions_views

ROOT = Path(__file__).resolve().parent.parent


def create_app(config_name: str | None = None, overrides: dict | None = None) -> Flask:
    """Build the application: a checklist of register steps."""
    app = Flask(__name__, instance_path=str(INSTANCE_DIR), static_folder="static")
    load_config(app, config_name, overrides)
    register_extensions(app)
    register_jobs(app)
    register_templates(app)
    register_page_cache(app)
    register_blueprints(app)
    register_reactions(app)
    register_error_handlers(app)
    register_proxies(app)
    register_request_log(app)
    register_security_headers(app)
    register_input_guard(app)
    register_commands(app)
    return app


def load_config(app: Flask, config_name: str | None, overrides: dict | None) -> None:
    name = config_name or os.environ.get("HEADS_TOGETHER_ENV") or "development"
    app.config.from_object(CONFIGS[name])
    app.config.update(overrides or {})
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("SECRET_KEY must be set outside development and tests.")
    if name == "production" and "sqlite" in app.config["SQLALCHEMY_DATABASE_URI"]:
        app.logger.warning("Running in production on SQLite: set DATABASE_URL to PostgreSQL.")
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    if not app.config.get("MAIL_OUTBOX_DIR"):  # the test configuration names none: a private one
        app.config["MAIL_OUTBOX_DIR"] = tempfile.mkdtemp(prefix="heads-together-outbox-")
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        # a file shared by the web app and a worker: wait for the other's write, up to 30 s
        options = app.config["SQLALCHEMY_ENGINE_OPTIONS"] = dict(
            app.config["SQLALCHEMY_ENGINE_OPTIONS"]
        )
        options["connect_args"] = {"timeout": 30} | options.get("connect_args", {})
    if not app.config.get("QUEUE_FILE"):
        folder = tempfile.mkdtemp(prefix="heads-together-queue-")
        app.config["QUEUE_FILE"] = str(Path(folder) / "queue.db")


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(ROOT / "migrations"),
        render_as_batch=True,
        compare_type=True,
        render_item=render_migration_type,
    )
    csrf.init_app(app)
    login_manager.init_app(app)
    WTFormsHelpers(app)


#: modules that declare jobs the worker runs on a schedule (others are imported by their views)
SCHEDULED = (learner_tasks, problem_tasks, privacy_tasks, message_jobs)


def register_jobs(app: Flask) -> None:
    """The job queue, and its jobs handed over when the request or command is over."""
    jobs.init_app(app)
    for setting in schedule.SETTINGS.values():
        schedule.times(app.config.get(setting))  # a time that is not one stops the start
    app.teardown_request(lambda error: jobs.run_committed())
    app.teardown_appcontext(lambda error: jobs.run_committed())


def register_templates(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(ROOT / "templates")),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    templating.register(app)
    easy_read_jinja.register(app)


def register_page_cache(app: Flask) -> None:
    pagecache.register(app)


#: every page of the service, one blueprint a capability (or two, for people's own pages)
BLUEPRINTS = (
    assets.bp,
    health.bp,
    auth_views.bp,
    link_views.bp,
    password_views.bp,
    account_views.bp,
    notice_views.bp,
    privacy_views.bp,
    dashboards_views.bp,
    admin_views.bp,
    job_views.bp,
    programmes_views.bp,
    people_views.bp,
    sessions_views.bp,
    offers_views.bp,
    messages_views.bp,
    problems_views.bp,
    availability_views.bp,
    autofill_views.bp,
    calendars_views.bp,
    feed_views.bp,
    portal_views.bp,
    growth_views.bp,
    grow_views.bp,
    answer_views.bp,
    help_views.bp,
    payments_views.bp,
    letter_views.bp,
    finance_views.bp,
    limits_views.bp,
    learner_views.bp,
    session_views.bp,
    register_views.bp,
    employer_admin_views.bp,
    employer_views.bp,
    public_views.bp,
    booking_link_views.bp,
    certificates_views.bp,
    evaluation_views.bp,
    reports_views.bp,
)


def register_blueprints(app: Flask) -> None:
    app.url_map.converters["id"] = RecordIdConverter
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)


def register_reactions(app: Flask) -> None:
    """What one capability does when another's data changes (see trainer/signals.py)."""
    calendar_reactions.subscribe()
    problem_reactions.subscribe()
    learner_reactions.subscribe()
    message_reactions.subscribe()
    growth_reactions.subscribe()


def register_error_handlers(app: Flask) -> None:
    errors.register(app)


def register_proxies(app: Flask) -> None:
    """Behind TRUSTED_PROXIES proxies, the client's address and scheme are the ones they
    passed on: throttles count per client, logs name the client, links are https."""
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def register_request_log(app: Flask) -> None:
    request_log.register(app)
    access_log.register(app)


def register_security_headers(app: Flask) -> None:
    security_headers.register(app)


def register_input_guard(app: Flask) -> None:
    @app.before_request
    def refuse_nul_bytes():
        """Nobody types a NUL byte and PostgreSQL cannot store one: refuse it, not a 500."""
        if any("\x00" in value for _, value in request.values.items(multi=True)):
            abort(400)


def register_commands(app: Flask) -> None:
    cli.register(app)
