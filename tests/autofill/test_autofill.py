"""Auto-fill through the app: preview, explain, apply with a re-check, and a month of the
region data set filled with every placement run back through the rules."""

import re
from collections import Counter
from datetime import timedelta

from sqlalchemy import func, select

from tests import factories
from tests.helpers import page_errors
from tests.team_factories import team_setup
from trainer import demo
from trainer.autofill import service as autofill
from trainer.clock import local_today, utc_now
from trainer.demo import teams as team_demo
from trainer.models import Assignment, AuditEvent, OfferStatus, UnavailablePeriod
from trainer.teams import loader
from trainer.teams.explain import plan_problems
from trainer.timezones import local_zone, to_local


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def offers_made(db) -> int:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Assignment)
            .where(Assignment.offer_status == OfferStatus.OFFERED)
        )
        or 0
    )


def small_range(db):
    """Two sessions a day apart; one autistic co-trainer short for the second."""
    setup = team_setup(per_role=1)
    second = factories.make_session(
        programme=setup.programme, starts_at=setup.session.starts_at + timedelta(hours=0)
    )
    db.session.commit()
    day = to_local(setup.session.starts_at).date()
    return setup, second, {"date_from": day.isoformat(), "date_to": day.isoformat()}


def placements(response) -> list[str]:
    return re.findall(r'name="placement" value="([\d-]+)"', response.get_data(as_text=True))


def test_the_preview_proposes_and_explains_and_changes_nothing(client, login, db):
    setup, second, args = small_range(db)
    login("coordinator")
    response = client.get("/sessions/auto-fill", query_string=args)
    page = text(response)
    assert "2 sessions with 6 empty seats" in page
    assert "3 can be filled: no valid plan fills more" in page
    assert page.count("Proposed") >= 3
    assert "Stays empty" in page and "No autistic co-trainer" in page
    assert "of 1, 1 already booked" in page
    assert len(placements(response)) == 3
    assert offers_made(db) == 0
    assert placements(client.get("/sessions/auto-fill", query_string=args)) == placements(response)


def test_applying_sends_the_offers_the_coordinator_saw(client, login, db):
    setup, second, args = small_range(db)
    login("coordinator")
    chosen = placements(client.get("/sessions/auto-fill", query_string=args))
    response = client.post(
        "/sessions/auto-fill", data={**args, "programme": "", "placement": chosen}
    )
    assert response.status_code == 302
    assert "/sessions/?date_from=" in response.location
    assert "3 offers sent." in text(client.get(response.location))
    assert offers_made(db) == 3
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "assignment.offered", AuditEvent.reason == "Auto-fill")
        )
        == 3
    )


def test_applying_checks_each_offer_again(client, login, db):
    setup, second, args = small_range(db)
    login("coordinator")
    chosen = placements(client.get("/sessions/auto-fill", query_string=args))
    person = setup.people["Autistic"][0]
    db.session.add(
        UnavailablePeriod(
            person=person,
            reason="Ill",
            starts_at=setup.session.starts_at - timedelta(hours=1),
            ends_at=setup.session.ends_at + timedelta(days=1),
        )
    )
    db.session.commit()
    response = client.post(
        "/sessions/auto-fill", data={**args, "placement": chosen}, follow_redirects=True
    )
    page = text(response)
    assert "2 offers sent." in page
    assert "1 proposed offer was not sent because things changed since the preview" in page
    assert "Autistic 1: Unavailable from" in page
    assert offers_made(db) == 2


def test_bad_auto_fill_input_gets_clear_messages(client, login, db):
    login("coordinator")
    response = client.get(
        "/sessions/auto-fill", query_string={"date_from": "2027-03-10", "date_to": "2027-03-01"}
    )
    assert page_errors(response) == ["The end date must be the same as or after the start date."]
    response = client.get(
        "/sessions/auto-fill", query_string={"date_from": "2027-03-01", "date_to": "2027-06-01"}
    )
    assert page_errors(response) == ["Choose at most 62 days at a time."]
    response = client.get("/sessions/auto-fill", query_string={"date_from": "soon"})
    assert page_errors(response) == [
        "From must be a real date, like 2026-03-17",
        "Enter the last day",
    ]
    response = client.get(
        "/sessions/auto-fill",
        query_string={"date_from": "2027-03-01", "date_to": "2027-03-02", "programme": "999999"},
    )
    assert page_errors(response) == ["Choose programme from the list"]
    data = {"date_from": "2027-03-01", "date_to": "2027-03-02"}
    assert client.post("/sessions/auto-fill", data={**data, "placement": "1-2"}).status_code == 400
    empty = client.post("/sessions/auto-fill", data=data, follow_redirects=True)
    assert "There were no proposed offers to send." in text(empty)
    stale = client.post(
        "/sessions/auto-fill", data={**data, "placement": "999999-1-1"}, follow_redirects=True
    )
    assert "0 offers sent." in text(stale) and "not in the range" in text(stale)


def test_the_same_input_gives_the_same_plan(db):
    setup = team_setup(per_role=4)
    for hours in (2, 26, 50, 74):
        factories.make_session(
            programme=setup.programme, starts_at=setup.session.starts_at + timedelta(hours=hours)
        )
    day = to_local(setup.session.starts_at).date()
    first = autofill.propose(day, day + timedelta(days=4), now=utc_now())
    second = autofill.propose(day, day + timedelta(days=4), now=utc_now())
    assert first.plan.placements == second.plan.placements
    assert first.plan.stats.filled == first.plan.stats.seats == 15


def next_month():
    today = local_today(local_zone())
    first = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return first, last


def test_a_region_month_is_filled_without_breaking_a_rule(db):
    """The region data set: a month with seats emptied, filled through the mapping layer;
    every seat any valid plan could fill is filled (proved), and every placement passes
    the rules when checked again against all the others."""
    demo.seed(password="demo-password", scale="region")
    first, last = next_month()
    emptied = team_demo.open_region_month(first, last)
    assert emptied > 250
    preview = autofill.propose(first, last, now=utc_now())
    facts, plan = preview.facts, preview.plan
    assert len(facts.sessions) >= 250 and len(facts.people) == 300
    assert plan.stats.seats == emptied
    assert plan.stats.fill_proved_optimal
    assert (
        plan_problems(
            plan.placements, facts.sessions, facts.people, facts.commitments, facts.context
        )
        == []
    )
    for seat in plan.empty_seats:  # left empty only when nobody could take it
        assert seat.reasons.get("free", 0) == 0, seat.explanation
    applied = autofill.apply_plan(list(plan.placements), first, last, now=utc_now(), actor=None)
    assert (len(applied.offered), applied.skipped) == (plan.stats.filled, [])
    again = loader.for_range(first, last, now=utc_now())
    taken = Counter(
        (c.session_id, c.role_id) for bookings in again.commitments.values() for c in bookings
    )
    assert all(
        taken[s.id, role] <= count for s in again.sessions for role, count in s.seats.items()
    )


def test_auto_fill_never_proposes_someone_who_said_no(db):
    setup = team_setup(per_role=2)
    said_no = setup.people["Autistic"][0]
    factories.make_assignment(
        session=setup.session, person=said_no, role=setup.autistic, status=OfferStatus.DECLINED
    )
    day = to_local(setup.session.starts_at).date()
    plan = autofill.propose(day, day, now=utc_now()).plan
    proposed = {p.person_id for p in plan.placements if p.role_id == setup.autistic.id}
    assert proposed == {setup.people["Autistic"][1].id}
