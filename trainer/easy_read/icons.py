"""The Easy Read pictures: one simple line drawing per idea, each with words for its alt text.

A picture beside words that already say it all is decorative (hidden from screen readers);
a picture that stands alone (a letter's page, a choice of feelings) carries its alt text.
People who chose plain text or large print get no pictures: callers pass `pictures=False`.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup


@dataclass(frozen=True, slots=True)
class Icon:
    name: str
    #: SVG path data drawn with a 3px round stroke in a 48 × 48 box
    paths: str
    #: what the picture shows, for alt text
    alt: str


_DRAWINGS = {
    "calendar": (
        '<rect x="6" y="10" width="36" height="32" rx="3"/><path d="M6 19h36M15 5v9M33 5v9"/>'
        '<path d="M14 27h6v6h-6z"/>',
        "A calendar",
    ),
    "clock": ('<circle cx="24" cy="24" r="18"/><path d="M24 13v12l8 5"/>', "A clock"),
    "place": (
        '<path d="M24 44s14-14 14-25a14 14 0 0 0-28 0c0 11 14 25 14 25z"/>'
        '<circle cx="24" cy="19" r="5"/>',
        "A map pin",
    ),
    "door": ('<path d="M12 44V6h24v38M6 44h36"/><circle cx="30" cy="26" r="2"/>', "A door"),
    "screen": (
        '<rect x="5" y="8" width="38" height="26" rx="2"/><path d="M17 42h14M24 34v8"/>'
        '<path d="M20 16l10 5-10 5z"/>',
        "A computer screen",
    ),
    "people": (
        '<circle cx="16" cy="15" r="6"/><circle cx="33" cy="17" r="5"/>'
        '<path d="M4 40c0-8 5-13 12-13s12 5 12 13M28 40c0-6 2-11 7-11s9 4 9 11"/>',
        "Two people",
    ),
    "bag": (
        '<rect x="7" y="16" width="34" height="26" rx="3"/>'
        '<path d="M17 16v-6a3 3 0 0 1 3-3h8a3 3 0 0 1 3 3v6"/>',
        "A bag",
    ),
    "support": (
        '<path d="M24 41S6 30 6 18a9 9 0 0 1 18-3 9 9 0 0 1 18 3c0 12-18 23-18 23z"/>',
        "A heart",
    ),
    "person": (
        '<circle cx="24" cy="14" r="8"/><path d="M8 44c0-10 7-17 16-17s16 7 16 17"/>',
        "A person",
    ),
    "money": (
        '<rect x="4" y="12" width="40" height="24" rx="3"/><circle cx="24" cy="24" r="6"/>'
        '<path d="M10 18v12M38 18v12"/>',
        "A bank note",
    ),
    "letter": (
        '<rect x="6" y="10" width="36" height="28" rx="2"/><path d="M6 12l18 14 18-14"/>',
        "An envelope",
    ),
    "phone": (
        '<path d="M14 6l6 8-4 4c2 5 7 10 12 12l4-4 8 6-3 8C22 40 8 26 6 9z"/>',
        "A telephone",
    ),
    "mobile": (
        '<rect x="13" y="4" width="22" height="40" rx="4"/><path d="M21 38h6"/>',
        "A mobile phone",
    ),
    "question": (
        '<circle cx="24" cy="24" r="18"/><path d="M18 19a6 6 0 1 1 8 6c-2 1-2 2-2 5"/>'
        '<path d="M24 35v1"/>',
        "A question mark",
    ),
    "yes": ('<path d="M8 25l10 10 22-22"/>', "A tick"),
    "no": ('<path d="M12 12l24 24M36 12L12 36"/>', "A cross"),
    "cancelled": (
        '<circle cx="24" cy="24" r="18"/><path d="M11 11l26 26"/>',
        "A crossed-out circle",
    ),
    "download": ('<path d="M24 6v26M14 22l10 10 10-10M8 40h32"/>', "An arrow pointing down"),
    "sync": (
        '<path d="M38 18A15 15 0 0 0 10 16M10 30a15 15 0 0 0 28 2"/>'
        '<path d="M10 8v8h8M38 40v-8h-8"/>',
        "Two arrows going round",
    ),
    "hello": (
        '<circle cx="24" cy="24" r="18"/><path d="M16 28c2 4 5 6 8 6s6-2 8-6"/>'
        '<path d="M18 19v1M30 19v1"/>',
        "A smiling face",
    ),
    "help": (
        '<path d="M18 44V22a4 4 0 0 1 8 0v-4a4 4 0 0 1 8 0v4a4 4 0 0 1 8 0v12c0 6-4 10-10 10z"/>'
        '<path d="M18 30l-4-4a4 4 0 0 0-6 5l10 13M26 22v8M34 22v8"/>',
        "A raised hand",
    ),
    "undo": (
        '<path d="M14 8L6 16l8 8"/><path d="M6 16h22a12 12 0 0 1 0 24H16"/>',
        "An arrow going back",
    ),
    "warning": (
        '<path d="M24 5L3 42h42z"/><path d="M24 18v12M24 36v1"/>',
        "A warning triangle",
    ),
    "limit": (
        '<path d="M6 40h36"/><path d="M12 40V28M20 40V20M28 40V14"/><path d="M6 10h36" '
        'stroke-dasharray="4 4"/>',
        "Bars below a line",
    ),
    "morning": (
        '<circle cx="24" cy="30" r="8"/><path d="M4 40h40M24 8v6M10 16l4 4M38 16l-4 4"/>',
        "The sun rising",
    ),
    "afternoon": (
        '<circle cx="24" cy="22" r="9"/>'
        '<path d="M24 4v4M24 36v4M6 22h4M38 22h4M11 9l3 3M37 9l-3 3M11 35l3-3M37 35l-3-3"/>',
        "The sun high in the sky",
    ),
    "star": (
        '<path d="M24 5l6 13 14 1-11 9 4 14-13-8-13 8 4-14-11-9 14-1z"/>',
        "A star",
    ),
    "happy": (
        '<circle cx="24" cy="24" r="18"/><path d="M15 27c2 5 5 7 9 7s7-2 9-7"/>'
        '<path d="M18 18v2M30 18v2"/>',
        "A happy face",
    ),
    "okay": (
        '<circle cx="24" cy="24" r="18"/><path d="M16 30h16"/><path d="M18 18v2M30 18v2"/>',
        "A face that is neither happy nor sad",
    ),
    "sad": (
        '<circle cx="24" cy="24" r="18"/><path d="M15 34c2-5 5-7 9-7s7 2 9 7"/>'
        '<path d="M18 18v2M30 18v2"/>',
        "A sad face",
    ),
    "worried": (
        '<circle cx="24" cy="24" r="18"/><path d="M16 32c3-3 5-3 8-1s5 2 8-1"/>'
        '<path d="M16 16l5 3M32 16l-5 3M18 22v1M30 22v1"/>',
        "A worried face",
    ),
    "tired": (
        '<circle cx="24" cy="24" r="18"/><path d="M18 32h12"/><path d="M15 20h6M27 20h6"/>',
        "A tired face with closed eyes",
    ),
}

ICONS: dict[str, Icon] = {name: Icon(name, paths, alt) for name, (paths, alt) in _DRAWINGS.items()}


def picture(name: str, *, alt: str | None = None, pictures: bool = True) -> Markup:
    """The icon as inline SVG: decorative (hidden) unless `alt` is given ('' = its own alt).

    `alt=""` is not "decorative" here: it asks for the icon's own words, for a picture that
    stands alone. Unknown names raise KeyError, so a misspelt icon fails in tests.
    """
    icon = ICONS[name]
    if not pictures:
        return Markup("")
    if alt is None:
        label = 'aria-hidden="true" focusable="false"'
    else:
        label = f'role="img" aria-label="{escape(alt or icon.alt)}"'
    return Markup(
        f'<svg class="ht-icon" viewBox="0 0 48 48" width="48" height="48" {label} fill="none" '
        'stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">'
        f"{icon.paths}</svg>"
    )
