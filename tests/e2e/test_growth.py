"""Room to grow in a real browser: a new co-trainer shadows a session, and a co-trainer
fills in a check-in after one; each by keyboard alone on a 320 px wide screen, and axe
finds no serious or critical issue on any page or state on the way."""

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import (
    axe_violations,
    check_page,
    describe,
    horizontal_overflow,
    new_context,
    sign_in,
    tab_to,
)

pytestmark = pytest.mark.e2e
RILEY = "newcotrainer@example.org"
JAMIE = "cotrainer@example.org"


def phone(browser, live, email):
    context = new_context(browser, width=320, height=640)
    page = context.new_page()
    sign_in(page, live, email)
    return context, page


def easy_read_at_320(page, label: str) -> None:
    assert horizontal_overflow(page) <= 0, f"{label}: the page scrolls sideways at 320px"
    assert not (violations := axe_violations(page)), f"{label}:\n{describe(violations)}"
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.ht-easy-read .govuk-body')).fontSize)"
    )
    assert size >= 19, f"{label}: Easy Read text is {size}px"


def press_link(page, href: str) -> None:
    at_link = f"document.activeElement.getAttribute('href') === '{href}'"
    tab_to(page, lambda p: p.evaluate(at_link), limit=250)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_shadow_a_session_by_keyboard_on_a_phone(browser, live):
    context, page = phone(browser, live, RILEY)
    try:
        page.goto(live("/home"))
        press_link(page, "/my/shadow")
        expect(page.get_by_role("heading", name="Shadow a session", level=1)).to_be_visible()
        expect(page.get_by_text("To shadow means to watch a session.")).to_be_visible()
        easy_read_at_320(page, "sessions to shadow")
        session = live.ids["keyboard_shadow_session"]
        press_link(page, f"/my/shadow/{session}")
        expect(
            page.get_by_role("heading", name="Do you want to shadow this session?")
        ).to_be_visible()
        easy_read_at_320(page, "shadow this session?")
        yes = "document.activeElement.innerText.trim() === 'Yes, I want to shadow this session'"
        tab_to(page, lambda p: p.evaluate(yes))
        with page.expect_navigation():
            page.keyboard.press("Enter")
        expect(page.get_by_text("You are shadowing this session.")).to_be_visible()
        assert page.locator(f"a[href='/my/shadow/{session}']").count() == 0
        easy_read_at_320(page, "shadowing: thank you")
    finally:
        context.close()


def test_the_coordinator_sees_the_shadow_outside_the_team(browser, live):
    context = new_context(browser)
    page = context.new_page()
    try:
        sign_in(page, live, RILEY)
        page.goto(live(f"/my/shadow/{live.ids['shadow_session']}"))
        with page.expect_navigation():
            page.get_by_role("button", name="Yes, I want to shadow this session").click()
        page.context.clear_cookies()
        sign_in(page, live, "coordinator@example.org")
        page.goto(live(f"/sessions/{live.ids['shadow_session']}"))
        shadows = page.locator("#shadows ~ ul").first
        expect(shadows).to_contain_text("Riley Ahmed")
        expect(page.locator("table").first).not_to_contain_text("Riley Ahmed")
        check_page(page, "a session with a shadow")
    finally:
        context.close()


def test_fill_in_a_check_in_by_keyboard_on_a_phone(browser, live):
    context, page = phone(browser, live, JAMIE)
    try:
        page.goto(live("/home"))
        press_link(page, "/my/check-ins")
        expect(page.get_by_role("heading", name="My check-ins", level=1)).to_be_visible()
        easy_read_at_320(page, "my check-ins")
        seat = live.ids["check_in_seat"]
        press_link(page, f"/my/check-ins/{seat}/new")
        expect(page.get_by_role("heading", name="How did it go?")).to_be_visible()
        easy_read_at_320(page, "the check-in form")

        send = "document.activeElement.innerText.trim() === 'Send my check-in'"
        tab_to(page, lambda p: p.evaluate(send))
        with page.expect_navigation():
            page.keyboard.press("Enter")  # nothing chosen: the error summary says what to do
        expect(page.locator(".govuk-error-summary")).to_contain_text(
            "Choose a picture that shows how you feel"
        )
        assert page.title().startswith("Error: ")
        easy_read_at_320(page, "the check-in form with errors")

        at_feeling = "document.activeElement.name === 'feeling'"
        tab_to(page, lambda p: p.evaluate(at_feeling))
        page.keyboard.press("ArrowDown")  # radios: arrows move along the pictures
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.value") == "tired"
        at_hard = "document.activeElement.name === 'was_hard'"
        tab_to(page, lambda p: p.evaluate(at_hard))
        page.keyboard.type("Answering questions about my family.")
        at_support = "document.activeElement.name === 'wants_support'"
        tab_to(page, lambda p: p.evaluate(at_support))
        page.keyboard.press("Space")
        assert page.evaluate("document.activeElement.value") == "yes"
        tab_to(page, lambda p: p.evaluate(send))
        with page.expect_navigation():
            page.keyboard.press("Enter")
        expect(page.get_by_text("Your lead will contact you soon.")).to_be_visible()
        expect(page.get_by_text("I felt tired.")).to_be_visible()
        expect(page.get_by_text("Answering questions about my family.")).to_be_visible()
        easy_read_at_320(page, "my check-ins after sending")
    finally:
        context.close()
