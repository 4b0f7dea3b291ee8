"""Two finance users making pay runs for the same period at the same moment, on PostgreSQL:
every approved line ends in exactly one run, no run is empty, no reference repeats. Runs
only when TEST_DATABASE_URL is PostgreSQL; it commits for real, so it cleans up after itself."""

import re
import threading
import time
from collections import Counter

import pytest
from sqlalchemy import select

from tests import factories
from tests.payments.factories import day_text
from tests.payments.money_factories import approve_everything, deliver, past_team
from tests.settings import TEST_DATABASE_URL
from trainer.extensions import db
from trainer.models import LetterRecord, LineStatus, PaymentLine, PayRun
from trainer.payments import runs

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not TEST_DATABASE_URL.startswith("postgresql"),
        reason="needs PostgreSQL (TEST_DATABASE_URL)",
    ),
]
ROUNDS = 20
#: how long each run holds the lines it read before saving: long enough that, without the
#: lock, both runs would read the same lines before either had taken them
HOLD_SECONDS = 0.2


def signed_in(app, user):
    client = app.test_client()
    response = client.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 302
    return client


def slow_reads(monkeypatch) -> None:
    read = runs.approved_unbatched

    def slowly(*args, **kwargs):
        lines = read(*args, **kwargs)
        time.sleep(HOLD_SECONDS)
        return lines

    monkeypatch.setattr(runs, "approved_unbatched", slowly)


def race(clients, data) -> list[tuple[int, str]]:
    start, answers = threading.Barrier(len(clients)), [None] * len(clients)

    def make(index, client):
        start.wait()
        response = client.post("/finance/pay-runs/new", data=data)
        answers[index] = (
            response.status_code,
            re.sub(r"\s+", " ", response.get_data(as_text=True)),
        )

    threads = [threading.Thread(target=make, args=pair) for pair in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def test_two_pay_runs_at_once_never_share_lines(app, committed, monkeypatch):
    finance = [factories.make_user(roles={"finance"}) for _ in range(2)]
    db.session.commit()
    clients = [signed_in(app, user) for user in finance]
    slow_reads(monkeypatch)
    for round_ in range(ROUNDS):
        session, seats = past_team(days_ago=20 + round_)
        deliver(session, seats)
        approve_everything(db)
        db.session.commit()
        day = session.starts_at.date().isoformat()
        data = {
            "period_from": day,
            "period_to": day,
            "paid_on": day_text(7),
            "payment_reference": f"R{round_}",
        }
        answers = race(clients, data)
        made = [body for status, body in answers if status == 302]
        refused = [body for status, body in answers if status == 200]
        assert len(made) == 1 and len(refused) == 1, [status for status, _ in answers]
        assert "There are no approved lines to pay in that period" in refused[0]
    db.session.expire_all()
    lines = db.session.scalars(select(PaymentLine)).all()
    assert lines and {line.status for line in lines} == {LineStatus.APPROVED}
    assert all(line.pay_run_id is not None for line in lines)  # each in exactly one run
    pay_runs = db.session.scalars(select(PayRun)).all()
    assert len(pay_runs) == ROUNDS
    assert all(runs.run_lines(run) for run in pay_runs)  # no empty run
    references = [r.reference for r in db.session.scalars(select(LetterRecord))]
    references += [run.reference for run in pay_runs]
    assert not [ref for ref, n in Counter(references).items() if n > 1]
    for run in pay_runs:  # every run's letters name only its own people
        people = {line.person_id for line in runs.run_lines(run)}
        assert {record.person_id for record in runs.run_records(run)} == people
