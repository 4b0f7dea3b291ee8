"""trainer/mail.py: one message now, by SMTP when configured, else as an .eml file."""

from tests.calendars.app_factories import start_smtp
from tests.portal.factories import emails
from trainer import mail


def test_without_a_server_the_message_is_written_to_the_outbox(app, db, outbox):
    with app.test_request_context():
        assert mail.send(mail.build(to="a@example.org", subject="Hello", text="Words"))
    [message] = emails(outbox)
    assert message["Subject"] == "Hello" and message.get_content().strip() == "Words"
    assert app.config["ORG_NAME"] in message["From"]


def test_with_a_server_the_message_goes_by_smtp(app, db, outbox, monkeypatch):
    controller, inbox = start_smtp()
    monkeypatch.setitem(app.config, "MAIL_SERVER", controller.hostname)
    monkeypatch.setitem(app.config, "MAIL_PORT", controller.port)
    try:
        with app.test_request_context():
            assert mail.send(mail.build(to="b@example.org", subject="Hi", text="Body"))
    finally:
        controller.stop()
    [(_, recipients, _)] = inbox.received
    assert recipients == ["b@example.org"] and emails(outbox) == []


def test_a_server_that_is_down_is_reported_not_raised(app, db, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", 9)  # discard: nothing listens
    with app.test_request_context():
        assert mail.send(mail.build(to="c@example.org", subject="x", text="y")) is False
