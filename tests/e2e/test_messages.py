"""Messages in a real browser: a coordinator offers a seat, the co-trainer's message lands in
the outbox, its "Yes" link leads to a yes, and the coordinator's dashboard and message say so."""

import email
import email.policy
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import axe_violations, describe, new_context, sign_in

pytestmark = pytest.mark.e2e


def wait_for_email(outbox: Path, to: str, subject: str, *, after: float, timeout: float = 15):
    """The newest email to `to` whose subject holds `subject`, written after `after`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime, reverse=True):
            if path.stat().st_mtime < after:
                continue
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if message["To"] == to and subject in message["Subject"]:
                return message
        time.sleep(0.2)
    raise AssertionError(f"no email to {to} about {subject!r}")


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_an_offer_message_leads_to_yes_and_the_coordinator_hears(browser, live):
    session_id, jamie = live.ids["message_session"], live.ids["jamie"]
    coordinator = new_context(browser)
    page = coordinator.new_page()
    sign_in(page, live, "coordinator@example.org")
    page.goto(live(f"/sessions/{session_id}"))
    asked = time.time() - 1
    offer = page.locator(f"form[action='/sessions/{session_id}/people/{jamie}/offer']")
    if offer.count():
        offer.first.get_by_role("button").click()
    else:  # a rule stands in the way: offered with a reason, as a coordinator would
        anyway = page.locator(f"a[href^='/sessions/{session_id}/people/{jamie}/override']")
        page.goto(live(anyway.first.get_attribute("href")))  # behind "why not" details
        page.get_by_label("Why offer the seat anyway?").fill("Jamie asked for more sessions")
        page.get_by_role("button", name="Offer the seat anyway").click()
    expect(page.get_by_text("is offered the")).to_be_visible()

    message = wait_for_email(live.outbox, "cotrainer@example.org", "Can you do", after=asked)
    words = text_of(message)
    assert "Can you do this session? Please say yes or no." in words
    html = message.get_body(preferencelist=("html",))
    if html is not None:  # Easy Read and large print carry an HTML part
        assert "<h1" in html.get_content()
    yes_link = re.search(r"https?://\S+/my-offers/\d+/yes", words).group(0)

    co_trainer = new_context(browser)
    mine = co_trainer.new_page()
    mine.goto(yes_link)
    assert "/sign-in" in mine.url  # the link asks them to sign in first, then comes back
    mine.get_by_label("Email address").fill("cotrainer@example.org")
    mine.get_by_label("Password", exact=True).fill("demo-password")
    with mine.expect_navigation():
        mine.get_by_role("button", name="Sign in").click()
    expect(mine.get_by_role("heading", name="Can you do this session?")).to_be_visible()
    assert not (violations := axe_violations(mine)), describe(violations)
    answered = time.time() - 1
    mine.get_by_role("button", name="Yes, I can do it").click()
    expect(mine.get_by_text("Thank you. You said yes.")).to_be_visible()

    told = wait_for_email(live.outbox, "coordinator@example.org", "said yes to", after=answered)
    assert "Jamie" in told["Subject"] and "said yes to" in text_of(told)
    page.goto(live("/coordinator"))
    answers = page.locator("#answers + ul")
    expect(answers).to_contain_text("said yes to")
    expect(answers.locator("li").first).to_contain_text("Jamie")
    coordinator.close()
    co_trainer.close()
