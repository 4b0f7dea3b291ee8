"""Failed jobs, for coordinators and admins: what failed, why, and a button to try it again
or dismiss it (each with a confirmation)."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from trainer.auth.permissions import coordinator_required
from trainer.changes import Change
from trainer.forms import BaseForm
from trainer.jobs import failed
from trainer.models import Job, JobState
from trainer.records import get_or_404

bp = Blueprint("jobs", __name__, url_prefix="/admin/jobs")

#: action -> (page heading's verb, button, what happens, done message, service)
ACTIONS = {
    "try-again": (
        "Try again",
        "Try the job again",
        "It goes back on the queue now, with all its tries.",
        "The job is back on the queue.",
        failed.try_again,
    ),
    "dismiss": (
        "Dismiss",
        "Dismiss the job",
        "It will not be tried again and leaves this list. Its record stays in the audit log.",
        "The job is dismissed.",
        failed.dismiss,
    ),
}


@bp.get("")
@coordinator_required
def list_failed():
    return render_template(
        "admin/jobs.html",
        jobs=failed.list_failed(),
        counts=failed.counts(),
        JobState=JobState,
        describe=failed.describe_arguments,
    )


@bp.route("/<id:job_id>/try-again", methods=["GET", "POST"])
@coordinator_required
def try_again(job_id: int):
    return _confirm(get_or_404(Job, job_id), "try-again")


@bp.route("/<id:job_id>/dismiss", methods=["GET", "POST"])
@coordinator_required
def dismiss(job_id: int):
    return _confirm(get_or_404(Job, job_id), "dismiss")


def _confirm(job: Job, action: str):
    """A page that asks to confirm; its button does the action."""
    verb, button, outcome, done, service = ACTIONS[action]
    back = url_for(".list_failed")
    if BaseForm().validate_on_submit():  # the button posts the CSRF token only
        with Change(success=done):
            service(job, actor=current_user)
        return redirect(back)
    return render_template(
        "admin/confirm_job.html",
        job=job,
        verb=verb,
        button=button,
        outcome=outcome,
        back=back,
        describe=failed.describe_arguments,
    )
