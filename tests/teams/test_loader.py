"""Rows to facts: what the rules see of people, bookings and history, in a fixed number of
queries whatever the number of people and sessions."""

from datetime import time, timedelta

from flask import g

from tests import factories
from tests.helpers import count_queries
from tests.team_factories import at, team_setup, weekday_ahead
from trainer.clock import utc_now
from trainer.models import (
    AvailabilityWindow,
    BenefitSituation,
    DoNotPair,
    OfferStatus,
    PreferredPartner,
    SessionStatus,
    UnavailablePeriod,
)
from trainer.teams import loader


def fresh_request() -> None:
    """Forget what earlier loads cached on `g` (payments caches its rates per request)."""
    for name in list(g):
        g.pop(name)


def test_a_person_and_a_session_as_facts(db):
    setup = team_setup(online=False)
    person = setup.people["Autistic"][0]
    partner = setup.people["Facilitator"][0]
    person.needs_step_free = person.needs_quiet_room = True
    person.max_sessions_per_week, person.max_minutes_per_week = 2, 900
    person.home_latitude, person.home_longitude = 51.75, -1.25
    db.session.add_all(
        [
            AvailabilityWindow(person=person, weekday=2, start_time=time(9), end_time=time(17)),
            AvailabilityWindow(person=person, weekday=4, start_time=time(18), end_time=time(0)),
            UnavailablePeriod(
                person=person,
                starts_at=setup.session.starts_at - timedelta(days=2),
                ends_at=setup.session.starts_at - timedelta(days=1),
                reason="Leave",
            ),
            PreferredPartner(person=person, partner=partner),
            DoNotPair(
                person_id=min(person.id, partner.id),
                other_person_id=max(person.id, partner.id),
                reason="Test",
            ),
        ]
    )
    db.session.flush()
    facts = loader.for_session(setup.session)
    [session] = facts.sessions
    assert session.seats == {role.id: 1 for role in setup.roles}
    assert session.minutes == 420 and not session.is_online
    assert session.venue_access == frozenset({"step_free"})
    # the team's roles, and the observers' (shadow) role for a shadow seat's pay
    shadow = {rid for rid in session.pay_pence_by_role if rid not in session.seats}
    assert session.pay_pence_by_role == {role.id: 0 for role in setup.roles} | dict.fromkeys(
        shadow, 0
    )
    assert len(shadow) == 1 and session.shadow_seats == 1
    mine = next(p for p in facts.people if p.id == person.id)
    assert mine.role_ids == {setup.autistic.id}
    assert mine.qualified_programme_ids == {setup.programme.id}
    assert mine.access_needs == {"step_free", "quiet_room"}
    assert (mine.limits.sessions_per_week, mine.limits.own_minutes_per_week) == (2, 900)
    assert mine.weekly_availability == ((2, time(9), time(17)), (4, time(18), time(0)))
    assert len(mine.unavailable) == 1
    assert mine.preferred_partner_ids == {partner.id}
    assert facts.context.do_not_pair == {frozenset((person.id, partner.id))}
    assert facts.context.travel_buffer_minutes == 60
    assert facts.context.role_names[setup.autistic.id] == setup.autistic.name.lower()
    no_pattern = next(p for p in facts.people if p.id == setup.people["Autistic"][1].id)
    assert no_pattern.weekly_availability is None  # nothing recorded: free at any time


def test_bookings_history_and_answers(db):
    setup = team_setup(per_role=1)
    person = setup.people["Autistic"][0]
    partner = setup.people["Facilitator"][0]
    venue = factories.make_venue()
    for weeks in (3, 5, 8):  # delivered together at the same venue, weeks and months ago
        past = factories.make_session(
            programme=setup.programme,
            venue=venue,
            starts_at=utc_now() - timedelta(weeks=weeks),
            status=SessionStatus.DELIVERED,
        )
        factories.make_assignment(session=past, person=person, role=setup.autistic)
        factories.make_assignment(session=past, person=partner, role=setup.facilitator)
    same_week = factories.make_session(
        programme=setup.programme, starts_at=setup.session.starts_at + timedelta(days=1)
    )
    factories.make_assignment(
        session=same_week, person=person, role=setup.autistic, status=OfferStatus.OFFERED
    )
    cancelled = factories.make_session(
        programme=setup.programme,
        starts_at=setup.session.starts_at + timedelta(hours=2),
        status=SessionStatus.CANCELLED,
    )
    factories.make_assignment(session=cancelled, person=person, role=setup.autistic)
    factories.make_assignment(session=setup.session, person=partner, role=setup.facilitator)
    declined = factories.make_person(roles=[setup.autistic], qualified=[setup.programme])
    factories.make_assignment(
        session=setup.session, person=declined, role=setup.autistic, status=OfferStatus.DECLINED
    )
    facts = loader.for_session(setup.session)
    booked = facts.commitments[person.id]
    assert [c.session_id for c in booked] == [same_week.id]  # cancelled ones do not count
    assert booked[0].role_id == setup.autistic.id and booked[0].minutes == 60
    assert facts.commitments[partner.id][0].session_id == setup.session.id  # seated
    assert facts.context.delivered_together[frozenset((person.id, partner.id))] == 3
    mine = next(p for p in facts.people if p.id == person.id)
    assert mine.usual_venue_ids == {venue.id}
    # four weeks either side of the session (a fortnight or more ahead): only the same week
    assert facts.context.recent_sessions[person.id] == 1
    assert (setup.session.id, declined.id) in facts.context.declined


def _month_of_sessions(db, count: int, people: int):
    setup = team_setup(per_role=people)
    day = weekday_ahead(21, 0)
    for n in range(count):
        session = factories.make_session(
            programme=setup.programme, starts_at=at(day + timedelta(days=n % 20), 9 + n % 8)
        )
        if n % 2:
            factories.make_assignment(
                session=session,
                person=setup.people["Autistic"][0],
                role=setup.autistic,
                status=OfferStatus.ACCEPTED,
            )
    db.session.add_all(
        AvailabilityWindow(person=person, weekday=1, start_time=time(9), end_time=time(17))
        for person in setup.people["Learning"]
    )
    return day


def test_loading_a_range_costs_the_same_queries_whatever_its_size(db):
    counts = {}
    for size in (3, 12):
        day = _month_of_sessions(db, size * 2, size)
        db.session.flush()
        db.session.expire_all()
        fresh_request()
        with count_queries(db) as statements:
            facts = loader.for_range(day, day + timedelta(days=27), now=utc_now())
        assert len(facts.sessions) >= size * 2
        counts[size] = len(statements)
    assert counts[3] == counts[12], counts
    assert counts[12] <= 20, counts  # two more: progression stages reached, ESA amounts


def test_loading_one_session_costs_the_same_queries_whatever_the_pool(db):
    counts = {}
    for size in (2, 10):
        setup = team_setup(per_role=size)
        db.session.flush()
        db.session.expire_all()
        fresh_request()
        with count_queries(db) as statements:
            facts = loader.for_session(setup.session)
        assert len([p for p in facts.people if setup.autistic.id in p.role_ids]) == size
        counts[size] = len(statements)
    assert counts[2] == counts[10], counts


def test_people_on_universal_credit_get_their_bookings_two_months_either_side(db):
    """Their pay counts on the day it is received: work weeks apart can share a period."""
    setup = team_setup()
    person = setup.people["Autistic"][0]
    person.benefit_situation = BenefitSituation.UNIVERSAL_CREDIT
    person.uc_period_start_day, person.uc_monthly_limit_pence = 1, 50_000
    weeks_before = factories.make_session(
        programme=setup.programme, starts_at=setup.session.starts_at - timedelta(weeks=6)
    )
    factories.make_assignment(session=weeks_before, person=person, role=setup.autistic)
    facts = loader.for_session(setup.session)
    assert [c.session_id for c in facts.commitments[person.id]] == [weeks_before.id]
    person.benefit_situation = BenefitSituation.NONE
    assert person.id not in loader.for_session(setup.session).commitments
