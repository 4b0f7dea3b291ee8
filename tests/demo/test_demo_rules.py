"""The demo data obeys its own rules at both scales, and shows a newcomer the whole story: the
demo co-trainer's past session delivered and paid, their letters, and a past session waiting
for its attendance."""

import io
from collections import Counter

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from trainer import demo
from trainer.clock import utc_now
from trainer.models import (
    Assignment,
    LetterKind,
    LetterRecord,
    LineStatus,
    OfferStatus,
    PaymentLine,
    Problem,
    SessionStatus,
    TrainingSession,
    User,
    accounts,
)
from trainer.problems.checks import check_seats, held_seats
from trainer.problems.sweep import check_every_held_seat
from trainer.timezones import to_local


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch):
    """Seeding hashes five demo passwords: a cheap hash keeps these tests fast."""

    def quick(password, method=None):
        return generate_password_hash(password, method="pbkdf2:sha256:1000")

    monkeypatch.setattr(accounts, "generate_password_hash", quick)


def signed_in_browser(app, user):
    browser = app.test_client()
    response = browser.post("/sign-in", data={"email": user.email, "password": "demo-password"})
    assert response.status_code == 302
    return browser


def breaks_without_a_reason(db) -> list[str]:
    """Every held seat of every session not cancelled, past or to come, through the booking
    rules: what each breaks, unless a coordinator set it aside with a written reason."""
    seats = held_seats(now=utc_now(), include_past=True)
    assert seats
    found = check_seats(seats)
    by_id = {seat.id: seat for seat in seats}
    return [
        f"{by_id[seat_id].person.full_name}: {b.message}"
        for seat_id, breaks in found.items()
        for b in breaks
        if not by_id[seat_id].override_reason.strip()
    ]


@pytest.mark.parametrize("scale", ["demo", "region"])
def test_seeded_demo_data_breaks_no_booking_rule(db, scale):
    demo.seed(password="demo-password", scale=scale)
    assert breaks_without_a_reason(db) == []
    result = check_every_held_seat()
    assert result.found == 0 and result.seats > 0
    assert db.session.scalars(select(Problem).where(Problem.resolved_at.is_(None))).all() == []
    now = utc_now()  # nobody was asked, or answered, on a day still to come
    ahead = (Assignment.offered_at > now) | (Assignment.responded_at > now)
    assert db.session.scalars(select(Assignment).where(ahead)).all() == []


def test_the_demo_co_trainer_keeps_to_their_weekly_limit(db):
    demo.seed(password="demo-password")
    jamie = db.session.scalar(select(User).where(User.email == "cotrainer@example.org")).person
    seats = db.session.scalars(
        select(Assignment).where(
            Assignment.person_id == jamie.id,
            Assignment.offer_status.in_((OfferStatus.OFFERED, OfferStatus.ACCEPTED)),
        )
    ).all()
    weeks = Counter(to_local(a.session.starts_at).isocalendar()[:2] for a in seats)
    assert seats and max(weeks.values()) <= jamie.max_sessions_per_week


def test_the_demo_co_trainer_has_a_past_session_delivered_paid_and_its_letters(app, db):
    demo.seed(password="demo-password")
    user = db.session.scalar(select(User).where(User.email == "cotrainer@example.org"))
    paid = db.session.scalars(
        select(PaymentLine).where(
            PaymentLine.person_id == user.person.id, PaymentLine.status == LineStatus.PAID
        )
    ).all()
    assert paid and all(line.session.status is SessionStatus.DELIVERED for line in paid)
    assert all(line.paid_on <= to_local(utc_now()).date() for line in paid)
    letters = db.session.scalars(
        select(LetterRecord).where(LetterRecord.person_id == user.person.id)
    ).all()
    assert {letter.kind for letter in letters} == {LetterKind.PAYMENT, LetterKind.RECOGNITION}
    db.session.commit()
    browser = signed_in_browser(app, user)
    home = browser.get("/home").get_data(as_text=True)
    assert "We have paid you" in home
    assert "Payment letter" in home and "Recognition letter" in home
    for letter in letters:
        pdf = browser.get(f"/letters/{letter.id}.pdf")
        assert pdf.status_code == 200
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
        assert letter.reference in text and user.person.full_name in text


def test_a_past_session_waits_for_its_attendance(app, db):
    demo.seed(password="demo-password")
    waiting = db.session.scalars(
        select(TrainingSession).where(
            TrainingSession.ends_at < utc_now(),
            TrainingSession.status.in_((SessionStatus.DRAFT, SessionStatus.SCHEDULED)),
        )
    ).all()
    assert len(waiting) == 1
    [session] = waiting
    assert all(a.offer_status is OfferStatus.ACCEPTED for a in session.assignments)
    db.session.commit()
    coordinator = db.session.scalar(select(User).where(User.email == "coordinator@example.org"))
    browser = signed_in_browser(app, coordinator)
    dashboard = browser.get("/coordinator").get_data(as_text=True)
    assert "Sessions to close" in dashboard and f"/sessions/{session.id}#close" in dashboard
    page = browser.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "It was delivered: record attendance" in page and "It did not go ahead" in page
