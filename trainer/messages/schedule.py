"""Scheduled messages, run by the job queue's periodic tasks: reminders before sessions,
chasing unanswered offers, and the coordinators' daily digest. Each is idempotent: running
it twice writes nothing twice (every message has its key)."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from trainer.extensions import db
from trainer.jobs import run_committed
from trainer.messages import choices as choosing
from trainer.messages import events, wording
from trainer.messages.log import batched, tell_person
from trainer.messages.timing import reminder_moments
from trainer.models import (
    Assignment,
    MessageChoice,
    OfferStatus,
    SessionStatus,
    TrainingSession,
)
from trainer.timezones import local_zone

LIVE = (SessionStatus.DRAFT, SessionStatus.SCHEDULED)
#: seats read, written and committed at a time
REMINDER_PAGE = 500
#: the furthest ahead a reminder is chosen (a week), with a day to spare
REMINDER_HORIZON = timedelta(days=8)
WHEN = {
    "week_before": "in a week",
    "two_days_before": "in two days",
    "day_before": "tomorrow",
    "morning_of": "today",
}


def due_reminders(now: datetime) -> list[tuple[Assignment, str, datetime, MessageChoice]]:
    """(seat, reminder, its moment) for each accepted seat whose latest chosen reminder is due."""
    return due_in(seats_to_remind(now), now)


def seats_to_remind(now: datetime, *, after: int = 0, limit: int | None = None) -> list[Assignment]:
    """Accepted seats in sessions of the next REMINDER_HORIZON, in id order after `after`."""
    query = (
        select(Assignment)
        .join(Assignment.session)
        .where(
            Assignment.id > after,
            Assignment.offer_status == OfferStatus.ACCEPTED,
            TrainingSession.status.in_(LIVE),
            TrainingSession.starts_at > now,
            TrainingSession.starts_at <= now + REMINDER_HORIZON,
        )
        .options(selectinload(Assignment.session).selectinload(TrainingSession.assignments))
        .order_by(Assignment.id)
        .limit(limit)
    )
    return list(db.session.scalars(query).unique())


def due_in(
    seats: list[Assignment], now: datetime
) -> list[tuple[Assignment, str, datetime, MessageChoice]]:
    """The latest chosen reminder that is due for each of these seats, if one is, with the
    person's choices."""
    chosen = {
        row.person_id: row
        for row in db.session.scalars(
            select(MessageChoice).where(MessageChoice.person_id.in_({a.person_id for a in seats}))
        )
    }
    zone, due = local_zone(), []
    for seat in seats:
        choice = chosen.get(seat.person_id) or MessageChoice.defaults(seat.person_id)
        moments = reminder_moments(seat.session.starts_at, choosing.chosen_reminders(choice), zone)
        passed = [(moment, name) for name, moment in moments.items() if moment <= now]
        if passed:
            moment, name = max(passed)
            due.append((seat, name, moment, choice))
    return due


def send_reminders(now: datetime, *, page: int = REMINDER_PAGE) -> int:
    """Write each due reminder, committing a page of seats at a time so that memory stays
    flat however many there are; each page's messages are sent by batch jobs. How many
    seats were reminded."""
    url = events.my_sessions()
    count, after = 0, 0
    while True:
        with batched():
            seats = seats_to_remind(now, after=after, limit=page)
            for seat, name, moment, choice in due_in(seats, now):
                content = wording.reminder(seat, when=WHEN[name], url=url)
                key = f"reminder:{seat.id}:{name}:{events.stamp(seat.session.starts_at)}"
                written = tell_person(
                    seat.person,
                    "reminder",
                    key,
                    content,
                    session=seat.session,
                    not_before=moment,
                    chosen=choice,
                )
                count += bool(written)
        db.session.commit()
        run_committed()
        if len(seats) < page:
            return count
        after = seats[-1].id


def chase_offers(now: datetime) -> int:
    """Unanswered offers: remind the person after OFFER_REMINDER_DAYS, then tell the
    coordinators after OFFER_CHASE_DAYS (flushes)."""
    config = current_app.config
    remind_before = now - timedelta(days=config["OFFER_REMINDER_DAYS"])
    chase_before = now - timedelta(days=config["OFFER_CHASE_DAYS"])
    query = (
        select(Assignment)
        .join(Assignment.session)
        .where(
            Assignment.offer_status == OfferStatus.OFFERED,
            Assignment.offered_at <= remind_before,
            TrainingSession.status.in_(LIVE),
            TrainingSession.starts_at > now,
        )
        .order_by(Assignment.id)
    )
    count = 0
    for offer in db.session.scalars(query).unique():
        events.offer_reminder(offer)
        if offer.offered_at <= chase_before:
            events.offer_chased(offer)
        count += 1
    return count
