"""The learners' sweep on the job queue (LEARNER_SWEEP_AT, every hour by default): offers of
places that ran out are offered on, and learners are reminded of sessions starting soon."""

from flask import current_app

from trainer.extensions import db
from trainer.jobs import job, periodic
from trainer.learners import outbox, sweep


@periodic("LEARNER_SWEEP_AT")
@job(name="learners.sweep")
def sweep_learners() -> None:
    """Safe to run as often as you like: each offer lapses once, each reminder goes once."""
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        sweep.run_due()
        db.session.commit()  # the emails are saved with what they tell, then sent
        outbox.deliver_committed()
