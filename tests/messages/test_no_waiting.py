"""No request waits for SMTP or GOV.UK Notify: with a transport that hangs, the page that
offers a seat still answers at once, and the message waits on the queue for a worker."""

import socket
import threading
import time

import pytest
from sqlalchemy import select

from tests import factories
from tests.team_factories import team_setup
from trainer.jobs import queue
from trainer.messages import sending
from trainer.models import Message, MessageChoice, MessageStatus


@pytest.fixture
def hanging_smtp(app, monkeypatch):
    """A mail server that takes connections and never says a word."""
    server = socket.create_server(("127.0.0.1", 0))
    held = []

    def hold():
        while True:
            try:
                held.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=hold, daemon=True).start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", server.getsockname()[1])
    yield held
    server.close()
    for connection in held:
        connection.close()


@pytest.fixture
def with_a_worker_elsewhere():
    """Jobs go on the queue for a worker, as in production, rather than running here."""
    queue.huey.immediate = False
    try:
        yield queue.huey
    finally:
        queue.huey.storage.flush_queue()
        queue.huey.storage.flush_schedule()
        queue.huey.immediate = True


def offer_page(client, login, db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    choice = MessageChoice.defaults(person.id)
    choice.quiet_from = choice.quiet_until = None
    db.session.add(choice)
    db.session.commit()
    login(factories.make_user(roles={"coordinator"}))
    path = f"/sessions/{setup.session.id}/people/{person.id}/offer?role={setup.autistic.id}"
    started = time.monotonic()
    response = client.post(path)
    return response, time.monotonic() - started, person


def test_the_offer_page_answers_at_once_while_the_mail_server_hangs(
    client, login, db, hanging_smtp, with_a_worker_elsewhere
):
    response, took, person = offer_page(client, login, db)
    assert response.status_code == 302
    assert took < 2, f"the page waited {took:.1f}s"
    [message] = db.session.scalars(select(Message).where(Message.person_id == person.id))
    assert message.status is MessageStatus.QUEUED
    assert with_a_worker_elsewhere.pending_count() >= 1


def test_the_offer_page_answers_at_once_while_notify_hangs(
    client, login, db, notify, with_a_worker_elsewhere, app, monkeypatch
):
    notify.delay = 5
    monkeypatch.setitem(app.config, "NOTIFY_TIMEOUT_SECONDS", 1)
    response, took, person = offer_page(client, login, db)
    assert response.status_code == 302 and took < 2
    [message] = db.session.scalars(select(Message).where(Message.person_id == person.id))
    started = time.monotonic()
    with pytest.raises(sending.NotSent):  # the worker gives up on the hanging call in time
        sending.send_message(message.id)
    assert time.monotonic() - started < 4
    db.session.refresh(message)
    # the client says a timeout as "503 - Request failed"; the queue tries again later
    assert message.status is MessageStatus.QUEUED and "Request failed" in message.last_error
