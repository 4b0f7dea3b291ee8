"""One rule for names the app gives files: on disk, in a ZIP, or in a download's header."""

import re

UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(text: str, *, fallback: str, max_length: int = 80) -> str:
    """Letters, digits, dots, hyphens and underscores; any run of anything else becomes one
    hyphen, so no name can climb out of a folder or break a Content-Disposition header."""
    return UNSAFE.sub("-", text).strip(".-")[:max_length].strip(".-") or fallback
