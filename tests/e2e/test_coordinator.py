"""A coordinator's journey in a real browser: add a session, then build its team from the
people the session page suggests for each empty seat."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from config import Config
from tests.e2e.browser import sign_in
from trainer.clock import local_today

pytestmark = pytest.mark.e2e


def test_create_a_session_and_build_its_team(page, live):
    sign_in(page, live, "coordinator@example.org")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Sessions").click()
    page.get_by_role("link", name="Add a session").click()

    day = local_today(ZoneInfo(Config.TIMEZONE)) + timedelta(days=45)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    page.get_by_label("Programme").select_option(label="Oliver McGowan Tier 2")
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Start time").fill("09:30")
    page.get_by_label("Venue").select_option(label="Riverside Community Centre")
    page.get_by_label("What the team should bring").fill("Story cards")
    with page.expect_navigation():
        page.get_by_role("button", name="Save session").click()
    expect(page.get_by_text("Session saved.")).to_be_visible()
    session_path = page.url.removeprefix(live.url)
    assert (
        page.get_by_role("heading", level=1)
        .inner_text()
        .startswith(f"{day:%A} {day.day} {day:%B %Y}")
    )

    offered = []
    for _ in range(3):  # each seat of the trio: offer it to the best-placed person
        offer = page.get_by_role("button", name="Offer", exact=False).first
        if offer.count() == 0:
            break
        name = offer.inner_text()
        with page.expect_navigation():
            offer.click()
        assert page.url.startswith(live(session_path))
        offered.append(name)
    assert offered, "the session page suggested nobody for any seat"

    team = page.locator("table", has=page.locator("caption", has_text="Seats in the team"))
    assert team.get_by_text("Offered", exact=True).count() == len(offered)
