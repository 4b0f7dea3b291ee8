"""Answers a co-trainer can take back: "Are you sure?" before a no, undo for ten minutes,
and the coordinator told of a withdrawal through a signal the messages listen to."""

import html
import re
from datetime import timedelta

from sqlalchemy import select

from tests import factories
from tests.portal.factories import make_co_trainer, make_seat
from trainer import signals
from trainer.models import AuditEvent, OfferStatus


def words(response) -> str:
    body = re.sub(r"<svg.*?</svg>", "", response.get_data(as_text=True), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def test_no_asks_are_you_sure_in_easy_read_and_changes_nothing_yet(client, login, db):
    who = make_co_trainer()
    session, offer = make_seat(who, days=6, status=OfferStatus.OFFERED)
    login(who.user)
    page = words(client.get(f"/home/offers/{offer.id}/no?back=home"))
    assert "Are you sure?" in page
    assert "You are saying no to the session on" in page
    assert "You can change your mind for 10 minutes after you say no." in page
    assert "Yes, I am sure" in page and "No, go back" in page
    assert offer.offer_status is OfferStatus.OFFERED


def test_saying_no_then_undo_puts_the_offer_back(client, login, db):
    who = make_co_trainer()
    _, offer = make_seat(who, days=6, status=OfferStatus.OFFERED)
    login(who.user)
    response = client.post(f"/home/offers/{offer.id}/no/sure", data={"back": "home"})
    assert response.status_code == 302 and response.location.startswith("/home")
    assert offer.offer_status is OfferStatus.DECLINED
    home = words(client.get("/home"))
    assert "Changed your mind?" in home and "Undo my answer" in home
    response = client.post(f"/home/offers/{offer.id}/undo", data={"back": "home"})
    assert response.status_code == 302
    db.session.refresh(offer)
    assert offer.offer_status is OfferStatus.OFFERED and offer.undo_status is None
    home = words(client.get("/home"))
    assert "We have undone your answer." in home and "Changed your mind?" not in home
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == offer.id))
    assert "assignment.answer_undone" in list(actions)


def test_withdrawing_tells_the_coordinator_and_undo_puts_the_seat_back(client, login, db):
    who = make_co_trainer()
    _, seat = make_seat(who, days=6, status=OfferStatus.ACCEPTED)
    db.session.commit()
    heard = []

    def listener(sender, **kwargs):
        heard.append((sender, kwargs))

    signals.person_withdrew.connect(listener)
    signals.answer_undone.connect(listener)
    try:
        login(who.user)
        page = words(client.get(f"/home/offers/{seat.id}/no?back=sessions"))
        assert "You said yes to the session on" in page
        assert "We will tell the coordinator." in page
        client.post(f"/home/offers/{seat.id}/no/sure", data={"back": "sessions"})
        assert seat.offer_status is OfferStatus.DECLINED
        [(sender, withdrew)] = heard
        assert sender is seat and withdrew["undo_until"] == seat.responded_at + timedelta(
            minutes=10
        )
        assert "Undo my answer" in words(client.get("/my-sessions"))
        client.post(f"/home/offers/{seat.id}/undo", data={"back": "sessions"})
        db.session.refresh(seat)
        assert seat.offer_status is OfferStatus.ACCEPTED
        assert heard[-1][1]["restored"] is OfferStatus.ACCEPTED
    finally:
        signals.person_withdrew.disconnect(listener)
        signals.answer_undone.disconnect(listener)


def test_undo_is_refused_after_ten_minutes(client, login, db):
    who = make_co_trainer()
    _, offer = make_seat(who, days=6, status=OfferStatus.OFFERED)
    login(who.user)
    client.post(f"/home/offers/{offer.id}/no/sure", data={"back": "home"})
    offer.responded_at -= timedelta(minutes=10, seconds=1)
    db.session.commit()
    assert "Changed your mind?" not in words(client.get("/home"))
    client.post(f"/home/offers/{offer.id}/undo", data={"back": "home"})
    assert "It is too late to undo your answer here." in words(client.get("/home"))
    db.session.refresh(offer)
    assert offer.offer_status is OfferStatus.DECLINED


def test_undo_is_refused_when_someone_else_has_the_seat(client, login, db):
    who = make_co_trainer()
    session, offer = make_seat(who, days=6, status=OfferStatus.OFFERED)
    login(who.user)
    client.post(f"/home/offers/{offer.id}/no/sure", data={"back": "home"})
    other = factories.make_person(roles=[who.roles[1]], name="Ash Other")
    factories.make_assignment(session=session, person=other, role=who.roles[1])
    db.session.commit()
    client.post(f"/home/offers/{offer.id}/undo", data={"back": "home"})
    assert "Someone else has this place now. Please phone the coordinator." in words(
        client.get("/home")
    )
    db.session.refresh(offer)
    assert offer.offer_status is OfferStatus.DECLINED


def test_a_coordinators_new_offer_cannot_be_undone_by_an_old_no(client, login, db):
    who = make_co_trainer()
    _, offer = make_seat(who, days=6, status=OfferStatus.OFFERED)
    login(who.user)
    client.post(f"/home/offers/{offer.id}/no/sure", data={"back": "home"})
    offer.offer_status = OfferStatus.WITHDRAWN
    offer.undo_status = None
    db.session.commit()
    client.post(f"/home/offers/{offer.id}/undo")
    db.session.refresh(offer)
    assert offer.offer_status is OfferStatus.WITHDRAWN


def test_someone_elses_answer_is_forbidden_and_a_missing_one_not_found(client, login, db):
    who, other = make_co_trainer(), make_co_trainer()
    _, offer = make_seat(other, days=6, status=OfferStatus.OFFERED)
    login(who.user)
    assert client.get(f"/home/offers/{offer.id}/no").status_code == 403
    assert client.post(f"/home/offers/{offer.id}/no/sure").status_code == 403
    assert client.post(f"/home/offers/{offer.id}/undo").status_code == 403
    assert client.get("/home/offers/999999/no").status_code == 404
    assert offer.offer_status is OfferStatus.OFFERED


def test_my_offers_no_also_asks_first(client, login, db):
    who = make_co_trainer()
    _, offer = make_seat(who, days=6, status=OfferStatus.OFFERED)
    login(who.user)
    response = client.post("/my-offers", data={"offer": offer.id, "answer": "no"})
    assert response.location == f"/home/offers/{offer.id}/no?back=offers"
    assert offer.offer_status is OfferStatus.OFFERED
