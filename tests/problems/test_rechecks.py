"""Every held seat is checked again, with the booking rules and in the same transaction,
whenever something a rule reads changes; a break becomes a problem that says which rule,
which seat, since when and what changed, and it resolves itself when the rule holds again."""

from datetime import time, timedelta

from tests import factories
from tests.payments.factories import make_rate
from tests.problems.factories import booked, open_problems, seat_of
from tests.team_factories import at, weekday_ahead
from trainer import signals
from trainer.availability import service as availability
from trainer.limits import service as limits
from trainer.models import BenefitSituation, FeeBasis, Resolution
from trainer.money.benefit_periods import tax_year_start
from trainer.payments import rate_card
from trainer.payments.rate_card import RateDetails
from trainer.people import service as people
from trainer.programmes import service as programmes
from trainer.sessions import service as sessions
from trainer.timezones import to_local


def details(session, **changes) -> sessions.SessionDetails:
    values = {
        "programme": session.programme,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "venue": session.venue,
        "meeting_url": session.meeting_url,
    }
    return sessions.SessionDetails(**(values | changes))


def move(session, days: int):
    shift = timedelta(days=days)
    return sessions.update_session(
        session,
        details(session, starts_at=session.starts_at + shift, ends_at=session.ends_at + shift),
        actor=None,
    )


def profile(person, **changes) -> dict:
    values = {name: getattr(person, name) for name in people.PROFILE_FIELDS}
    return values | changes


def save_person(person, *, roles=None, programmes_=None, **changes):
    return people.save_person(
        person,
        profile(person, **changes),
        role_ids=[r.id for r in (person.delivery_roles if roles is None else roles)],
        programme_ids=[
            p.id for p in (person.qualifications if programmes_ is None else programmes_)
        ],
        actor=None,
    )


def test_moving_a_session_onto_someone_s_leave_is_a_problem_that_says_why(db):
    setup = booked(weekday=2)  # a Wednesday
    person = setup.people["Autistic"][0]
    thursday = to_local(setup.session.starts_at).date() + timedelta(days=1)
    availability.add_time_off(person, at(thursday, 0), at(thursday, 23), "Holiday", actor=None)
    assert open_problems() == []
    move(setup.session, 1)
    [problem] = open_problems()
    assert problem.rule == "unavailable" and problem.person_id == person.id
    assert problem.assignment_id == seat_of(setup, "Autistic").id
    assert problem.message.startswith("Unavailable from")
    assert problem.cause.startswith("Moved from 10:00–11:00 on Wed")
    assert "to 10:00–11:00 on Thu" in problem.cause
    move(setup.session, -1)  # back where it was: mended
    assert open_problems() == [] and problem.resolution is Resolution.CLEARED


def test_moving_a_session_onto_a_day_someone_does_not_work(db):
    setup = booked(weekday=3)  # a Thursday
    person = setup.people["Learning"][0]
    windows = [(day, time(9), time(17)) for day in range(4)]  # Monday to Thursday
    availability.set_weekly_pattern(person, windows, actor=None)
    move(setup.session, 1)
    [problem] = open_problems()
    assert problem.rule == "availability" and problem.message.startswith("Not available")


def test_time_off_added_during_a_booking_and_removed_again(db):
    setup = booked()
    person = setup.people["Facilitator"][0]
    day = to_local(setup.session.starts_at).date()
    period = availability.add_time_off(person, at(day, 0), at(day, 23), "Hospital", actor=None)
    [problem] = open_problems()
    assert problem.rule == "unavailable" and "Time off added for Facilitator 1" in problem.cause
    availability.remove_time_off(person, period.id, actor=None)
    assert open_problems() == [] and problem.resolution is Resolution.CLEARED
    assert problem.resolution_note.startswith("The rule holds again after: Time off removed")


def test_a_venue_that_loses_a_facility_someone_needs(db):
    venue = factories.make_venue(has_step_free=True)
    setup = booked(online=False, venue=venue)
    person = setup.people["Learning"][0]
    person.needs_step_free = True
    values = {name: getattr(venue, name) for name in programmes.VENUE_FIELDS}
    programmes.save_venue(venue, values | {"has_step_free": False}, actor=None)
    [problem] = open_problems()
    assert problem.rule == "access" and "step-free access" in problem.message
    assert problem.cause == f"{venue.name}'s facilities changed"


def test_a_session_moved_to_a_venue_without_what_someone_needs(db):
    setup = booked(online=False, venue=factories.make_venue(has_step_free=True))
    setup.people["Autistic"][0].needs_step_free = True
    other = factories.make_venue(name="Upstairs Room")
    sessions.update_session(setup.session, details(setup.session, venue=other), actor=None)
    [problem] = open_problems()
    assert problem.rule == "access" and problem.cause == "Venue changed to Upstairs Room"


def test_a_session_moved_to_a_programme_someone_is_not_trained_for(db):
    setup = booked()
    other = factories.make_programme(roles=setup.roles, name="Another programme")
    sessions.update_session(setup.session, details(setup.session, programme=other), actor=None)
    problems = open_problems()
    assert {p.rule for p in problems} == {"qualification"} and len(problems) == 3
    assert problems[0].cause == "Programme changed to Another programme"


def test_a_person_s_limits_roles_qualifications_and_needs_are_rules_too(db):
    setup = booked(online=False, venue=factories.make_venue())
    person = setup.people["Autistic"][0]
    factories.make_assignment(  # a second session the same week
        session=factories.make_session(
            programme=setup.programme,
            venue=setup.session.venue,
            starts_at=setup.session.starts_at + timedelta(days=1),
        ),
        person=person,
        role=setup.autistic,
    )
    save_person(person, max_sessions_per_week=1)
    assert {p.rule for p in open_problems()} == {"cap_sessions_week"}
    assert open_problems()[0].cause == "Autistic 1's weekly session limit changed"
    save_person(person, max_sessions_per_week=None)
    assert open_problems() == []
    save_person(person, roles=[], needs_quiet_room=True)
    rules = {p.rule for p in open_problems()}
    assert rules == {"role", "access"}
    save_person(person, roles=[setup.autistic], needs_quiet_room=False, programmes_=[])
    assert {p.rule for p in open_problems()} == {"qualification"}


def test_a_do_not_pair_mark_between_two_people_in_one_team(db):
    setup = booked()
    one, other = setup.people["Learning"][0], setup.people["Autistic"][0]
    availability.mark_do_not_pair(one, other, "A difficult session", actor=None)
    problems = open_problems()
    assert {p.person_id for p in problems} == {one.id, other.id}
    assert {p.rule for p in problems} == {"do_not_pair"}
    availability.unmark_do_not_pair(one, other, actor=None)
    assert open_problems() == []


def test_a_programme_team_without_a_seat_someone_holds(db):
    setup = booked()
    values = {name: getattr(setup.programme, name) for name in programmes.PROGRAMME_FIELDS}
    seats = {setup.roles[0].id: 1, setup.roles[1].id: 1}  # no autistic co-trainer seat
    programmes.save_programme(setup.programme, values, seats, actor=None)
    [problem] = open_problems()
    assert problem.rule == "seat_gone" and problem.person_id == setup.people["Autistic"][0].id


def test_a_new_pay_rate_that_takes_someone_over_their_weekly_cap(db):
    setup = booked()
    person = setup.people["Learning"][0]
    person.benefit_situation, person.max_pence_per_week = BenefitSituation.OWN, 5_000
    make_rate(programme=setup.programme, role=setup.roles[1], delivery_pence=4_000)
    rise = RateDetails(weekday_ahead(1, 0), FeeBasis.PER_SESSION, 9_000)
    rate_card.add_rate(setup.programme, setup.roles[1], rise, actor=None)
    [problem] = open_problems()
    assert problem.rule == "cap_pence_week" and "£90.00" in problem.message


def test_found_and_resolved_problems_are_announced(db):
    heard = []
    setup = booked()
    person = setup.people["Facilitator"][0]
    day = to_local(setup.session.starts_at).date()
    with (
        signals.problem_found.connected_to(lambda s, problem: heard.append(("found", problem))),
        signals.problem_resolved.connected_to(
            lambda s, problem, actor: heard.append(("resolved", problem))
        ),
    ):
        period = availability.add_time_off(person, at(day, 0), at(day, 23), "", actor=None)
        availability.remove_time_off(person, period.id, actor=None)
    assert [kind for kind, _ in heard] == ["found", "resolved"]
    assert heard[0][1] is heard[1][1]


def test_a_new_tax_years_esa_amount_checks_again_everyone_on_esa(db):
    setup = booked()
    person = setup.people["Learning"][0]
    person.benefit_situation = BenefitSituation.ESA
    make_rate(programme=setup.programme, role=setup.roles[1], delivery_pence=18_000)
    assert open_problems() == []  # £180.00 is within the latest recorded £195.50
    year = tax_year_start(to_local(setup.session.starts_at).date()).year
    limits.add_esa_amount(year, 15_000, 16, "A lower figure, for the test", actor=None)
    [problem] = open_problems()
    assert problem.rule == "esa_pay" and problem.person_id == person.id
    assert "Would earn £180.00 in the week of" in problem.message
    assert "ESA permitted work allows up to £150.00 a week" in problem.message
