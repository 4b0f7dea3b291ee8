"""What one seat in a session is expected to earn, for the earnings caps in team building.

The delivery (plus preparation) pay that `trainer.money.pay.work_out_pay` gives for a
`SessionWork` of this session and role with full attendance, under the rate in force on the
session's local day. No rate in force gives 0, so a missing rate never blocks a booking (the
caps on sessions and hours a week work either way). The mapping layer (`facts_from_db`)
calls this once per (session, role) for many sessions in one request, so the rates are read
once per request (`trainer.payments.rates.cached_rates`), never one query per call.
Expenses are not earnings and never count here. The full fee is projected whatever the
person's payment choice: a reduced or declined fee still counts towards their caps.
"""

from trainer.models import DeliveryRole, TrainingSession


def projected_pay_pence(session: TrainingSession, role: DeliveryRole) -> int:
    """Projected earnings in pence for one person in `role` at `session` (0 with no rate)."""
    from trainer.money import pay
    from trainer.payments.rates import cached_rates
    from trainer.timezones import local_zone

    found = cached_rates().get((session.programme_id, role.id))
    if not found or session.starts_at is None or session.ends_at is None:
        return 0
    work = pay.SessionWork(
        person=0,
        session_ref=str(session.id),
        programme=str(session.programme_id),
        delivery_role=str(role.id),
        starts_at=session.starts_at,
        scheduled_minutes=max(session.duration_minutes, 1),
        attendance=pay.Attendance.ATTENDED,
    )
    choice = pay.PayChoice(pay.PaymentChoice.PAID_PAYROLL)
    try:
        lines = pay.work_out_pay(work, found, choice, zone=local_zone())
    except pay.NoRateInForce:
        return 0  # a missing rate never blocks a booking
    return sum(line.amount_pence for line in lines)
