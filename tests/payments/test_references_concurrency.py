"""Letter references never repeat, even when two finance users ask at the same moment."""

import threading
import time

import pytest
from sqlalchemy import delete, select

from tests.settings import TEST_DATABASE_URL
from trainer.extensions import db
from trainer.models import ReferenceCounter
from trainer.payments import references

pytestmark = pytest.mark.postgres
SERIES = "payment"


@pytest.mark.skipif(
    not TEST_DATABASE_URL.startswith("postgresql"), reason="needs PostgreSQL (TEST_DATABASE_URL)"
)
def test_references_never_repeat_under_concurrency(app):
    """Eight threads, each its own transaction holding the counter a moment, real commits."""
    numbers: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def take() -> None:
        try:
            with app.app_context():
                start.wait()
                for _ in range(5):
                    numbers.append(references.next_number(SERIES))
                    time.sleep(0.01)  # hold the row lock so others must wait
                    db.session.commit()
                db.session.remove()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=take) for _ in range(8)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert errors == []
        assert len(numbers) == 40 and len(set(numbers)) == 40
        assert sorted(numbers) == list(range(min(numbers), min(numbers) + 40))
    finally:
        with app.app_context():
            db.session.execute(delete(ReferenceCounter).where(ReferenceCounter.name == SERIES))
            db.session.commit()
            assert (
                db.session.scalar(select(ReferenceCounter).where(ReferenceCounter.name == SERIES))
                is None
            )
            db.session.remove()
