"""Pay maths worked out to the penny for every payment choice and attendance case."""

from datetime import UTC, date, datetime
from decimal import Decimal
from functools import partial
from zoneinfo import ZoneInfo

import pytest

from trainer.domain import DomainError
from trainer.money import pay
from trainer.money.expenses import ExpenseClaim, ExpenseKind, reimburse
from trainer.money.pay import (
    Attendance,
    LineKind,
    PayChoice,
    PaymentChoice,
    PayMethod,
    SessionWork,
    pence,
)
from trainer.money.rates import FeeBasis, NoRateInForce, Rate, rate_on

#: the examples are in the organisation's usual zone
LONDON = ZoneInfo("Europe/London")
work_out_pay = partial(pay.work_out_pay, zone=LONDON)

A, P, DNA, LATE = (
    Attendance.ATTENDED,
    Attendance.PARTIAL,
    Attendance.DID_NOT_ATTEND,
    Attendance.CANCELLED_LATE,
)
D, PREP, TRAVEL = LineKind.DELIVERY, LineKind.PREPARATION, LineKind.TRAVEL_TIME

TIER2 = Rate(
    programme="Tier 2",
    delivery_role="co-trainer",
    effective_from=date(2025, 4, 1),
    fee_basis=FeeBasis.PER_SESSION,
    delivery_pence=12_000,
    preparation_minutes=60,
    preparation_pence_per_hour=1_500,
    travel_pence_per_hour=1_200,
)
CHOICES = {
    "paid_payroll": PayChoice(PaymentChoice.PAID_PAYROLL),
    "paid_invoice": PayChoice(PaymentChoice.PAID_INVOICE),
    "voucher": PayChoice(PaymentChoice.VOUCHER),
    "reduced": PayChoice(PaymentChoice.REDUCED, percent=33, method=PayMethod.INVOICE),
    "declined": PayChoice(PaymentChoice.DECLINED),
    "charity": PayChoice(PaymentChoice.CHARITY, charity_name="Mencap"),
    "expenses_only": PayChoice(PaymentChoice.EXPENSES_ONLY),
}
FULL = {
    A: [(D, 420, 12_000), (PREP, 60, 1_500), (TRAVEL, 45, 900)],
    P: [(D, 210, 6_000), (PREP, 60, 1_500), (TRAVEL, 45, 900)],
    DNA: [],
    LATE: [(D, 0, 12_000), (TRAVEL, 45, 900)],
}
REDUCED = {
    A: [(D, 420, 3_960), (PREP, 60, 495), (TRAVEL, 45, 297)],
    P: [(D, 210, 1_980), (PREP, 60, 495), (TRAVEL, 45, 297)],
    DNA: [],
    LATE: [(D, 0, 3_960), (TRAVEL, 45, 297)],
}
METHOD = {
    "paid_payroll": PayMethod.PAYROLL,
    "paid_invoice": PayMethod.INVOICE,
    "voucher": PayMethod.VOUCHER,
    "reduced": PayMethod.INVOICE,
    "charity": PayMethod.CHARITY,
}


def expected(choice: str, attendance: Attendance) -> list[tuple]:
    if choice in ("declined", "expenses_only"):
        return []
    table = REDUCED if choice == "reduced" else FULL
    return [(kind, minutes, amount, METHOD[choice]) for kind, minutes, amount in table[attendance]]


def work(
    attendance: Attendance,
    *,
    minutes_worked: int | None = None,
    starts_at: datetime = datetime(2025, 6, 2, 8, 30, tzinfo=UTC),
    scheduled: int = 420,
    travel: int = 45,
) -> SessionWork:
    if attendance is P and minutes_worked is None:
        minutes_worked = 210
    return SessionWork(
        person=7,
        session_ref="S-1",
        programme="Tier 2",
        delivery_role="co-trainer",
        starts_at=starts_at,
        scheduled_minutes=scheduled,
        attendance=attendance,
        minutes_worked=minutes_worked,
        travel_minutes=travel,
    )


@pytest.mark.parametrize("attendance", [A, P, DNA, LATE], ids=str)
@pytest.mark.parametrize("choice", list(CHOICES))
def test_every_choice_and_attendance_to_the_penny(choice, attendance):
    lines = work_out_pay(work(attendance), [TIER2], CHOICES[choice])
    got = [(line.kind, line.minutes, line.amount_pence, line.method) for line in lines]
    assert got == expected(choice, attendance)


def test_charity_and_reduced_lines_say_so():
    charity = work_out_pay(work(A), [TIER2], CHOICES["charity"])
    reduced = work_out_pay(work(A), [TIER2], CHOICES["reduced"])
    assert all("paid to Mencap" in line.description for line in charity)
    assert all("33% of the normal fee" in line.description for line in reduced)


def test_hourly_fee_is_pro_rata_for_a_part_session():
    hourly = Rate(
        "Tier 2", "co-trainer", date(2025, 4, 1), fee_basis=FeeBasis.PER_HOUR, delivery_pence=2_000
    )
    [line] = work_out_pay(work(P, minutes_worked=95, travel=0), [hourly], CHOICES["paid_payroll"])
    assert (line.minutes, line.rate_pence, line.amount_pence) == (95, 2_000, 3_167)
    assert line.fee_basis is FeeBasis.PER_HOUR


def test_late_cancellation_share_is_a_policy_on_the_rate():
    half = Rate(
        "Tier 2",
        "co-trainer",
        date(2025, 4, 1),
        delivery_pence=12_001,
        late_cancellation_percent=50,
    )
    [line] = work_out_pay(work(LATE, travel=0), [half], CHOICES["paid_payroll"])
    assert line.amount_pence == 6_001  # 6000.5 rounds half up
    assert "50%" in line.description


def test_part_session_needs_minutes_within_the_session():
    with pytest.raises(DomainError):
        work_out_pay(work(P, minutes_worked=421), [TIER2], CHOICES["paid_payroll"])


OLD = Rate("Tier 2", "co-trainer", date(2024, 4, 1), date(2025, 3, 31), delivery_pence=10_000)
NEW = Rate("Tier 2", "co-trainer", date(2025, 4, 1), delivery_pence=12_000)


@pytest.mark.parametrize(
    ("day", "fee"),
    [
        (date(2024, 4, 1), 10_000),
        (date(2025, 3, 31), 10_000),
        (date(2025, 4, 1), 12_000),
        (date(2030, 1, 1), 12_000),
    ],
)
def test_rate_in_force_at_the_boundary_dates(day, fee):
    assert rate_on([NEW, OLD], day).delivery_pence == fee


def test_no_rate_before_the_first_and_no_overlaps():
    with pytest.raises(NoRateInForce):
        rate_on([OLD, NEW], date(2024, 3, 31))
    overlapping = Rate("Tier 2", "co-trainer", date(2025, 3, 1), delivery_pence=1)
    with pytest.raises(NoRateInForce):
        rate_on([OLD, overlapping], date(2025, 3, 15))


def test_rate_is_chosen_on_the_local_session_day():
    # 23:30 UTC on 31 March 2025 is 00:30 BST on 1 April: the new rate applies.
    late = datetime(2025, 3, 31, 23, 30, tzinfo=UTC)
    [line] = work_out_pay(work(A, starts_at=late, travel=0), [OLD, NEW], CHOICES["paid_payroll"])
    assert line.amount_pence == 12_000


def test_rate_is_filtered_by_programme_and_role():
    other = Rate("Tier 1", "co-trainer", date(2025, 4, 1), delivery_pence=5_000)
    assert rate_on([other, NEW], date(2025, 5, 1), programme="Tier 2").delivery_pence == 12_000


@pytest.mark.parametrize(
    ("exact", "rounded"),
    [
        (Decimal("0.5"), 1),
        (Decimal("1.49"), 1),
        (Decimal("2.5"), 3),
        (Decimal("-2.5"), -3),
        (Decimal("0.4999"), 0),
        (0, 0),
    ],
)
def test_rounding_is_half_up_to_the_penny(exact, rounded):
    assert pence(exact) == rounded


def test_each_line_is_rounded_once_from_its_exact_value():
    # 10p x 30/90 minutes x 45% is exactly 1.5p; rounding on the way would give 1p.
    tiny = Rate("Tier 2", "co-trainer", date(2025, 4, 1), delivery_pence=10)
    choice = PayChoice(PaymentChoice.REDUCED, percent=45)
    [line] = work_out_pay(work(P, minutes_worked=30, scheduled=90, travel=0), [tiny], choice)
    assert line.amount_pence == 2


def test_hourly_rounding_per_line():
    hourly = Rate(
        "Tier 2",
        "co-trainer",
        date(2025, 4, 1),
        fee_basis=FeeBasis.PER_HOUR,
        delivery_pence=1_001,
        preparation_minutes=1,
        preparation_pence_per_hour=1_999,
    )
    lines = work_out_pay(work(A, scheduled=30, travel=0), [hourly], CHOICES["paid_payroll"])
    assert [line.amount_pence for line in lines] == [501, 33]  # 500.5 -> 501, 33.32 -> 33


@pytest.mark.parametrize(
    ("miles", "amount"),
    [
        (Decimal("12.5"), 563),
        (Decimal("0.1"), 5),
        (10, 450),
        (Decimal("33.3"), 1_499),
    ],
)
def test_mileage_is_miles_times_the_rate_rounded_half_up(miles, amount):
    claim = ExpenseClaim(7, date(2025, 6, 2), ExpenseKind.MILEAGE, miles=miles)
    line = reimburse(claim)
    assert line.amount_pence == amount
    assert "miles at 45p a mile" in line.description


def test_other_expenses_are_paid_back_as_claimed():
    claim = ExpenseClaim(
        7, date(2025, 6, 2), ExpenseKind.SUPPORT_WORKER, "Support worker", amount_pence=4_250
    )
    assert reimburse(claim).amount_pence == 4_250


def test_money_is_never_float():
    with pytest.raises(TypeError):
        ExpenseClaim(7, date(2025, 6, 2), ExpenseKind.MILEAGE, miles=12.5)


def test_naive_session_times_are_refused():
    with pytest.raises(ValueError):
        naive = datetime(2025, 6, 2, 9, 30)  # noqa: DTZ001 (refused)
        work_out_pay(work(A, starts_at=naive), [TIER2], CHOICES["paid_payroll"])


def test_charity_choice_needs_a_name():
    with pytest.raises(ValueError):
        PayChoice(PaymentChoice.CHARITY)
