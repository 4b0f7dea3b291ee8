"""The report's figures from counted rows: what commissioners ask for, worked out the same way
for any grouping, with a total that adds up."""

from datetime import date

import pytest

from trainer.reports.exports import Completion, add_months, completion_row, report_lines
from trainer.reports.figures import (
    BookingTally,
    ScoreTally,
    SessionTally,
    average,
    build_report,
    cells,
    percent,
)

SESSIONS = [
    SessionTally("Tier 2", "delivered", 2, 24),
    SessionTally("Tier 2", "cancelled", 1, 12),
    SessionTally("Tier 2", "planned", 1, 12),
    SessionTally("Tier 1", "delivered", 1, 10),
]
BOOKINGS = [
    BookingTally("Tier 2", "attended", False, 18),
    BookingTally("Tier 2", "partial", False, 2),
    BookingTally("Tier 2", "absent", False, 3),
    BookingTally("Tier 2", "cancelled", True, 1),
    BookingTally("Tier 2", "cancelled", False, 2),
    BookingTally("Tier 2", "booked", False, 5),
    BookingTally("Tier 2", "waiting", False, 2),
    BookingTally("Tier 1", "attended", False, 9),
    BookingTally("Tier 1", "absent", False, 1),
]
SCORES = [
    ScoreTally("Tier 2", 10, 10, 25, 40, 9, 10, 9),
    ScoreTally("Tier 1", 4, 4, 8, 16, 4, 4, 4),
]


def test_figures_per_group_and_in_total():
    report = build_report("tier", SESSIONS, BOOKINGS, SCORES)
    tier1, tier2 = report.rows
    assert (tier2.label, tier2.sessions_delivered, tier2.sessions_cancelled) == ("Tier 2", 2, 1)
    assert (tier2.places_offered, tier2.places_filled, tier2.fill_rate) == (36, 28, "78%")
    assert (tier2.learners_trained, tier2.learners_completed) == (20, 18)
    assert (tier2.non_attendance, tier2.non_attendance_rate) == (3, "13%")
    assert (tier2.late_cancellations, tier2.waiting) == (1, 2)
    assert (tier2.confidence_before, tier2.confidence_after) == ("2.5", "4.0")
    assert (tier2.confidence_rose, tier2.would_recommend) == ("90%", "90%")
    total = report.total
    assert (total.sessions_delivered, total.places_offered, total.places_filled) == (3, 46, 38)
    assert (total.learners_completed, total.responses, total.would_recommend) == (27, 14, "93%")
    assert tier1.fill_rate == "100%"


def test_sessions_and_scores_show_in_the_total_only_by_sector():
    sessions = [SessionTally("", t.state, t.sessions, t.capacity) for t in SESSIONS]
    bookings = [
        BookingTally("Health", "attended", False, 5),
        BookingTally("Social care", "absent", False, 1),
    ]
    report = build_report("sector", sessions, bookings, [ScoreTally("", 3, 3, 6, 12, 3, 0, 0)])
    health, social = report.rows
    assert health.sessions_delivered is None and health.places_offered is None
    assert health.responses is None and cells(health)[0] == ""
    assert (health.learners_completed, social.non_attendance) == (5, 1)
    assert report.total.sessions_delivered == 3 and report.total.responses == 3


def test_no_places_is_no_fill_rate_not_a_division_by_nothing():
    report = build_report("programme", [], [], [])
    assert (
        report.rows == [] and report.total.fill_rate == "" and report.total.confidence_after == ""
    )


def test_percentages_and_averages_round_half_up():
    assert (percent(1, 8), percent(5, 8), percent(0, 0)) == ("13%", "63%", "")
    assert (average(25, 10), average(5, 4), average(0, 0)) == ("2.5", "1.3", "")


def test_an_unknown_grouping_is_refused():
    with pytest.raises(ValueError):
        build_report("colour", [], [], [])


def test_the_report_as_csv_lines():
    report = build_report("tier", SESSIONS, BOOKINGS, SCORES)
    lines = "".join(report_lines(report)).splitlines(keepends=True)
    assert lines[0].startswith("Tier,Sessions delivered,Sessions cancelled,Places offered")
    assert lines[2].startswith("Tier 2,2,1,36,28,78%,20,18,3,13%,1,10,2.5,4.0,90%,90%")
    assert lines[-1].startswith("Total,3,") and all(line.endswith("\r\n") for line in lines)


def test_a_completion_in_the_shape_of_the_training_record():
    row = completion_row(
        Completion(
            learner_name="=HYPERLINK(1)",
            learner_email="a@example.org",
            employer="Riverside",
            job_role="Carer",
            category="Oliver McGowan Mandatory Training (Tier 2)",
            title="Oliver McGowan Tier 2",
            accredited=True,
            completed_on=date(2026, 1, 31),
            valid_months=36,
            code="7KQ4-M2XD-9RT3",
            delivery_mode="In person",
            provider="Heads Together",
            verify_url="https://x.example/certificates/7KQ4-M2XD-9RT3",
        )
    )
    assert row[4:9] == [
        "Oliver McGowan Mandatory Training (Tier 2)",
        "Oliver McGowan Tier 2",
        "Yes",
        "31/01/2026",
        "31/01/2029",
    ]
    assert "7KQ4-M2XD-9RT3" in row[9]


def test_months_are_added_on_the_calendar():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert add_months(date(2026, 3, 15), 36) == date(2029, 3, 15)
