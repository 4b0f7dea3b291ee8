"""What each seat is expected to earn, for the earnings caps in team building.

Every rate is read once when the facts are loaded, however many sessions and roles are
asked about; the sums are the pure pay maths' (`trainer.money.pay.seat_pence`).
"""

from datetime import tzinfo

from sqlalchemy import select

from trainer.extensions import db
from trainer.models import PayRate, TrainingSession
from trainer.money.pay import seat_pence
from trainer.money.rates import Rate, rate_from


class SeatPay:
    """Projected pay for one person in a role at a session, from the rates in the database."""

    def __init__(self, zone: tzinfo):
        self.zone = zone
        self.rates: dict[tuple[int, int], list[Rate]] = {}
        for row in db.session.scalars(select(PayRate)):
            key = (row.programme_id, row.delivery_role_id)
            self.rates.setdefault(key, []).append(rate_from(row))

    def __call__(self, session: TrainingSession, role_id: int) -> int:
        rates = self.rates.get((session.programme_id, role_id))
        if not rates:
            return 0
        return seat_pence(
            rates,
            programme=str(session.programme_id),
            delivery_role=str(role_id),
            starts_at=session.starts_at,
            minutes=session.duration_minutes,
            zone=self.zone,
        )
