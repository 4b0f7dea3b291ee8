"""Shadow seats: outside the team's composition, checked by the same hard rules, offered by
coordinators or taken by the person themselves, and proposed by auto-fill when there is room."""

import pytest
from sqlalchemy import select

from tests import factories
from tests.growth.factories import reach, shadow_role
from tests.team_factories import team_setup
from trainer.autofill import service as autofill
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.growth import shadows
from trainer.models import Assignment, OfferStatus, ProgressionStage, SessionStatus
from trainer.offers import service as offers
from trainer.sessions.seats import shadow_room, team_gaps, team_seats


def learner(setup, *stages):
    person = factories.make_person(roles=[setup.autistic], qualified=[setup.programme])
    reach(person, *stages)
    return person


def test_a_shadow_never_counts_towards_the_team(db):
    setup = team_setup()
    watcher = learner(setup, ProgressionStage.TRAINED)
    offers.offer_seat(setup.session, shadow_role(), watcher, actor=None)
    seats = team_seats(setup.session)
    assert all(seat.is_empty for seat in seats) and len(seats) == 3
    assert any("empty" in gap for gap in team_gaps(setup.session))
    assert shadow_room(setup.session) == 0
    # the team's own seats are still offered as before
    trainer = factories.make_person(roles=[setup.facilitator], qualified=[setup.programme])
    offers.offer_seat(setup.session, setup.facilitator, trainer, actor=None)
    assert [s.assignment.person for s in team_seats(setup.session) if not s.is_empty] == [trainer]


def test_a_session_has_only_as_many_shadows_as_its_programme_allows(db):
    setup = team_setup()
    first, second = (
        learner(setup, ProgressionStage.TRAINED),
        learner(setup, ProgressionStage.TRAINED),
    )
    offers.offer_seat(setup.session, shadow_role(), first, actor=None)
    with pytest.raises(DomainError, match="already filled"):
        offers.offer_seat(setup.session, shadow_role(), second, actor=None)
    setup.programme.shadow_seats = 0
    with pytest.raises(DomainError, match="no shadow seat"):
        offers.offer_seat(
            factories.make_session(programme=setup.programme), shadow_role(), second, actor=None
        )


def test_a_shadow_is_held_to_the_same_hard_rules(db):
    setup = team_setup()
    watcher = learner(setup, ProgressionStage.TRAINED)
    offers.offer_seat(
        setup.session,
        setup.autistic,
        factories.make_person(roles=[setup.autistic], qualified=[setup.programme]),
        actor=None,
    )
    busy = factories.make_session(programme=setup.programme, starts_at=setup.session.starts_at)
    factories.make_assignment(session=busy, person=watcher, role=setup.autistic)
    reasons = offers.evaluate(setup.session, shadow_role(), watcher).hard
    assert [r.code for r in reasons] == ["overlap"]


def test_someone_not_yet_trained_needs_a_reason_to_shadow(db):
    setup = team_setup()
    newcomer = learner(setup)
    with pytest.raises(DomainError, match='Has not reached "trained" yet') as error:
        offers.offer_seat(setup.session, shadow_role(), newcomer, actor=None)
    assert error.value.field == "reason"
    seat = offers.offer_seat(
        setup.session, shadow_role(), newcomer, actor=None, override_reason="Course finished today"
    )
    assert seat.override_reason == "Course finished today"


def test_a_person_shadows_a_session_themselves_when_it_has_room(db):
    setup = team_setup()
    setup.session.status = SessionStatus.SCHEDULED
    watcher = learner(setup, ProgressionStage.TRAINED)
    assert setup.session in shadows.sessions_to_shadow(watcher, utc_now())
    seat = shadows.ask_to_shadow(setup.session, watcher, actor=None)
    assert seat.offer_status is OfferStatus.ACCEPTED and seat.delivery_role.is_shadow
    assert setup.session not in shadows.sessions_to_shadow(watcher, utc_now())
    other = learner(setup, ProgressionStage.TRAINED)
    assert setup.session not in shadows.sessions_to_shadow(other, utc_now())
    with pytest.raises(DomainError, match="Someone else is shadowing"):
        shadows.ask_to_shadow(setup.session, other, actor=None)


def test_shadowing_yourself_keeps_every_hard_rule_in_easy_words(db):
    setup = team_setup()
    setup.session.status = SessionStatus.SCHEDULED
    newcomer = learner(setup)
    with pytest.raises(DomainError, match="You need to finish your training first"):
        shadows.ask_to_shadow(setup.session, newcomer, actor=None)
    assert db.session.scalar(select(Assignment).where(Assignment.person_id == newcomer.id)) is None


def test_the_coordinator_sees_who_could_shadow(db):
    setup = team_setup()
    trained = learner(setup, ProgressionStage.TRAINED)
    learner(setup)  # not trained: not listed
    experienced = learner(
        setup, ProgressionStage.TRAINED, ProgressionStage.SHADOWED, ProgressionStage.CO_DELIVERED
    )
    names = [person for person, _ in shadows.shadow_candidates(setup.session, shadow_role())]
    assert trained in names and experienced not in names and len(names) == 1


def test_auto_fill_proposes_a_shadow_when_a_session_has_room(db):
    setup = team_setup()
    setup.autistic.needs_stage = ProgressionStage.SHADOWED
    trained = learner(setup, ProgressionStage.TRAINED)
    day = setup.session.starts_at.date()
    preview = autofill.propose(day, day, now=utc_now(), time_limit_s=1)
    proposed = [p for p in preview.shadows if p.session_id == setup.session.id]
    assert [(p.role_id, p.person_id) for p in proposed] == [(shadow_role().id, trained.id)]
    # the team's seats are planned as before: the shadow is not one of them
    assert all(p.role_id != shadow_role().id for p in preview.plan.placements)

    applied = autofill.apply_plan(
        list(preview.plan.placements) + preview.shadows, day, day, now=utc_now(), actor=None
    )
    made = [a for a in applied.offered if a.delivery_role.is_shadow]
    assert [a.person for a in made] == [trained] and not applied.skipped
    again = autofill.propose(day, day, now=utc_now(), time_limit_s=1)
    assert not [p for p in again.shadows if p.session_id == setup.session.id]


def test_auto_fill_skips_a_shadow_seat_filled_since_the_preview(db):
    setup = team_setup()
    setup.autistic.needs_stage = ProgressionStage.SHADOWED
    learner(setup, ProgressionStage.TRAINED)
    day = setup.session.starts_at.date()
    preview = autofill.propose(day, day, now=utc_now(), time_limit_s=1)
    [shadow] = [p for p in preview.shadows if p.session_id == setup.session.id]
    offers.offer_seat(
        setup.session, shadow_role(), learner(setup, ProgressionStage.TRAINED), actor=None
    )
    applied = autofill.apply_plan([shadow], day, day, now=utc_now(), actor=None)
    assert not applied.offered
    assert applied.skipped[0][1] == "The seat has been filled since the preview."
