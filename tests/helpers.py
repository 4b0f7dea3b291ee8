"""Helpers tests share for reading pages and the database: the error summary, stored rows,
counts, queries sent, and refused input that must come back escaped."""

import html
import re
from contextlib import contextmanager
from html.parser import HTMLParser

from sqlalchemy import event, func, select

from tests import factories


def page_errors(response) -> list[str]:
    """The messages in a page's error summary."""
    body = response.get_data(as_text=True)
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', body, re.S)
    if not summary:
        return []
    return [
        re.sub(r"<[^>]+>", "", item).strip()
        for item in re.findall(r"<li>(.*?)</li>", summary.group(1), re.S)
    ]


@contextmanager
def count_queries(db):
    """The SQL statements sent while the block runs, on the test's connection."""
    statements = []

    def note(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


SCRIPT = "<script>alert(1)</script>"
BOLD = "<b>x</b>"


def count(db, *models) -> tuple[int, ...]:
    return tuple(db.session.scalar(select(func.count()).select_from(m)) for m in models)


def row(db, model, ident) -> dict:
    """The stored columns of one record, read straight from the table."""
    table = model.__table__
    return dict(db.session.execute(select(table).where(table.c.id == ident)).mappings().one())


def refused(response, message: str) -> None:
    assert response.status_code == 200
    errors = [html.unescape(error) for error in page_errors(response)]
    assert message in errors, errors
    body = response.get_data(as_text=True)
    assert SCRIPT not in body and BOLD not in body, "typed markup must come back escaped"


def saved(db) -> None:
    """Keep the setup data as if an earlier request had saved it (a view may roll back)."""
    db.session.commit()


def account_form(user, **changes) -> dict:
    data = {
        "email": user.email,
        "roles": [role.value for role in user.roles],
        "person_id": "",
        "is_enabled": "y",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def sign_in(browser, user) -> None:
    response = browser.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 302


def signed_in_browser(app, user):
    browser = app.test_client()
    sign_in(browser, user)
    return browser


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.I)


def header_problems(response, *, signed_in: bool) -> list[str]:
    """What is missing from a response's security headers (an empty list when none is)."""
    headers, problems = response.headers, []
    for name, values in (
        ("X-Content-Type-Options", {"nosniff"}),
        ("X-Frame-Options", {"DENY"}),
        # a page whose address carries a secret sends no referrer at all
        ("Referrer-Policy", {"same-origin", "no-referrer"}),
    ):
        if headers.get(name) not in values:
            problems.append(f"{name} is {headers.get(name)!r}")
    if "camera=()" not in headers.get("Permissions-Policy", ""):
        problems.append("no Permissions-Policy")
    if not headers.get("X-Request-ID"):
        problems.append("no X-Request-ID")
    cache = headers.get("Cache-Control", "")
    private = "no-store" in cache or ("private" in cache and "no-cache" in cache)
    if (signed_in or "attachment" in headers.get("Content-Disposition", "")) and not private:
        problems.append(f"Cache-Control is {cache!r}")
    if response.mimetype == "text/html":
        problems += _page_problems(response)
    return problems


def _page_problems(response) -> list[str]:
    policy = response.headers.get("Content-Security-Policy", "")
    problems = []
    if "script-src 'self'" not in policy or "style-src 'self'" not in policy:
        problems.append(f"Content-Security-Policy is {policy!r}")
    if "unsafe-inline" in policy or "unsafe-eval" in policy:
        problems.append("the Content-Security-Policy allows inline code")
    body = response.get_data(as_text=True)
    if INLINE_SCRIPT.search(body):
        problems.append("an inline script")
    if INLINE_STYLE.search(body):
        problems.append("an inline style")
    if re.search(r"<div[^>]*\brole=[^>]*\brole=", body):
        problems.append("an element with two role attributes")
    title = re.search(r"<title>(.*?)</title>", body, re.S)
    if title and "<" in title.group(1):  # markup in the title: a block left open
        problems.append(f"the page title holds markup: {title.group(1)[:60]!r}")
    return problems


def make_data_copy(person):
    """A finished subject access copy of `person` (needs an app context)."""
    from trainer.privacy import subject_access

    export = subject_access.request_copy("person", person.id, actor=None)
    return subject_access.make_copy(export.id)


def make_failed_message(person):
    """A message to `person` that every try failed to send (flushes)."""
    from trainer.extensions import db
    from trainer.models import Channel, InformationFormat, Message, MessageStatus

    message = Message(
        key=f"test-failed:p{person.id}:email",
        kind="offer",
        person_id=person.id,
        channel=Channel.EMAIL,
        format=InformationFormat.PLAIN,
        to_addr=person.email or "someone@example.org",
        subject="A message that failed",
        text_body="Words\n",
        status=MessageStatus.FAILED,
        attempts=5,
        last_error="SMTPServerDisconnected: gone",
    )
    db.session.add(message)
    db.session.flush()
    return message


class _FormReader(HTMLParser):
    """The values a browser would send for each form with method=post on a page."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict[str, list[str]]] = []
        self._form: dict[str, list[str]] | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self._form = {}
            self.forms.append(self._form)
        elif self._form is not None and tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("radio", "checkbox") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file") and attrs.get("name"):
                self._form.setdefault(attrs["name"], []).append(attrs.get("value") or "")
        elif self._form is not None and tag == "textarea":
            self._textarea = attrs.get("name")
            self._form.setdefault(self._textarea, []).append("")

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._form = None


def form_values(response) -> dict[str, list[str]]:
    """What submitting the page's main form (its largest post form) unchanged would send."""
    reader = _FormReader()
    reader.feed(response.get_data(as_text=True))
    return max(reader.forms, key=len, default={})
