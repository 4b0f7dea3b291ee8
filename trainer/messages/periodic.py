"""The messages' scheduled jobs: reminders before sessions every REMINDER_EVERY_MINUTES,
and once a day the coordinators' digest (DIGEST_AT) and chasing unanswered offers
(OFFER_CHASE_AT). Each run is a keyed job, so however many workers run the schedule, each
run happens once; and each message has its own key, so a run repeated writes nothing twice."""

from __future__ import annotations

from datetime import datetime

from huey import crontab

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.jobs import job, later, periodic, run_committed
from trainer.jobs import queue as job_queue
from trainer.messages import digest, schedule


@job(name="messages.remind")
def remind() -> None:
    """Write every reminder now due (each is then sent by its own job)."""
    schedule.send_reminders(utc_now())


@periodic("DIGEST_AT")
@job(name="messages.digest")
def send_digest() -> None:
    digest.send_digest(utc_now())


@periodic("OFFER_CHASE_AT")
@job(name="messages.chase")
def chase_offers() -> None:
    schedule.chase_offers(utc_now())


def reminder_slot(moment: datetime, minutes: int) -> str:
    """The run's key: one per REMINDER_EVERY_MINUTES, the same on every worker."""
    slot = moment.replace(second=0, microsecond=0, minute=moment.minute - moment.minute % minutes)
    return f"messages.remind:{slot:%Y-%m-%dT%H:%M}"


def queue_reminders(now: datetime | None = None):
    """Queue this slot's reminder run (once) and hand it over."""
    minutes = job_queue.app().config["REMINDER_EVERY_MINUTES"]
    row = later(remind, key=reminder_slot(now or utc_now(), minutes))
    db.session.commit()
    run_committed()
    return row


@job_queue.huey.periodic_task(crontab(minute="*"), name="messages:reminders")
def look_for_reminders() -> None:
    """Every minute on the worker: queue the reminder run when a slot starts."""
    with job_queue.app().app_context():
        minutes = job_queue.app().config["REMINDER_EVERY_MINUTES"]
        if utc_now().minute % minutes == 0:
            queue_reminders()
