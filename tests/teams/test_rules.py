from dataclasses import replace
from datetime import time

from tests.teams.factories import (
    AUTISTIC,
    FACILITATOR,
    LONDON,
    TIER_1,
    TIER_2,
    booking_of,
    london,
    make_context,
    make_person,
    make_session,
    utc,
)
from tests.teams.sample import region
from trainer.teams.facts import (
    calendar_month,
    commitment_for,
    duration,
    iso_week,
    money,
)
from trainer.teams.patterns import could_work, within_pattern
from trainer.teams.rules import SCREENED_RULES, check_candidate, rank_candidates


def hard_codes(session, person, bookings=(), team=(), context=None, role=AUTISTIC):
    evaluation = check_candidate(
        session, role, person, list(bookings), set(team), context or make_context()
    )
    return [reason.code for reason in evaluation.hard]


def hard_messages(session, person, bookings=(), team=(), context=None, role=AUTISTIC):
    evaluation = check_candidate(
        session, role, person, list(bookings), set(team), context or make_context()
    )
    return [reason.message for reason in evaluation.hard]


# Role and qualification


def test_a_person_without_the_seats_role_is_blocked():
    person = make_person(roles=(FACILITATOR,))
    assert hard_messages(make_session(), person) == ["Does not hold the autistic co-trainer role"]
    assert hard_codes(make_session(), person, role=FACILITATOR) == []


def test_a_person_not_qualified_for_the_programme_is_blocked():
    person = make_person(programmes=(TIER_1,))
    assert hard_codes(make_session(programme=TIER_1), person) == []
    assert hard_messages(make_session(programme=TIER_2), person) == [
        "Not qualified to deliver Tier 2"
    ]


# Clashes and travel


def test_an_overlapping_booking_blocks_with_its_time_and_place():
    other = make_session(id=2, starts_at=london(2026, 3, 3, 9, 30))
    messages = hard_messages(make_session(), make_person(), [booking_of(other)])
    assert messages == ["Already booked 09:30–10:30 on Tue 3 Mar (Tier 1 at Online)"]


def test_back_to_back_online_sessions_are_allowed():
    before = make_session(id=2, starts_at=london(2026, 3, 3, 9))
    after = make_session(id=3, starts_at=london(2026, 3, 3, 11))
    assert hard_codes(make_session(), make_person(), [booking_of(before), booking_of(after)]) == []


def test_back_to_back_at_the_same_venue_is_allowed():
    morning = make_session(id=2, starts_at=london(2026, 3, 3, 9), venue=4)
    assert hard_codes(make_session(venue=4), make_person(), [booking_of(morning)]) == []


def test_already_in_the_same_session_is_blocked():
    session = make_session()
    codes = hard_codes(session, make_person(), [booking_of(session, role=FACILITATOR)])
    assert codes == ["same_session"]


def travel_codes(gap_minutes, *, venue=5, online=False, buffer=60):
    first = make_session(id=2, starts_at=london(2026, 3, 3, 9), venue=4)
    second_start = (
        london(2026, 3, 3, 10, gap_minutes)
        if gap_minutes < 60
        else london(2026, 3, 3, 10 + gap_minutes // 60, gap_minutes % 60)
    )
    second = make_session(starts_at=second_start, venue=None if online else venue, online=online)
    return hard_codes(
        second, make_person(), [booking_of(first)], context=make_context(buffer=buffer)
    )


def test_a_gap_shorter_than_the_travel_buffer_between_venues_is_blocked():
    assert travel_codes(59) == ["travel"]
    assert travel_codes(0) == ["travel"]


def test_a_gap_of_exactly_the_travel_buffer_is_allowed():
    assert travel_codes(60) == []


def test_no_travel_buffer_to_an_online_session_or_at_the_same_venue():
    assert travel_codes(0, online=True) == []
    assert travel_codes(0, venue=4) == []


def test_the_travel_buffer_is_a_setting():
    assert travel_codes(30, buffer=30) == []
    assert travel_codes(29, buffer=30) == ["travel"]


def test_the_travel_message_says_how_long_there_is_and_what_is_needed():
    first = make_session(id=2, starts_at=london(2026, 3, 3, 9), venue=4, name="Leeds Hub")
    later = make_session(starts_at=london(2026, 3, 3, 10, 45), venue=5)
    [message] = hard_messages(later, make_person(), [booking_of(first)])
    assert message == (
        "Only 45 min to travel to or from 09:00–10:00 on Tue 3 Mar "
        "(Tier 1 at Leeds Hub); needs 60 min between venues"
    )


# Availability and leave

MONDAY_OFFICE_HOURS = ((0, time(9), time(17)),)


def test_availability_is_judged_in_local_time_after_the_march_clock_change():
    # Monday 30 March 2026 is the day after the change: 09:00 UTC is 10:00 in London.
    person = make_person(pattern=MONDAY_OFFICE_HOURS)
    assert hard_codes(make_session(starts_at=utc(2026, 3, 30, 9)), person) == []
    late = make_session(starts_at=utc(2026, 3, 30, 16))  # 17:00-18:00 local
    assert hard_codes(late, person) == ["availability"]
    before_change = make_session(starts_at=utc(2026, 3, 23, 16))  # 16:00-17:00 local
    assert hard_codes(before_change, person) == []


def test_availability_after_the_october_clock_change():
    person = make_person(pattern=MONDAY_OFFICE_HOURS)
    assert hard_codes(make_session(starts_at=utc(2026, 10, 26, 8)), person) == ["availability"]
    assert hard_codes(make_session(starts_at=utc(2026, 10, 26, 9)), person) == []


def test_outside_the_pattern_says_when_they_are_free():
    person = make_person(pattern=((0, time(9), time(13)),))
    [message] = hard_messages(make_session(starts_at=london(2026, 3, 30, 12, 30)), person)
    assert message == "Not available 12:30–13:30 on Mon 30 Mar (free 09:00–13:00 on Mondays)"
    [message] = hard_messages(make_session(starts_at=london(2026, 3, 31, 10)), person)
    assert message.endswith("(does not work on Tuesdays)")


def test_touching_windows_count_as_one_and_no_pattern_means_any_time():
    split_day = ((0, time(9), time(12)), (0, time(12), time(17)))
    session = make_session(starts_at=london(2026, 3, 30, 11, 30))
    assert hard_codes(session, make_person(pattern=split_day)) == []
    assert hard_codes(session, make_person(pattern=None)) == []
    assert hard_codes(session, make_person(pattern=())) == ["availability"]


def test_a_window_ending_at_midnight_covers_the_evening_but_not_past_midnight():
    evenings = ((0, time(18), time(0)),)
    assert within_pattern(london(2026, 3, 30, 22), london(2026, 3, 31, 0), evenings, LONDON)
    assert not within_pattern(london(2026, 3, 30, 23), london(2026, 3, 31, 1), evenings, LONDON)


def test_leave_blocks_only_sessions_it_overlaps():
    leave = ((london(2026, 3, 2), london(2026, 3, 3, 10)),)
    person = make_person(leave=leave)
    assert hard_messages(make_session(starts_at=london(2026, 3, 3, 9)), person) == [
        "Unavailable from Mon 2 Mar to Tue 3 Mar"
    ]
    assert hard_codes(make_session(starts_at=london(2026, 3, 3, 10)), person) == []


# Weeks and months in local time


def test_iso_weeks_split_at_local_monday_midnight_across_the_october_change():
    sunday_night = london(2026, 10, 25, 23, 30)
    monday = london(2026, 10, 26, 10)
    assert iso_week(sunday_night, LONDON) == (2026, 43)
    assert iso_week(monday, LONDON) == (2026, 44)


def test_iso_weeks_use_local_time_not_utc_in_summer():
    monday_early = london(2026, 3, 30, 0, 30)  # Sunday 23:30 in UTC
    assert iso_week(monday_early, LONDON) == (2026, 14)
    assert calendar_month(london(2026, 4, 1, 0, 30), LONDON) == (2026, 4)


def test_a_weekly_session_limit_counts_local_weeks():
    person = make_person(sessions_per_week=1)
    sunday_night = make_session(id=2, starts_at=london(2026, 10, 25, 23, 30), minutes=30)
    monday = make_session(starts_at=london(2026, 10, 26, 10))
    assert hard_codes(monday, person, [booking_of(sunday_night)]) == []
    sunday = make_session(id=2, starts_at=london(2026, 3, 29, 12))
    monday_early = make_session(starts_at=london(2026, 3, 30, 0, 30))
    assert hard_codes(monday_early, person, [booking_of(sunday)]) == []
    monday_before = make_session(id=2, starts_at=london(2026, 3, 23, 0, 0))
    sunday_late = make_session(starts_at=london(2026, 3, 29, 23, 0), minutes=30)
    assert hard_codes(sunday_late, person, [booking_of(monday_before)]) == ["cap_sessions_week"]


# Caps: reaching a cap is fine, passing it by the smallest unit is not


def tuesday(*, id, hour, pay=4500, minutes=60):
    return make_session(id=id, starts_at=london(2026, 3, 3, hour), pay=pay, minutes=minutes)


def test_weekly_pay_cap_reached_exactly_is_allowed_and_a_penny_over_is_blocked():
    earlier = booking_of(tuesday(id=2, hour=8, pay=15050))
    person = make_person(pence_per_week=19550)
    assert hard_codes(tuesday(id=1, hour=10, pay=4500), person, [earlier]) == []
    assert hard_messages(tuesday(id=1, hour=10, pay=4501), person, [earlier]) == [
        "Would earn £195.51 in the week of 2 Mar 2026; their own weekly limit is £195.50"
    ]


def test_monthly_pay_cap_reached_exactly_is_allowed_and_a_penny_over_is_blocked():
    person = make_person(pence_per_month=60000)
    earlier = [
        booking_of(make_session(id=i + 1, starts_at=london(2026, 3, 2 + 7 * i, 10), pay=15000))
        for i in range(1, 4)
    ]
    month_end = make_session(starts_at=london(2026, 3, 31, 10), pay=15000)
    assert hard_codes(month_end, person, earlier) == []
    penny_more = make_session(starts_at=london(2026, 3, 31, 10), pay=15001)
    assert hard_messages(penny_more, person, earlier) == [
        "Would earn £600.01 in March 2026; their own monthly limit is £600.00"
    ]


def test_the_month_is_the_local_calendar_month():
    person = make_person(pence_per_month=15000)
    march = [booking_of(make_session(id=2, starts_at=london(2026, 3, 31, 10), pay=15000))]
    first_of_april = make_session(starts_at=london(2026, 4, 1, 0, 30), pay=100)
    assert hard_codes(first_of_april, person, march) == []


def test_weekly_session_limit_reached_exactly_is_allowed():
    person = make_person(sessions_per_week=2)
    one = [booking_of(tuesday(id=2, hour=8))]
    two = one + [booking_of(tuesday(id=3, hour=14))]
    assert hard_codes(tuesday(id=1, hour=10), person, one) == []
    assert hard_messages(tuesday(id=1, hour=10), person, two) == [
        "Would have 3 sessions in the week of 2 Mar 2026; their weekly limit is 2 sessions"
    ]


def test_weekly_minutes_limit_reached_exactly_is_allowed_and_a_minute_over_is_blocked():
    person = make_person(minutes_per_week=959)
    day = booking_of(tuesday(id=2, hour=8, minutes=420 + 119))
    assert hard_codes(tuesday(id=1, hour=17, minutes=420), person, [day]) == []
    longer = booking_of(tuesday(id=2, hour=8, minutes=420 + 120))
    assert hard_messages(tuesday(id=1, hour=17, minutes=420), person, [longer]) == [
        "Would work 16 h in the week of 2 Mar 2026; their own weekly limit is 15 h 59 min"
    ]


def test_bookings_in_other_weeks_do_not_count():
    person = make_person(pence_per_week=4500, sessions_per_week=1)
    last_week = booking_of(make_session(id=2, starts_at=london(2026, 2, 24, 10)))
    assert hard_codes(tuesday(id=1, hour=10), person, [last_week]) == []


# Access needs and pairing


def test_a_venue_without_a_needed_feature_is_blocked_and_online_meets_all_needs():
    person = make_person(needs=("hearing_loop", "step_free"))
    venue = make_session(venue=3, access=("step_free",), name="Bradford Hub")
    assert hard_messages(venue, person) == ["Bradford Hub does not have a hearing loop"]
    assert hard_codes(make_session(venue=3, access=("step_free", "hearing_loop")), person) == []
    assert hard_codes(make_session(), person) == []


def test_do_not_pair_blocks_only_with_that_person_in_the_team():
    context = make_context(do_not_pair=[(1, 7)], names={7: "Sam Jones"})
    person = make_person(id=1)
    assert hard_messages(make_session(), person, team={7, 8}, context=context) == [
        "Must not be paired with Sam Jones"
    ]
    assert hard_codes(make_session(), person, team={8}, context=context) == []
    assert hard_codes(make_session(), make_person(id=7), team={1}, context=context) == [
        "do_not_pair"
    ]


def test_every_broken_rule_is_reported():
    person = make_person(roles=(FACILITATOR,), programmes=(TIER_2,), pattern=())
    assert hard_codes(make_session(), person) == ["role", "qualification", "availability"]


def test_the_quick_screen_agrees_with_the_rules_it_stands_for():
    sample = region(seed=5, sessions=60, people=40)
    context = sample.context
    for session in sample.sessions:
        for person in sample.people:
            role = min(person.role_ids)
            passes = not any(
                rule(session, role, person, [], set(), context) for rule in SCREENED_RULES
            )
            assert could_work(session, person, context.timezone) == passes


# Ranking


def test_ranking_puts_eligible_first_then_the_least_loaded_then_by_name():
    people = [
        make_person(id=1, name="Cara"),
        make_person(id=2, name="Abe"),
        make_person(id=3, name="Bea"),
        make_person(id=4, name="Dee", roles=(FACILITATOR,)),
    ]
    context = make_context(loads={1: 0, 2: 3, 3: 0})
    ranked = rank_candidates(make_session(), AUTISTIC, people, {}, set(), context)
    assert [e.person_id for e in ranked] == [3, 1, 2, 4]
    assert [e.eligible for e in ranked] == [True, True, True, False]


def test_preferred_partners_past_teams_usual_venue_and_distance_raise_the_score():
    session = make_session(venue=4, lat=53.8, lon=-1.55)
    plain = make_person(id=1, home=(53.8, -1.55))
    liked = make_person(id=2, home=(53.8, -1.55), partners=(9,))
    local = make_person(id=3, home=(53.8, -1.55), venues=(4,))
    far = make_person(id=4, home=(54.3, -1.55))
    context = make_context(together={(5, 9): 2}, names={9: "Sam Jones"})
    team = {9}
    evaluation = check_candidate(session, AUTISTIC, liked, [], team, context)
    assert [r.message for r in evaluation.soft] == [
        "0 sessions in the last and next four weeks",
        "Asked to work with Sam Jones",
        "About 0 km from home",
    ]
    ranked = rank_candidates(
        session,
        AUTISTIC,
        [plain, liked, local, far, make_person(id=5, home=(53.8, -1.55))],
        {},
        team,
        context,
    )
    assert [e.person_id for e in ranked] == [2, 3, 5, 1, 4]
    assert "About 56 km from home" in [r.message for r in ranked[-1].soft]


def test_fair_share_uses_recent_workload():
    context = make_context(loads={1: 4})
    evaluation = check_candidate(make_session(), AUTISTIC, make_person(id=1), [], set(), context)
    assert evaluation.score == -4
    assert evaluation.soft[0].message == "4 sessions in the last and next four weeks"


# Formatting


def test_money_and_durations_read_naturally():
    assert money(121005) == "£1,210.05"
    assert money(19550) == "£195.50"
    assert money(-5) == "-£0.05"
    assert duration(960) == "16 h"
    assert duration(990) == "16 h 30 min"
    assert duration(45) == "45 min"


def test_a_commitment_carries_the_role_pay_and_minutes():
    session = make_session(pay=17500, minutes=420, venue=2, name="Leeds Hub")
    booked = commitment_for(session, AUTISTIC)
    assert (booked.pence, booked.minutes, booked.role_id, booked.label) == (
        17500,
        420,
        AUTISTIC,
        "Tier 1 at Leeds Hub",
    )


def test_a_person_who_said_no_is_blocked_from_that_session_only():
    context = replace(make_context(), declined=frozenset({(1, 1)}))
    person = make_person(id=1)
    assert hard_messages(make_session(id=1), person, context=context) == ["Said no to this session"]
    assert hard_codes(make_session(id=2), person, context=context) == []
    assert hard_codes(make_session(id=1), make_person(id=2), context=context) == []
