"""The nightly bookings check on the job queue (BOOKINGS_CHECK_AT): every seat held in
sessions to come is checked again against the booking rules."""

from trainer.jobs import job, periodic
from trainer.problems.sweep import check_every_held_seat


@periodic("BOOKINGS_CHECK_AT")
@job(name="problems.check_bookings")
def check_bookings() -> None:
    """Record new problems and resolve those that no longer apply (safe to run again)."""
    check_every_held_seat()
