"""Personal data rights: a copy of everything held, erasure that keeps only finance records
under a reference, retention rules with their log, access logging, the privacy notice."""

import json
from datetime import timedelta

from sqlalchemy import func, select

from tests import factories
from tests.helpers import signed_in_browser
from tests.payments.factories import make_money_records
from trainer.clock import utc_now
from trainer.extensions import db as _db
from trainer.models import (
    AuditEvent,
    AvailabilityWindow,
    Expense,
    LineStatus,
    PaymentLine,
    Person,
    RetentionRun,
    SignInAttempt,
    UnavailablePeriod,
)
from trainer.privacy import inventory, subject_access

PERSONAL = {inventory.PERSON, inventory.ACCOUNT}


def test_every_reference_to_a_person_or_account_is_in_the_inventory():
    """A new table pointing at people or users fails here until subject access and erasure
    say what it means for them (trainer/privacy/inventory.py)."""
    found = {
        (table.name, fk.parent.name)
        for table in _db.metadata.sorted_tables
        for fk in table.foreign_keys
        if fk.column.table.name in PERSONAL
    }
    listed = set(inventory.ABOUT) | set(inventory.BY)
    assert found - listed == set(), "add these to trainer/privacy/inventory.py"
    assert listed - found == set(), "these inventory entries point at nothing"


def _person_with_records(db):
    programme = factories.make_programme()
    role = programme.seats[0].delivery_role
    person = factories.make_person(
        roles=[role], name="Robin Subject", support_needs="Quiet room please", phone="0700 900"
    )
    person.max_pence_per_week = 19550
    user = factories.make_user(roles={"trainer"}, person=person)
    session = factories.make_session(programme=programme, starts_at=factories.days_ahead(-10))
    factories.make_assignment(session=session, person=person, role=role)
    db.session.add(AvailabilityWindow(person=person, weekday=0, start_time=_t(9), end_time=_t(17)))
    db.session.add(
        UnavailablePeriod(
            person=person, starts_at=utc_now(), ends_at=utc_now() + timedelta(days=1), reason="GP"
        )
    )
    ids = make_money_records(person=person, session=session)
    db.session.flush()
    return person, user, ids


def _t(hour):
    from datetime import time

    return time(hour)


def test_a_copy_holds_every_table_about_the_person(app, db):
    person, user, _ = _person_with_records(db)
    export = subject_access.make_copy(
        subject_access.request_copy("person", person.id, actor=None).id
    )
    data = json.loads(export.json_file)["data"]
    for table in (
        "people",
        "users",
        "user_roles",
        "person_delivery_roles",
        "assignments",
        "availability_windows",
        "unavailable_periods",
        "expenses",
        "payment_lines",
        "letter_records",
    ):
        assert data.get(table), f"{table} missing from the copy"
    assert data["people"][0]["support_needs"] == "Quiet room please"
    assert "password_hash" not in data["users"][0]
    page = export.readable_file.decode()
    assert "Your profile" in page and "Quiet room please" in page and "Your pay" in page


def test_an_admin_makes_and_downloads_a_copy(app, db):
    person, _, _ = _person_with_records(db)
    admin = factories.make_user(roles={"admin"})
    db.session.commit()
    browser = signed_in_browser(app, admin)
    made = browser.post(f"/data/person/{person.id}/copy", follow_redirects=True)
    assert "The copy is being made." in made.get_data(as_text=True)  # made by a job
    export_id = db.session.scalar(select(func.max(subject_access.DataExport.id)))
    download = browser.get(f"/data-copies/{export_id}.json")
    assert download.headers["Cache-Control"] == "no-store"
    assert "attachment" in download.headers["Content-Disposition"]
    assert json.loads(download.data)["data"]["people"][0]["full_name"] == "Robin Subject"


def test_erasure_keeps_finance_records_but_no_personal_details(app, db):
    person, user, ids = _person_with_records(db)
    db.session.execute(
        PaymentLine.__table__.update()
        .where(PaymentLine.person_id == person.id)
        .values(status=LineStatus.PAID.value)
    )
    db.session.execute(
        Person.__table__.update()
        .where(Person.id == person.id)
        .values(email="robin@example.org", postal_address="1 Road")
    )
    admin = factories.make_user(roles={"admin"})
    db.session.commit()
    browser = signed_in_browser(app, admin)
    response = browser.post(f"/people/{person.id}/erase", data={"reason": "Asked by phone"})
    body = response.get_data(as_text=True)
    assert "Details erased" in body and "What we kept, and why" in body
    db.session.expire_all()
    erased = db.session.get(Person, person.id)
    assert erased.full_name == f"Erased person P{person.id:06d}"
    for field in ("email", "phone", "postal_address", "support_needs", "communication_needs"):
        assert getattr(erased, field) == ""
    assert erased.max_pence_per_week is None and erased.erased_at is not None
    lines = db.session.scalar(select(func.count()).where(PaymentLine.person_id == person.id))
    expenses = db.session.scalar(select(func.count()).where(Expense.person_id == person.id))
    assert lines >= 1 and expenses >= 1
    copy = subject_access.collect(erased)
    text = json.dumps(copy)
    for secret in ("Robin Subject", "Quiet room please", "0700 900", "robin@example.org", "19550"):
        assert secret not in text, secret


def test_retention_removes_old_data_and_logs_it(app, db):
    old = utc_now() - timedelta(days=91)
    db.session.add(SignInAttempt(email="a@example.org", address="x", attempted_at=old))
    db.session.add(SignInAttempt(email="b@example.org", address="x"))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["apply-retention"])
    assert result.exit_code == 0, result.output
    assert "sign-in attempts and link requests: 1 removed" in result.output
    assert db.session.scalar(select(func.count()).select_from(SignInAttempt)) == 1
    kinds = db.session.scalars(select(RetentionRun.kind)).all()
    assert "sign-in attempts and link requests" in kinds
    again = app.test_cli_runner().invoke(args=["apply-retention"])
    assert "sign-in attempts and link requests: 0 removed" in again.output


def test_views_of_support_needs_and_pay_are_logged_but_not_ones_own(app, db):
    person, user, _ = _person_with_records(db)
    coordinator = factories.make_user(roles={"coordinator"})
    db.session.commit()
    signed_in_browser(app, coordinator).get(f"/people/{person.id}")
    signed_in_browser(app, user).get("/my-money")
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "person.viewed")
    ).all()
    assert [(e.actor_id, e.entity_id) for e in events] == [(coordinator.id, person.id)]
    assert events[0].after == {"shown": ["benefits situation", "pay", "support needs"]}


def test_the_privacy_notice_is_public_in_plain_english_and_easy_read(client, db):
    plain = client.get("/privacy").get_data(as_text=True)
    assert "How we use your information" in plain and "90 days" in plain
    easy = client.get("/privacy/easy-read").get_data(as_text=True)
    assert "ht-easy-read" in easy and "You can ask us to delete your information." in easy
