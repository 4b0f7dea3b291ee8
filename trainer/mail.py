"""Send one email now: by SMTP when MAIL_SERVER is set, else as an .eml file in MAIL_OUTBOX_DIR.

For messages that must not wait in the database outbox (trainer/calendars/outbox.py): a
sign-in link carries a secret, and the database keeps only its hash.
"""

import email.policy
import secrets
import smtplib
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr
from pathlib import Path

from flask import current_app

from trainer.clock import utc_now


def build(*, to: str, subject: str, text: str, html: str | None = None) -> EmailMessage:
    config = current_app.config
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = formataddr((config["ORG_NAME"], parseaddr(config["MAIL_DEFAULT_SENDER"])[1]))
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="heads-together")
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    return message


def send(message: EmailMessage) -> bool:
    """Send or write the message; never raises (a failure is logged and reported as False)."""
    config = current_app.config
    try:
        if config.get("MAIL_SERVER"):
            _smtp(message, config)
        else:
            _write(message, Path(config["MAIL_OUTBOX_DIR"]))
    except (OSError, smtplib.SMTPException) as error:
        current_app.logger.warning("Email to %s not sent: %s", message["To"], error)
        return False
    return True


def _smtp(message: EmailMessage, config) -> None:
    port = int(config.get("MAIL_PORT") or 25)
    with smtplib.SMTP(config["MAIL_SERVER"], port, timeout=10) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(message)


def _write(message: EmailMessage, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{utc_now():%Y%m%dT%H%M%S}-{secrets.token_hex(4)}-mail.eml"
    (folder / name).write_bytes(message.as_bytes())
