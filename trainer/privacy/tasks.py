"""Data-rights work on the job queue: subject access copies made in the background, and the
retention rules applied every night (RETENTION_SWEEP_AT)."""

from flask import current_app, has_request_context

from trainer.jobs import job, periodic
from trainer.privacy import retention, subject_access


@job(name="privacy.make_copy")
def make_copy(export_id: int) -> None:
    """Make a subject access copy's files (remade if run again)."""
    if has_request_context():
        subject_access.make_copy(export_id)
        return
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        subject_access.make_copy(export_id)


@periodic("RETENTION_SWEEP_AT")
@job(name="privacy.retention_sweep")
def retention_sweep() -> None:
    """Remove personal data older than its retention setting, and log what went."""
    retention.sweep(current_app.config)
