"""Emailed invitations (iTIP, RFC 5546 and 6047) and the plain and Easy Read words for sessions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from typing import Literal
from zoneinfo import ZoneInfo

from trainer.calendars.ics import EventData, Method, render_invite
from trainer.clock import utc_now

Change = Literal["new", "changed", "cancelled"]

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = tuple(
    "January February March April May June July August September October November December".split()
)


@dataclass(frozen=True, slots=True)
class SessionDetails:
    """The plain facts one person needs about one session. Times are aware UTC."""

    programme: str
    role: str
    starts_at: datetime
    ends_at: datetime
    #: A full address, or "Online".
    location: str
    joining_link: str | None = None
    arrive_at: datetime | None = None
    ask_for: str | None = None
    #: (name, role) for each member of the team.
    team: tuple[tuple[str, str], ...] = ()
    support: tuple[str, ...] = ()
    bring: tuple[str, ...] = ()

    @property
    def is_online(self) -> bool:
        return self.location.strip().casefold() == "online"


# -- words -------------------------------------------------------------------------------------


def say_date(moment: datetime, tz: ZoneInfo, *, year: bool = True) -> str:
    """'Monday 30 March 2026' in local time, whatever the server's locale."""
    local = moment.astimezone(tz)
    words = f"{_DAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]}"
    return f"{words} {local.year}" if year else words


def say_time(moment: datetime, tz: ZoneInfo) -> str:
    """'10am', '9:30am', '12pm' in local time (the app's own format_time style)."""
    local = moment.astimezone(tz)
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{local.hour % 12 or 12}{minutes}{'am' if local.hour < 12 else 'pm'}"


def _with_article(words: str) -> str:
    return f"{'an' if words[:1].lower() in 'aeiou' else 'a'} {words}"


def describe_session(details: SessionDetails, tz: ZoneInfo) -> str:
    """The calendar DESCRIPTION: when, arrival, where, link, who to ask for, team, support."""
    start, end = details.starts_at, details.ends_at
    lines = [f"When: {say_date(start, tz)}, {say_time(start, tz)} to {say_time(end, tz)}"]
    if details.arrive_at:
        lines.append(f"Please arrive by {say_time(details.arrive_at, tz)}.")
    lines.append(f"Where: {details.location}")
    if details.joining_link:
        lines.append(f"Join online: {details.joining_link}")
    if details.ask_for:
        lines.append(f"Ask for: {details.ask_for}")
    lines += _listed("Team:", [f"{name}, {role}" for name, role in details.team])
    lines += _listed("Support arranged:", details.support)
    lines += _listed("What to bring:", details.bring)
    return "\n".join(lines)


def _listed(heading: str, items: Sequence[str]) -> list[str]:
    return [heading, *(f"- {item}" for item in items)] if items else []


def event_from_details(
    details: SessionDetails,
    *,
    uid: str,
    sequence: int,
    status: str,
    last_modified: datetime,
    alarms: tuple[int, ...] = (),
    tz: ZoneInfo,
) -> EventData:
    """The EventData for one person's view of a session, with the standard summary and words."""
    return EventData(
        uid=uid,
        sequence=sequence,
        status=status,
        starts_at=details.starts_at,
        ends_at=details.ends_at,
        last_modified=last_modified,
        summary=f"{details.programme} – {details.role}",
        location=details.location,
        description=describe_session(details, tz),
        url=details.joining_link,
        alarms=alarms,
    )


def plain_body(
    details: SessionDetails,
    tz: ZoneInfo,
    *,
    name: str,
    change: Change,
    contact: str | None = None,
) -> str:
    """The email text in plain (not Easy Read) language."""
    day, role = say_date(details.starts_at, tz), _with_article(details.role)
    opening = {
        "new": f"You are booked as {role} for {details.programme} on {day}. "
        "The attached invitation adds the session to your calendar.",
        "changed": f"Your {details.programme} session has changed. The details below are the "
        "new ones, and the attached invitation updates your calendar.",
        "cancelled": f"Your {details.programme} session on {day} has been cancelled. You do "
        "not need to attend. The attached update marks it as cancelled in your calendar.",
    }[change]
    parts = [f"Hello {name},", opening, describe_session(details, tz)]
    if contact:
        parts.append(f"If anything is wrong, or you need different support, contact {contact}.")
    return "\n\n".join(parts) + "\n"


def easy_read_body(
    details: SessionDetails,
    tz: ZoneInfo,
    *,
    name: str,
    change: Change,
    contact: str | None = None,
) -> str:
    """The email text in Easy Read: short sentences, one idea a line, the same words throughout."""
    groups = [[f"Hello {name}."]]
    if change == "cancelled":
        day = say_date(details.starts_at, tz, year=False)
        groups.append([f"Your session on {day} is cancelled.", "You do not need to go."])
    else:
        groups.append(_easy_opening(details, change))
        groups += _easy_details(details, tz)
    if contact:
        groups.append([f"If you have a question, please contact {contact}."])
    return "\n\n".join("\n".join(group) for group in groups) + "\n"


def _easy_opening(details: SessionDetails, change: Change) -> list[str]:
    if change == "changed":
        return [
            "Your session has changed.",
            "Here are the new details.",
            "Open the calendar invite to change your calendar.",
        ]
    return [
        f"You are booked for {_with_article(details.programme)} session.",
        f"You will be {_with_article(details.role)}.",
        "Open the calendar invite to put your session in your calendar.",
    ]


def _easy_details(details: SessionDetails, tz: ZoneInfo) -> list[list[str]]:
    team = [f"{person}, {role}" for person, role in details.team]
    lists = [
        ("Your team for this session is:", team),
        ("We have arranged this support for you:", details.support),
        ("Please bring:", details.bring),
    ]
    listed = [[heading, *items] for heading, items in lists if items]
    return [_easy_when(details, tz), _easy_where(details), *listed]


def _easy_when(details: SessionDetails, tz: ZoneInfo) -> list[str]:
    when = [
        f"Your session is on {say_date(details.starts_at, tz, year=False)}.",
        f"It starts at {say_time(details.starts_at, tz)}.",
    ]
    if details.arrive_at:
        when.append(f"Please arrive at {say_time(details.arrive_at, tz)}.")
    return when + [f"It ends at {say_time(details.ends_at, tz)}."]


def _easy_where(details: SessionDetails) -> list[str]:
    if not details.is_online:
        where = ["Your session is at this place:", details.location]
    elif details.joining_link:
        where = [
            "Your session is online.",
            "Use this link to join your session:",
            details.joining_link,
        ]
    else:
        where = ["Your session is online."]
    if details.ask_for:
        where.append(f"When you get there, ask for {details.ask_for}.")
    return where


# -- invitations -------------------------------------------------------------------------------


def build_invite_email(
    event: EventData,
    *,
    method: Method,
    organizer_email: str,
    organizer_name: str,
    attendee_email: str,
    attendee_name: str,
    from_addr: str,
    to_addrs: Sequence[str],
    subject: str,
    text_body: str,
    tz: ZoneInfo,
    partstat: Literal["NEEDS-ACTION", "ACCEPTED"] = "ACCEPTED",
    dtstamp: datetime | None = None,
) -> EmailMessage:
    """multipart/mixed: (text/plain | text/calendar; method=…) then invite.ics, application/ics."""
    sent_at = utc_now()
    calendar = render_invite(
        event,
        method=method,
        organizer_email=organizer_email,
        organizer_name=organizer_name,
        attendee_email=attendee_email,
        attendee_name=attendee_name,
        tz=tz,
        partstat=partstat,
        dtstamp=dtstamp or sent_at,
    )
    message = EmailMessage()
    message["Subject"] = " ".join(subject.split())
    message["From"] = from_addr
    message["To"] = ", ".join(to_addrs)
    message["Date"] = format_datetime(sent_at)
    domain = parseaddr(from_addr)[1].rpartition("@")[2] or "heads-together.invalid"
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(text_body)
    message.add_alternative(calendar, maintype="text", subtype="calendar")
    content_type = f'text/calendar; charset="utf-8"; method={method}'
    _plain_content_type(message.get_payload()[1], content_type)
    message.add_attachment(calendar, maintype="application", subtype="ics", filename="invite.ics")
    return message


def _plain_content_type(part: EmailMessage, value: str) -> None:
    """Set Content-Type verbatim: the email package would quote method="REQUEST"; clients expect
    the token form that Google and Exchange send."""
    del part["Content-Type"]
    part.set_raw("Content-Type", value)
