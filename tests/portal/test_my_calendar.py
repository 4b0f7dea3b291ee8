"""My calendar in Easy Read: what will happen, one button on a phone, the QR code on a large
screen, and how to stop."""

import html
import re

from tests.portal.factories import make_co_trainer


def words(response) -> str:
    body = re.sub(r"<svg.*?</svg>", "", response.get_data(as_text=True), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def test_before_and_after_setting_it_up(client, login, db):
    who = make_co_trainer()
    db.session.commit()
    login(who.user)
    page = words(client.get("/my-calendar"))
    assert "Your sessions will appear in your calendar by themselves." in page
    assert "Set up my calendar" in page
    client.post("/my-calendar/link")
    response = client.get("/my-calendar")
    body, page = response.get_data(as_text=True), words(response)
    phone = body[body.index('class="ht-phone-only') : body.index('class="ht-large-screen-only')]
    assert 'href="webcal://' in phone and "Add my sessions to my phone" in html.unescape(phone)
    large = body[body.index('class="ht-large-screen-only') :]
    assert "<svg" in large and "Scan this with your phone" in html.unescape(large)
    assert "When a session changes, your calendar changes too." in page
    assert "How to stop" in page and "Stop my calendar link" in page
    assert "Subscribe" not in page and "copy the link" not in page
