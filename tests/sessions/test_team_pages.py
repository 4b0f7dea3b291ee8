"""Team building through the pages: suggestions with reasons, offers and overrides,
answering offers, taking people off, working times, pairs, and scheduling."""

import html
import re
from datetime import time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from config import Config
from tests import factories
from tests.helpers import page_errors
from tests.team_factories import team_setup
from trainer.clock import local_today
from trainer.models import (
    Assignment,
    AuditEvent,
    AvailabilityWindow,
    DoNotPair,
    OfferStatus,
    PreferredPartner,
    SessionStatus,
    TrainingSession,
    UnavailablePeriod,
)


def text(response) -> str:
    """The words a person reads on the page (markup gone, entities as characters)."""
    body = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return html.unescape(re.sub(r"\s+", " ", body))


def assignment_of(db, session, person) -> Assignment | None:
    db.session.expire_all()
    return db.session.scalar(
        select(Assignment).where(
            Assignment.session_id == session.id, Assignment.person_id == person.id
        )
    )


def offer_path(setup, person, action="offer") -> str:
    return f"/sessions/{setup.session.id}/people/{person.id}/{action}"


# -- suggestions on the session page ----------------------------------------------------------


def test_empty_seats_list_candidates_best_first_with_reasons(client, login, db):
    setup = team_setup()
    busy, free = setup.people["Autistic"]
    other = factories.make_session(
        programme=setup.programme, starts_at=setup.session.starts_at + timedelta(days=1)
    )
    factories.make_assignment(session=other, person=busy, role=setup.autistic)
    outsider = factories.make_person(roles=[setup.autistic], name="Untrained Person")
    db.session.add(
        AvailabilityWindow(
            person=free,
            weekday=setup.session.starts_at.weekday(),
            start_time=time(8),
            end_time=time(18),
        )
    )
    login("coordinator")
    page = text(client.get(f"/sessions/{setup.session.id}"))
    seat = page[page.index("Who could be the autistic") :]
    assert seat.index("Autistic 2") < seat.index("Autistic 1")  # fewer recent sessions first
    assert "0 sessions in the last and next four weeks" in seat
    assert "1 session in the last and next four weeks" in seat
    assert "1 person cannot take this seat" in seat
    assert "Untrained Person Not qualified to deliver" in seat
    body = client.get(f"/sessions/{setup.session.id}").get_data(as_text=True)
    assert f'action="{offer_path(setup, free)}"' in body
    assert f'href="{offer_path(setup, outsider, "override")}?role={setup.autistic.id}"' in body
    assert page.count("Empty") >= 3


def test_offering_from_the_page_fills_the_seat_and_shows_the_wait(client, login, db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    login("coordinator")
    response = client.post(offer_path(setup, person), data={"role": setup.autistic.id})
    assert response.status_code == 302
    assert response.location.endswith(f"/sessions/{setup.session.id}#team")
    assert assignment_of(db, setup.session, person).offer_status is OfferStatus.OFFERED
    page = text(client.get(response.location))
    assert "Autistic 1 is offered the" in page
    assert "No answer yet: offered today" in page


def test_an_offer_a_rule_blocks_explains_why_and_makes_nothing(client, login, db):
    setup = team_setup()
    outsider = factories.make_person(roles=[setup.autistic], name="Untrained Person")
    db.session.commit()  # saved earlier: the refused request's rollback keeps it
    login("coordinator")
    response = client.post(
        offer_path(setup, outsider), data={"role": setup.autistic.id}, follow_redirects=True
    )
    assert "Untrained Person cannot take this seat: Not qualified to deliver" in text(response)
    assert assignment_of(db, setup.session, outsider) is None


def test_an_override_needs_a_written_reason_and_shows_on_the_session(client, login, db):
    setup = team_setup()
    outsider = factories.make_person(roles=[setup.autistic], name="Untrained Person")
    login("coordinator")
    path = offer_path(setup, outsider, "override") + f"?role={setup.autistic.id}"
    page = text(client.get(path))
    assert "This breaks a rule" in page and "Not qualified to deliver" in page
    response = client.post(path, data={"reason": "  "})
    assert page_errors(response) == ["Enter why you are offering the seat anyway"]
    assert assignment_of(db, setup.session, outsider) is None
    response = client.post(path, data={"reason": "Trained on Monday; certificate to follow."})
    assert response.status_code == 302
    assignment = assignment_of(db, setup.session, outsider)
    assert assignment.override_reason == "Trained on Monday; certificate to follow."
    page = text(client.get(f"/sessions/{setup.session.id}"))
    assert "Rules set aside for this session" in page
    assert "Untrained Person offered the" in page
    assert "Reason: Trained on Monday; certificate to follow." in page


def test_withdrawing_empties_the_seat_and_lists_candidates_again(client, login, db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    factories.make_assignment(session=setup.session, person=person, role=setup.autistic)
    db.session.commit()
    login("coordinator")
    assert "Who could be the autistic" not in text(client.get(f"/sessions/{setup.session.id}"))
    response = client.post(offer_path(setup, person, "withdraw"), follow_redirects=True)
    assert "Autistic 1 is off the team. Their seat is empty again." in text(response)
    assert assignment_of(db, setup.session, person).offer_status is OfferStatus.WITHDRAWN
    assert "Who could be the autistic" in text(response)
    again = client.post(offer_path(setup, person, "withdraw"), follow_redirects=True)
    assert "Autistic 1 is not in this team any more." in text(again)
    stranger = factories.make_person(roles=[setup.autistic])
    assert client.post(offer_path(setup, stranger, "withdraw")).status_code == 404


# -- the person answers -----------------------------------------------------------------------


def person_signed_in(login, person):
    return login(factories.make_user(roles={"trainer"}, person=person))


def test_a_person_sees_their_offer_and_says_yes_once(client, login, db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    offer = factories.make_assignment(
        session=setup.session, person=person, role=setup.autistic, status=OfferStatus.OFFERED
    )
    person_signed_in(login, person)
    response = client.get("/my-offers")
    assert "Yes, I can do it" in text(response) and "No, I can't do it" in text(response)
    assert f'name="offer" value="{offer.id}"' in response.get_data(as_text=True)
    response = client.post(
        "/my-offers", data={"offer": offer.id, "answer": "yes"}, follow_redirects=True
    )
    assert "Thank you. You said yes." in text(response)
    assert assignment_of(db, setup.session, person).offer_status is OfferStatus.ACCEPTED
    twice = client.post(
        "/my-offers", data={"offer": offer.id, "answer": "yes"}, follow_redirects=True
    )
    assert "You already said yes to this session." in text(twice)


def test_saying_no_empties_the_seat_for_the_next_candidates(client, login, db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    offer = factories.make_assignment(
        session=setup.session, person=person, role=setup.autistic, status=OfferStatus.OFFERED
    )
    person_signed_in(login, person)
    response = client.post(
        "/my-offers", data={"offer": offer.id, "answer": "no"}, follow_redirects=True
    )
    assert "Are you sure?" in text(response)  # nothing changes until they are
    response = client.post(
        f"/home/offers/{offer.id}/no/sure", data={"back": "offers"}, follow_redirects=True
    )
    assert "Thank you. You said no to the session on" in text(response)
    assert "You have no offers to answer." in text(response)
    client.post("/sign-out")
    login("coordinator")
    page = text(client.get(f"/sessions/{setup.session.id}"))
    seat = page[page.index("Who could be the autistic") :]
    assert "Autistic 2" in seat and "Autistic 1 Said no to this session" in seat


def test_people_answer_only_their_own_offers(client, login, db):
    setup = team_setup()
    mine, theirs = setup.people["Autistic"]
    offer = factories.make_assignment(
        session=setup.session, person=theirs, role=setup.autistic, status=OfferStatus.OFFERED
    )
    db.session.commit()
    person_signed_in(login, mine)
    assert client.post("/my-offers", data={"offer": offer.id, "answer": "yes"}).status_code == 403
    assert client.post("/my-offers", data={"offer": 99999999, "answer": "yes"}).status_code == 404
    for bad in (
        {"offer": offer.id, "answer": "maybe"},
        {"answer": "yes"},
        {"offer": "1e3", "answer": "yes"},
        {"offer": str(2**40), "answer": "no"},
    ):
        assert client.post("/my-offers", data=bad).status_code == 400, bad
    assert assignment_of(db, setup.session, theirs).offer_status is OfferStatus.OFFERED


def test_answering_needs_the_csrf_token(csrf_client, db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    offer = factories.make_assignment(
        session=setup.session, person=person, role=setup.autistic, status=OfferStatus.OFFERED
    )
    user = factories.make_user(roles={"trainer"}, person=person)
    page = csrf_client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)
    csrf_client.post(
        "/sign-in",
        data={
            "email": user.email,
            "password": factories.PASSWORD,
            "csrf_token": token.group(1) if token else "",
        },
    )
    response = csrf_client.post("/my-offers", data={"offer": offer.id, "answer": "yes"})
    assert response.status_code == 400
    assert assignment_of(db, setup.session, person).offer_status is OfferStatus.OFFERED


# -- working times, time off, pairs -----------------------------------------------------------


def pattern_data(**days) -> dict:
    data = {"mode": "set"}
    for day in range(7):
        data[f"start_{day}"], data[f"end_{day}"] = days.get(str(day), ("", ""))
    return data


def test_a_coordinator_sets_working_times_with_clear_errors(client, login, db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    login("coordinator")
    path = f"/people/{person.id}/availability"
    assert "When they can work" in text(client.get(path))
    bad = client.post(
        path,
        data=pattern_data(**{"0": ("09:00", ""), "1": ("17:00", "09:00"), "2": ("9am", "17:00")}),
    )
    assert page_errors(bad) == [
        "Enter both times for Monday, or neither",
        "The end time on Tuesday must be after the start time",
        "Wednesday from must be a real time, like 09:30",
    ]
    empty = client.post(path, data=pattern_data())
    assert page_errors(empty) == [
        "Enter the times for at least one day, or choose any day and time"
    ]
    good = client.post(
        path, data=pattern_data(**{"0": ("09:00", "17:00"), "4": ("18:00", "00:00")})
    )
    assert good.status_code == 302
    windows = db.session.scalars(
        select(AvailabilityWindow)
        .where(AvailabilityWindow.person_id == person.id)
        .order_by(AvailabilityWindow.weekday)
    ).all()
    assert [(w.weekday, w.start_time, w.end_time) for w in windows] == [
        (0, time(9), time(17)),
        (4, time(18), time(0)),
    ]
    page = text(client.get(f"/people/{person.id}"))
    assert "Monday 09:00 to 17:00" in page and "Friday 18:00 to midnight" in page
    assert client.post(path, data={"mode": "any"}).status_code == 302
    assert (
        db.session.scalars(
            select(AvailabilityWindow).where(AvailabilityWindow.person_id == person.id)
        ).all()
        == []
    )


def test_a_person_edits_their_own_working_times_and_time_off(client, login, db):
    setup = team_setup()
    person = setup.people["Learning"][0]
    person_signed_in(login, person)
    assert "When I can work" in text(client.get("/my-availability"))
    assert (
        client.post("/my-availability", data=pattern_data(**{"2": ("10:00", "15:00")})).status_code
        == 302
    )
    assert (
        db.session.scalar(
            select(AvailabilityWindow.weekday).where(AvailabilityWindow.person_id == person.id)
        )
        == 2
    )
    year = local_today(ZoneInfo(Config.TIMEZONE)).year + 1  # early May next year: summer time
    bad = client.post(
        "/my-availability/time-off/new",
        data={"first_day": f"{year}-05-10", "last_day": f"{year}-05-03", "reason": "Holiday"},
    )
    assert page_errors(bad) == ["The last day must be the same as or after the first day"]
    response = client.post(
        "/my-availability/time-off/new",
        data={"first_day": f"{year}-05-03", "last_day": f"{year}-05-07", "reason": "Holiday"},
    )
    assert response.status_code == 302
    period = db.session.scalar(
        select(UnavailablePeriod).where(UnavailablePeriod.person_id == person.id)
    )
    assert period.starts_at.isoformat() == f"{year}-05-02T23:00:00+00:00"  # midnight BST
    assert period.ends_at.isoformat() == f"{year}-05-07T23:00:00+00:00"  # to the end of the 7th
    page = text(client.get("/my-availability"))
    assert "Holiday" in page
    other = factories.make_person(roles=[setup.autistic])
    theirs = UnavailablePeriod(person=other, starts_at=period.starts_at, ends_at=period.ends_at)
    db.session.add(theirs)
    db.session.commit()  # saved earlier: the refused request's rollback keeps it
    refused = client.post(
        "/my-availability/time-off/remove", data={"period": theirs.id}, follow_redirects=True
    )
    assert "That time off was already removed." in text(refused)
    client.post("/my-availability/time-off/remove", data={"period": period.id})
    db.session.expire_all()
    assert db.session.get(UnavailablePeriod, period.id) is None
    assert db.session.get(UnavailablePeriod, theirs.id) is not None


def test_a_coordinator_adds_time_off_for_part_of_a_day(client, login, db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    login("coordinator")
    path = f"/people/{person.id}/time-off/new"
    day = f"{local_today(ZoneInfo(Config.TIMEZONE)).year + 1}-01-12"  # winter: UTC is local
    response = client.post(
        path,
        data={
            "first_day": day,
            "from_time": "13:00",
            "last_day": day,
            "until_time": "15:30",
            "reason": "Dentist",
        },
    )
    assert response.status_code == 302
    period = db.session.scalar(select(UnavailablePeriod))
    assert (period.starts_at.hour, period.ends_at.hour, period.ends_at.minute) == (13, 15, 30)
    same = client.post(
        path,
        data={
            "first_day": day,
            "from_time": "15:00",
            "last_day": day,
            "until_time": "09:00",
        },
    )
    assert page_errors(same) == ["The time off must end after it starts."]


def test_do_not_pair_marks_and_partners_from_the_person_page(client, login, db):
    setup = team_setup()
    person, other = setup.people["Autistic"][0], setup.people["Facilitator"][0]
    login("coordinator")
    path = f"/people/{person.id}/do-not-pair/new"
    assert page_errors(client.post(path, data={"other": other.id, "reason": ""})) == [
        "Enter why they must not work together"
    ]
    assert page_errors(client.post(path, data={"other": person.id, "reason": "x"})) == [
        "Choose the person they must not work with from the list"
    ]
    assert client.post(path, data={"other": other.id, "reason": "Asked not to"}).status_code == 302
    assert page_errors(
        client.post(
            f"/people/{other.id}/do-not-pair/new", data={"other": person.id, "reason": "again"}
        )
    ) == ["Facilitator 1 and Autistic 1 are already marked not to work together."]
    page = text(client.get(f"/people/{other.id}"))
    assert "Must not be in a team with" in page and "Autistic 1 : Asked not to" in page
    session_page = text(client.get(f"/sessions/{setup.session.id}"))
    assert "Who could be" in session_page
    factories.make_assignment(session=setup.session, person=other, role=setup.facilitator)
    seat = text(client.get(f"/sessions/{setup.session.id}"))
    assert "Autistic 1 Must not be paired with Facilitator 1" in seat
    client.post(f"/people/{other.id}/do-not-pair/remove", data={"other": person.id})
    assert db.session.scalar(select(DoNotPair)) is None
    assert (
        client.post(f"/people/{person.id}/partners/new", data={"other": other.id}).status_code
        == 302
    )
    assert db.session.get(PreferredPartner, (person.id, other.id)) is not None
    seat = text(client.get(f"/sessions/{setup.session.id}"))
    assert "Asked to work with Facilitator 1" in seat
    client.post(f"/people/{person.id}/partners/remove", data={"other": other.id})
    db.session.expire_all()
    assert db.session.get(PreferredPartner, (person.id, other.id)) is None


# -- scheduling -------------------------------------------------------------------------------


def test_scheduling_waits_for_the_team_or_takes_a_reason(client, login, db):
    setup = team_setup()
    login("coordinator")
    page = text(client.get(f"/sessions/{setup.session.id}"))
    assert "The team is not ready, so this session cannot be scheduled yet" in page
    response = client.post(
        f"/sessions/{setup.session.id}/status", data={"status": "scheduled"}, follow_redirects=True
    )
    assert "The team is not ready: 1 facilitating trainer" in text(response)
    path = f"/sessions/{setup.session.id}/schedule-anyway"
    assert page_errors(client.post(path, data={"reason": ""})) == [
        "Enter why the session is scheduled before the team is ready"
    ]
    assert client.post(path, data={"reason": "The venue needs a firm booking"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(TrainingSession, setup.session.id).status is SessionStatus.SCHEDULED
    page = text(client.get(f"/sessions/{setup.session.id}"))
    assert "Scheduled before the team was ready. Reason: The venue needs a firm booking" in page
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "session.scheduled"))
    assert event.reason == "The venue needs a firm booking"
