"""The data stamp: one row whose stamp changes in every transaction that changes data."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from trainer.extensions import db


class DataVersion(db.Model):
    """Cached page bodies are keyed on `stamp`; a random value, so a rolled-back or restored
    database never brings an old stamp back with different data behind it."""

    __tablename__ = "data_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    stamp: Mapped[str] = mapped_column(String(32))
