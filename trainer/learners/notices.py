"""Which email each change to a place calls for, and what it says. Every one is sent through
`messages.send_learner_message`, in the caller's transaction."""

from __future__ import annotations

from datetime import datetime

from flask import url_for

from trainer.calendars.itip import say_date, say_time
from trainer.learners import tokens
from trainer.learners.messages import Attachment, send_learner_message
from trainer.learners.session_ics import learner_event_ics
from trainer.learners.settings import settings_for
from trainer.models import Booking, BookingRequest
from trainer.timezones import local_zone


def _stamp(moment: datetime | None) -> int:
    return int(moment.timestamp()) if moment else 0


def about(booking: Booking) -> dict:
    """What every message about a booking can say: who, what, when, where, and its links."""
    session, zone = booking.session, local_zone()
    settings = settings_for(session.programme_id)
    venue = session.venue
    return {
        "name": booking.learner.full_name,
        "programme": session.programme.name,
        "tier": settings.tier,
        "day": say_date(session.starts_at, zone),
        "starts": say_time(session.starts_at, zone),
        "ends": say_time(session.ends_at, zone),
        "online": session.is_online,
        "where": "Online" if session.is_online else f"{venue.name}, {venue.address}",
        "getting_in": "" if session.is_online else venue.arrival_instructions,
        "joining_link": session.joining_link if session.is_online else "",
        "before_you_come": settings.before_you_come,
        "part_one_done": booking.learner.part_one.is_done,
        "adjustments": booking.learner.adjustments,
        "manage_url": manage_url(booking),
    }


def manage_url(booking: Booking) -> str:
    token = tokens.make("booking", booking.id)
    return url_for("learner_links.manage_booking", token=token, _external=True)


def _ics(booking: Booking) -> tuple[Attachment, ...]:
    content = learner_event_ics(booking)
    params = (("method", "PUBLISH"),)
    return (Attachment("session.ics", content, "text", "calendar", params),)


def _send(kind: str, booking: Booking, key: str, *, ics: bool = False, **extra):
    return send_learner_message(
        kind,
        to=booking.learner.email,
        key=key,
        booking=booking,
        context={**about(booking), **extra},
        attachments=_ics(booking) if ics else (),
    )


def confirm_email(request: BookingRequest, token: str, *, hours: int) -> None:
    """The link that confirms a public booking's email address (and makes the booking)."""
    session, zone = request.session, local_zone()
    send_learner_message(
        "confirm_email",
        to=request.email,
        key=f"confirm-email:{request.id}",
        context={
            "name": request.details.get("full_name", ""),
            "programme": session.programme.name,
            "day": say_date(session.starts_at, zone),
            "starts": say_time(session.starts_at, zone),
            "confirm_url": url_for("booking.confirm_email", token=token, _external=True),
            "hours": hours,
        },
    )


def joining_instructions(booking: Booking) -> None:
    booking.told_sequence = booking.session.sequence
    _send("joining", booking, f"joining:{booking.id}:{_stamp(booking.placed_at)}", ics=True)


def on_waiting_list(booking: Booking) -> None:
    _send("waiting", booking, f"waiting:{booking.id}:{_stamp(booking.queued_at)}")


def place_offered(booking: Booking) -> None:
    zone = local_zone()
    deadline = booking.offer_expires_at
    _send(
        "place_offered",
        booking,
        f"offered:{booking.id}:{_stamp(deadline)}",
        offer_url=url_for(
            "learner_links.offered_place",
            token=tokens.make("offer", booking.id, deadline),
            _external=True,
        ),
        deadline=f"{say_time(deadline, zone)} on {say_date(deadline, zone)}",
    )


def offer_lapsed(booking: Booking) -> None:
    _send("offer_lapsed", booking, f"lapsed:{booking.id}:{_stamp(booking.offer_expires_at)}")


def place_cancelled(booking: Booking) -> None:
    _send("cancelled", booking, f"cancelled:{booking.id}:{_stamp(booking.cancelled_at)}", ics=True)


def session_cancelled(booking: Booking) -> None:
    key = f"session-cancelled:{booking.id}:{booking.session.sequence}"
    _send("session_cancelled", booking, key, ics=True)


def session_changed(booking: Booking) -> None:
    """New details, when the time, place or link changed since the learner was last told."""
    if booking.told_sequence == booking.session.sequence:
        return
    booking.told_sequence = booking.session.sequence
    _send("changed", booking, f"changed:{booking.id}:{booking.session.sequence}", ics=True)


def reminder(booking: Booking) -> None:
    key = f"reminder:{booking.id}:{_stamp(booking.session.starts_at)}"
    _send("reminder", booking, key, ics=True)


def after_the_session(booking: Booking, *, certificate_url: str | None) -> None:
    """Thanks, the certificate (whole session attended) and the evaluation link."""
    evaluate = url_for(
        "evaluation.answer_personal", token=tokens.make("evaluate", booking.id), _external=True
    )
    _send(
        "after_session",
        booking,
        f"after:{booking.id}:{'certificate' if certificate_url else 'thanks'}",
        certificate_url=certificate_url,
        evaluation_url=evaluate,
        completed=certificate_url is not None,
    )
