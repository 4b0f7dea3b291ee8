"""Session forms and filters: bad input is explained and saves nothing; good input saves."""

import html

import pytest
from sqlalchemy import select

from tests import factories
from tests.factories import at_local, session_data
from tests.helpers import BOLD, SCRIPT, count, page_errors, refused, row, saved
from trainer.models import (
    AuditEvent,
    SessionStatus,
    TrainingSession,
)

# --- sessions -----------------------------------------------------------------------------


@pytest.fixture
def places(db):
    roles = factories.make_trio()
    places = {
        "online": factories.make_programme(roles=roles, name="Tier 1"),
        "in_person": factories.make_programme(
            roles=roles, name="Tier 2", online=False, duration=420, capacity=12
        ),
        "archived": factories.make_programme(roles=roles, name="Old programme"),
        "hall": factories.make_venue(name="Hall"),
        "teams": factories.make_venue(name="Teams", online=True),
    }
    places["archived"].is_active = False
    saved(db)
    return places


SESSION_CASES = {
    "no programme": ({"programme_id": ""}, "Choose programme"),
    "unknown programme": ({"programme_id": "999999"}, "Choose programme from the list"),
    "letters programme": ({"programme_id": "abc"}, "Choose programme from the list"),
    "no date": ({"day": ""}, "Enter the date of the session"),
    "30 February": ({"day": "2026-02-30"}, "Date must be a real date, like 2026-03-17"),
    "British date": ({"day": "01/12/2026"}, "Date must be a real date, like 2026-03-17"),
    "no start": ({"start_time": ""}, "Enter the start time"),
    "bad start": ({"start_time": "25:61"}, "Start time must be a real time, like 09:30"),
    "letters start": ({"start_time": "ten"}, "Start time must be a real time, like 09:30"),
    "bad end": ({"end_time": "10:75"}, "End time must be a real time, like 09:30"),
    "end before start": ({"end_time": "09:00"}, "The end time must be after the start time."),
    "end at start": ({"end_time": "10:00"}, "The end time must be after the start time."),
    "unknown venue": ({"venue_id": "999999"}, "Choose venue from the list"),
    "letters venue": ({"venue_id": "x"}, "Choose venue from the list"),
    "letters capacity": ({"capacity": "ten"}, "Learners must be a whole number, like 12"),
    "zero capacity": ({"capacity": "0"}, "Learners must be between 1 and 500"),
    "huge capacity": ({"capacity": "99999999999999999999"}, "Learners must be between 1 and 500"),
    "superscript capacity": ({"capacity": "²"}, "Learners must be a whole number, like 12"),
    "far future": (
        {"day": "9999-12-31", "start_time": "23:00"},
        "Date must be in a year from 1900 to 2999",
    ),
    "distant past": ({"day": "0001-01-01"}, "Date must be in a year from 1900 to 2999"),
    "javascript link": (
        {"meeting_url": "javascript:alert(1)"},
        "Enter a meeting link starting with https://",
    ),
    "online without link": (
        {"meeting_url": ""},
        "An online session needs a meeting link, or an online venue with one.",
    ),
    "script notes": ({"notes": SCRIPT}, "Notes for the team must not contain HTML or code."),
    "bold bring": (
        {"what_to_bring": BOLD},
        "What the team should bring must not contain HTML or code.",
    ),
    "long notes": ({"notes": "x" * 2001}, "Notes for the team must be 2000 characters or fewer"),
}


@pytest.mark.parametrize(("changes", "message"), SESSION_CASES.values(), ids=SESSION_CASES)
def test_bad_session_is_not_created(client, login, db, places, changes, message):
    login("coordinator")
    refused(client.post("/sessions/new", data=session_data(places, **changes)), message)
    assert count(db, TrainingSession, AuditEvent) == (0, 0)


@pytest.mark.parametrize(
    ("programme", "venue", "message"),
    [
        ("archived", "", "Choose programme from the list"),
        ("in_person", "", "An in-person session needs a building. Choose a venue."),
        ("in_person", "teams", "An in-person session needs a building. Choose a venue."),
    ],
)
def test_session_needs_a_usable_programme_and_place(
    client, login, db, places, programme, venue, message
):
    login("coordinator")
    data = session_data(
        places, programme_id=places[programme].id, venue_id=places[venue].id if venue else ""
    )
    refused(client.post("/sessions/new", data=data), message)
    assert count(db, TrainingSession) == (0,)


def test_archived_venue_cannot_be_chosen_for_a_new_session(client, login, db, places):
    places["hall"].is_active = False
    saved(db)
    login("coordinator")
    data = session_data(places, programme_id=places["in_person"].id, venue_id=places["hall"].id)
    refused(client.post("/sessions/new", data=data), "Choose venue from the list")


def test_session_is_created_with_an_audit_event(client, login, db, places):
    user = login("coordinator")
    data = session_data(
        places,
        programme_id=places["in_person"].id,
        venue_id=places["hall"].id,
        meeting_url="",
        start_time="09:30",
        end_time="16:30",
        notes="Bring lunch",
    )
    response = client.post("/sessions/new", data=data)
    assert response.status_code == 302
    session = db.session.scalar(select(TrainingSession))
    assert response.location == f"/sessions/{session.id}"
    assert (
        session.status,
        session.capacity,
        session.venue_id,
        session.duration_minutes,
        session.notes,
        session.sequence,
    ) == (SessionStatus.DRAFT, 12, places["hall"].id, 420, "Bring lunch", 0)
    event = db.session.scalar(select(AuditEvent))
    assert (event.action, event.entity_type, event.entity_id, event.actor_id) == (
        "session.created",
        "training_sessions",
        session.id,
        user.id,
    )
    assert event.after["starts_at"] == at_local("09:30")


def test_session_uses_the_programme_length_when_no_end_is_given(client, login, db, places):
    login("coordinator")
    assert client.post("/sessions/new", data=session_data(places, capacity="7")).status_code == 302
    session = db.session.scalar(select(TrainingSession))
    assert (session.duration_minutes, session.capacity) == (60, 7)


@pytest.mark.parametrize(
    "case",
    ["unknown programme", "30 February", "end before start", "online without link", "script notes"],
)
def test_bad_session_edit_changes_nothing(client, login, db, places, case):
    session = factories.make_session(programme=places["online"], notes="Keep me")
    saved(db)
    before = row(db, TrainingSession, session.id)
    login("coordinator")
    changes, message = SESSION_CASES[case]
    refused(
        client.post(f"/sessions/{session.id}/edit", data=session_data(places, **changes)), message
    )
    assert row(db, TrainingSession, session.id) == before
    assert count(db, AuditEvent) == (0,)


def test_session_edit_is_audited_and_raises_the_calendar_sequence(client, login, db, places):
    session = factories.make_session(programme=places["online"])
    saved(db)
    user = login("coordinator")
    path = f"/sessions/{session.id}/edit"
    same = {"meeting_url": session.meeting_url}
    notes_only = session_data(places, notes="Only notes", **same)
    assert client.post(path, data=notes_only).status_code == 302
    assert row(db, TrainingSession, session.id)["sequence"] == 0  # calendars do not show notes
    moved = session_data(places, start_time="11:00", **same)
    assert client.post(path, data=moved).status_code == 302
    stored = row(db, TrainingSession, session.id)
    assert stored["sequence"] == 1
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [(e.action, e.actor_id) for e in events] == [("session.updated", user.id)] * 2
    assert events[1].before["starts_at"] == at_local("10:00")
    assert events[1].after["starts_at"] == at_local("11:00")


def test_status_change_is_audited_and_forbidden_moves_are_refused(client, login, db, places):
    session = factories.make_session(programme=places["online"])
    factories.make_full_team(session)  # a draft is scheduled only with its team ready
    saved(db)
    login("coordinator")
    path = f"/sessions/{session.id}/status"
    # delivered only through its attendance, once it has happened
    page = client.post(path, data={"status": "delivered"}, follow_redirects=True)
    assert "Attendance can be recorded once it has started." in page.get_data(as_text=True)
    assert row(db, TrainingSession, session.id)["status"] is SessionStatus.DRAFT
    assert client.post(path, data={"status": "scheduled"}).status_code == 302
    assert row(db, TrainingSession, session.id)["status"] is SessionStatus.SCHEDULED
    assert client.post(path, data={"status": "teleported"}).status_code == 400
    assert db.session.scalars(select(AuditEvent.action)).all() == ["session.scheduled"]


def test_a_session_keeps_its_archived_programme_and_venue_when_edited(client, login, db, places):
    session = factories.make_session(programme=places["in_person"], venue=places["hall"])
    places["in_person"].is_active = places["hall"].is_active = False
    saved(db)
    login("coordinator")
    data = session_data(
        places,
        programme_id=places["in_person"].id,
        venue_id=places["hall"].id,
        meeting_url="",
        start_time="09:30",
        notes="Still on",
    )
    assert client.post(f"/sessions/{session.id}/edit", data=data).status_code == 302
    stored = row(db, TrainingSession, session.id)
    assert (stored["programme_id"], stored["venue_id"], stored["notes"]) == (
        places["in_person"].id,
        places["hall"].id,
        "Still on",
    )


def test_delivered_session_cannot_be_edited(client, login, db, places):
    session = factories.make_session(programme=places["online"], status=SessionStatus.DELIVERED)
    saved(db)
    before = row(db, TrainingSession, session.id)
    login("coordinator")
    response = client.post(f"/sessions/{session.id}/edit", data=session_data(places, notes="x"))
    assert response.status_code == 302
    assert row(db, TrainingSession, session.id) == before


# --- cancelling a session -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Enter why the session is cancelled"),
        ("   ", "Enter why the session is cancelled"),
        ("x" * 501, "The reason must be 500 characters or fewer"),
        (SCRIPT, "Why is it cancelled? must not contain HTML or code."),
        (BOLD, "Why is it cancelled? must not contain HTML or code."),
    ],
)
def test_bad_cancellation_changes_nothing(client, login, db, reason, message):
    session = factories.make_session()
    saved(db)
    before = row(db, TrainingSession, session.id)
    login("coordinator")
    refused(client.post(f"/sessions/{session.id}/cancel", data={"reason": reason}), message)
    assert row(db, TrainingSession, session.id) == before
    assert count(db, AuditEvent) == (0,)


def test_a_delivered_session_cannot_be_cancelled(client, login, db):
    session = factories.make_session(status=SessionStatus.DELIVERED)
    saved(db)
    before = row(db, TrainingSession, session.id)
    login("coordinator")
    response = client.post(f"/sessions/{session.id}/cancel", data={"reason": "Too late"})
    refused(response, "A session that is delivered cannot become cancelled.")
    assert row(db, TrainingSession, session.id) == before


def test_cancelling_is_audited_with_the_reason(client, login, db):
    session = factories.make_session(status=SessionStatus.SCHEDULED)
    saved(db)
    user = login("coordinator")
    response = client.post(f"/sessions/{session.id}/cancel", data={"reason": "The venue flooded"})
    assert response.status_code == 302
    stored = row(db, TrainingSession, session.id)
    assert (stored["status"], stored["sequence"]) == (SessionStatus.CANCELLED, 1)
    assert stored["cancelled_at"] is not None
    event = db.session.scalar(select(AuditEvent))
    assert (event.action, event.reason, event.actor_id) == (
        "session.cancelled",
        "The venue flooded",
        user.id,
    )
    assert (event.before["status"], event.after["status"]) == ("scheduled", "cancelled")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("date_to=9999-12-31", "To must be in a year from 1900 to 2999"),
        ("date_from=2026-02-30", "From must be a real date, like 2026-03-17"),
        ("status=teleported", "Choose status from the list"),
        ("programme=abc", "Choose programme from the list"),
    ],
)
def test_bad_session_filters_are_explained_not_crashed(client, login, db, query, message):
    login("coordinator")
    response = client.get(f"/sessions/?{query}")
    assert response.status_code == 200
    assert message in [html.unescape(error) for error in page_errors(response)]
