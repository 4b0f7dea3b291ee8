"""What browser tests do again and again: sign in, scan with axe-core, check reflow and focus."""

from __future__ import annotations

import email
import email.policy
import re
import time
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
        page.add_script_tag(path=str(AXE))
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
