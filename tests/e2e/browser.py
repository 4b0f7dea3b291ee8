"""What browser tests do again and again: sign in, scan with axe-core, check reflow and focus."""

from __future__ import annotations

import email
import email.policy
import re
import time
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "demo-password"
#: WCAG 2.0, 2.1 and 2.2 at levels A and AA
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING = {"serious", "critical"}


def sign_in(page, live, email_address: str) -> None:
    page.goto(live("/sign-in"))
    page.get_by_label("Email address").fill(email_address)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert "/sign-in" not in page.url, f"sign-in failed for {email_address}"


def axe_violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # evaluated, not added as a <script>: the Content-Security-Policy allows no inline code
        page.evaluate(AXE.read_text() + "\n;undefined")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [v for v in result["violations"] if v["impact"] in FAILING]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{v['impact']}: {v['id']} ({v['help']}) at {targets}")
    return "\n".join(lines)


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the window (0 when it reflows)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def latest_link(outbox: Path, to: str, *, after: float = 0, timeout: float = 10) -> str:
    """The sign-in link in the newest email to `to` written after `after` (a timestamp)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime, reverse=True):
            if path.stat().st_mtime < after:
                continue
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if message["To"] == to:
                return re.search(r"https?://\S+/sign-in/link/\S+", message.get_content()).group(0)
        time.sleep(0.1)
    raise AssertionError(f"no sign-in link emailed to {to}")


FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  return {tag: el.tagName, text: (el.innerText || el.value || el.name || '').trim().slice(0, 60),
          visible: outline || shadow};
}"""


def tab_to(page, matches, *, limit: int = 150) -> list[dict]:
    """Press Tab until `matches(page)` says the focused element is the one wanted.

    Every stop on the way must show where the focus is (WCAG 2.4.7); returns the stops.
    """
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if focus is None:
            continue
        stops.append(focus)
        assert focus["visible"], f"no visible focus on {focus}"
        if matches(page):
            return stops
    raise AssertionError(f"never reached the element by Tab: {stops[-5:]}")


#: how long a browser test waits for a page or an element, in milliseconds
TIMEOUT_MS = 20_000


def new_context(browser, *, width: int = 1280, height: int = 900):
    context = browser.new_context(
        viewport={"width": width, "height": height},
        accept_downloads=True,
        locale="en-GB",
        timezone_id="Europe/London",
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    context.add_init_script(NOTE_POLICY_VIOLATIONS)
    return context


#: every page notes what its Content-Security-Policy blocked (check_page fails on any)
NOTE_POLICY_VIOLATIONS = """document.addEventListener('securitypolicyviolation', (e) => {
  (window.__blocked = window.__blocked || []).push(e.violatedDirective + ' ' + e.blockedURI);
});"""


def check_page(page, label: str) -> None:
    blocked = page.evaluate("window.__blocked || []")
    assert blocked == [], f"{label}: the Content-Security-Policy blocked {blocked}"
    started = page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert started, f"{label}: GOV.UK Frontend's start-up script did not run"
    violations = axe_violations(page)
    assert not violations, f"{label}:\n{describe(violations)}"
    # error summaries and notification banners sit above the h1 by design (GOV.UK patterns)
    headings = page.eval_on_selector_all(
        "main h1, main h2, main h3, main h4",
        "els => els.filter(e => !e.closest('.govuk-error-summary, .govuk-notification-banner'))"
        ".map(e => +e.tagName[1])",
    )
    assert headings and headings[0] == 1, f"{label}: the page should start with one h1"
    assert all(b - a <= 1 for a, b in pairwise(headings)), (
        f"{label}: headings skip a level {headings}"
    )
    page.set_viewport_size({"width": 320, "height": 640})
    overflow = horizontal_overflow(page)
    assert overflow <= 0, f"{label}: {overflow}px of sideways scrolling at 320px wide"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
