"""Each kind of message to a person, in each format, through each transport, read back
from what arrived: a real SMTP server, GOV.UK Notify (a local fake that checks every
request), and the outbox folder."""

from datetime import timedelta

import pytest
import time_machine

from tests.messages.factories import (
    PERSON_KINDS,
    deliver,
    make_scene,
    parts,
    read_outbox,
    write_kind,
)
from trainer.models import InformationFormat

#: words each kind must carry, whatever the format
WORDS = {
    "offer": [
        "Can you do this session? Please say yes or no.",
        "You will be paid £125.",
        "Sam Patel",
    ],
    "offer_reminder": ["We are still waiting for your answer", "Please say yes or no."],
    "reminder": [
        "Use the side door and sign in at reception.",
        "Ask for Jo Green.",
        "A quiet room to rest at lunch",
        "Your badge",
    ],
    "changed": ["This session has changed.", "Why: Moved to a bigger room"],
    "cancelled": ["This session is cancelled. You do not need to go."],
    "removed": ["You are not in the team for the session on"],
}
SUBJECTS = {
    "offer": "Can you do a session on",
    "offer_reminder": "Please answer",
    "reminder": "Reminder: your session today",
    "changed": "has changed",
    "cancelled": "is cancelled",
    "removed": "You are not needed",
}
STYLES = list(InformationFormat)


def happen(kind, scene):
    with time_machine.travel(scene.session.starts_at - timedelta(hours=2), tick=False):
        write_kind(kind, scene)
        return deliver()


def check_html(html: str, style: InformationFormat) -> None:
    if style is InformationFormat.PLAIN:
        assert html == ""
    elif style is InformationFormat.EASY_READ:
        assert 'alt="A calendar"' in html and 'src="data:image/svg+xml;base64,' in html
        assert "font-size:20px" in html
    else:
        assert "font-size:24px" in html and "<img" not in html


@pytest.mark.parametrize("style", STYLES, ids=lambda s: s.value)
@pytest.mark.parametrize("kind", PERSON_KINDS)
def test_each_kind_in_each_format_arrives_by_smtp(db, smtp, kind, style):
    scene = make_scene(style=style)
    assert happen(kind, scene) == 1
    [message] = smtp.messages()
    assert message["To"] == "robin@example.org"
    assert SUBJECTS[kind] in message["Subject"]
    text, html = parts(message)
    for words in WORDS[kind]:
        assert words in text
        if html:
            assert words.replace("'", "&#x27;") in html
    check_html(html, style)


@pytest.mark.parametrize("style", STYLES, ids=lambda s: s.value)
@pytest.mark.parametrize("kind", PERSON_KINDS)
def test_each_kind_in_each_format_arrives_by_notify(db, notify, kind, style):
    scene = make_scene(style=style, text=True)
    assert happen(kind, scene) == 2
    assert notify.refused == []
    [sent] = notify.emails()
    [texted] = notify.texts()
    assert sent["email_address"] == "robin@example.org"
    assert SUBJECTS[kind] in sent["personalisation"]["subject"]
    for words in WORDS[kind]:
        assert words in sent["personalisation"]["body"]
    assert texted["phone_number"] == "07700 900123"
    short = texted["personalisation"]["body"]
    assert len(short) <= 300 and "http://" in short
    assert sent["reference"].endswith(":email") and texted["reference"].endswith(":text")


@pytest.mark.parametrize("kind", PERSON_KINDS)
def test_each_kind_lands_in_the_outbox_folder_without_a_mail_server(db, outbox_dir, kind):
    scene = make_scene(style=InformationFormat.EASY_READ, text=True)
    assert happen(kind, scene) == 2
    emails, texts = read_outbox(outbox_dir)
    [message], [text] = emails, texts
    assert SUBJECTS[kind] in message["Subject"]
    assert text.startswith("To: 07700 900123\n\n")
    for words in WORDS[kind]:
        assert words in parts(message)[0]
