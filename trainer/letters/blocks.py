"""A letter as blocks for its accessible page in the app: the very words of the PDF (read
from the same story the PDF is drawn from), with its pictures named for alt text.

reportlab's PDFs carry no tags, so a screen reader cannot follow them; the page can. Pure:
a story of flowables in, plain blocks out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import unescape

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

#: the letters' pictures as the app's Easy Read pictures (trainer/easy_read/icons.py)
PICTURES = {
    "calendar": "calendar",
    "coin": "money",
    "person": "person",
    "star": "star",
    "phone": "phone",
    "envelope": "letter",
    "clock": "clock",
    "speech": "question",
    "letter": "letter",
}


@dataclass(frozen=True)
class Block:
    #: "title", "heading", "text" or "table"
    kind: str
    #: lines of words (a paragraph's <br/> breaks); words in <b> are kept as **strong**
    lines: tuple[tuple[tuple[str, bool], ...], ...] = ()
    picture: str | None = None
    head: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)
    foot: tuple[tuple[str, ...], ...] = field(default_factory=tuple)


def letter_blocks(story: Iterable[Flowable]) -> list[Block]:
    """The letter's words in reading order, as headings, lines, pictures and tables."""
    blocks: list[Block] = []
    for flowable in story:
        blocks += _blocks(flowable)
    return blocks


def _blocks(flowable: Flowable) -> list[Block]:
    if isinstance(flowable, KeepTogether):
        return letter_blocks(flowable._content)
    if isinstance(flowable, Paragraph):
        return [_paragraph(flowable)]
    if isinstance(flowable, Table):
        return _table(flowable)
    return []


def _paragraph(paragraph: Paragraph, picture: str | None = None) -> Block:
    kind = {"title": "title", "heading": "heading"}.get(paragraph.style.name, "text")
    return Block(kind, _lines(paragraph.text), picture)


def _table(table: Table) -> list[Block]:
    cells = table._cellvalues
    if table.repeatRows:  # a grid: header row, rows, and bold total rows at the foot
        head = tuple(_words(c) for c in cells[0])
        body = [tuple(_words(c) for c in row) for row in cells[1:]]
        foot = [row for row in body if _is_total(row)]
        rows = [row for row in body if not _is_total(row)]
        return [Block("table", head=head, rows=tuple(rows), foot=tuple(foot))]
    if len(cells) == 1 and len(cells[0]) == 2 and not isinstance(cells[0][1], Table):
        picture, words = cells[0]
        if isinstance(words, Paragraph) and not isinstance(picture, Paragraph):
            name = getattr(picture, "symbol_name", None)
            return [_paragraph(words, PICTURES.get(name) if name else None)]
    return [b for row in cells for cell in row for b in _blocks(cell)]


def _is_total(row: tuple[str, ...]) -> bool:
    return row[0].startswith("Total")


def _words(cell) -> str:
    if isinstance(cell, Paragraph):
        return " ".join(" ".join(w for w, _ in line) for line in _lines(cell.text))
    return str(cell or "")


def _lines(markup: str) -> tuple[tuple[tuple[str, bool], ...], ...]:
    """Paragraph markup as lines of (words, bold) runs; every other tag is dropped."""
    lines = []
    for line in re.split(r"<br\s*/?>", markup):
        runs = []
        for bold, words in re.findall(r"<b>(.*?)</b>|((?:(?!<b>).)+)", line, flags=re.S):
            text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", bold or words)))
            if text.strip():
                runs.append((text, bool(bold)))
        if runs:
            lines.append(tuple(runs))
    return tuple(lines)
