"""Easy Read all the way, in a real browser: say no and undo, set when I can work, add the
calendar on a phone-sized screen, ask for help; by keyboard alone and at 320px wide. Each new
page and state passes axe, and Easy Read body text is at least 19px."""

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import (
    axe_violations,
    describe,
    horizontal_overflow,
    new_context,
    sign_in,
    tab_to,
)

pytestmark = pytest.mark.e2e
JAMIE = "cotrainer@example.org"
#: the smallest text in Easy Read body copy, in CSS pixels
MIN_BODY_PX = 19
SMALLEST_TEXT = """() => {
  const main = document.querySelector('main');
  let smallest = 1000, where = '';
  const text = 'p, li, label, legend, dd, dt, td, th, figcaption, .govuk-hint, .govuk-body';
  for (const el of main.querySelectorAll(text)) {
    if (!el.offsetParent || el.closest('.govuk-visually-hidden')) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < smallest) { smallest = size; where = el.textContent.trim().slice(0, 60); }
  }
  return [smallest, where];
}"""


def focused_words(page) -> str:
    return page.evaluate("document.activeElement.innerText || document.activeElement.value || ''")


def checked(page, *, width_ok: bool = True) -> None:
    """axe finds nothing serious or critical; the page reflows; body text is big enough."""
    assert not (violations := axe_violations(page)), describe(violations)
    if width_ok:
        assert horizontal_overflow(page) <= 0, page.url
    smallest, where = page.evaluate(SMALLEST_TEXT)
    assert smallest >= MIN_BODY_PX, f"{smallest}px at {where!r} on {page.url}"


@pytest.fixture
def jamie(browser, live):
    contexts = []

    def signed_in(width: int = 1280, height: int = 900):
        context = new_context(browser, width=width, height=height)
        contexts.append(context)
        page = context.new_page()
        sign_in(page, live, JAMIE)
        return page

    yield signed_in
    for context in contexts:
        context.close()


def test_keyboard_only_say_no_then_undo(jamie, live):
    page = jamie()
    offer = live.ids["undo_offer"]
    page.goto(live("/home"))
    no = f"a[href='/home/offers/{offer}/no?back=home']"
    tab_to(page, lambda p: p.evaluate(f'document.activeElement.matches("{no}")'))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Are you sure?")).to_be_visible()
    checked(page)
    tab_to(page, lambda p: "Yes, I am sure" in p.evaluate("document.activeElement.innerText"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Thank you. You said no to the session on")).to_be_visible()
    expect(page.get_by_role("heading", name="Changed your mind?")).to_be_visible()
    checked(page)
    tab_to(page, lambda p: "Undo my answer" in p.evaluate("document.activeElement.innerText"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("We have undone your answer.")).to_be_visible()
    expect(page.locator(f"a[href='/home/offers/{offer}/no?back=home']")).to_have_count(1)


def test_at_320px_say_no_and_undo(jamie, live):
    page = jamie(320, 700)
    offer = live.ids["phone_undo_offer"]
    page.goto(live(f"/home/offers/{offer}/no?back=home"))
    checked(page)
    page.get_by_role("button", name="Yes, I am sure").click()
    page.wait_for_url(live("/home") + "*")
    checked(page)
    page.get_by_role("button", name="Undo my answer").first.click()
    expect(page.get_by_text("We have undone your answer.")).to_be_visible()


def test_at_320px_set_when_i_can_work(jamie, live):
    page = jamie(320, 700)
    page.goto(live("/my-availability"))
    expect(page.get_by_role("heading", name="When can I work?")).to_be_visible()
    checked(page)
    page.get_by_label("I can only work on some days").check()
    page.get_by_role("group", name="Monday").get_by_label("Morning").check()
    page.get_by_role("group", name="Thursday").get_by_label("Whole day").check()
    page.get_by_role("button", name="Save when I can work").click()
    expect(page.get_by_text("We have saved when you can work.")).to_be_visible()
    expect(page.get_by_role("group", name="Monday").get_by_label("Morning")).to_be_checked()
    checked(page)


def test_keyboard_only_set_when_i_can_work(jamie, live):
    page = jamie()
    page.goto(live("/my-availability"))
    focused = "document.activeElement.{}"
    tab_to(page, lambda p: p.evaluate(focused.format("name")) == "mode")
    choose(page, "set")  # "I can only work on some days"
    tab_to(page, lambda p: p.evaluate(focused.format("name")) == "day_1")
    choose(page, "afternoon")  # Tuesday afternoon
    tab_to(page, lambda p: "Save when I can work" in focused_words(p))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("We have saved when you can work.")).to_be_visible()
    expect(page.get_by_role("group", name="Tuesday").get_by_label("Afternoon")).to_be_checked()


def choose(page, value: str) -> None:
    """Arrow keys through a focused radio group until `value` is chosen."""
    for _ in range(6):
        if page.evaluate("document.activeElement.value") == value:
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no {value} in the radio group")


def test_add_the_calendar_on_a_phone_sized_screen(jamie, live):
    page = jamie(320, 700)
    page.goto(live("/my-calendar"))
    set_up = page.get_by_role("button", name="Set up my calendar")
    if set_up.count():
        set_up.click()
    button = page.get_by_role("link", name="Add my sessions to my phone")
    expect(button).to_be_visible()
    assert button.get_attribute("href").startswith("webcal://")
    expect(page.get_by_text("Scan this with your phone's camera.")).to_be_hidden()
    checked(page)
    wide = jamie(1280, 900)
    wide.goto(live("/my-calendar"))
    expect(wide.get_by_text("Scan this with your phone's camera.")).to_be_visible()
    expect(wide.get_by_role("link", name="Add my sessions to my phone")).to_be_hidden()
    checked(wide)


def test_keyboard_and_320px_ask_for_help(jamie, live):
    page = jamie(320, 700)
    page.goto(live("/my-money"))
    checked(page)
    tab_to(page, lambda p: "I need help" in p.evaluate("document.activeElement.innerText"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="I need help")).to_be_visible()
    checked(page)
    tab_to(page, lambda p: p.evaluate("document.activeElement.tagName") == "TEXTAREA")
    page.keyboard.type("I do not understand my limit.")
    tab_to(page, lambda p: "Send to the coordinator" in focused_words(p))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/my-money")
    expect(page.get_by_text("We have told the coordinator.")).to_be_visible()


@pytest.mark.parametrize(
    "path", ["/home", "/my-sessions", "/my-offers", "/my-money", "/my-calendar", "/help"]
)
def test_easy_read_pages_pass_axe_and_have_big_text(jamie, live, path):
    for width in (1280, 320):
        page = jamie(width, 800)
        page.goto(live(path))
        checked(page)


def test_a_letter_page_passes_axe(jamie, live):
    page = jamie()
    page.goto(live("/my-money"))
    link = page.get_by_role("link", name="Read this letter on screen").first
    if not link.count():
        pytest.skip("the demo co-trainer has no letter yet")
    link.click()
    expect(page.locator("article.ht-letter")).to_be_visible()
    checked(page)


def test_the_coordinator_sees_and_answers_calls_for_help(browser, live):
    context = new_context(browser)
    page = context.new_page()
    try:
        sign_in(page, live, "coordinator@example.org")
        page.goto(live("/help-requests"))
        assert not (violations := axe_violations(page)), describe(violations)
        page.goto(live(f"/help-requests/{live.ids['help_request']}"))
        page.get_by_role("button", name="Mark as answered").click()
        expect(page.get_by_text("Write what you did to help").first).to_be_visible()
        assert not (violations := axe_violations(page)), describe(violations)
        page.get_by_label("What did you do?").fill("Phoned Jamie about their limit.")
        page.get_by_role("button", name="Mark as answered").click()
        expect(page.get_by_text("call for help is answered")).to_be_visible()
    finally:
        context.close()
