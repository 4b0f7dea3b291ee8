"""Two app servers, each with its own instance folder, sharing one PostgreSQL database and one
Redis, behave as one app: a person signs in on one and carries on on the other, both hand out
the same pay-run letters, and sign-in throttles count across both."""

import io
import os

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests import factories
from tests.jobs import servers, workers
from tests.payments.factories import day_text, delivered_team
from tests.settings import TEST_DATABASE_URL
from trainer import jobs
from trainer.extensions import db
from trainer.jobs import queue
from trainer.models import PaymentLine
from trainer.payments import workflow

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not TEST_DATABASE_URL.startswith("postgresql"),
        reason="needs PostgreSQL (TEST_DATABASE_URL)",
    ),
]


@pytest.fixture
def redis_queue(app, committed):
    """This process queues on Redis too, as the servers do (emptied before and after)."""
    if not workers.redis_is_up():
        pytest.fail(f"Redis is not answering at {workers.TEST_REDIS_URL}")
    workers.empty_redis()
    settings = workers.queue_settings("redis", None)
    saved = {name: app.config.get(name) for name in settings}
    app.config.update(settings)
    jobs.init_app(app)
    try:
        yield
    finally:
        app.config.update(saved)
        jobs.init_app(app)
        workers.empty_redis()


@pytest.fixture
def two_servers(tmp_path, redis_queue):
    environment = dict(
        os.environ,
        HEADS_TOGETHER_ENV="production",
        SECRET_KEY="two-servers-one-app-" * 2,
        DATABASE_URL=TEST_DATABASE_URL,
        QUEUE_URL=workers.TEST_REDIS_URL,
        SIGN_IN_MAX_FAILURES_PER_ACCOUNT="3",
    )
    started = [servers.start_server(tmp_path / name, environment) for name in ("one", "two")]
    try:
        for _, address in started:
            servers.wait_until_up(address)
        yield [address for _, address in started]
    finally:
        for server, _ in started:
            servers.stop(server)


def sign_in(browser, address: str, email: str, password: str) -> servers.Answer:
    form = browser.get(f"{address}/sign-in")
    return browser.post(
        f"{address}/sign-in",
        {"csrf_token": form.csrf_token, "email": email, "password": password},
    )


def approved_pay() -> None:
    session, _ = delivered_team(db)
    for line in db.session.scalars(select(PaymentLine).where(PaymentLine.session_id == session.id)):
        workflow.approve_line(line, actor=None)


def test_two_servers_behave_as_one_app(two_servers):
    one, two = two_servers
    approved_pay()
    finance = factories.make_user(roles={"finance"})
    db.session.commit()

    # signed in on one server, carrying on on the other
    browser = servers.Browser()
    assert sign_in(browser, one, finance.email, factories.PASSWORD).status == 302
    form = browser.get(f"{two}/finance/pay-runs/new")
    assert form.status == 200 and "Make a pay run" in form.text
    made = browser.post(
        f"{two}/finance/pay-runs/new",
        {
            "csrf_token": form.csrf_token,
            "period_from": "2026-03-01",
            "period_to": "2026-03-31",
            "paid_on": day_text(7),
            "payment_reference": "BACS-TWO",
        },
    )
    assert made.status == 302, made.text
    run_path = made.headers["Location"]

    # the letters are queued on Redis by server two; a worker draws them (here, on this
    # process); then both servers hand out the same file
    assert browser.get(f"{one}{run_path}/letters.pdf").status == 202
    assert queue.drain() >= 1
    files = [browser.get(f"{address}{run_path}/letters.pdf") for address in (one, two)]
    assert [f.status for f in files] == [200, 200]
    assert files[0].body == files[1].body
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(files[0].body)).pages)
    assert "Ann O'Neill" in text and "Ben Shah" in text and "BACS-TWO" in text

    # failed sign-ins count across both servers: three, then refused even with the password
    stranger = servers.Browser()
    for address in (one, two, one):
        refused = sign_in(stranger, address, finance.email, "wrong password")
        assert refused.status == 200 and "too many attempts" not in refused.text
    throttled = sign_in(stranger, two, finance.email, factories.PASSWORD)
    assert throttled.status == 200
    assert "There have been too many attempts to sign in." in throttled.text
