"""Problems where coordinators see them (the session per seat, the person, the dashboard, in
the response to the change that caused them), and the two ways out: keep the person with a
reason, or take them off and offer the seat to someone else."""

import html
import re
from datetime import timedelta

from sqlalchemy import select

from tests import factories
from tests.helpers import page_errors, saved
from tests.problems.factories import all_problems, booked, open_problems, seat_of
from tests.team_factories import at
from trainer.availability import service as availability
from trainer.models import AuditEvent, OfferStatus, Resolution, SessionStatus
from trainer.offers import service as offers
from trainer.sessions import service as sessions
from trainer.timezones import to_local


def text(response) -> str:
    return html.unescape(
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))
    )


def on_leave(setup, label: str, *, days: int = 0):
    """Time off for the person in `label`'s seat on the session's day (plus `days`)."""
    person = setup.people[label][0]
    day = to_local(setup.session.starts_at).date() + timedelta(days=days)
    return availability.add_time_off(person, at(day, 0), at(day, 23, 59), "Holiday", actor=None)


def edit_form(session, day) -> dict:
    start, end = to_local(session.starts_at), to_local(session.ends_at)
    return {
        "programme_id": str(session.programme_id),
        "day": day.isoformat(),
        "start_time": f"{start:%H:%M}",
        "end_time": f"{end:%H:%M}",
        "venue_id": "",
        "meeting_url": session.meeting_url,
        "capacity": str(session.capacity),
        "what_to_bring": "",
        "notes": "",
    }


def test_moving_a_session_onto_leave_shows_on_the_dashboard_at_once(db, client, login):
    setup = booked()
    on_leave(setup, "Autistic", days=1)
    saved(db)
    login("coordinator")
    assert "0 problems with bookings" in text(client.get("/coordinator"))  # kept in the cache
    day = to_local(setup.session.starts_at).date() + timedelta(days=1)
    moved = client.post(f"/sessions/{setup.session.id}/edit", data=edit_form(setup.session, day))
    assert moved.status_code == 302
    [problem] = open_problems()  # saved with the move itself
    page = text(client.get(moved.location))
    assert "Breaks a rule since it was booked: Unavailable from" in page
    dashboard = text(client.get("/coordinator"))
    assert "1 problem with bookings" in dashboard
    assert f"Autistic 1 ({setup.autistic.name.lower()}). {problem.message}." in dashboard
    assert "Moved from 10:00–11:00" in dashboard


def test_problems_are_listed_soonest_first_on_the_dashboard_and_the_person_s_page(
    db, client, login
):
    later, sooner = booked(weekday=3), booked(weekday=1)
    for setup in (later, sooner):
        on_leave(setup, "Learning")
    saved(db)
    login("coordinator")
    dashboard = text(client.get("/coordinator"))
    assert "2 problems with bookings" in dashboard
    assert dashboard.index(sooner.programme.name) < dashboard.index(later.programme.name)
    person = sooner.people["Learning"][0]
    page = text(client.get(f"/people/{person.id}"))
    assert "Problems with their bookings" in page and "Unavailable from" in page


def test_keep_the_person_with_a_reason(db, client, login):
    setup = booked()
    on_leave(setup, "Autistic")
    seat = seat_of(setup, "Autistic")
    saved(db)
    user = login("coordinator")
    path = f"/seats/{seat.id}/keep"
    assert "Unavailable from" in text(client.get(path))
    refused = client.post(path, data={"reason": ""})
    assert page_errors(refused) == ["Enter why they keep the seat"]
    kept = client.post(path, data={"reason": "Back from leave that morning; agreed by phone"})
    assert kept.status_code == 302 and kept.location.endswith("#team")
    [problem] = all_problems()
    assert problem.resolution is Resolution.KEPT and problem.resolved_by_id == user.id
    assert seat.override_reason == "Back from leave that morning; agreed by phone"
    page = text(client.get(kept.location))
    assert "Autistic 1 kept in the" in page and "agreed by phone" in page
    assert "Breaks a rule since it was booked" not in page
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "assignment.overridden")
    )
    assert event.actor_id == user.id and event.after["rules"] == ["unavailable"]
    # the same break, checked again, stays kept; a new one is raised
    sessions.change_status(setup.session, SessionStatus.DRAFT, actor=None)
    on_leave(setup, "Autistic", days=-7)  # a change to this person: checked again
    assert open_problems() == []
    on_leave(setup, "Facilitator")
    assert [p.person_id for p in open_problems()] == [setup.people["Facilitator"][0].id]


def test_take_them_off_and_offer_the_seat_to_someone_else(db, client, login):
    setup = booked(per_role=2)
    on_leave(setup, "Autistic")
    seat = seat_of(setup, "Autistic")
    saved(db)
    login("coordinator")
    response = client.post(f"/seats/{seat.id}/take-off")
    assert response.location.endswith(f"#candidates-{setup.autistic.id}")
    assert seat.offer_status is OfferStatus.WITHDRAWN
    [problem] = all_problems()
    assert problem.resolution is Resolution.TAKEN_OFF
    page = text(client.get(response.location))
    assert "Autistic 1 is off the team. Choose someone else for the" in page
    assert "Autistic 2" in page  # offered as a candidate for the empty seat
    other = setup.people["Autistic"][1]
    offered = client.post(
        f"/sessions/{setup.session.id}/people/{other.id}/offer",
        data={"role": setup.autistic.id},
    )
    assert offered.status_code == 302 and open_problems() == []


def test_taking_someone_off_mends_their_other_bookings(db):
    setup = booked()
    person = setup.people["Autistic"][0]
    other = factories.make_session(
        programme=setup.programme, starts_at=setup.session.starts_at + timedelta(days=1)
    )
    factories.make_assignment(session=other, person=person, role=setup.autistic)
    person.max_sessions_per_week = 1  # changed outside the app: nothing checked yet
    assert open_problems() == []
    on_leave(setup, "Autistic", days=30)  # a change to the person: both seats checked
    assert {p.rule for p in open_problems()} == {"cap_sessions_week"}
    assert len(open_problems()) == 2
    offers.withdraw_offer(seat_of(setup, "Autistic"), actor=None)
    assert open_problems() == []
    assert {p.resolution for p in all_problems()} == {Resolution.SEAT_GIVEN_UP, Resolution.CLEARED}


def test_a_rule_set_aside_at_booking_is_not_raised_again(db):
    setup = booked()
    person = setup.people["Learning"][1] if len(setup.people["Learning"]) > 1 else None
    person = person or factories.make_person(roles=[setup.roles[1]], qualified=[setup.programme])
    offers.withdraw_offer(seat_of(setup, "Learning"), actor=None)
    day = to_local(setup.session.starts_at).date()
    availability.add_time_off(person, at(day, 0), at(day, 23), "Course", actor=None)
    offers.offer_seat(
        setup.session, setup.roles[1], person, actor=None, override_reason="Joins after lunch"
    )
    [kept] = all_problems()
    assert kept.resolution is Resolution.KEPT and kept.resolution_note == "Joins after lunch"
    availability.add_time_off(
        person, at(day, 0) + timedelta(days=9), at(day, 1) + timedelta(days=9), "", actor=None
    )
    assert open_problems() == []


def test_a_session_cancelled_or_an_offer_declined_closes_its_problems(db):
    first, second = booked(weekday=1), booked(weekday=3)
    for setup in (first, second):
        on_leave(setup, "Autistic")
    sessions.change_status(first.session, SessionStatus.CANCELLED, actor=None, reason="No room")
    offers.respond_to_offer(seat_of(second, "Autistic"), accept=False, actor=None)
    assert open_problems() == []
    assert {p.resolution for p in all_problems()} == {
        Resolution.SESSION_CLOSED,
        Resolution.SEAT_GIVEN_UP,
    }
