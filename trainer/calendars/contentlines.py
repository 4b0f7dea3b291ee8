"""RFC 5545 content lines: text escaping, parameters, folding, dates, durations and links."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

#: line breaks of every kind, and control characters, that a TEXT value must not carry
BREAKS = re.compile("\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_PARAM_SAFE = re.compile(r"[A-Za-z0-9_+\-/.]+")
_URL_SAFE = "/:?#[]@!$&'()*+,;=%~-._"


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): line breaks as \\n, no control characters."""
    value = CONTROLS.sub("", BREAKS.sub("\n", value))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def param(name: str, value: str) -> str:
    """';NAME=value', quoted unless plainly safe; DQUOTE and control characters cannot pass."""
    if _PARAM_SAFE.fullmatch(value):
        return f";{name}={value}"
    clean = CONTROLS.sub("", BREAKS.sub(" ", value)).replace('"', "'")
    return f';{name}="{clean}"'


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded at 75 octets without splitting a character, + CRLF."""
    data = line.encode()
    if len(data) <= 75:
        return data + b"\r\n"
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:
            end -= 1
        parts.append(data[start:end])
        start, limit = end, 74
    parts.append(data[start:])
    return b"\r\n ".join(parts) + b"\r\n"


def serialise(lines: Iterable[str]) -> bytes:
    return b"".join(fold(line) for line in lines)


def local_stamp(moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{local:%Y%m%dT%H%M%S}"


def utc_stamp(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def minutes_before(minutes: int) -> str:
    """A negative DURATION: 1440 -> '-P1D', 120 -> '-PT2H', 90 -> '-PT1H30M'."""
    if minutes == 0:
        return "PT0S"
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    clock = (f"{hours}H" if hours else "") + (f"{mins}M" if mins else "")
    return "-P" + (f"{days}D" if days else "") + (f"T{clock}" if clock else "")


def safe_url(url: str | None) -> str | None:
    """An http(s) link as a URI value (unsafe characters percent-encoded), else None."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return quote(url.strip(), safe=_URL_SAFE) if scheme in ("http", "https") else None
