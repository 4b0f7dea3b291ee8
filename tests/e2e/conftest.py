"""Browser tests: one real server (its own SQLite file with demo data) and Debian's Chromium.

Never a downloaded browser build: Playwright drives /usr/bin/chromium (`make browser`
installs it when missing); without it these tests are skipped, saying why.
"""

import pytest

from tests.e2e.browser import new_context
from tests.e2e.live import Live, ServerError, chromium_path, launch, live_server


@pytest.fixture(scope="session")
def live(tmp_path_factory) -> Live:
    """The app served over HTTP by a process of its own, ready when this returns."""
    try:
        with live_server(tmp_path_factory.mktemp("e2e")) as server:
            yield server
    except ServerError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def browser():
    if chromium_path() is None:
        pytest.skip("Chromium is not installed (make browser installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = new_context(browser)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()
