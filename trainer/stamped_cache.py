"""A worker's store of values kept for one data stamp at a time (see `trainer/pagecache.py`)."""

from collections import OrderedDict
from collections.abc import Hashable
from threading import Lock
from time import monotonic


class StampedCache:
    """Values for one stamp at a time, the least recently used dropped first; with
    `max_age`, a value is also dropped after that many seconds."""

    def __init__(self, max_entries: int, max_age: float | None = None):
        self.max_entries, self.max_age = max_entries, max_age
        self._stamp: str | None = None
        self._values: OrderedDict[Hashable, tuple[object, float]] = OrderedDict()
        self._lock = Lock()

    def get(self, stamp: str, key: Hashable):
        with self._lock:
            if stamp != self._stamp:
                return None
            entry = self._values.get(key)
            if entry is None:
                return None
            value, stored_at = entry
            if self.max_age is not None and monotonic() - stored_at > self.max_age:
                del self._values[key]
                return None
            self._values.move_to_end(key)
            return value

    def put(self, stamp: str, key: Hashable, value) -> None:
        with self._lock:
            if stamp != self._stamp:
                self._stamp, self._values = stamp, OrderedDict()
            self._values[key] = (value, monotonic())
            self._values.move_to_end(key)
            while len(self._values) > self.max_entries:
                self._values.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._stamp, self._values = None, OrderedDict()
