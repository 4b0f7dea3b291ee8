"""The growth pages through HTTP: a person shadows a session and checks in; their lead reads
it; a coordinator records progression and review outcomes; bad input changes nothing."""

from sqlalchemy import func, select

from tests import factories
from tests.growth.factories import make_review_programme, past_seat, reach
from tests.helpers import page_errors
from trainer.models import (
    Assignment,
    CheckIn,
    InformationFormat,
    OfferStatus,
    OutboxMessage,
    ProgressionStage,
    ProgressionStep,
    ReviewOutcome,
    SessionStatus,
)


def switch(client, login, who):
    """Sign out, then in as someone else."""
    client.post("/sign-out")
    return login(who)


def co_trainer(db, *, lead=None):
    roles = factories.make_trio()
    programme = factories.make_programme(roles=roles)
    person = factories.make_person(
        roles=[roles[2]],
        qualified=[programme],
        name="Sam Shah",
        known_as="Sam",
        preferred_format=InformationFormat.EASY_READ,
        lead=lead,
    )
    user = factories.make_user(roles={"trainer"}, person=person)
    return person, user, roles, programme


def test_a_person_shadows_a_session_from_the_list(client, login, db):
    person, user, roles, programme = co_trainer(db)
    reach(person, ProgressionStage.TRAINED)
    session = factories.make_session(programme=programme, status=SessionStatus.SCHEDULED)
    login(user)
    page = client.get("/my/shadow").get_data(as_text=True)
    assert "To shadow means to watch a session." in page
    assert f'href="/my/shadow/{session.id}"' in page
    confirm = client.get(f"/my/shadow/{session.id}").get_data(as_text=True)
    assert "Do you want to shadow this session?" in confirm
    response = client.post(f"/my/shadow/{session.id}", data={})
    assert response.status_code == 302
    seat = db.session.scalar(select(Assignment).where(Assignment.person_id == person.id))
    assert seat.delivery_role.is_shadow and seat.offer_status is OfferStatus.ACCEPTED
    again = client.post(f"/my/shadow/{session.id}", data={})
    assert page_errors(again) == ["You are already in this session."]


def test_someone_not_trained_is_told_why_in_easy_words(client, login, db):
    person, user, roles, programme = co_trainer(db)
    session = factories.make_session(programme=programme, status=SessionStatus.SCHEDULED)
    login(user)
    response = client.post(f"/my/shadow/{session.id}", data={})
    assert response.status_code == 200
    assert page_errors(response) == [
        "You cannot shadow this session. You need to finish your training first."
    ]


def test_a_check_in_asking_for_support_reaches_the_lead_only(client, login, db):
    lead = factories.make_user(email="lead@example.org")
    person, user, roles, programme = co_trainer(db, lead=lead)
    seat = past_seat(person, roles[2], programme)
    login(user)
    page = client.get("/my/check-ins").get_data(as_text=True)
    assert f'href="/my/check-ins/{seat.id}/new"' in page
    form = client.get(f"/my/check-ins/{seat.id}/new").get_data(as_text=True)
    assert form.count('class="ht-feeling"') == 5 and 'value="sad"' in form
    bad = client.post(f"/my/check-ins/{seat.id}/new", data={"went_well": "<b>x</b>"})
    assert "Choose a picture that shows how you feel" in page_errors(bad)
    assert db.session.scalar(select(func.count(CheckIn.id))) == 0
    response = client.post(
        f"/my/check-ins/{seat.id}/new",
        data={"feeling": "worried", "was_hard": "The questions", "wants_support": "yes"},
    )
    assert response.status_code == 302
    log = client.get("/my/check-ins").get_data(as_text=True)
    assert "I felt worried." in log and "Your lead will contact you." in log
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 1
    check_in = db.session.scalar(select(CheckIn))

    switch(client, login, "coordinator")  # another coordinator: not the lead
    assert client.get(f"/check-ins/{check_in.id}").status_code == 403
    assert "Sam Shah" not in client.get("/check-ins").get_data(as_text=True)
    assert client.post(f"/check-ins/{check_in.id}/answered").status_code == 403

    switch(client, login, lead)
    listed = client.get("/check-ins").get_data(as_text=True)
    assert "Sam Shah" in listed and "Asks for support" in listed
    shown = client.get(f"/check-ins/{check_in.id}").get_data(as_text=True)
    assert "The questions" in shown
    assert client.post(f"/check-ins/{check_in.id}/answered").status_code == 302
    assert "Asks for support" not in client.get("/check-ins").get_data(as_text=True)


def test_another_persons_check_in_form_is_refused(client, login, db):
    person, user, roles, programme = co_trainer(db)
    other, *_ = co_trainer(db)
    seat = past_seat(other, roles[2], programme)
    login(user)
    assert client.get(f"/my/check-ins/{seat.id}/new").status_code == 403
    assert client.get("/my/check-ins/999999/new").status_code == 404
    switch(client, login, "coordinator")
    assert client.get("/my/check-ins/999999/new").status_code == 404


def test_a_coordinator_records_a_stage_and_names_a_lead(client, login, db):
    person, *_ = co_trainer(db)
    coordinator = login("coordinator")
    bad = client.post(
        f"/people/{person.id}/progression",
        data={"stage": "trained", "reached_on": "2099-01-01", "evidence": ""},
    )
    assert page_errors(bad) == ["Say what shows this stage was reached"]
    future = client.post(
        f"/people/{person.id}/progression",
        data={"stage": "trained", "reached_on": "2099-01-01", "evidence": "Course"},
    )
    assert page_errors(future) == ["The day a stage was reached cannot be in the future."]
    tampered = client.post(
        f"/people/{person.id}/progression",
        data={"stage": "boss", "reached_on": "2020-01-01", "evidence": "Course"},
    )
    assert page_errors(tampered) == ["Not a valid choice."]
    assert db.session.scalar(select(func.count(ProgressionStep.id))) == 0
    done = client.post(
        f"/people/{person.id}/progression",
        data={"stage": "trained", "reached_on": "2020-01-01", "evidence": "Course"},
    )
    assert done.status_code == 302
    overview = client.get("/progression").get_data(as_text=True)
    assert "Sam Shah" in overview and "Reached" in overview and "Shadowed" in overview
    lead = client.post(f"/people/{person.id}/lead", data={"lead": str(coordinator.id)})
    assert lead.status_code == 302 and person.lead_id == coordinator.id
    finance = factories.make_user(roles={"finance"})
    refused = client.post(f"/people/{person.id}/lead", data={"lead": str(finance.id)})
    assert refused.status_code == 200, refused.location
    assert page_errors(refused) == ["Choose the named lead from the list"]


def test_review_outcomes_are_added_and_shown_to_everyone(client, login, db):
    meeting = factories.make_session(programme=make_review_programme(factories.make_trio()))
    login("coordinator")
    session_page = client.get(f"/sessions/{meeting.id}").get_data(as_text=True)
    assert "You said, we did" in session_page and "Shadows" not in session_page
    bad = client.post(f"/sessions/{meeting.id}/outcomes/new", data={"owner": "Priya"})
    assert "Write what people said" in page_errors(bad)
    assert db.session.scalar(select(func.count(ReviewOutcome.id))) == 0
    added = client.post(
        f"/sessions/{meeting.id}/outcomes/new",
        data={"you_said": "More breaks.", "owner": "Priya", "due_on": "2030-01-10"},
    )
    assert added.status_code == 302
    outcome = db.session.scalar(select(ReviewOutcome))
    changed = client.post(
        f"/outcomes/{outcome.id}/edit",
        data={
            "you_said": "More breaks.",
            "we_did": "A break every hour.",
            "owner": "Priya",
            "due_on": "2030-01-10",
            "done_on": "2029-12-01",
        },
    )
    assert changed.status_code == 302
    switch(client, login, "employer")
    page = client.get("/you-said-we-did").get_data(as_text=True)
    assert "You said: More breaks." in page and "We did: A break every hour." in page
    assert "2029-12-01" not in page and "It was done on" in page
    training = factories.make_session()
    switch(client, login, "coordinator")
    assert client.get(f"/sessions/{training.id}/outcomes/new").status_code == 404
