"""Each role's landing page."""

from datetime import datetime

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from trainer import access_log, pagecache
from trainer.auth.permissions import coordinator_required, finance_required, roles_required
from trainer.clock import utc_now
from trainer.dashboards import coordinator as coordinator_dashboard
from trainer.models import Role
from trainer.payments import approval
from trainer.payments import queries as payments
from trainer.portal import queries as portal

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
    if current_user.has_role(Role.EMPLOYER) and current_user.person is None:
        return redirect(url_for("employer.home"))
    return redirect(url_for("portal.home"))


@bp.get("/coordinator")
@coordinator_required
def coordinator():
    now = utc_now()
    # what the page shows moves with the clock: a body is kept for the current minute at most
    return pagecache.render_cached(
        "dashboards/coordinator.html",
        lambda: _dashboard(now),
        vary=now.replace(second=0, microsecond=0),
        # every visit, a kept page's too, notes whose support needs it showed
        each_visit=(
            lambda context: context["needs_shown"],
            lambda people: access_log.shown(people, access_log.SUPPORT_NEEDS),
        ),
    )


def _dashboard(now: datetime) -> dict:
    return coordinator_dashboard.dashboard(now)


@bp.get("/finance")
@finance_required
def finance():
    settings = approval.get_settings()
    return render_template(
        "dashboards/finance.html",
        may_approve=approval.may_approve(current_user, settings),
        approval_route=settings.approval_route,
        **payments.finance_overview(),
    )


@bp.get("/my-sessions")
@roles_required(Role.TRAINER, Role.COORDINATOR, Role.ADMIN, Role.FINANCE)
def my_sessions():
    person = current_user.person
    return render_template(
        "dashboards/my_sessions.html",
        person=person,
        mine=portal.my_sessions(person, utc_now()) if person else None,
        style=person.preferred_format.value if person else "plain",
    )
