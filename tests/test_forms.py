"""Bad input on every form gives an error summary and saves nothing; good input saves."""

import html
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from config import Config
from tests import factories
from tests.conftest import page_errors
from trainer.clock import local_today
from trainer.models import (
    AuditEvent,
    DeliveryMode,
    PaymentChoice,
    Person,
    Programme,
    SessionStatus,
    SignInAttempt,
    TeamSeat,
    TrainingSession,
    User,
    UserRole,
    Venue,
)
from trainer.models.people import person_delivery_roles, person_qualifications

SCRIPT = "<script>alert(1)</script>"
BOLD = "<b>x</b>"


def count(db, *models) -> tuple[int, ...]:
    return tuple(db.session.scalar(select(func.count()).select_from(m)) for m in models)


def row(db, model, ident) -> dict:
    """The stored columns of one record, read straight from the table."""
    table = model.__table__
    return dict(db.session.execute(select(table).where(table.c.id == ident)).mappings().one())


def refused(response, message: str) -> None:
    assert response.status_code == 200
    errors = [html.unescape(error) for error in page_errors(response)]
    assert message in errors, errors
    body = response.get_data(as_text=True)
    assert SCRIPT not in body and BOLD not in body, "typed markup must come back escaped"


def saved(db) -> None:
    """Keep the setup data as if an earlier request had saved it (a view may roll back)."""
    db.session.commit()


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


# --- people -------------------------------------------------------------------------------


@pytest.fixture
def team(db):
    roles = factories.make_trio()
    programme = factories.make_programme(roles=roles)
    saved(db)
    return roles, programme


def person_data(team, **changes) -> dict:
    roles, programme = team
    data = {
        "full_name": "Jamie Clarke",
        "known_as": "Jamie",
        "email": "jamie@example.org",
        "phone": "07700 900123",
        "postal_address": "1 Example Road\nExampletown",
        "preferred_contact": "email",
        "preferred_format": "easy_read",
        "delivery_roles": [str(roles[1].id)],
        "qualifications": [str(programme.id)],
        "communication_needs": "Easy Read, please.",
        "support_needs": "",
        "access_needs": ["quiet_room"],
        "supporter_name": "",
        "supporter_email": "",
        "supporter_phone": "",
        "payment_choice": "paid_payroll",
        "reduced_percent": "",
        "charity_name": "",
        "max_sessions_per_week": "2",
        "max_hours_per_week": "15",
        "max_pence_per_week": "195.50",
        "max_pence_per_month": "",
        "notes": "",
    }
    return {**data, **changes}


PERSON_CASES = {
    "empty name": ({"full_name": ""}, "Enter their full name"),
    "long name": ({"full_name": "x" * 121}, "Full name must be 120 characters or fewer"),
    "script name": ({"full_name": SCRIPT}, "Full name must not contain HTML or code."),
    "bold known as": ({"known_as": BOLD}, "Known as must not contain HTML or code."),
    "bad email": (
        {"email": "jamie-at-example"},
        "Enter an email address in the right format, like name@example.org",
    ),
    "tampered contact": ({"preferred_contact": "carrier_pigeon"}, "Not a valid choice."),
    "no format": ({"preferred_format": ""}, "Choose how they like information"),
    "letters role": (
        {"delivery_roles": ["abc"]},
        "Invalid choice(s): one or more data inputs could not be coerced.",
    ),
    "unknown role": (
        {"delivery_roles": ["999999"]},
        "'999999' is not a valid choice for this field.",
    ),
    "unknown programme": (
        {"qualifications": ["999999"]},
        "'999999' is not a valid choice for this field.",
    ),
    "tampered access": (
        {"access_needs": ["jetpack"]},
        "'jetpack' is not a valid choice for this field.",
    ),
    "reduced without percent": (
        {"payment_choice": "reduced"},
        "Enter the percentage of the usual fee they want.",
    ),
    "percent too big": (
        {"payment_choice": "reduced", "reduced_percent": "101"},
        "Percentage of the usual fee must be between 0 and 100",
    ),
    "percent letters": (
        {"payment_choice": "reduced", "reduced_percent": "half"},
        "Percentage of the usual fee must be a whole number, like 12",
    ),
    "charity without name": (
        {"payment_choice": "charity"},
        "Enter the name of the charity to pay.",
    ),
    "copies without email": (
        {"supporter_name": "Chris", "supporter_gets_copies": "y"},
        "Enter the supporter's email address to send them copies.",
    ),
    "bad pounds": (
        {"max_pence_per_week": "12.345"},
        "Most earnings in a week, in pounds must be an amount in pounds, like 195.50",
    ),
    "negative pounds": (
        {"max_pence_per_month": "-5"},
        "Most earnings in a calendar month, in pounds must be an amount in pounds, like 195.50",
    ),
    "too many hours": (
        {"max_hours_per_week": "81"},
        "Most hours of work in a week must be between 0 and 80",
    ),
    "letters sessions": (
        {"max_sessions_per_week": "two"},
        "Most sessions in a week must be a whole number, like 12",
    ),
    "script notes": ({"notes": SCRIPT}, "Notes must not contain HTML or code."),
    "long notes": ({"notes": "x" * 2001}, "Notes must be 2000 characters or fewer"),
}


def person_rows(db, person_id) -> tuple:
    roles = db.session.execute(
        select(person_delivery_roles).where(person_delivery_roles.c.person_id == person_id)
    ).all()
    programmes = db.session.execute(
        select(person_qualifications).where(person_qualifications.c.person_id == person_id)
    ).all()
    return row(db, Person, person_id), sorted(roles), sorted(programmes)


@pytest.mark.parametrize(("changes", "message"), PERSON_CASES.values(), ids=PERSON_CASES)
def test_bad_person_is_not_created(client, login, db, team, changes, message):
    login("coordinator")
    refused(client.post("/people/new", data=person_data(team, **changes)), message)
    assert count(db, Person, person_delivery_roles, AuditEvent) == (0, 0, 0)


def test_person_email_is_unique(client, login, db, team):
    factories.make_person(email="JAMIE@example.org")
    saved(db)
    login("coordinator")
    refused(
        client.post("/people/new", data=person_data(team)),
        "Someone else already has this email address.",
    )
    assert count(db, Person) == (1,)


@pytest.mark.parametrize(
    "case", ["empty name", "unknown role", "bad pounds", "reduced without percent", "script notes"]
)
def test_bad_person_edit_changes_nothing(client, login, db, team, case):
    person = factories.make_person(
        roles=[team[0][0]], qualified=[team[1]], notes="Keep me", max_pence_per_week=10000
    )
    saved(db)
    before = person_rows(db, person.id)
    login("coordinator")
    changes, message = PERSON_CASES[case]
    refused(client.post(f"/people/{person.id}/edit", data=person_data(team, **changes)), message)
    assert person_rows(db, person.id) == before


def test_person_is_created_with_roles_needs_and_caps(client, login, db, team):
    roles, programme = team
    login("coordinator")
    response = client.post("/people/new", data=person_data(team))
    assert response.status_code == 302
    person = db.session.scalar(select(Person))
    assert response.location == f"/people/{person.id}"
    assert [r.id for r in person.delivery_roles] == [roles[1].id]
    assert [c.id for c in person.qualifications] == [programme.id]
    assert person.access_needs == {"quiet_room"}
    assert (
        person.max_sessions_per_week,
        person.max_minutes_per_week,
        person.max_pence_per_week,
        person.max_pence_per_month,
    ) == (2, 900, 19550, None)
    assert db.session.scalar(select(AuditEvent.action)) == "person.created"


def test_person_edit_saves_changes(client, login, db, team):
    person = factories.make_person(roles=[team[0][0]], name="Sam Old")
    saved(db)
    login("coordinator")
    assert "Sam Old" in client.get(f"/people/{person.id}/edit").get_data(as_text=True)
    data = person_data(
        team,
        full_name="Sam New",
        payment_choice="reduced",
        reduced_percent="50",
        delivery_roles=[],
        max_hours_per_week="",
    )
    assert client.post(f"/people/{person.id}/edit", data=data).status_code == 302
    stored, roles, _ = person_rows(db, person.id)
    assert (
        stored["full_name"],
        stored["payment_choice"],
        stored["reduced_percent"],
        stored["max_minutes_per_week"],
    ) == ("Sam New", PaymentChoice.REDUCED, 50, None)
    assert roles == []


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


#: the day the session forms ask for: a week ahead, whatever today is
SESSION_DAY = local_today(ZoneInfo(Config.TIMEZONE)) + timedelta(days=7)


def at_local(clock: str) -> str:
    """The UTC instant, as stored in the audit log, of `clock` on SESSION_DAY."""
    zone = ZoneInfo(Config.TIMEZONE)
    moment = datetime.combine(SESSION_DAY, time.fromisoformat(clock), tzinfo=zone)
    return moment.astimezone(UTC).isoformat()


def session_data(places, **changes) -> dict:
    data = {
        "programme_id": str(places["online"].id),
        "day": SESSION_DAY.isoformat(),
        "start_time": "10:00",
        "end_time": "",
        "venue_id": "",
        "meeting_url": "https://meet.example.org/abc",
        "capacity": "",
        "what_to_bring": "",
        "notes": "",
    }
    return {**data, **{k: str(v) if isinstance(v, int) else v for k, v in changes.items()}}


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
    client.post(path, data={"status": "delivered"})  # a draft cannot be delivered
    page = client.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "A session that is draft cannot become delivered." in page
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


# --- admin accounts -----------------------------------------------------------------------


def account_data(**changes) -> dict:
    data = {
        "email": "new.person@example.org",
        "password": "a long enough password",
        "roles": ["coordinator"],
        "person_id": "",
        "is_enabled": "y",
    }
    return {**data, **changes}


ACCOUNT_CASES = {
    "empty email": ({"email": ""}, "Enter an email address"),
    "bad email": (
        {"email": "new.person"},
        "Enter an email address in the right format, like name@example.org",
    ),
    "long email": (
        {"email": "x" * 250 + "@example.org"},
        "Email address must be 254 characters or fewer",
    ),
    "script email": ({"email": SCRIPT}, "Email address must not contain HTML or code."),
    "empty password": ({"password": ""}, "Enter a password"),
    "short password": ({"password": "short"}, "The password must be 8 to 200 characters"),
    "long password": ({"password": "x" * 201}, "The password must be 8 to 200 characters"),
    "no roles": ({"roles": []}, "Choose at least one role"),
    "tampered role": (
        {"roles": ["superuser"]},
        "'superuser' is not a valid choice for this field.",
    ),
    "unknown profile": ({"person_id": "999999"}, "Choose linked trainer profile from the list"),
    "letters profile": ({"person_id": "abc"}, "Choose linked trainer profile from the list"),
}


@pytest.mark.parametrize(("changes", "message"), ACCOUNT_CASES.values(), ids=ACCOUNT_CASES)
def test_bad_account_is_not_created(client, login, db, changes, message):
    login("admin")
    before = count(db, User, UserRole)
    refused(client.post("/admin/accounts/new", data=account_data(**changes)), message)
    assert count(db, User, UserRole) == before


def test_account_emails_are_unique(client, login, db):
    login("admin")
    factories.make_user(email="new.person@example.org")
    saved(db)
    before = count(db, User)
    refused(
        client.post("/admin/accounts/new", data=account_data(email="New.Person@example.org")),
        "An account with this email address already exists.",
    )
    assert count(db, User) == before


def test_a_profile_linked_to_another_account_cannot_be_taken(client, login, db):
    person = factories.make_person()
    factories.make_user(roles={"trainer"}, person=person)
    saved(db)
    login("admin")
    refused(
        client.post("/admin/accounts/new", data=account_data(person_id=str(person.id))),
        "Choose linked trainer profile from the list",
    )


def test_account_is_created_linked_and_can_sign_in(client, login, app, db):
    person = factories.make_person(name="Robin Trainer")
    saved(db)
    login("admin")
    data = account_data(roles=["trainer", "finance"], person_id=str(person.id))
    assert client.post("/admin/accounts/new", data=data).status_code == 302
    user = db.session.scalar(select(User).where(User.email == "new.person@example.org"))
    assert user.roles == {factories.Role.TRAINER, factories.Role.FINANCE}
    assert user.person.id == person.id and user.is_enabled
    other = app.test_client()
    signed_in = other.post(
        "/sign-in", data={"email": "new.person@example.org", "password": "a long enough password"}
    )
    assert signed_in.status_code == 302


@pytest.mark.parametrize("case", ["empty email", "bad email", "no roles", "tampered role"])
def test_bad_account_edit_changes_nothing(client, login, db, case):
    login("admin")
    user = factories.make_user(roles={"trainer"})
    saved(db)
    before = row(db, User, user.id), user.roles
    changes, message = ACCOUNT_CASES[case]
    data = {k: v for k, v in account_data(**changes).items() if k != "password"}
    refused(client.post(f"/admin/accounts/{user.id}", data=data), message)
    db.session.expire_all()
    assert (row(db, User, user.id), db.session.get(User, user.id).roles) == before


def test_account_edit_changes_roles_and_can_disable(client, login, db):
    login("admin")
    person = factories.make_person()
    user = factories.make_user(roles={"trainer"}, person=person)
    saved(db)
    data = {"email": user.email, "roles": ["coordinator"], "person_id": ""}  # box unticked
    assert client.post(f"/admin/accounts/{user.id}", data=data).status_code == 302
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert (user.roles, user.is_enabled, user.person) == ({factories.Role.COORDINATOR}, False, None)


# --- sign in ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "password": "x"}, "Enter your email address"),
        ({"email": "a@example.org", "password": ""}, "Enter your password"),
        ({"email": "x" * 255, "password": "x"}, "Field cannot be longer than 254 characters."),
        (
            {"email": "a@example.org", "password": "x" * 201},
            "Field cannot be longer than 200 characters.",
        ),
    ],
)
def test_bad_sign_in_form_is_refused_before_any_check(client, db, data, message):
    refused(client.post("/sign-in", data=data), message)
    assert count(db, SignInAttempt) == (0,)


def test_markup_in_the_sign_in_form_is_not_echoed(client, db):
    response = client.post("/sign-in", data={"email": SCRIPT, "password": "x"})
    refused(response, "Enter a correct email address and password.")
    assert "&lt;script&gt;" in response.get_data(as_text=True)


# --- hostile bytes and filters -----------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/programmes/new", "name"),
        ("/venues/new", "name"),
        ("/people/new", "notes"),
        ("/sessions/new", "notes"),
        ("/admin/accounts/new", "email"),
        ("/sign-in", "email"),
    ],
)
def test_nul_bytes_are_refused_on_every_database(client, login, db, path, field):
    if path != "/sign-in":
        login("admin")
    before = count(db, Programme, Venue, Person, TrainingSession, User, SignInAttempt)
    response = client.post(path, data={"name": "Valid name", field: "Jo\x00ey"})
    assert response.status_code == 400
    assert "There is a problem with your request" in response.get_data(as_text=True)
    assert count(db, Programme, Venue, Person, TrainingSession, User, SignInAttempt) == before


def test_nul_bytes_in_a_search_are_refused(client, login, db):
    login("coordinator")
    assert client.get("/people/?q=a%00b").status_code == 400


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
