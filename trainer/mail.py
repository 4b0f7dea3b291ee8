"""The one way email leaves the app: by SMTP when MAIL_SERVER is set, else as .eml files in
MAIL_OUTBOX_DIR (local trials and tests).

`send` sends one message now: for messages that must not wait in the database outbox (a
sign-in link carries a secret, and the database keeps only its hash). The outbox
(trainer/calendars/outbox.py) sends its queued messages through the same `Transport`.
"""

from __future__ import annotations

import email.policy
import secrets
import smtplib
from email.message import EmailMessage
from email.utils import formataddr, getaddresses, make_msgid, parseaddr
from pathlib import Path

from flask import current_app

from trainer.clock import utc_now

#: what a failed send raises; callers record it and try again later
SEND_ERRORS = (OSError, smtplib.SMTPException)


def build(*, to: str, subject: str, text: str, html: str | None = None) -> EmailMessage:
    config = current_app.config
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = formataddr((config["ORG_NAME"], sender_address()))
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="heads-together")
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    return message


def sender_address() -> str:
    return parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])[1]


def send(message: EmailMessage) -> bool:
    """Send or write the message; never raises (a failure is logged and reported as False)."""
    recipients = [address for _, address in getaddresses(message.get_all("To", []))]
    try:
        with Transport() as transport:
            transport.send(message.as_bytes(), recipients, name="mail")
    except SEND_ERRORS as error:
        current_app.logger.warning("Email to %s not sent: %s", message["To"], error)
        return False
    return True


class Transport:
    """SMTP when MAIL_SERVER is set (one connection, opened on first use), else .eml files."""

    def __init__(self) -> None:
        self.config = current_app.config
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *exc) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except SEND_ERRORS:
                self.smtp.close()

    def send(self, message: bytes, recipients: list[str], *, name: str) -> None:
        """Send `message` to `recipients`; without a server, write it as `…-<name>.eml`."""
        if not self.config.get("MAIL_SERVER"):
            return self._write(message, name)
        if self.smtp is None:
            self.smtp = self._connect()
        self.smtp.sendmail(sender_address(), recipients, message)

    def _connect(self) -> smtplib.SMTP:
        config = self.config
        smtp = smtplib.SMTP(config["MAIL_SERVER"], int(config.get("MAIL_PORT") or 25), timeout=10)
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        return smtp

    def _write(self, message: bytes, name: str) -> None:
        folder = Path(self.config["MAIL_OUTBOX_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        stamp = f"{utc_now():%Y%m%dT%H%M%S}-{secrets.token_hex(4)}"
        (folder / f"{stamp}-{name}.eml").write_bytes(message)
