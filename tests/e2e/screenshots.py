"""Refresh the screenshots in docs/screenshots/ (shown in the README):

    .venv/bin/python -m tests.e2e.screenshots

Serves the demo data on its own SQLite file, as the browser tests do, and photographs each
screen at desktop and phone widths in Debian's Chromium.
"""

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.e2e.browser import sign_in
from tests.e2e.live import ROOT, launch, live_server

OUT = ROOT / "docs" / "screenshots"
WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}
#: long pages are cut here, so the README stays readable
MOST_HEIGHT = {"desktop": 2200, "phone": 2400}


def screens(live) -> list[tuple[str, str, str]]:
    """(file name, who signs in, path) for each screen."""
    pay_run = live.ids.get("pay_run_path")
    return [
        ("co-trainer-home", "cotrainer@example.org", "/home"),
        ("co-trainer-sessions", "cotrainer@example.org", "/my-sessions"),
        ("co-trainer-money", "cotrainer@example.org", "/my-money"),
        ("co-trainer-availability", "cotrainer@example.org", "/my-availability"),
        ("co-trainer-calendar", "cotrainer@example.org", "/my-calendar"),
        (
            "co-trainer-are-you-sure",
            "cotrainer@example.org",
            f"/home/offers/{live.ids['screenshot_offer']}/no?back=home",
        ),
        ("co-trainer-help", "cotrainer@example.org", "/help?page=/my-money"),
        ("co-trainer-exact-times", "cotrainer@example.org", "/my-availability?more=1"),
        ("calls-for-help", "coordinator@example.org", "/help-requests"),
        *(
            [("co-trainer-letter", "cotrainer@example.org", f"/letters/{letter}?format=easy")]
            if (letter := live.ids.get("jamie_letter"))
            else []
        ),
        ("session", "coordinator@example.org", f"/sessions/{live.ids['showcase_session']}"),
        (
            "finance-pay-run" if pay_run else "finance-dashboard",
            "finance@example.org",
            pay_run or "/finance",
        ),
        ("shadow-a-session", "newcotrainer@example.org", "/my/shadow"),
        ("check-in", "cotrainer@example.org", f"/my/check-ins/{live.ids['check_in_seat']}/new"),
        ("my-check-ins", "cotrainer@example.org", "/my/check-ins"),
        ("you-said-we-did", "cotrainer@example.org", "/you-said-we-did"),
        ("progression", "coordinator@example.org", "/progression"),
    ]


def shoot(browser, live, name: str, email: str, path: str) -> list[Path]:
    saved = []
    for label, (width, height) in WIDTHS.items():
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale="en-GB",
            timezone_id="Europe/London",
            device_scale_factor=1,
        )
        page = context.new_page()
        sign_in(page, live, email)
        page.goto(live(path))
        page.wait_for_load_state("networkidle")
        target = OUT / f"{name}-{label}.png"
        height = min(page.evaluate("document.documentElement.scrollHeight"), MOST_HEIGHT[label])
        page.screenshot(
            path=str(target),
            full_page=True,
            clip={"x": 0, "y": 0, "width": width, "height": height},
        )
        saved.append(target)
        context.close()
    return saved


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as folder,
        live_server(Path(folder)) as live,
        sync_playwright() as playwright,
    ):
        browser = launch(playwright)
        wanted = set(sys.argv[1:])
        for name, email, path in screens(live):
            if wanted and name not in wanted:
                continue
            for target in shoot(browser, live, name, email, path):
                print(f"wrote {target.relative_to(ROOT)}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
