"""The privacy notice: what we hold, why, for how long, and people's rights; in plain English
and in Easy Read. Public: anyone may read it before they have an account."""

from flask import Blueprint, current_app, render_template

from trainer.privacy.retention import retention_periods

bp = Blueprint("privacy", __name__)


@bp.get("/privacy")
def notice():
    return render_template("privacy/notice.html", periods=retention_periods(current_app.config))


@bp.get("/privacy/easy-read")
def easy_read_notice():
    return render_template(
        "privacy/notice_easy_read.html", periods=retention_periods(current_app.config)
    )
