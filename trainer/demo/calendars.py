"""Demo calendar links and reminder choices (demo scale only)."""

from sqlalchemy import select

from trainer.extensions import db
from trainer.models import CalendarFeed, Person, ReminderChoice, Reminders, Role, User

#: a spread of choices, so the Calendar page and the feeds show each kind
_CHOICES = (
    Reminders.DAY_BEFORE_AND_TWO_HOURS,
    Reminders.DAY_BEFORE,
    Reminders.TWO_HOURS,
    Reminders.ONE_HOUR,
    Reminders.NONE,
)


def seed_calendars() -> None:
    """Give every demo person a feed link and a reminder choice, and coordinators a team feed."""
    people = db.session.scalars(select(Person).order_by(Person.id)).all()
    for index, person in enumerate(people):
        db.session.add(CalendarFeed(person_id=person.id))
        db.session.add(
            ReminderChoice(person_id=person.id, reminders=_CHOICES[index % len(_CHOICES)])
        )
    for user in db.session.scalars(select(User).order_by(User.id)):
        if user.has_role(Role.COORDINATOR, Role.ADMIN):
            db.session.add(CalendarFeed(user_id=user.id))
    db.session.flush()
