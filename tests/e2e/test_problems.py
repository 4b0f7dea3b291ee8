"""Resolving a problem with a booking in a real browser: a coordinator records someone's time
off on the day of a session they said yes to, sees the problem on the dashboard, and either
keeps them with a reason or takes them off and offers the seat to someone else."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import check_page, sign_in

pytestmark = pytest.mark.e2e


def for_person(action: str, name: str) -> re.Pattern:
    """An action's accessible name: the words, then the person it is for (hidden on screen)."""
    return re.compile(rf"^{re.escape(action)}\s*: {re.escape(name)}$")


def add_time_off(page, live, person_id: int, day: str) -> None:
    page.goto(live(f"/people/{person_id}/time-off/new"))
    page.get_by_label("First day").fill(day)
    page.get_by_label("Last day").fill(day)
    page.get_by_label("Reason").fill("Hospital appointment")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the time off").click()


def open_problem_from_the_dashboard(page, live, name: str) -> None:
    page.goto(live("/coordinator"))
    problems = page.locator("ul", has_text=name).filter(has_text="Unavailable from")
    expect(problems).to_have_count(1)
    with page.expect_navigation():
        problems.locator("li", has_text=name).get_by_role("link").click()
    expect(page.get_by_text("Breaks a rule since it was booked")).to_be_visible()


def outside_answers(page) -> str:
    """The dashboard's words, less its list of recent answers (where a yes stays listed)."""
    answers = page.locator("#answers + ul")
    listed = answers.inner_text() if answers.count() else ""
    return page.locator("main").inner_text().replace(listed, "")


def test_keep_a_person_in_their_seat_with_a_reason(page, live):
    ids = live.ids
    sign_in(page, live, "coordinator@example.org")
    add_time_off(page, live, ids["keep_person"], ids["keep_day"])
    open_problem_from_the_dashboard(page, live, "Robin Ashby")
    check_page(page, "session page with a problem")
    page.set_viewport_size({"width": 1280, "height": 900})
    with page.expect_navigation():
        page.get_by_role("link", name=for_person("Keep, with a reason", "Robin Ashby")).click()
    check_page(page, "keep a person in their seat")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Why keep them in the seat?").fill("The appointment is after the session")
    with page.expect_navigation():
        page.get_by_role("button", name="Keep them in the seat").click()
    expect(page.get_by_text("Robin Ashby keeps the seat.")).to_be_visible()
    expect(page.get_by_text("Breaks a rule since it was booked")).to_have_count(0)
    expect(page.get_by_text("Robin Ashby kept in the autistic co-trainer seat")).to_be_visible()
    page.goto(live("/coordinator"))
    assert "Robin Ashby" not in outside_answers(page)


def test_take_a_person_off_and_offer_the_seat_to_someone_else(page, live):
    ids = live.ids
    sign_in(page, live, "coordinator@example.org")
    add_time_off(page, live, ids["take_off_person"], ids["take_off_day"])
    open_problem_from_the_dashboard(page, live, "Sasha Price")
    with page.expect_navigation():
        take_off = for_person("Take off and offer to someone else", "Sasha Price")
        page.get_by_role("button", name=take_off).click()
    expect(page.get_by_text("Sasha Price is off the team.")).to_be_visible()
    assert "#candidates-" in page.url
    seat = page.url[page.url.index("#") :]  # the heading over the empty seat's candidates
    offer = page.locator(f"{seat} ~ *").get_by_role("button", name=re.compile("^Offer")).first
    offered = offer.get_attribute("aria-label") or offer.inner_text()
    with page.expect_navigation():
        offer.click()
    team = page.locator("table", has=page.locator("caption", has_text="Seats in the team"))
    expect(team.get_by_text("Offered", exact=True)).to_have_count(1)
    expect(team.get_by_text("Sasha Price")).to_have_count(0)
    assert "Offer" in offered
    page.goto(live("/coordinator"))
    assert "Sasha Price" not in outside_answers(page)
