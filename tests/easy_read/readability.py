"""The Easy Read check of a page's words: short sentences, dates in words, and every action a
button or link that says what it does. (Text size is checked in a real browser:
tests/e2e/test_easy_read.py.)

Any page can be checked with `problems(html)`; `crawl(client, start)` finds every page a
signed-in person can reach by following links, so new pages are checked as soon as a link
leads to them.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

MAX_AVERAGE_WORDS = 15
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
WEEK_CODE = re.compile(r"\b\d{4}-W\d{2}\b")
#: elements whose words make one block of text (a sentence ends at their end)
BLOCKS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "label", "legend",
    "figcaption", "button", "summary", "caption", "div", "section", "ul", "ol", "form",
}  # fmt: skip
SKIPPED = {"script", "style", "svg", "title", "head", "textarea", "select", "option"}
ACTIONS = {"a", "button"}


@dataclass
class _Action:
    tag: str
    attrs: dict
    words: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    """The words of <main>, block by block, and every link and button with its words."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_main = 0
        self.skipping = 0
        self.blocks: list[list[str]] = [[]]
        self.actions: list[_Action] = []
        self.open_actions: list[_Action] = []
        self.inputs: list[dict] = []
        self.links: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main += 1
        if tag == "a" and attrs.get("href"):
            self.links.append((attrs["href"], attrs))
        if not self.in_main:
            return
        if tag in SKIPPED:
            self.skipping += 1
        if tag in BLOCKS or tag == "br":
            self.blocks.append([])
        if tag in ACTIONS:
            action = _Action(tag, attrs)
            self.actions.append(action)
            self.open_actions.append(action)
        if tag == "input" and attrs.get("type") in ("submit", "button", "image"):
            self.inputs.append(attrs)

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main -= 1
        if not self.in_main:
            return
        if tag in SKIPPED and self.skipping:
            self.skipping -= 1
        if tag in BLOCKS:
            self.blocks.append([])
        if tag in ACTIONS and self.open_actions:
            self.open_actions.pop()

    def handle_data(self, data):
        if not self.in_main or self.skipping:
            return
        self.blocks[-1].append(data)
        for action in self.open_actions:
            action.words.append(data)


def sentences(html: str) -> list[str]:
    """The sentences of the page's main content, as a reader meets them."""
    reader = _Reader()
    reader.feed(html)
    found = []
    for block in reader.blocks:
        text = re.sub(r"\s+", " ", unescape("".join(block))).strip()
        found += [s.strip() for s in re.split(r"(?<=[.?!:])\s+", text) if s.strip()]
    return [s for s in found if re.search(r"[A-Za-z]", s)]


def words_in(sentence: str) -> int:
    return len(re.findall(r"[\w£'’.,@-]+", sentence))


def problems(html: str) -> list[str]:
    """What breaks the Easy Read rules on this page (an empty list when nothing does)."""
    found = []
    said = sentences(html)
    if said:
        average = sum(words_in(s) for s in said) / len(said)
        if average > MAX_AVERAGE_WORDS:
            longest = max(said, key=words_in)
            found.append(f"average sentence {average:.1f} words; longest: {longest!r}")
    text = " ".join(said)
    found += [f"ISO date {m}" for m in ISO_DATE.findall(text)]
    found += [f"week code {m}" for m in WEEK_CODE.findall(text)]
    found += _action_problems(html)
    return found


def _action_problems(html: str) -> list[str]:
    reader = _Reader()
    reader.feed(html)
    found = []
    for action in reader.actions:
        words = re.sub(r"\s+", " ", "".join(action.words)).strip()
        if action.tag == "a" and not action.attrs.get("href"):
            found.append(f"a link that goes nowhere: {words!r}")
        if not re.search(r"[A-Za-z]{2}", words):
            found.append(f"a {action.tag} without words: {action.attrs}")
    for attrs in reader.inputs:
        if not re.search(r"[A-Za-z]{2}", attrs.get("value", "")):
            found.append(f"a button without words: {attrs}")
    if re.search(r"\son(click|change|submit)=", html, flags=re.I):
        found.append("an action that needs a script")
    return found


#: links a crawl never follows: files, other sites, signing out
NOT_PAGES = re.compile(r"\.(pdf|ics|csv|zip|png|ico|css|js)(\?|$)|^/static/|^/sign-out")


def links(html: str) -> list[str]:
    """The app's own pages this page links to (no files, no other sites)."""
    reader = _Reader()
    reader.feed(html)
    found = []
    for href, attrs in reader.links:
        href = urldefrag(unescape(href))[0]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith("/") or "download" in attrs:
            continue
        if not NOT_PAGES.search(href):
            found.append(href)
    return found


def crawl(client, start: str, *, skip=(), limit: int = 80) -> dict[str, str]:
    """Every page reachable from `start` by links, as {path: html}, for a signed-in client."""
    seen, pages, queue = {start}, {}, deque([start])
    while queue and len(pages) < limit:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or not response.mimetype.startswith("text/html"):
            continue
        pages[path] = body = response.get_data(as_text=True)
        for href in links(body):
            if href not in seen and not any(re.search(pattern, href) for pattern in skip):
                seen.add(href)
                queue.append(href)
    return pages
