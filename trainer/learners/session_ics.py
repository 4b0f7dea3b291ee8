"""A learner's copy of their session as an .ics file, written by the calendars' icalendar code.

Each booking has its own event (not the team's): its UID is stable for the booking, and its
SEQUENCE is the minutes since the booking was made, so every later file (a changed time, a
cancelled place, a place booked again) replaces the one before in the learner's calendar.
"""

from __future__ import annotations

from datetime import timedelta

from trainer.calendars.ics import EventData, render_calendar
from trainer.calendars.itip import say_date, say_time
from trainer.clock import utc_now
from trainer.models import Booking, SessionStatus
from trainer.timezones import local_zone

#: reminders in learners' calendars: the day before, and an hour before
ALARMS = (1440, 60)


def location(booking: Booking) -> str:
    session = booking.session
    if session.is_online:
        return "Online"
    venue = session.venue
    return f"{venue.name}, {venue.address}" if venue.address else venue.name


def learner_event(booking: Booking) -> EventData:
    session, zone = booking.session, local_zone()
    now = utc_now()
    cancelled = not booking.status.holds_place or session.status is SessionStatus.CANCELLED
    lines = [
        f"When: {say_date(session.starts_at, zone)}, {say_time(session.starts_at, zone)} "
        f"to {say_time(session.ends_at, zone)}",
        f"Where: {location(booking)}",
    ]
    if session.is_online and session.joining_link:
        lines.append(f"Join online: {session.joining_link}")
    elif session.venue and session.venue.arrival_instructions:
        lines.append(f"Getting in: {session.venue.arrival_instructions}")
    return EventData(
        uid=f"learner-{booking.id}-{session.calendar_uid}",
        sequence=max(int((now - booking.created_at) // timedelta(minutes=1)), 0),
        status="CANCELLED" if cancelled else "CONFIRMED",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        last_modified=now,
        summary=f"{session.programme.name} training",
        location=location(booking),
        description="\n".join(lines),
        url=(session.joining_link or None) if session.is_online else None,
        alarms=() if cancelled else ALARMS,
    )


def learner_event_ics(booking: Booking) -> bytes:
    """The booking's session as a one-event calendar file (PUBLISH)."""
    return render_calendar([learner_event(booking)], local_zone(), method="PUBLISH", cache=None)
