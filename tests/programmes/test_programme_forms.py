"""Programme and venue forms: bad input is explained and saves nothing; good input saves."""

import html

import pytest
from sqlalchemy import select

from tests import factories
from tests.helpers import BOLD, SCRIPT, count, page_errors, refused, row, saved
from trainer.models import (
    AuditEvent,
    DeliveryMode,
    Programme,
    TeamSeat,
    Venue,
)

# --- programmes ---------------------------------------------------------------------------


@pytest.fixture
def trio(db):
    roles = factories.make_trio()
    saved(db)
    return roles


def programme_data(roles, **changes) -> dict:
    data = {
        "name": "Tier 3 pilot",
        "description": "A pilot.",
        "delivery_mode": "online",
        "duration_minutes": "90",
        "default_start_time": "10:00",
        "capacity": "12",
        "what_to_bring": "Headphones",
        **{f"seats_{r.id}": "1" for r in roles},
    }
    return {**data, **changes}


def seat_counts(db, programme_id) -> dict[int, int]:
    rows = db.session.execute(
        select(TeamSeat.delivery_role_id, TeamSeat.count).where(
            TeamSeat.programme_id == programme_id
        )
    )
    return dict(rows.all())


PROGRAMME_CASES = {
    "empty name": ({"name": ""}, "Enter the programme's name"),
    "blank name": ({"name": "   "}, "Enter the programme's name"),
    "long name": ({"name": "x" * 121}, "Name must be 120 characters or fewer"),
    "script name": ({"name": SCRIPT}, "Name must not contain HTML or code."),
    "bold description": ({"description": BOLD}, "Description must not contain HTML or code."),
    "long description": (
        {"description": "x" * 2001},
        "Description must be 2000 characters or fewer",
    ),
    "no mode": ({"delivery_mode": ""}, "Choose online or in person"),
    "tampered mode": ({"delivery_mode": "hybrid"}, "Not a valid choice."),
    "empty length": ({"duration_minutes": ""}, "Enter length in minutes"),
    "letters length": (
        {"duration_minutes": "sixty"},
        "Length in minutes must be a whole number, like 12",
    ),
    "zero length": ({"duration_minutes": "0"}, "Length in minutes must be between 1 and 1,440"),
    "decimal capacity": (
        {"capacity": "12.5"},
        "Learners per session must be a whole number, like 12",
    ),
    "zero capacity": ({"capacity": "0"}, "Learners per session must be between 1 and 500"),
    "bad time": (
        {"default_start_time": "25:61"},
        "Usual start time must be a real time, like 09:30",
    ),
    "bad script": (
        {"what_to_bring": SCRIPT},
        "What the team should bring must not contain HTML or code.",
    ),
}


@pytest.mark.parametrize(("changes", "message"), PROGRAMME_CASES.values(), ids=PROGRAMME_CASES)
def test_bad_programme_is_not_created(client, login, db, trio, changes, message):
    login("coordinator")
    before = count(db, Programme, TeamSeat, AuditEvent)
    refused(client.post("/programmes/new", data=programme_data(trio, **changes)), message)
    assert count(db, Programme, TeamSeat, AuditEvent) == before


@pytest.mark.parametrize(
    ("seats", "message"),
    [
        ((0, 0, 0), "A team needs at least one seat. Enter how many people of each role."),
        (("", "", ""), "A team needs at least one seat. Enter how many people of each role."),
        (("one", 1, 1), "must be a whole number, like 12"),
        ((11, 1, 1), "must be between 0 and 10"),
        ((-1, 1, 1), "must be between 0 and 10"),
    ],
)
def test_bad_team_composition_is_refused(client, login, db, trio, seats, message):
    login("coordinator")
    data = programme_data(
        trio, **{f"seats_{r.id}": str(n) for r, n in zip(trio, seats, strict=True)}
    )
    response = client.post("/programmes/new", data=data)
    assert response.status_code == 200
    errors = [html.unescape(error) for error in page_errors(response)]
    assert any(message in error for error in errors), errors
    assert count(db, Programme, TeamSeat) == (0, 0)
    # every message in the summary takes the reader to a box to fix
    summary = response.get_data(as_text=True).split('govuk-error-summary__list">')[1]
    assert 'href="#seats_' in summary.split("</ul>")[0]


def test_programme_names_are_unique_whatever_the_case(client, login, db, trio):
    factories.make_programme(roles=trio, name="Tier 3 Pilot")
    saved(db)
    login("coordinator")
    response = client.post("/programmes/new", data=programme_data(trio))
    refused(response, "There is already one called Tier 3 pilot. Choose another name.")
    assert count(db, Programme) == (1,)


def test_programme_is_created_with_its_team(client, login, db, trio):
    user = login("coordinator")
    data = programme_data(trio, **{f"seats_{trio[0].id}": "2", f"seats_{trio[2].id}": "0"})
    response = client.post("/programmes/new", data=data)
    assert response.status_code == 302
    programme = db.session.scalar(select(Programme))
    assert response.location == f"/programmes/{programme.id}"
    assert (
        programme.name,
        programme.delivery_mode,
        programme.duration_minutes,
        programme.capacity,
        programme.default_start_time.isoformat(),
    ) == ("Tier 3 pilot", DeliveryMode.ONLINE, 90, 12, "10:00:00")
    assert seat_counts(db, programme.id) == {trio[0].id: 2, trio[1].id: 1}
    event = db.session.scalar(select(AuditEvent))
    assert (event.action, event.entity_id, event.actor_id) == (
        "programme.created",
        programme.id,
        user.id,
    )


@pytest.mark.parametrize("case", ["empty name", "letters length", "script name", "bad time"])
def test_bad_programme_edit_changes_nothing(client, login, db, trio, case):
    programme = factories.make_programme(roles=trio)
    saved(db)
    before = row(db, Programme, programme.id), seat_counts(db, programme.id)
    login("coordinator")
    changes, message = PROGRAMME_CASES[case]
    refused(
        client.post(f"/programmes/{programme.id}/edit", data=programme_data(trio, **changes)),
        message,
    )
    assert (row(db, Programme, programme.id), seat_counts(db, programme.id)) == before


def test_programme_edit_changes_details_and_team(client, login, db, trio):
    programme = factories.make_programme(roles=trio)
    saved(db)
    login("coordinator")
    form = client.get(f"/programmes/{programme.id}/edit").get_data(as_text=True)
    assert f'value="{programme.name}"' in form
    data = programme_data(
        trio,
        name="Tier 2 day",
        delivery_mode="in_person",
        duration_minutes="420",
        **{f"seats_{trio[1].id}": "0", f"seats_{trio[2].id}": "2"},
    )
    assert client.post(f"/programmes/{programme.id}/edit", data=data).status_code == 302
    stored = row(db, Programme, programme.id)
    assert (stored["name"], stored["duration_minutes"]) == ("Tier 2 day", 420)
    assert seat_counts(db, programme.id) == {trio[0].id: 1, trio[2].id: 2}
    assert db.session.scalar(select(AuditEvent.action)) == "programme.updated"


# --- venues -------------------------------------------------------------------------------


def venue_data(**changes) -> dict:
    data = {
        "name": "Riverside Hall",
        "is_online": "no",
        "meeting_url": "",
        "address_line1": "12 Mill Lane",
        "address_line2": "",
        "town": "Exampletown",
        "postcode": "EX1 4RC",
        "access": ["step_free", "quiet_room"],
        "arrival_instructions": "Side door",
        "contact_name": "Jo",
        "contact_phone": "0100",
    }
    return {**data, **changes}


VENUE_CASES = {
    "empty name": ({"name": ""}, "Enter the venue's name"),
    "long name": ({"name": "x" * 121}, "Name must be 120 characters or fewer"),
    "script name": ({"name": SCRIPT}, "Name must not contain HTML or code."),
    "tampered online": ({"is_online": "maybe"}, "Not a valid choice."),
    "no address": (
        {"address_line1": "", "postcode": ""},
        "Enter the first line of the address and the postcode.",
    ),
    "online without link": (
        {"is_online": "yes", "meeting_url": ""},
        "Enter the meeting link for an online venue.",
    ),
    "javascript link": (
        {"is_online": "yes", "meeting_url": "javascript:alert(1)"},
        "Enter a meeting link starting with https://",
    ),
    "long postcode": ({"postcode": "EX1 4RC EX1 4R"}, "Postcode must be 12 characters or fewer"),
    "tampered access": (
        {"access": ["step_free", "teleporter"]},
        "'teleporter' is not a valid choice for this field.",
    ),
    "bold contact": ({"contact_name": BOLD}, "Who to ask for must not contain HTML or code."),
    "script instructions": (
        {"arrival_instructions": SCRIPT},
        "How to get in must not contain HTML or code.",
    ),
}


@pytest.mark.parametrize(("changes", "message"), VENUE_CASES.values(), ids=VENUE_CASES)
def test_bad_venue_is_not_created(client, login, db, changes, message):
    login("coordinator")
    refused(client.post("/venues/new", data=venue_data(**changes)), message)
    assert count(db, Venue, AuditEvent) == (0, 0)


def test_venue_names_are_unique(client, login, db):
    factories.make_venue(name="RIVERSIDE HALL")
    saved(db)
    login("coordinator")
    refused(
        client.post("/venues/new", data=venue_data()),
        "There is already one called Riverside Hall. Choose another name.",
    )
    assert count(db, Venue) == (1,)


@pytest.mark.parametrize("case", ["empty name", "no address", "javascript link", "tampered access"])
def test_bad_venue_edit_changes_nothing(client, login, db, case):
    venue = factories.make_venue()
    saved(db)
    before = row(db, Venue, venue.id)
    login("coordinator")
    changes, message = VENUE_CASES[case]
    refused(client.post(f"/venues/{venue.id}/edit", data=venue_data(**changes)), message)
    assert row(db, Venue, venue.id) == before


def test_venue_is_created_and_edited(client, login, db):
    login("coordinator")
    response = client.post("/venues/new", data=venue_data())
    assert response.status_code == 302
    venue = db.session.scalar(select(Venue))
    assert venue.address == "12 Mill Lane, Exampletown, EX1 4RC"
    assert venue.access_features == {"step_free", "quiet_room"}
    data = venue_data(
        name="Riverside online",
        is_online="yes",
        meeting_url="https://meet.example.org/riverside",
        access=[],
    )
    assert client.post(f"/venues/{venue.id}/edit", data=data).status_code == 302
    stored = row(db, Venue, venue.id)
    assert (
        stored["name"],
        stored["is_online"],
        stored["meeting_url"],
        stored["has_step_free"],
    ) == ("Riverside online", True, "https://meet.example.org/riverside", False)
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["venue.created", "venue.updated"]
