"""The Jobcentre letter: role, hours and pay, standard and Easy Read, parsed back."""

from tests import factories
from tests.letters.letter_samples import pdf_text
from tests.payments.factories import make_rate
from trainer.models import Attendance, PaymentChoice, SessionStatus
from trainer.payments import service


def a_co_trainer(db, **values):
    programme = factories.make_programme(duration=90, name="Oliver McGowan Tier 1")
    role = next(s.delivery_role for s in programme.seats if s.delivery_role.is_lived_experience)
    make_rate(programme=programme, role=role, delivery_pence=12_000)
    person = factories.make_person(
        roles=[role],
        qualified=[programme],
        name="Ann O'Neill",
        postal_address="1 Road\nTown",
        **values,
    )
    worked = factories.make_session(
        programme=programme, starts_at=factories.days_ahead(-14), status=SessionStatus.SCHEDULED
    )
    seat = factories.make_assignment(session=worked, person=person, role=role)
    service.mark_delivered(
        worked, [service.AttendanceEntry(seat, Attendance.ATTENDED)], 9, actor=None
    )
    booked = factories.make_session(
        programme=programme, starts_at=factories.days_ahead(10), status=SessionStatus.SCHEDULED
    )
    factories.make_assignment(session=booked, person=person, role=role)
    db.session.commit()
    return person


def test_a_coordinator_gets_the_standard_letter_with_role_hours_and_pay(client, login, db):
    person = a_co_trainer(db)
    login("coordinator")
    response = client.get(f"/people/{person.id}/jobcentre-letter.pdf?format=standard")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    assert "To whom it may concern: work and pay" in text
    assert "Ann O'Neill works with" in text and "as an expert co-trainer" in text
    assert "Paid through payroll, before tax and National Insurance." in text
    assert "Oliver McGowan Tier 1 £120.00 a session" in text
    assert (
        "In the last 13 weeks they worked 1 session: 1 hour 30 minutes in all, paid £120.00" in text
    )
    assert "They are booked for 1 more." in text
    assert "not pay and are not included" in text
    for word in ("autis", "learning disab", "diagnos"):
        assert word not in text.lower()


def test_the_person_gets_their_own_easy_read_letter_and_not_anyone_elses(client, login, db):
    person = a_co_trainer(
        db,
        payment_choice=PaymentChoice.REDUCED,
        reduced_percent=50,
    )
    other = factories.make_person(name="Someone Else")
    factories.make_user(roles={"trainer"}, person=person, email="ann@example.org")
    db.session.commit()
    client.post("/sign-in", data={"email": "ann@example.org", "password": factories.PASSWORD})
    text = pdf_text(client.get(f"/people/{person.id}/jobcentre-letter.pdf?format=easy").data)
    assert "You can show it to the Jobcentre." in text
    assert "You work with us as an expert co-trainer." in text
    assert "Paid 50% of the usual fee, as they chose." in text
    assert "Oliver McGowan Tier 1: £60.00 a session." in text
    assert "That was 1 hour 30 minutes of work." in text
    assert "Your pay for them was £60.00." in text
    assert client.get(f"/people/{other.id}/jobcentre-letter.pdf").status_code == 403
    assert client.get("/people/999999/jobcentre-letter.pdf").status_code == 404


def test_the_letter_link_is_on_the_persons_money_page(client, login, db):
    person = a_co_trainer(db)
    factories.make_user(roles={"trainer"}, person=person, email="ann@example.org")
    db.session.commit()
    client.post("/sign-in", data={"email": "ann@example.org", "password": factories.PASSWORD})
    page = client.get("/my-money").get_data(as_text=True)
    assert f"/people/{person.id}/jobcentre-letter.pdf" in page
