"""Sign-in accounts, their roles and the sign-in attempt log used for throttling."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models.base import enum_type
from trainer.models.types import UTCDateTime


class Role(enum.Enum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    FINANCE = "finance"
    TRAINER = "trainer"
    #: an employer's booking contact: books their own staff, sees nothing of others
    EMPLOYER = "employer"

    @property
    def label(self) -> str:
        return "Employer booking contact" if self is Role.EMPLOYER else self.value.capitalize()


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: stored lower-case so sign-in ignores case
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    is_enabled: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    last_signed_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: part of every signed-in browser's session: raising it signs them all out
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    #: two-step verification: the shared TOTP secret (None: not turned on), and the last
    #: 30-second step a code was used for, so no code works twice
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None]

    role_rows: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
    person: Mapped[Person | None] = relationship(  # noqa: F821
        back_populates="user", foreign_keys="Person.user_id"
    )

    @property
    def roles(self) -> set[Role]:
        return {row.role for row in self.role_rows}

    @roles.setter
    def roles(self, roles: set[Role]) -> None:
        keep = [row for row in self.role_rows if row.role in roles]
        have = {row.role for row in keep}
        self.role_rows = keep + [UserRole(role=r) for r in roles if r not in have]

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))

    def set_password(self, password: str) -> None:
        if self.password_hash:
            self.sign_out_everywhere()
        self.password_hash = generate_password_hash(password, method="scrypt")

    def sign_out_everywhere(self) -> None:
        """Every browser signed in as this account is signed out on its next request."""
        self.session_version = (self.session_version or 0) + 1

    def get_id(self) -> str:
        """What a browser's session holds: the account and its session version."""
        return f"{self.id}-{self.session_version or 0}"

    def check_password(self, password: str) -> bool:
        """False too for an account whose owner has not set a password yet (invited)."""
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    @property
    def has_password(self) -> bool:
        return bool(self.password_hash)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses disabled accounts
        return self.is_enabled

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class UserRole(db.Model):
    __tablename__ = "user_roles"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[Role] = mapped_column(enum_type(Role, "role"))
    user: Mapped[User] = relationship(back_populates="role_rows")


class SignInAttempt(db.Model):
    """One sign-in try; failures in a recent window throttle the account and the address."""

    __tablename__ = "sign_in_attempts"
    __table_args__ = (
        Index("ix_sign_in_attempts_email_at", "email", "attempted_at"),
        Index("ix_sign_in_attempts_address_at", "address", "attempted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    address: Mapped[str] = mapped_column(String(64))
    succeeded: Mapped[bool] = mapped_column(default=False)
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class LinkPurpose(enum.Enum):
    """What a one-time link opens: a sign-in, or setting a password (new account, reset)."""

    SIGN_IN = "sign_in"
    INVITATION = "invitation"
    PASSWORD_RESET = "password_reset"


class SignInLink(db.Model):
    """A one-time link: only the SHA-256 of its token is kept; it works once, for a while."""

    __tablename__ = "sign_in_links"
    __table_args__ = (Index("ix_sign_in_links_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    #: hex SHA-256 of the token; the token itself is never stored
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[LinkPurpose] = mapped_column(
        enum_type(LinkPurpose, "link_purpose"),
        default=LinkPurpose.SIGN_IN,
        server_default=LinkPurpose.SIGN_IN.value,
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: the coordinator who made it to pass on; None when the person asked for it by email
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class SignInLinkRequest(db.Model):
    """One request for an emailed link, kept whether or not the address has an account."""

    __tablename__ = "sign_in_link_requests"
    __table_args__ = (
        Index("ix_sign_in_link_requests_email_at", "email", "requested_at"),
        Index("ix_sign_in_link_requests_address_at", "address", "requested_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    address: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class RecoveryCode(db.Model):
    """A single-use code that stands in for a two-step code when the phone is lost; only
    its SHA-256 is kept."""

    __tablename__ = "recovery_codes"
    __table_args__ = (Index("ix_recovery_codes_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
