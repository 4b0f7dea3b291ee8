"""The pages: each person's message choices (their own, and a coordinator's for them), the
message log on a person's page, "send again", and the page a message's Yes or No opens."""

from datetime import time

from tests import factories
from tests.helpers import make_failed_message
from tests.team_factories import team_setup
from trainer.models import InformationFormat, MessageChoice, MessageStatus, OfferStatus
from trainer.offers import service as offers


def co_trainer(db, **values):
    role = factories.make_role(lived=True)
    person = factories.make_person(roles=[role], email="kim@example.org", **values)
    user = factories.make_user(roles={"trainer"}, person=person)
    return person, user


def test_a_person_sets_their_own_choices(client, login, db):
    person, user = co_trainer(db, phone="07700 900999", supporter_email="sup@example.org")
    login(user)
    page = client.get("/my-messages")
    assert page.status_code == 200 and "How I hear from you" in page.text
    assert 'value="email" checked' in page.text  # the defaults, shown
    answer = client.post(
        "/my-messages",
        data={
            "channels": ["text"],
            "style": "easy_read",
            "supporter_copies": "y",
            "quiet_from": "22:00",
            "quiet_until": "08:30",
            "reminders": ["day_before", "morning_of"],
        },
    )
    assert answer.status_code == 302
    choice = db.session.get(MessageChoice, person.id)
    assert (choice.by_email, choice.by_text) == (False, True)
    assert (choice.quiet_from, choice.quiet_until) == (time(22), time(8, 30))
    assert (choice.remind_week_before, choice.remind_day_before) == (False, True)
    assert person.preferred_format is InformationFormat.EASY_READ
    assert person.supporter_gets_copies


def test_bad_choices_show_the_error_summary_and_change_nothing(client, login, db):
    person, user = co_trainer(db)
    login(user)
    answer = client.post(
        "/my-messages", data={"channels": ["email"], "style": "easy_read", "quiet_from": "25:99"}
    )
    assert answer.status_code == 200
    assert "govuk-error-summary" in answer.text and "must be a real time" in answer.text
    assert db.session.get(MessageChoice, person.id) is None
    answer = client.post(
        "/my-messages", data={"style": "plain", "quiet_from": "21:00", "channels": ["fax"]}
    )
    assert "govuk-error-summary" in answer.text
    assert "Enter both quiet times, or neither" in answer.text
    assert db.session.get(MessageChoice, person.id) is None


def test_a_coordinator_sets_choices_and_sees_the_log(client, login, db):
    person, _ = co_trainer(db)
    failed = make_failed_message(person)
    login("coordinator")
    page = client.get(f"/people/{person.id}")
    assert "A message that failed" in page.text and "Failed" in page.text
    page = client.get(f"/people/{person.id}/messages")
    assert "Messages to" in page.text and "Send again" in page.text
    answer = client.post(
        f"/people/{person.id}/messages",
        data={"channels": [], "style": "large_print", "quiet_from": "", "quiet_until": ""},
    )
    assert answer.status_code == 302
    choice = db.session.get(MessageChoice, person.id)
    assert not choice.by_email and not choice.by_text and choice.quiet_from is None
    assert client.post(f"/messages/{failed.id}/send-again").status_code == 302
    db.session.refresh(failed)
    assert failed.status in (MessageStatus.QUEUED, MessageStatus.SENT, MessageStatus.FAILED)
    assert failed.attempts <= 1  # tried again from the start
    assert client.get("/people/999999/messages").status_code == 404


def test_the_yes_link_asks_then_answers(client, login, db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    user = factories.make_user(roles={"trainer"}, person=person)
    seat = offers.offer_seat(setup.session, setup.autistic, person, actor=None)
    db.session.commit()
    assert client.get(f"/my-offers/{seat.id}/yes").status_code == 302  # sign in first
    login(user)
    page = client.get(f"/my-offers/{seat.id}/yes")
    assert page.status_code == 200 and "Can you do this session?" in page.text
    assert seat.offer_status is OfferStatus.OFFERED  # opening the link answers nothing
    answer = client.post(f"/my-offers/{seat.id}/yes")
    assert answer.status_code == 302
    db.session.refresh(seat)
    assert seat.offer_status is OfferStatus.ACCEPTED
    again = client.get(f"/my-offers/{seat.id}/yes")
    assert "You already said yes" in again.text
    assert client.get(f"/my-offers/{seat.id}/maybe").status_code == 404


def test_someone_elses_offer_link_is_refused(client, login, db):
    setup = team_setup()
    seat = offers.offer_seat(setup.session, setup.autistic, setup.people["Autistic"][0], actor=None)
    _, stranger = co_trainer(db)
    db.session.commit()
    login(stranger)
    assert client.get(f"/my-offers/{seat.id}/no").status_code == 403
    assert client.post(f"/my-offers/{seat.id}/no").status_code == 403
    db.session.refresh(seat)
    assert seat.offer_status is OfferStatus.OFFERED
    assert client.get("/my-offers/999999/no").status_code == 404
