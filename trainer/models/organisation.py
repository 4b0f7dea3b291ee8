"""The organisation's own settings: one row, changed by admins (every change audited)."""

from __future__ import annotations

import enum

from sqlalchemy.orm import Mapped, mapped_column

from trainer.extensions import db
from trainer.models.base import TimestampMixin, enum_type


class ApprovalRoute(enum.Enum):
    #: coordinators confirm the work was done (attendance); finance approves the pay
    FINANCE = "finance"
    #: coordinators approve pay as they confirm the work (finance may approve too)
    COORDINATORS = "coordinators"

    @property
    def label(self) -> str:
        return {
            "finance": "Coordinators confirm the work was done, and finance approves the pay",
            "coordinators": "Coordinators approve the pay (finance can approve it too)",
        }[self.value]


class OrganisationSettings(TimestampMixin, db.Model):
    """How this organisation runs its money; a missing row means the defaults."""

    __tablename__ = "organisation_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    approval_route: Mapped[ApprovalRoute] = mapped_column(
        enum_type(ApprovalRoute, "approval_route"), default=ApprovalRoute.FINANCE
    )
    #: the one who confirmed the attendance is never the one who approves its pay
    needs_two_people: Mapped[bool] = mapped_column(default=True)
