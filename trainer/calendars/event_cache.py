"""Rendered VEVENT bytes kept per process, so an unchanged feed is assembled, not rewritten."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from itertools import islice
from typing import TypeVar
from zoneinfo import ZoneInfo

#: what a calendar shows for one session (`ics.EventData`): any value that can be a key
EventData = TypeVar("EventData", bound=Hashable)


class EventCache:
    """A bounded, thread-safe LRU of rendered VEVENT bytes, keyed by the whole event value."""

    def __init__(self, maxsize: int = 20_000) -> None:
        self.maxsize = maxsize
        self.hits = self.misses = 0
        #: Insertion order is recency order: a hit is popped and put back at the end.
        self._entries: dict[tuple[str, EventData], bytes] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def render_many(
        self, events: list[EventData], tz: ZoneInfo, render: Callable[[EventData, ZoneInfo], bytes]
    ) -> list[bytes]:
        """Each event's VEVENT bytes: cached ones reused, the rest rendered and remembered."""
        keys = [(tz.key, event) for event in events]
        with self._lock:
            found = [self._touch(key) for key in keys]
        missing = {
            key: render(key[1], tz) for key, data in zip(keys, found, strict=True) if data is None
        }
        self._remember(missing, len(keys) - len(missing))
        return [
            data if data is not None else missing[key]
            for key, data in zip(keys, found, strict=True)
        ]

    def _touch(self, key: tuple[str, EventData]) -> bytes | None:
        data = self._entries.pop(key, None)
        if data is not None:
            self._entries[key] = data
        return data

    def _remember(self, rendered: dict[tuple[str, EventData], bytes], hits: int) -> None:
        with self._lock:
            self.hits, self.misses = self.hits + hits, self.misses + len(rendered)
            self._entries.update(rendered)
            excess = len(self._entries) - self.maxsize
            for key in list(islice(self._entries, max(excess, 0))):
                del self._entries[key]
