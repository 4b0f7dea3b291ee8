"""The words of each message to a person about a session, in the Easy Read vocabulary
(trainer.easy_read): the same phrases and pictures as the portal's pages."""

from __future__ import annotations

from flask import current_app

from trainer.clock import utc_now
from trainer.easy_read import say, say_day, say_money, say_time
from trainer.messages.content import Action, Content, Line
from trainer.models import ACCESS_FEATURES, Assignment, OfferStatus, Person, TrainingSession
from trainer.timezones import to_local


def day_of(session: TrainingSession) -> str:
    return in_words(session.starts_at)


def in_words(moment) -> str:
    """'Thursday 17 December', with the year only when it is not this year."""
    local = to_local(moment)
    return say_day(local, this_year=to_local(utc_now()).year)


def sign_off() -> tuple[str, ...]:
    config = current_app.config
    return (
        f"From {config['ORG_NAME']}.",
        f"Questions? Email {config['ORG_EMAIL']} or phone {config['ORG_PHONE']}.",
    )


def session_lines(assignment: Assignment, *, pay_pence: int | None = None) -> list[Line]:
    """Where, when, the role, the team and (for offers) the pay: lines with pictures."""
    session = assignment.session
    start, end = to_local(session.starts_at), to_local(session.ends_at)
    lines = [
        Line(say("session.programme", programme=session.programme.name), "star"),
        Line(say("session.when", day=in_words(session.starts_at)), "calendar"),
        Line(say("session.times", start=say_time(start), end=say_time(end)), "clock"),
        *place_lines(session),
        Line(say("session.role", role=assignment.delivery_role.name.lower()), "person"),
    ]
    team = [
        f"{a.person.display_name} ({a.delivery_role.name.lower()})"
        for a in session.assignments
        if a.person_id != assignment.person_id and a.offer_status is OfferStatus.ACCEPTED
    ]
    if team:
        lines.append(Line(say("session.team"), "people", items=tuple(team)))
    else:
        lines.append(Line(say("session.no_team"), "people"))
    if pay_pence:
        lines.append(Line(say("session.pay", pay=say_money(pay_pence)), "money"))
    return lines


def place_lines(session: TrainingSession) -> list[Line]:
    """The joining link, or the address and how to get in."""
    if session.is_online:
        lines = [Line(say("session.online"), "screen")]
        if session.joining_link:
            lines.append(Line(say("session.join") + ":", "screen", url=session.joining_link))
        return lines
    venue = session.venue
    address = ", ".join(
        part for part in (venue.name, venue.address_line1, venue.town, venue.postcode) if part
    )
    lines = [Line(say("session.place", place=address), "place")]
    if venue.arrival_instructions:
        lines.append(Line(f"When you arrive: {venue.arrival_instructions.strip()}", "door"))
    return lines


def ask_for(session: TrainingSession) -> Line:
    """Who to ask for on the day."""
    venue = session.venue
    if venue is not None and venue.contact_name:
        phone = f" Their phone number is {venue.contact_phone}." if venue.contact_phone else ""
        return Line(f"Ask for {venue.contact_name}.{phone}", "person")
    return Line(f"If you need help on the day, phone {current_app.config['ORG_PHONE']}.", "phone")


def support_line(person: Person) -> Line:
    needs = [person.support_needs, person.communication_needs]
    needs += [ACCESS_FEATURES[key] for key in sorted(person.access_needs)]
    items = tuple(n.strip().rstrip(".") for n in needs if n and n.strip())
    if not items:
        return Line(say("session.no_support"), "support")
    return Line(say("session.support"), "support", items=items)


def bring_line(session: TrainingSession) -> Line | None:
    things = [t.strip(" -•") for t in session.what_to_bring.splitlines() if t.strip(" -•")]
    return Line(say("session.bring"), "bag", items=tuple(things)) if things else None


def offer(assignment: Assignment, *, yes_url: str, no_url: str, pay_pence: int) -> Content:
    day = day_of(assignment.session)
    return Content(
        subject=f"Can you do a session on {day}?",
        heading=f"We would like you to work at a session on {day}.",
        lines=(
            *session_lines(assignment, pay_pence=pay_pence),
            Line(say("offer.question"), "question"),
        ),
        actions=(
            Action(say("offer.yes"), yes_url, "yes"),
            Action(say("offer.no"), no_url, "no"),
        ),
        sms=f"You have an offer for a session on {day}. Please say yes or no: {yes_url}",
        sign_off=sign_off(),
    )


def offer_reminder(assignment: Assignment, *, yes_url: str, no_url: str) -> Content:
    day = day_of(assignment.session)
    return Content(
        subject=f"Please answer: can you do the session on {day}?",
        heading=f"We are still waiting for your answer about {day}.",
        lines=(*session_lines(assignment), Line(say("offer.question"), "question")),
        actions=(
            Action(say("offer.yes"), yes_url, "yes"),
            Action(say("offer.no"), no_url, "no"),
        ),
        sms=f"Please tell us if you can do the session on {day}: {yes_url}",
        sign_off=sign_off(),
    )


def reminder(assignment: Assignment, *, when: str, url: str) -> Content:
    """Before a session: the joining link or arrival, who to ask for, support, what to bring."""
    session, person = assignment.session, assignment.person
    day = day_of(session)
    lines = [*session_lines(assignment), ask_for(session), support_line(person)]
    if bring := bring_line(session):
        lines.append(bring)
    start = say_time(to_local(session.starts_at))
    where = (
        f"Join: {session.joining_link}"
        if session.is_online
        else f"At {session.venue.name}, {session.venue.postcode}."
    ).strip()
    return Content(
        subject=f"Reminder: your session {when}, {day}",
        heading=f"Your session is {when}: {day} at {start}.",
        lines=tuple(lines),
        actions=(Action("See my sessions", url, "calendar"),),
        sms=f"Reminder: your session is {when}, {day} at {start}. {where} More: {url}",
        sign_off=sign_off(),
    )


def changed(assignment: Assignment, *, reason: str, url: str) -> Content:
    day = day_of(assignment.session)
    lines = [Line(say("session.changed"), "warning")]
    if reason:
        lines.append(Line(f"Why: {reason}", "question"))
    return Content(
        subject=f"Your session on {day} has changed",
        heading=f"Your session on {day} has changed.",
        lines=(*lines, *session_lines(assignment)),
        actions=(Action("See my sessions", url, "calendar"),),
        sms=f"Your session on {day} has changed. Please read your email or look at {url}",
        sign_off=sign_off(),
    )


def cancelled(assignment: Assignment, *, reason: str, url: str, removed: bool) -> Content:
    day = day_of(assignment.session)
    said = (
        f"You are not in the team for the session on {day} any more."
        if removed
        else say("session.cancelled")
    )
    lines = [Line(said, "cancelled")]
    if reason:
        lines.append(Line(f"Why: {reason}", "question"))
    heading = (
        f"You are not needed at the session on {day}."
        if removed
        else f"The session on {day} is cancelled."
    )
    return Content(
        subject=heading,
        heading=heading,
        lines=(*lines, *session_lines(assignment)[:3]),
        actions=(Action("See my sessions", url, "calendar"),),
        sms=f"{heading} You do not need to go. More: {url}",
        sign_off=sign_off(),
    )
