"""Heads Together: schedule co-produced training, build teams, keep calendars right, pay people."""

import os
import tempfile
from pathlib import Path

from flask import Flask, abort, request
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from config import CONFIGS, INSTANCE_DIR
from trainer.extensions import csrf, db, login_manager, migrate

ROOT = Path(__file__).resolve().parent.parent


def create_app(config_name: str | None = None, overrides: dict | None = None) -> Flask:
    """Build the application: a checklist of register steps."""
    app = Flask(__name__, instance_path=str(INSTANCE_DIR), static_folder="static")
    load_config(app, config_name, overrides)
    register_extensions(app)
    register_templates(app)
    register_page_cache(app)
    register_blueprints(app)
    register_error_handlers(app)
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
    INSTANCE_DIR.mkdir(exist_ok=True)
    for folder in ("MAIL_OUTBOX_DIR", "PAY_RUN_LETTERS_DIR"):
        if not app.config.get(folder):  # the test configuration names none: a private one
            app.config[folder] = tempfile.mkdtemp(prefix=f"heads-together-{folder.lower()}-")


def register_extensions(app: Flask) -> None:
    from trainer.models.types import render_migration_type

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


def register_templates(app: Flask) -> None:
    from trainer.templating import register_filters

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
    register_filters(app)


def register_page_cache(app: Flask) -> None:
    from trainer.pagecache import register

    register(app)


def register_blueprints(app: Flask) -> None:
    from trainer.admin.views import bp as admin_bp
    from trainer.assets import bp as assets_bp
    from trainer.auth.link_views import bp as links_bp
    from trainer.auth.views import bp as auth_bp
    from trainer.calendars.views import bp as calendars_bp
    from trainer.courses.views import bp as courses_bp
    from trainer.dashboards.views import bp as dashboards_bp
    from trainer.payments.finance_views import bp as finance_bp
    from trainer.payments.views import bp as payments_bp
    from trainer.people.views import bp as people_bp
    from trainer.portal.views import bp as portal_bp
    from trainer.scheduling.team_blueprints import blueprints as team_blueprints
    from trainer.scheduling.views import bp as scheduling_bp

    for blueprint in (
        assets_bp,
        auth_bp,
        dashboards_bp,
        admin_bp,
        courses_bp,
        people_bp,
        scheduling_bp,
        calendars_bp,
        links_bp,
        portal_bp,
        *team_blueprints,
        payments_bp,
        finance_bp,
    ):
        app.register_blueprint(blueprint)


def register_error_handlers(app: Flask) -> None:
    from trainer.errors import register

    register(app)


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def add_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response


def register_input_guard(app: Flask) -> None:
    @app.before_request
    def refuse_nul_bytes():
        """Nobody types a NUL byte and PostgreSQL cannot store one: refuse it, not a 500."""
        if any("\x00" in value for _, value in request.values.items(multi=True)):
            abort(400)


def register_commands(app: Flask) -> None:
    from trainer.cli import register

    register(app)
