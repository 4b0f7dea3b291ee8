"""The coordinator dashboard counts seats honestly: only a yes fills a seat; teams not ready
in the next two weeks are listed as urgent with what is missing; support needs are listed per
session; past sessions still to close wait there too."""

import html
import re

from sqlalchemy import select

from tests import factories
from tests.helpers import saved
from trainer.models import AuditEvent, OfferStatus, SessionStatus


def text(response) -> str:
    body = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return html.unescape(re.sub(r"\s+", " ", body))


def soon_session(days: int = 1, **values):
    roles = factories.make_trio()
    programme = factories.make_programme(roles=roles, name=f"Tier 1 in {days} days")
    session = factories.make_session(
        programme=programme,
        starts_at=factories.days_ahead(days, 10),
        status=SessionStatus.SCHEDULED,
        **values,
    )
    return roles, session


def test_an_unanswered_offer_is_not_a_filled_seat_and_the_team_is_urgent(db, client, login):
    roles, session = soon_session()
    factories.make_assignment(
        session=session, role=roles[0], person=factories.make_person(roles=[roles[0]])
    )
    factories.make_assignment(
        session=session,
        role=roles[1],
        status=OfferStatus.OFFERED,
        person=factories.make_person(roles=[roles[1]], name="Sky Waiting"),
    )
    saved(db)
    login("coordinator")
    page = text(client.get("/coordinator"))
    assert "2 seats without a yes in the next 2 weeks 1 empty, 1 waiting for an answer" in page
    urgent = page[page.index("Teams not ready in the next 2 weeks") :]
    assert "Urgent" in urgent and "Tier 1 in 1 days" in urgent
    assert f"1 {roles[2].name.lower()} seat is empty; Sky Waiting has not said yes yet" in urgent
    assert "1 of 3 said yes" in page and "1 still to answer" in page


def test_support_needs_are_listed_for_each_session(db, client, login):
    roles, session = soon_session(days=3)
    person = factories.make_person(
        roles=[roles[0]], name="Dev Wheels", support_needs="Uses a wheelchair", needs_step_free=True
    )
    factories.make_assignment(session=session, role=roles[0], person=person)
    saved(db)
    login("coordinator")
    page = text(client.get("/coordinator"))
    assert "Dev Wheels: Uses a wheelchair; step-free access" in page


def test_a_full_yes_team_is_not_urgent(db, client, login):
    roles, session = soon_session(days=2)
    factories.make_full_team(session)
    saved(db)
    login("coordinator")
    page = text(client.get("/coordinator"))
    assert "0 seats without a yes" in page
    assert "Every team in the next 2 weeks has said yes." in page


def test_past_sessions_still_open_wait_to_be_closed(db, client, login):
    roles, session = soon_session(days=-3)
    saved(db)
    login("coordinator")
    page = client.get("/coordinator").get_data(as_text=True)
    assert "Sessions to close" in page and f"/sessions/{session.id}#close" in page


def test_the_figures_leave_out_cancelled_sessions_and_count_drafts_four_weeks_ahead(
    db, client, login
):
    roles, counted = soon_session(days=2)
    factories.make_assignment(
        session=counted, role=roles[0], person=factories.make_person(roles=[roles[0]])
    )
    programme = counted.programme
    cancelled = factories.make_session(
        programme=programme, starts_at=factories.days_ahead(3), status=SessionStatus.CANCELLED
    )
    factories.make_assignment(
        session=cancelled,
        role=roles[1],
        status=OfferStatus.OFFERED,
        person=factories.make_person(roles=[roles[1]]),
    )
    for days in (4, 20, 27):  # drafts: one in the fortnight, two later in the four weeks
        factories.make_session(
            programme=programme, starts_at=factories.days_ahead(days), status=SessionStatus.DRAFT
        )
    factories.make_session(
        programme=programme, starts_at=factories.days_ahead(30), status=SessionStatus.DRAFT
    )
    saved(db)
    login("coordinator")
    page = text(client.get("/coordinator"))
    # the scheduled session has 2 seats without a yes, the draft in the fortnight 3; the
    # cancelled session's seats count for nothing
    assert "5 seats without a yes in the next 2 weeks 5 empty, 0 waiting for an answer" in page
    assert "3 draft sessions in the next 4 weeks" in page
    assert "4 draft sessions" not in page


def test_every_visit_that_shows_support_needs_is_in_the_access_log_kept_page_or_not(
    db, client, login
):
    roles, session = soon_session(days=3)
    person = factories.make_person(roles=[roles[0]], name="Ash Quiet", support_needs="Breaks")
    factories.make_assignment(session=session, role=roles[0], person=person)
    saved(db)
    coordinator = login("coordinator")
    for _ in range(3):  # the second and third visits are served from the kept page
        assert "Ash Quiet: Breaks" in text(client.get("/coordinator"))
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "person.viewed").order_by(AuditEvent.id)
    ).all()
    assert [(e.actor_id, e.entity_id, e.after) for e in events] == [
        (coordinator.id, person.id, {"shown": ["support needs"]})
    ] * 3


def test_drafts_further_ahead_are_counted_when_the_fortnight_is_empty(db, client, login):
    roles = factories.make_trio()
    programme = factories.make_programme(roles=roles)
    factories.make_session(
        programme=programme, starts_at=factories.days_ahead(20), status=SessionStatus.DRAFT
    )
    saved(db)
    login("coordinator")
    page = text(client.get("/coordinator"))
    assert "0 seats without a yes in the next 2 weeks" in page
    assert "1 draft session in the next 4 weeks" in page
    assert "No sessions in the next 2 weeks." in page
