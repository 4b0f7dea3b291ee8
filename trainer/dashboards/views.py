"""Each role's landing page."""
from datetime import timedelta

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from ..auth.permissions import coordinator_required, finance_required, roles_required
from ..extensions import db
from ..models import Role, SessionStatus, TrainingSession, utc_now
from ..scheduling import queries

bp = Blueprint("dashboards", __name__)


@bp.get("/")
@login_required
def home():
    if current_user.has_role(Role.COORDINATOR):
        return redirect(url_for(".coordinator"))
    if current_user.has_role(Role.ADMIN):
        return redirect(url_for("admin.list_users"))
    if current_user.has_role(Role.FINANCE):
        return redirect(url_for(".finance"))
    return redirect(url_for(".my_sessions"))


@bp.get("/coordinator")
@coordinator_required
def coordinator():
    now = utc_now()
    upcoming = queries.upcoming_sessions(now, days=14, limit=12)
    counts = queries.team_counts(upcoming)
    return render_template(
        "dashboards/coordinator.html",
        upcoming=[(s, counts[s.id]) for s in upcoming],
        gaps=sum(c.empty for c in counts.values()),
        statuses=queries.status_counts(now, days=28),
        offers=queries.waiting_offers(now, limit=8),
        now=now,
    )


@bp.get("/finance")
@finance_required
def finance():
    since = utc_now() - timedelta(days=56)
    query = (
        select(TrainingSession)
        .where(TrainingSession.status == SessionStatus.DELIVERED, TrainingSession.starts_at >= since)
        .order_by(TrainingSession.starts_at.desc()).limit(20)
    )
    delivered = list(db.session.scalars(query))
    counts = queries.team_counts(delivered)
    return render_template("dashboards/finance.html",
                           delivered=[(s, counts[s.id]) for s in delivered])


@bp.get("/my-sessions")
@roles_required(Role.TRAINER, Role.COORDINATOR, Role.ADMIN, Role.FINANCE)
def my_sessions():
    person = current_user.person
    assignments = queries.person_sessions(person, since=utc_now() - timedelta(days=1)) if person else []
    return render_template("dashboards/my_sessions.html", person=person, assignments=assignments)
