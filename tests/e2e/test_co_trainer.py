"""A co-trainer's journey in a real browser: sign in with a one-time link, say yes to an offer,
put the session in their calendar; and the same by keyboard alone."""

import time
from datetime import datetime
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import expect

from tests.e2e.browser import (
    axe_violations,
    describe,
    horizontal_overflow,
    latest_link,
    new_context,
    sign_in,
    tab_to,
)

pytestmark = pytest.mark.e2e
JAMIE = "cotrainer@example.org"


def ask_for_link(page, live) -> str:
    asked = time.time() - 1
    page.goto(live("/sign-in"))
    page.get_by_role("link", name="Sign in with a link instead").click()
    page.get_by_label("Email address").fill(JAMIE)
    page.get_by_role("button", name="Email me a link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert not (violations := axe_violations(page)), describe(violations)
    return latest_link(live.outbox, JAMIE, after=asked)


def parse_invite(download) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    [event] = calendar.walk("VEVENT")
    return event


def test_sign_in_with_a_link_say_yes_and_download_the_invite(page, live):
    link = ask_for_link(page, live)
    page.goto(link)
    assert "/home" not in page.url
    assert not (violations := axe_violations(page)), describe(violations)
    page.get_by_role("button", name="Sign me in").click()
    page.wait_for_url(live("/home"))
    expect(page.get_by_role("heading", name="Hello Jamie")).to_be_visible()

    offer = page.locator(f"form[action='/home/offers/{live.ids['journey_offer']}']")
    with page.expect_navigation(url=live("/home")):
        offer.get_by_role("button", name="Yes, I can do it").click()
    expect(page.get_by_text("Thank you. You said yes")).to_be_visible()
    assert offer.count() == 0

    session_id = live.ids["journey_offer_session"]
    with page.expect_download() as download:
        page.locator(f"a[href='/sessions/{session_id}/invite.ics']").first.click()
    event = parse_invite(download.value)
    starts_at = datetime.fromisoformat(live.ids["journey_offer_starts_at"])
    assert event.decoded("dtstart") == starts_at
    assert "Oliver McGowan Tier 1" in str(event["summary"])
    assert str(event["status"]) in ("TENTATIVE", "CONFIRMED")
    assert download.value.suggested_filename.endswith(".ics")

    page.goto(link)  # the link worked once: it does not work again
    expect(page.get_by_role("heading", name="This link does not work any more")).to_be_visible()


def test_keyboard_only_sign_in_say_yes_and_download(browser, live):
    context = new_context(browser)
    page = context.new_page()
    try:
        asked = time.time() - 1
        page.goto(live("/sign-in/link"))
        stops = tab_to(page, lambda p: p.evaluate("document.activeElement.id") == "email")
        assert stops[0]["text"] == "Skip to main content"
        page.keyboard.type(JAMIE)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Check your email")).to_be_visible()

        page.goto(latest_link(live.outbox, JAMIE, after=asked))
        at_button = "document.activeElement.innerText.trim() === 'Sign me in'"
        tab_to(page, lambda p: p.evaluate(at_button))
        with page.expect_navigation(url=live("/home")):
            page.keyboard.press("Enter")

        offer_id = live.ids["keyboard_offer"]
        yes = (
            f"document.activeElement.value === 'yes' && document.activeElement.form"
            f" && document.activeElement.form.action.endsWith('/home/offers/{offer_id}')"
        )
        tab_to(page, lambda p: p.evaluate(yes))
        with page.expect_navigation(url=live("/home")):
            page.keyboard.press("Enter")
        expect(page.get_by_text("Thank you. You said yes")).to_be_visible()
        assert page.locator(f"form[action='/home/offers/{offer_id}']").count() == 0

        href = f"/sessions/{live.ids['keyboard_offer_session']}/invite.ics"
        at_invite = f"document.activeElement.getAttribute('href') === '{href}'"
        tab_to(page, lambda p: p.evaluate(at_invite), limit=250)
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        event = parse_invite(download.value)
        starts_at = datetime.fromisoformat(live.ids["keyboard_offer_starts_at"])
        assert event.decoded("dtstart") == starts_at
    finally:
        context.close()


def test_the_home_page_passes_axe_and_reflows_at_320px(browser, live):
    context = new_context(browser, width=320, height=640)
    page = context.new_page()
    try:
        sign_in(page, live, JAMIE)
        page.goto(live("/home"))
        assert horizontal_overflow(page) <= 0
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        violations = axe_violations(page)
        assert not violations, describe(violations)
        size = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.ht-home .govuk-body')).fontSize)"
        )
        assert size >= 19
    finally:
        context.close()
