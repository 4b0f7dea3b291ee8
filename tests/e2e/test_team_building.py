"""Team building in a real browser: the pages at their fullest pass axe and reflow, forms
show their errors accessibly. Nothing here changes the shared demo data."""

import pytest

from tests.e2e.browser import check_page, new_context, sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def coordinator(browser, live):
    context = new_context(browser)
    page = context.new_page()
    sign_in(page, live, "coordinator@example.org")
    yield page
    context.close()


def test_a_part_filled_session_lists_candidates_accessibly(coordinator, live):
    response = coordinator.goto(live(f"/sessions/{live.ids['showcase_session']}"))
    assert response.status == 200
    assert coordinator.locator("text=Who could be the").count() >= 1
    check_page(coordinator, "session page with candidates")


def test_the_auto_fill_preview_passes_axe(coordinator, live):
    coordinator.goto(live("/sessions/auto-fill"))
    coordinator.get_by_role("button", name="Propose teams").click()
    coordinator.wait_for_load_state()
    assert coordinator.locator("text=can be filled").count() == 1
    check_page(coordinator, "auto-fill preview")


@pytest.mark.parametrize(
    ("path", "button"),
    [
        ("/people/{person}/availability", "Save working times"),
        ("/people/{person}/time-off/new", "Add the time off"),
        ("/people/{person}/do-not-pair/new", "Save"),
        ("/sessions/{session}/schedule-anyway", "Schedule the session anyway"),
    ],
)
def test_team_building_forms_show_errors_accessibly(coordinator, live, path, button):
    coordinator.goto(live(path.format(**live.ids)))
    if "availability" in path:
        coordinator.get_by_label("Only at the times below").check()
        coordinator.locator("#start_0").fill("17:00")
        coordinator.locator("#end_0").fill("09:00")
    coordinator.locator("main").get_by_role("button", name=button, exact=True).click()
    coordinator.wait_for_load_state()
    summary = coordinator.locator(".govuk-error-summary")
    assert summary.is_visible(), path
    for link in summary.locator("a").all():
        assert coordinator.locator(link.get_attribute("href")).count() == 1, path
    check_page(coordinator, f"{path} with errors")


def test_a_co_trainer_sees_two_big_buttons_at_320px(browser, live):
    context = new_context(browser, width=320, height=640)
    page = context.new_page()
    try:
        sign_in(page, live, "cotrainer@example.org")
        page.goto(live("/my-offers"))
        assert page.get_by_role("button", name="Yes, I can do it").count() >= 1
        assert page.get_by_role("link", name="No, I can't do it").count() >= 1  # asks first
        check_page(page, "my offers")
    finally:
        context.close()
