"""Pay through the app: attendance -> pay lines for every payment choice, to the penny."""

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from tests import factories
from tests.payments.factories import make_rate
from trainer.domain import DomainError
from trainer.models import (
    Attendance,
    BenefitSituation,
    FeeBasis,
    LineKind,
    LineStatus,
    PaymentChoice,
    SessionStatus,
)
from trainer.payments import service, workflow
from trainer.payments.queries import person_earnings, person_money
from trainer.teams.seat_pay import SeatPay

START = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)  # 60-minute session


def seat(*, choice=PaymentChoice.PAID_PAYROLL, percent=None, charity="", **rate_values):
    programme = factories.make_programme(duration=60)
    role = programme.seats[0].delivery_role
    values = {
        "delivery_pence": 9_000,
        "preparation_minutes": 30,
        "preparation_pence_per_hour": 2_000,
        "travel_pence_per_hour": 1_500,
    } | rate_values
    make_rate(programme=programme, role=role, **values)
    session = factories.make_session(
        programme=programme, starts_at=START, status=SessionStatus.SCHEDULED
    )
    person = factories.make_person(
        roles=[role], payment_choice=choice, reduced_percent=percent, charity_name=charity
    )
    return factories.make_assignment(session=session, person=person, role=role)


def mark(assignment, attendance, minutes=None, travel=0):
    entry = service.AttendanceEntry(assignment, attendance, minutes, travel)
    service.mark_delivered(assignment.session, [entry], 12, actor=None)
    return {line.kind: line.amount_pence for line in person_money(assignment.person)[0]}


D, P, T = LineKind.DELIVERY, LineKind.PREPARATION, LineKind.TRAVEL_TIME

CASES = [
    # choice, percent, attendance, minutes worked, travel minutes, expected pence per kind
    (PaymentChoice.PAID_PAYROLL, None, Attendance.ATTENDED, None, 45, {D: 9000, P: 1000, T: 1125}),
    (PaymentChoice.PAID_INVOICE, None, Attendance.PARTIAL, 20, 0, {D: 3000, P: 1000}),
    (PaymentChoice.VOUCHER, None, Attendance.ATTENDED, None, 0, {D: 9000, P: 1000}),
    (PaymentChoice.REDUCED, 45, Attendance.PARTIAL, 25, 10, {D: 1688, P: 450, T: 113}),
    (PaymentChoice.CHARITY, None, Attendance.CANCELLED_LATE, None, 30, {D: 9000, T: 750}),
    (PaymentChoice.DECLINED, None, Attendance.ATTENDED, None, 30, {}),
    (PaymentChoice.EXPENSES_ONLY, None, Attendance.ATTENDED, None, 30, {}),
    (PaymentChoice.PAID_PAYROLL, None, Attendance.DID_NOT_ATTEND, None, 30, {}),
    (PaymentChoice.REDUCED, 0, Attendance.ATTENDED, None, 0, {D: 0, P: 0}),
]


@pytest.mark.parametrize(
    ("choice", "percent", "attendance", "minutes", "travel", "expected"), CASES
)
def test_pay_for_each_choice_and_attendance(
    db, choice, percent, attendance, minutes, travel, expected
):
    assignment = seat(choice=choice, percent=percent, charity="Mencap")
    assert mark(assignment, attendance, minutes, travel) == expected


@pytest.mark.parametrize("choice", list(PaymentChoice))
@pytest.mark.parametrize("attendance", list(Attendance))
def test_every_choice_by_every_attendance_gives_whole_pence(db, choice, attendance):
    assignment = seat(
        choice=choice,
        percent=33,
        charity="Mencap",
        fee_basis=FeeBasis.PER_HOUR,
        delivery_pence=2_501,
    )
    amounts = mark(assignment, attendance, 17 if attendance is Attendance.PARTIAL else None, 7)
    assert all(isinstance(v, int) for v in amounts.values())
    no_fee = choice in (PaymentChoice.DECLINED, PaymentChoice.EXPENSES_ONLY)
    assert (amounts == {}) == (no_fee or attendance is Attendance.DID_NOT_ATTEND)


def test_charity_lines_name_the_charity_and_method(db):
    assignment = seat(choice=PaymentChoice.CHARITY, charity="Exampletown Mencap")
    mark(assignment, Attendance.ATTENDED)
    line = person_money(assignment.person)[0][0]
    assert line.method == "charity" and "Exampletown Mencap" in line.description


def test_marking_again_never_duplicates(db):
    assignment = seat()
    first = mark(assignment, Attendance.ATTENDED, travel=45)
    again = mark(assignment, Attendance.ATTENDED, travel=45)
    assert first == again
    assert len(person_money(assignment.person)[0]) == 3


def test_editing_attendance_recomputes_unpaid_lines(db):
    assignment = seat()
    mark(assignment, Attendance.ATTENDED, travel=45)
    assert mark(assignment, Attendance.PARTIAL, 30) == {D: 4500, P: 1000}
    assert mark(assignment, Attendance.DID_NOT_ATTEND) == {}
    assert assignment.attendance is Attendance.DID_NOT_ATTEND


def test_an_approved_line_that_changes_is_approved_again(db):
    assignment = seat()
    mark(assignment, Attendance.ATTENDED)
    for line in person_money(assignment.person)[0]:
        workflow.approve_line(line, actor=None)
    mark(assignment, Attendance.PARTIAL, 30)
    statuses = {line.kind: line.status for line in person_money(assignment.person)[0]}
    assert statuses == {D: LineStatus.PENDING, P: LineStatus.APPROVED}


def test_paid_lines_are_untouched_and_corrected_by_adjustments(db):
    assignment = seat()
    mark(assignment, Attendance.ATTENDED)
    owed, _ = person_money(assignment.person)
    for line in owed:
        workflow.approve_line(line, actor=None)
        workflow.pay_line(line, date(2026, 3, 31), "BACS-1", actor=None)
    assert mark(assignment, Attendance.PARTIAL, 30) == {D: -4500}
    owed, paid = person_money(assignment.person)
    assert [(line.amount_pence, line.is_adjustment, line.sequence) for line in owed] == [
        (-4500, True, 1)
    ]
    assert sorted(line.amount_pence for line in paid) == [1000, 9000]
    assert mark(assignment, Attendance.PARTIAL, 30) == {D: -4500}  # again: still one adjustment
    assert mark(assignment, Attendance.ATTENDED) == {}  # back as paid: nothing owed


def test_a_cancelled_session_is_never_marked_delivered(db):
    assignment = seat()
    assignment.session.status = SessionStatus.CANCELLED
    with pytest.raises(DomainError):
        mark(assignment, Attendance.ATTENDED)


def test_a_draft_whose_day_has_passed_is_closed_as_delivered(db):
    assignment = seat()
    assignment.session.status = SessionStatus.DRAFT
    assert mark(assignment, Attendance.ATTENDED) == {D: 9000, P: 1000}
    assert assignment.session.status is SessionStatus.DELIVERED


def test_no_rate_in_force_is_a_clear_error(db):
    assignment = seat(effective_from=date(2027, 1, 1))
    with pytest.raises(DomainError, match="No rate"):
        mark(assignment, Attendance.ATTENDED)


def test_marking_delivered_moves_the_session_and_records_learners(db):
    assignment = seat()
    mark(assignment, Attendance.ATTENDED)
    assert assignment.session.status is SessionStatus.DELIVERED
    assert assignment.session.learners_count == 12


def test_projected_pay_uses_the_rate_in_force(db, app):
    assignment = seat()
    other = factories.make_role()
    pay = SeatPay(ZoneInfo("Europe/London"))
    assert pay(assignment.session, assignment.delivery_role_id) == 10_000
    assert pay(assignment.session, other.id) == 0


def test_earnings_flag_a_passed_weekly_cap(db):
    assignment = seat()
    person = assignment.person
    person.benefit_situation, person.max_pence_per_week = BenefitSituation.OWN, 5_000
    mark(assignment, Attendance.ATTENDED)
    found = person_earnings(assignment.person)
    assert found.weeks[0].pay_pence == 10_000 and found.weeks[0].minutes == 90
    assert [(p.period, p.measure) for p in found.passed] == [("2026-W11", "pence_per_week")]


def test_expenses_are_apart_from_earnings(db):
    from trainer.models import ExpenseKind
    from trainer.payments import expenses

    assignment = seat()
    mark(assignment, Attendance.ATTENDED)
    details = expenses.ExpenseDetails(ExpenseKind.MILEAGE, date(2026, 3, 10), miles=Decimal("12.5"))
    expense = expenses.claim_expense(
        assignment.person, assignment.session, details, None, actor=None
    )
    assert expense.amount_pence == 563  # 12.5 x 45p = 562.5p, rounded half up
    week = person_earnings(assignment.person).weeks[0]
    assert (week.pay_pence, week.expenses_pence) == (10_000, 563)
