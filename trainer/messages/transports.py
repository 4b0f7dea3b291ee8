"""How a message leaves: email by SMTP (or as .eml files in the outbox folder, the default),
and text messages as files beside them; or both by GOV.UK Notify when NOTIFY_API_KEY is set.

A transport raises one of SEND_ERRORS when a message could not be handed over; the caller
records it and tries again later.
"""

from __future__ import annotations

import email.policy
import secrets
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path

import requests
from flask import current_app
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from trainer import mail
from trainer.clock import utc_now
from trainer.models import Channel, Message

SEND_ERRORS = (*mail.SEND_ERRORS, APIError, requests.RequestException)


def build_email(message: Message) -> EmailMessage:
    """The email for a logged message: a plain-text part, and an HTML part unless the
    person chose plain text."""
    built = EmailMessage(policy=email.policy.SMTP)
    built["From"] = formataddr((current_app.config["ORG_NAME"], mail.sender_address()))
    built["To"] = message.to_addr
    built["Subject"] = message.subject
    built["Message-ID"] = make_msgid(idstring=f"message-{message.id}", domain="heads-together")
    built.set_content(message.text_body)
    if message.html_body:
        built.add_alternative(message.html_body, subtype="html")
    return built


class LocalTransport:
    """Email by SMTP, or .eml files without a mail server; text messages as .txt files."""

    def __init__(self) -> None:
        self.mail = mail.Transport()
        self.config = current_app.config

    def __enter__(self) -> LocalTransport:
        return self

    def __exit__(self, *exc) -> None:
        self.mail.__exit__(*exc)

    def send(self, message: Message) -> str:
        """Hand the message over; returns the transport's reference for it."""
        if message.channel is Channel.TEXT:
            return self._write_text(message)
        built = build_email(message)
        self.mail.send(built.as_bytes(), [message.to_addr], name=f"message-{message.id}")
        return str(built["Message-ID"])

    def already_sent(self, message: Message) -> str | None:
        """The file written for this message by an earlier try, if one was. A mail server
        cannot be asked: None."""
        if self.config.get("MAIL_SERVER") and message.channel is Channel.EMAIL:
            return None
        folder = Path(current_app.config["MAIL_OUTBOX_DIR"])
        suffix = "-text.txt" if message.channel is Channel.TEXT else ".eml"
        found = next(folder.glob(f"*-message-{message.id}{suffix}"), None)
        return found.name if found is not None else None

    def _write_text(self, message: Message) -> str:
        folder = Path(current_app.config["MAIL_OUTBOX_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        stamp = f"{utc_now():%Y%m%dT%H%M%S}-{secrets.token_hex(4)}"
        path = folder / f"{stamp}-message-{message.id}-text.txt"
        path.write_text(f"To: {message.to_addr}\n\n{message.text_body}", encoding="utf-8")
        return path.name


class NotifyTransport:
    """GOV.UK Notify: one email template and one text message template, each filled in with
    ((subject)) and ((body)); the message's key is Notify's reference."""

    def __init__(self) -> None:
        config = current_app.config
        self.client = NotificationsAPIClient(
            config["NOTIFY_API_KEY"],
            base_url=config["NOTIFY_BASE_URL"],
            timeout=config["NOTIFY_TIMEOUT_SECONDS"],
        )
        self.email_template = config["NOTIFY_EMAIL_TEMPLATE_ID"]
        self.sms_template = config["NOTIFY_SMS_TEMPLATE_ID"]

    def __enter__(self) -> NotifyTransport:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def already_sent(self, message: Message) -> str | None:
        """Notify's id for a notification with this message's reference, if one was sent."""
        found = self.client.get_all_notifications(reference=message.key).get("notifications")
        return str(found[0]["id"]) if found else None

    def send(self, message: Message) -> str:
        if message.channel is Channel.TEXT:
            answer = self.client.send_sms_notification(
                phone_number=message.to_addr,
                template_id=self.sms_template,
                personalisation={"body": message.text_body},
                reference=message.key,
            )
        else:
            answer = self.client.send_email_notification(
                email_address=message.to_addr,
                template_id=self.email_template,
                personalisation={"subject": message.subject, "body": message.text_body},
                reference=message.key,
            )
        return str(answer.get("id", ""))


def transport() -> LocalTransport | NotifyTransport:
    """The configured transport: GOV.UK Notify when it has an API key, else local."""
    if current_app.config.get("NOTIFY_API_KEY"):
        return NotifyTransport()
    return LocalTransport()
