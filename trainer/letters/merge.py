"""Stream many small PDFs into one, keeping memory flat however many there are.

pypdf's PdfWriter holds every object until it writes, so memory grows with the run.
Here each letter is read on its own, its objects are renumbered and written straight to
the output, and only a few integers per page are kept for the cross-reference table at
the end. Objects that are byte-for-byte the same once renumbered (the embedded fonts,
which every letter shares by construction) are written once and referred to again.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import OrderedDict
from collections.abc import Sequence
from io import BytesIO
from typing import BinaryIO

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    create_string_object,
)

#: Distinct shared objects remembered for reuse; the fonts stay in it because every
#: letter uses them again.
SHARED_LIMIT = 512
CHUNK = 2048


class _Ours(IndirectObject):
    """A reference already renumbered into the merged file."""

    def __init__(self, number: int) -> None:
        super().__init__(number, 0, None)


class MergedPdf:
    """A PDF written to `out` as letters are added; call close() to finish it."""

    def __init__(self, out: BinaryIO, *, title: str, author: str, lang: str = "en-GB") -> None:
        self._out, self._title, self._author, self._lang = out, title, author, lang
        self._position = 0
        self._offsets = array("Q", [0])
        self._kids = array("Q")
        self._shared: OrderedDict[bytes, int] = OrderedDict()
        self._outline_root: int | None = None
        self._outline_first: int | None = None
        self._pending: tuple[int, str, int, int | None] | None = None
        self._outline_count = 0
        self.pages_number = self.new_number()
        self._write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def add(self, pdf: bytes, *, bookmarks: Sequence[tuple[int, str]] = ()) -> int:
        """Append every page of one PDF; returns how many pages it had.

        bookmarks: (page index within this PDF, title) for the outline, in page order.
        """
        with BytesIO(pdf) as source, PdfReader(source) as reader:
            copier = _Copier(self)
            numbers = [copier.copy(page.indirect_reference, is_page=True) for page in reader.pages]
        # pypdf's objects point back at their reader and the reader caches them: drop the
        # reader's side now so each letter is freed at once, not at some later full GC.
        vars(reader).clear()
        self._kids.extend(numbers)
        for index, title in bookmarks:
            self._bookmark(title, numbers[index])
        return len(numbers)

    def close(self) -> int:
        """Write the page tree, catalogue and cross-references; returns the page count."""
        self._finish_outline()
        self._write_pages()
        catalog = self._write_dict(self._catalog_entries())
        info = self._write_dict(
            {
                "/Title": create_string_object(self._title),
                "/Author": create_string_object(self._author),
                "/Producer": create_string_object("Heads Together"),
            }
        )
        self._write_xref(catalog, info)
        return len(self._kids)

    # Objects

    def new_number(self) -> int:
        self._offsets.append(0)
        return len(self._offsets) - 1

    def write_object(self, number: int, body: bytes) -> None:
        self._offsets[number] = self._position
        self._write(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def shared(self, body: bytes) -> int:
        """The number of an identical object already written, or write it now."""
        key = hashlib.blake2b(body, digest_size=16).digest()
        number = self._shared.get(key)
        if number is not None:
            self._shared.move_to_end(key)
            return number
        number = self.new_number()
        self.write_object(number, body)
        self._shared[key] = number
        if len(self._shared) > SHARED_LIMIT:
            self._shared.popitem(last=False)
        return number

    def _write(self, data: bytes) -> None:
        self._out.write(data)
        self._position += len(data)

    def _write_dict(self, entries: dict) -> int:
        number = self.new_number()
        self.write_object(number, _serialise(_dictionary(entries)))
        return number

    # Page tree, outline, catalogue, cross-references

    def _write_pages(self) -> None:
        self._offsets[self.pages_number] = self._position
        self._write(
            b"%d 0 obj\n<< /Type /Pages /Count %d /Kids [" % (self.pages_number, len(self._kids))
        )
        for start in range(0, len(self._kids), CHUNK):
            chunk = self._kids[start : start + CHUNK]
            self._write(b"".join(b" %d 0 R" % number for number in chunk))
        self._write(b" ] >>\nendobj\n")

    def _bookmark(self, title: str, page: int) -> None:
        if self._outline_root is None:
            self._outline_root = self.new_number()
        number = self.new_number()
        previous = None
        if self._pending:
            previous = self._pending[0]
            self._write_outline_item(*self._pending, following=number)
        else:
            self._outline_first = number
        self._pending = (number, title, page, previous)
        self._outline_count += 1

    def _write_outline_item(
        self, number: int, title: str, page: int, previous: int | None, following: int | None
    ) -> None:
        entries = {
            "/Title": create_string_object(title),
            "/Parent": _Ours(self._outline_root),
            "/Dest": ArrayObject([_Ours(page), NameObject("/Fit")]),
        }
        if previous:
            entries["/Prev"] = _Ours(previous)
        if following:
            entries["/Next"] = _Ours(following)
        self.write_object(number, _serialise(_dictionary(entries)))

    def _finish_outline(self) -> None:
        if not self._pending:
            return
        last = self._pending[0]
        self._write_outline_item(*self._pending, following=None)
        self._pending = None
        root = _dictionary(
            {
                "/Type": NameObject("/Outlines"),
                "/Count": NumberObject(self._outline_count),
                "/First": _Ours(self._outline_first),
                "/Last": _Ours(last),
            }
        )
        self.write_object(self._outline_root, _serialise(root))

    def _catalog_entries(self) -> dict:
        entries = {
            "/Type": NameObject("/Catalog"),
            "/Pages": _Ours(self.pages_number),
            "/Lang": create_string_object(self._lang),
            "/ViewerPreferences": _dictionary({"/DisplayDocTitle": BooleanObject(True)}),
        }
        if self._outline_root is not None:
            entries["/Outlines"] = _Ours(self._outline_root)
        return entries

    def _write_xref(self, catalog: int, info: int) -> None:
        start, size = self._position, len(self._offsets)
        self._write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        for first in range(1, size, CHUNK):
            chunk = self._offsets[first : first + CHUNK]
            self._write(b"".join(b"%010d 00000 n \n" % offset for offset in chunk))
        file_id = hashlib.blake2b(b"%d:%d" % (size, start), digest_size=16).hexdigest()
        self._write(
            b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\n"
            b"startxref\n%d\n%%%%EOF\n"
            % (size, catalog, info, file_id.encode(), file_id.encode(), start)
        )


class _Copier:
    """Copies the objects one letter's pages need, renumbered, into the merged file."""

    def __init__(self, merged: MergedPdf) -> None:
        self.merged = merged
        self.done: dict[int, int] = {}
        self.busy: set[int] = set()
        self.reserved: dict[int, int] = {}

    def copy(self, ref: IndirectObject, *, is_page: bool = False) -> int:
        old = ref.idnum
        if old in self.done:
            return self.done[old]
        if old in self.busy:  # a loop back to an object still being copied
            return self.reserved.setdefault(old, self.merged.new_number())
        self.busy.add(old)
        value = ref.get_object()
        if is_page:
            value[NameObject("/Parent")] = _Ours(self.merged.pages_number)
        self._renumber(value)
        body = _serialise(value)
        self.busy.discard(old)
        number = self.reserved.pop(old, None)
        if number is None and not is_page:
            number = self.merged.shared(body)
        else:
            number = number or self.merged.new_number()
            self.merged.write_object(number, body)
        self.done[old] = number
        return number

    def _renumber(self, value: object) -> None:
        if isinstance(value, DictionaryObject):
            for key, item in list(dict.items(value)):
                dict.__setitem__(value, key, self._swap(item))
        elif isinstance(value, ArrayObject):
            for index, item in enumerate(list.__iter__(value)):
                list.__setitem__(value, index, self._swap(item))

    def _swap(self, item: object) -> object:
        if isinstance(item, _Ours):
            return item
        if isinstance(item, IndirectObject):
            return _Ours(self.copy(item))
        self._renumber(item)
        return item


def _serialise(value: PdfObject) -> bytes:
    buffer = BytesIO()
    value.write_to_stream(buffer)
    return buffer.getvalue()


def _dictionary(entries: dict) -> DictionaryObject:
    result = DictionaryObject()
    for key, item in entries.items():
        result[NameObject(key)] = item
    return result
