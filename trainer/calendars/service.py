"""Changes to feed links and reminder choices. Services flush; the view commits."""

from __future__ import annotations

from sqlalchemy import select

from trainer import audit
from trainer.extensions import db
from trainer.models import CalendarFeed, Person, ReminderChoice, Reminders, User
from trainer.models.calendars import new_feed_token


def get_feed(*, person: Person | None = None, user: User | None = None) -> CalendarFeed | None:
    if person is not None:
        return db.session.scalar(select(CalendarFeed).where(CalendarFeed.person_id == person.id))
    return db.session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))


def find_feed(token: str) -> CalendarFeed | None:
    """The feed a link's token opens, or None (unknown or revoked)."""
    if not 20 <= len(token) <= 64:
        return None
    return db.session.scalar(select(CalendarFeed).where(CalendarFeed.token == token))


def new_link(
    *, person: Person | None = None, user: User | None = None, actor: User | None
) -> CalendarFeed:
    """Make a feed link, or replace the old one (which stops working at once)."""
    feed = get_feed(person=person, user=user)
    action = "calendar_feed.replaced" if feed else "calendar_feed.created"
    if feed is None:
        feed = CalendarFeed(
            person_id=person.id if person else None,
            user_id=user.id if user and not person else None,
        )
        db.session.add(feed)
    feed.token = new_feed_token()
    db.session.flush()
    audit.record(action, feed, actor=actor, after=_owner(feed))
    return feed


def revoke_link(feed: CalendarFeed, *, actor: User | None) -> None:
    """Stop a feed link working: it answers 404 from now on."""
    audit.record("calendar_feed.revoked", feed, actor=actor, before=_owner(feed))
    db.session.delete(feed)
    db.session.flush()


def _owner(feed: CalendarFeed) -> dict:
    return {"person_id": feed.person_id, "user_id": feed.user_id}  # never the token


def set_reminders(person: Person, reminders: Reminders, *, actor: User | None) -> ReminderChoice:
    """Choose the reminders on a person's calendar copies (feeds and emailed invites)."""
    choice = db.session.get(ReminderChoice, person.id)
    if choice is None:
        choice = ReminderChoice(person_id=person.id)
        db.session.add(choice)
    choice.reminders = reminders
    db.session.flush()
    return choice
