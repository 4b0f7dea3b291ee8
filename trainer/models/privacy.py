"""Personal data rights: copies of what is held about someone (subject access), and the log
of what the retention rules removed."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models.types import UTCDateTime


class DataExport(db.Model):
    """A subject access copy: everything held about one person or account, as JSON and as a
    readable page. Kept briefly (RETAIN_DATA_EXPORTS_DAYS), in the database so any server
    can hand it out."""

    __tablename__ = "data_exports"
    __table_args__ = (Index("ix_data_exports_subject", "subject_kind", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: "person" or "account" (and, later, "learner"); subject_id is that record's id
    subject_kind: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[int]
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    #: None while it is being made; the files are there once it is set
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    json_file: Mapped[bytes | None] = mapped_column(LargeBinary)
    readable_file: Mapped[bytes | None] = mapped_column(LargeBinary)


class RetentionRun(db.Model):
    """One retention rule applied: what kind of data, older than when, how many removed."""

    __tablename__ = "retention_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    ran_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
    kind: Mapped[str] = mapped_column(String(200))
    removed_before: Mapped[datetime] = mapped_column(UTCDateTime)
    removed: Mapped[int] = mapped_column(default=0)
