"""Programmes, the seats in their teams, and venues."""

from __future__ import annotations

import enum
from datetime import time

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, Time, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.extensions import db
from trainer.models.base import TimestampMixin, enum_type


class DeliveryMode(enum.Enum):
    ONLINE = "online"
    IN_PERSON = "in_person"

    @property
    def label(self) -> str:
        return {"online": "Online", "in_person": "In person"}[self.value]


class ProgressionStage(enum.Enum):
    """The staged path: trained, then shadowed, then co-delivered, then mentor."""

    TRAINED = "trained"
    SHADOWED = "shadowed"
    CO_DELIVERED = "co_delivered"
    MENTOR = "mentor"

    @property
    def rank(self) -> int:
        return list(ProgressionStage).index(self) + 1

    @property
    def label(self) -> str:
        return {
            "trained": "Trained",
            "shadowed": "Shadowed",
            "co_delivered": "Co-delivered",
            "mentor": "Mentor",
        }[self.value]


class DeliveryRole(db.Model):
    """A kind of seat in a team: facilitating trainer, autistic co-trainer, …"""

    __tablename__ = "delivery_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    #: an expert by experience seat (paid and recognised as a co-trainer)
    is_lived_experience: Mapped[bool] = mapped_column(default=False)
    sort_order: Mapped[int] = mapped_column(default=0)
    is_active: Mapped[bool] = mapped_column(default=True)
    #: an observer (shadow) seat: never counts towards a team's composition
    is_shadow: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: the progression stage a person must have reached to be offered this role, if any
    needs_stage: Mapped[ProgressionStage | None] = mapped_column(
        enum_type(ProgressionStage, "needs_stage")
    )

    def __repr__(self) -> str:
        return f"<DeliveryRole {self.name}>"


class ProgrammeKind(enum.Enum):
    TRAINING = "training"
    #: a co-produced review meeting: paid by its own rates, with "You said, we did" outcomes
    REVIEW = "review"

    @property
    def label(self) -> str:
        return {"training": "Training", "review": "Review meeting"}[self.value]


class Programme(TimestampMixin, db.Model):
    """A programme, e.g. Oliver McGowan Tier 1."""

    __tablename__ = "programmes"
    __table_args__ = (
        CheckConstraint("duration_minutes >= 1", name="duration_positive"),
        CheckConstraint("capacity >= 1", name="capacity_positive"),
        CheckConstraint("shadow_seats >= 0", name="shadow_seats_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    delivery_mode: Mapped[DeliveryMode] = mapped_column(enum_type(DeliveryMode, "delivery_mode"))
    duration_minutes: Mapped[int]
    #: usual local start time, e.g. 09:30 for a Tier 2 day
    default_start_time: Mapped[time | None] = mapped_column(Time)
    capacity: Mapped[int]
    what_to_bring: Mapped[str] = mapped_column(Text, default="")
    is_active: Mapped[bool] = mapped_column(default=True)
    kind: Mapped[ProgrammeKind] = mapped_column(
        enum_type(ProgrammeKind, "programme_kind"),
        default=ProgrammeKind.TRAINING,
        server_default=ProgrammeKind.TRAINING.value,
    )
    #: observers (shadows) a session may have besides its team
    shadow_seats: Mapped[int] = mapped_column(default=1, server_default="1")

    seats: Mapped[list[TeamSeat]] = relationship(
        back_populates="programme",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="TeamSeat.id",
    )

    @property
    def team_size(self) -> int:
        return sum(seat.count for seat in self.seats)

    def __repr__(self) -> str:
        return f"<Programme {self.name}>"


class TeamSeat(db.Model):
    """Team composition: how many people of a delivery role a programme needs."""

    __tablename__ = "team_seats"
    __table_args__ = (
        UniqueConstraint("programme_id", "delivery_role_id"),
        CheckConstraint("count >= 1", name="count_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    delivery_role_id: Mapped[int] = mapped_column(ForeignKey("delivery_roles.id"))
    count: Mapped[int] = mapped_column(default=1)

    programme: Mapped[Programme] = relationship(back_populates="seats")
    delivery_role: Mapped[DeliveryRole] = relationship(lazy="joined")


ACCESS_FEATURES = {
    "step_free": "Step-free access",
    "hearing_loop": "Hearing loop",
    "quiet_room": "Quiet room",
    "accessible_toilet": "Accessible toilet",
}


class Venue(TimestampMixin, db.Model):
    __tablename__ = "venues"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    is_online: Mapped[bool] = mapped_column(default=False)
    address_line1: Mapped[str] = mapped_column(String(120), default="")
    address_line2: Mapped[str] = mapped_column(String(120), default="")
    town: Mapped[str] = mapped_column(String(80), default="")
    postcode: Mapped[str] = mapped_column(String(12), default="")
    meeting_url: Mapped[str] = mapped_column(String(500), default="")
    has_step_free: Mapped[bool] = mapped_column(default=False)
    has_hearing_loop: Mapped[bool] = mapped_column(default=False)
    has_quiet_room: Mapped[bool] = mapped_column(default=False)
    has_accessible_toilet: Mapped[bool] = mapped_column(default=False)
    #: how to get in, parking, which door: shown on invites and the co-trainer's home
    arrival_instructions: Mapped[str] = mapped_column(Text, default="")
    contact_name: Mapped[str] = mapped_column(String(120), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    is_active: Mapped[bool] = mapped_column(default=True)

    @property
    def access_features(self) -> frozenset[str]:
        if self.is_online:
            return frozenset(ACCESS_FEATURES)
        return frozenset(k for k in ACCESS_FEATURES if getattr(self, f"has_{k}"))

    @property
    def address(self) -> str:
        parts = [self.address_line1, self.address_line2, self.town, self.postcode]
        return ", ".join(p for p in parts if p)

    def __repr__(self) -> str:
        return f"<Venue {self.name}>"
