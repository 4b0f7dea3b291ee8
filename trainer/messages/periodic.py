"""The messages' scheduled jobs: reminders before sessions (REMINDERS_AT, every quarter
hour), the coordinators' daily digest (DIGEST_AT) and chasing unanswered offers
(OFFER_CHASE_AT). Each run is a keyed job, so however many workers run the schedule, each
run happens once; and each message has its own key, so a run repeated writes nothing twice."""

from __future__ import annotations

from trainer.clock import utc_now
from trainer.jobs import job, periodic
from trainer.messages import digest, schedule


@periodic("REMINDERS_AT")
@job(name="messages.remind")
def remind() -> None:
    """Write every reminder now due (sent by batch jobs, a page at a time)."""
    schedule.send_reminders(utc_now())


@periodic("DIGEST_AT")
@job(name="messages.digest")
def send_digest() -> None:
    digest.send_digest(utc_now())


@periodic("OFFER_CHASE_AT")
@job(name="messages.chase")
def chase_offers() -> None:
    schedule.chase_offers(utc_now())
