"""A message's content in the format each person chose: Easy Read (an HTML part with
pictures and alt text, and a plain-text part), plain text, or large print. Pure."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from html import escape

from trainer.easy_read import ICONS
from trainer.messages.content import Content, Line

EASY_READ, PLAIN, LARGE_PRINT = "easy_read", "plain", "large_print"
#: body text size for each format's HTML part
FONT_PX = {EASY_READ: 20, LARGE_PRINT: 24}
SMS_LIMIT = 300


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    #: "" for plain text: that format has no HTML part
    html: str


def render(content: Content, style: str) -> Rendered:
    """The email for `content` in `style` (easy_read, plain or large_print)."""
    html = "" if style == PLAIN else _html(content, style)
    return Rendered(subject=content.subject, text=text(content), html=html)


def text(content: Content) -> str:
    parts = [content.heading, ""]
    for line in content.lines:
        parts.append(f"{line.text} {line.url}".strip())
        parts.extend(f"  - {item}" for item in line.items)
    for action in content.actions:
        parts += ["", f"{action.label}:", action.url]
    if content.sign_off:
        parts += ["", *content.sign_off]
    return "\n".join(parts).strip() + "\n"


def sms(content: Content) -> str:
    """The text message: the content's own short words, cut to a few texts' length."""
    words = content.sms or content.heading
    return words if len(words) <= SMS_LIMIT else words[: SMS_LIMIT - 1] + "…"


def picture_src(name: str) -> str:
    """A picture as a data: URI (SVG), so the message carries it without fetching anything."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="48" height="48" '
        'fill="none" stroke="#0b0c0c" stroke-width="3" stroke-linecap="round" '
        f'stroke-linejoin="round">{ICONS[name].paths}</svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _html(content: Content, style: str) -> str:
    size = FONT_PX[style]
    pictures = style == EASY_READ
    rows = "".join(_row(line, pictures) for line in content.lines)
    actions = "".join(
        f'<p><a href="{escape(a.url)}" style="font-weight:bold">{escape(a.label)}</a></p>'
        for a in content.actions
    )
    sign_off = "".join(f"<p>{escape(part)}</p>" for part in content.sign_off)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(content.subject)}</title></head>"
        f'<body style="font-family:Arial,sans-serif;font-size:{size}px;line-height:1.5">'
        f'<h1 style="font-size:{size + 8}px">{escape(content.heading)}</h1>'
        f'<table role="presentation">{rows}</table>{actions}{sign_off}</body></html>'
    )


def _row(line: Line, pictures: bool) -> str:
    words = escape(line.text)
    if line.url:
        words += f' <a href="{escape(line.url)}">{escape(line.url)}</a>'
    if line.items:
        words += "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in line.items) + "</ul>"
    cell = ""
    if pictures and line.icon:
        alt = escape(ICONS[line.icon].alt)
        cell = f'<img src="{picture_src(line.icon)}" alt="{alt}" width="48" height="48">'
    return f'<tr><td style="vertical-align:top;width:56px">{cell}</td><td>{words}</td></tr>'
