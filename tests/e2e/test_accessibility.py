"""axe-core on every page type, as each role that sees it, and every form showing its errors;
each page also reflows at 320px wide without scrolling sideways (WCAG 1.4.10).

The pages come from the permission matrix (tests/test_permissions.py), which must list every
route: a new page is scanned as soon as it is in the matrix.
"""

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.e2e.browser import check_page, new_context, sign_in
from tests.permission_matrix import PAGES

pytestmark = pytest.mark.e2e

ACCOUNTS = {
    "coordinator": "coordinator@example.org",
    "admin": "admin@example.org",
    "finance": "finance@example.org",
    "trainer": "cotrainer@example.org",
    "employer": "employer@example.org",
}
#: scan as each of these roles that may open the page; admin only when nobody else may
SCAN_AS = ("coordinator", "finance", "trainer", "employer", "anonymous")


def pages_to_scan() -> list[tuple[str, str, str]]:
    found = []
    for (endpoint, method), (path, _, statuses) in sorted(PAGES.items()):
        if method != "GET":
            continue
        roles = [r for r in SCAN_AS if statuses.get(r) == 200]
        if not roles and statuses.get("admin") == 200:
            roles = ["admin"]
        found += [(endpoint, path, role) for role in roles]
    return found


#: forms submitted empty (or wrong), so the page shows its error summary
FORMS_WITH_ERRORS = [
    ("anonymous", "/sign-in", "Sign in"),
    ("anonymous", "/sign-in/link", "Email me a link"),
    ("coordinator", "/sessions/new", None),
    ("coordinator", "/people/new", None),
    ("coordinator", "/programmes/new", None),
    ("coordinator", "/venues/new", None),
    ("coordinator", "/sessions/{session}/cancel", "Cancel the session"),
    ("admin", "/admin/accounts/new", None),
    ("trainer", "/home", "Send to the coordinator"),
    ("anonymous", "/book/sessions/{open_session}", "Continue"),
    ("coordinator", "/sessions/{session}/learners/new", "Book a place"),
    ("coordinator", "/employers/new", None),
    ("coordinator", "/evaluation/questions/new", None),
    ("finance", "/benefit-limits", "Save the amount"),
    ("employer", "/employer/sessions/{open_session}/book", "Book a place"),
    ("anonymous", "/evaluate/{evaluation_token}", "Send my answers"),
    ("coordinator", "/sessions/{review_session}/outcomes/new", "Save"),
    ("coordinator", "/people/{person}/progression", "Record the stage"),
    ("trainer", "/my/check-ins/{check_in_seat}/new", "Send my check-in"),
]


@pytest.fixture(scope="module")
def contexts(browser, live):
    """One browser context per role, signed in once."""
    made = {}

    def for_role(role: str):
        if role not in made:
            context = made[role] = new_context(browser)
            if role != "anonymous":
                page = context.new_page()
                sign_in(page, live, ACCOUNTS[role])
                page.close()
        return made[role]

    yield for_role
    for context in made.values():
        context.close()


#: pages about a session's pay, register, learners and answers are scanned for a delivered
#: session, its certificates for one that has some (the others: one to come)
DELIVERED_SESSION_PAGES = ("payments.", "register.", "session_learners.list", "evaluation.results")
CERTIFIED_SESSION_PAGES = ("certificates.session_certificates", "employer.session_certificates")


def ids_for(endpoint: str, ids: dict) -> dict:
    if endpoint.startswith(DELIVERED_SESSION_PAGES):
        return {**ids, "session": ids["delivered_session"]}
    if endpoint in CERTIFIED_SESSION_PAGES:
        return {**ids, "session": ids["certified_session"]}
    return ids


def fill(path: str, ids: dict) -> str:
    names = set(re.findall(r"{(\w+)}", path))
    missing = names - set(ids)
    assert not missing, f"give tests/e2e/server.py an id for {sorted(missing)} ({path})"
    return path.format(**ids)


@pytest.mark.parametrize(
    ("endpoint", "path", "role"), pages_to_scan(), ids=[f"{e}-{r}" for e, _, r in pages_to_scan()]
)
def test_page_passes_axe_and_reflows(contexts, live, endpoint, path, role):
    context = contexts(role)
    page = context.new_page()
    try:
        try:
            response = page.goto(live(fill(path, ids_for(endpoint, live.ids))))
        except PlaywrightError as error:
            if "Download is starting" not in str(error):
                raise
            pytest.skip(f"{endpoint} is a download, not a page")
        if "text/html" not in response.headers.get("content-type", ""):
            pytest.skip(
                f"{endpoint} is a file ({response.headers.get('content-type')}), not a page"
            )
        # 202: pay-run letters being drawn in the background, and a page that says so
        assert response.status in (200, 202), f"{endpoint} as {role}: {response.status}"
        check_page(page, f"{endpoint} as {role}")
    finally:
        page.close()


@pytest.mark.parametrize(
    ("role", "path", "button"), FORMS_WITH_ERRORS, ids=[f"{p}-{r}" for r, p, _ in FORMS_WITH_ERRORS]
)
def test_form_errors_pass_axe(contexts, live, role, path, button):
    page = contexts(role).new_page()
    try:
        page.goto(live(fill(path, live.ids)))
        main = page.locator("main")
        submit = (
            main.get_by_role("button", name=button, exact=True)
            if button
            else main.locator("form[method=post] [type=submit], form[method=POST] [type=submit]")
        )
        with page.expect_navigation():
            submit.first.click()
        summary = page.locator(".govuk-error-summary")
        expect(summary, f"{path}: no error summary").to_be_visible()
        for link in summary.locator("a").all():
            target = link.get_attribute("href")
            assert page.locator(target).count() == 1, f"{path}: summary link {target} leads nowhere"
        assert page.title().startswith("Error: ")
        check_page(page, f"{path} with errors, as {role}")
    finally:
        page.close()


def test_other_page_types(contexts, live):
    """Error pages, and the one-time link pages (asking, spent) that the matrix cannot reach."""
    context = contexts("trainer")
    page = context.new_page()
    try:
        for path, status in (
            ("/no-such-page", 404),
            ("/coordinator", 403),
            ("/sign-in/link/made-up-token", 410),
        ):
            response = page.goto(live(path))
            assert response.status == status
            check_page(page, f"{path} ({status})")
            page.set_viewport_size({"width": 1280, "height": 900})
    finally:
        page.close()


def test_a_link_shown_to_a_coordinator(contexts, live):
    """The one-time sign-in link a coordinator shows to pass on (a page made by a POST)."""
    page = contexts("coordinator").new_page()
    try:
        page.goto(live(f"/people/{live.ids['jamie']}"))
        with page.expect_navigation():
            page.get_by_role("button", name="Show a sign-in link to pass on").click()
        assert "/sign-in/link/" in page.get_by_role("textbox", name="The link").input_value()
        check_page(page, "a sign-in link to pass on")
    finally:
        page.close()
