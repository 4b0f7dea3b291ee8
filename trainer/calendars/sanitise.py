"""What icalendar is handed: text without stray control characters, names fit for a parameter,
and only http(s) links. icalendar does the escaping, quoting and folding; this does the rest."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from icalendar import vText

#: line breaks of every kind, and control characters, that a TEXT value must not carry
BREAKS = re.compile("\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_URL_SAFE = "/:?#[]@!$&'()*+,;=%~-._"


class _Text(vText):
    """A TEXT value from clean text. A typed backslash-N stays as written: icalendar's escaping
    reads it as the RFC's line-break escape, so it is kept out of that step."""

    __slots__ = ()

    def to_ical(self) -> bytes:
        if "\\N" not in self:
            return super().to_ical()
        return vText(self.replace("\\N", "\x00")).to_ical().replace(b"\x00", b"\\\\N")


def text(value: str) -> _Text:
    """A TEXT value: every kind of line break as a line break, other control characters dropped."""
    return _Text(CONTROLS.sub("", BREAKS.sub("\n", value)))


def param_text(value: str) -> str:
    """A parameter value (CN) on one line with no double quote, so every client reads it alike."""
    return CONTROLS.sub("", BREAKS.sub(" ", value)).replace('"', "'")


def safe_url(url: str | None) -> str | None:
    """An http(s) link as a URI value (unsafe characters percent-encoded), else None."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return quote(url.strip(), safe=_URL_SAFE) if scheme in ("http", "https") else None
