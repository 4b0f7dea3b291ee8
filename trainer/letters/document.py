"""Turn letters' stories into one PDF: metadata, embedded fonts, pages numbered per letter.

One document may hold several letters (a slice of a pay run): each starts on a new page
with its own page template (standard or Easy Read footer) and its own "Page 1 of N".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from trainer.letters.styles import BOLD, FONT_NAMES, INK, REGULAR, Look

MARGIN = 20 * mm
#: the width flowables get: the page less its margins and the frame's 6pt padding
FRAME_WIDTH = A4[0] - 2 * MARGIN - 12
#: Characters given fixed places in every letter's font subsets, so that letters share
#: identical embedded fonts and a merged pay run can store each font once.
FONT_SEED = "£–—‘’“”…•é"


@dataclass(frozen=True)
class Meta:
    title: str
    author: str
    subject: str
    lang: str = "en-GB"


@dataclass(frozen=True)
class Letter:
    """One letter's flowables, the reference its footer shows, and its look."""

    story: list[Flowable]
    reference: str
    look: Look


class _LetterStart(Flowable):
    """A zero-size mark at the top of a letter: the pages that follow are its pages."""

    def __init__(self, reference: str, footer_size: float) -> None:
        super().__init__()
        self.reference, self.footer_size = reference, footer_size

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.start_letter(self.reference, self.footer_size)


class NumberedCanvas(Canvas):
    """Holds pages until the end so each footer can say 'Page 1 of 2' for its letter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[tuple[dict[str, Any], int]] = []
        self._letter: tuple[str, float] = ("", 8)
        #: pages in each letter, in order
        self.letter_pages: list[int] = []
        for name in FONT_NAMES:
            pdfmetrics.getFont(name).splitString(FONT_SEED, self._doc)

    def start_letter(self, reference: str, footer_size: float) -> None:
        self._letter = (reference, footer_size)
        self.letter_pages.append(0)

    def showPage(self) -> None:
        self.letter_pages[-1] += 1
        self._held.append((dict(self.__dict__), len(self.letter_pages) - 1))
        self._startPage()

    def save(self) -> None:
        number, previous = 0, -1
        for state, letter in self._held:
            number = number + 1 if letter == previous else 1
            previous = letter
            self.__dict__.update(state)
            self._footer(number, self.letter_pages[letter])
            super().showPage()
        self._held = []
        super().save()

    def _footer(self, number: int, total: int) -> None:
        reference, size = self._letter
        y = MARGIN - size * 1.6
        self.setFillColor(INK)
        self.setFont(REGULAR, size)
        self.drawString(MARGIN, y, f"Reference {reference}")
        self.setFont(BOLD, size)
        self.drawRightString(A4[0] - MARGIN, y, f"Page {number} of {total}")


def _template(look: Look) -> PageTemplate:
    bottom = MARGIN + look.footer_size * 2.2
    frame = Frame(MARGIN, bottom, A4[0] - 2 * MARGIN, A4[1] - MARGIN - bottom)
    return PageTemplate(id=_template_id(look), frames=[frame])


def _template_id(look: Look) -> str:
    return "easy_read" if look.easy_read else "standard"


def _story(letters: Sequence[Letter]) -> list[Flowable]:
    story: list[Flowable] = []
    for index, letter in enumerate(letters):
        if index:
            story += [NextPageTemplate(_template_id(letter.look)), PageBreak()]
        story += [_LetterStart(letter.reference, letter.look.footer_size), *letter.story]
    return story


def render(letters: Sequence[Letter], meta: Meta) -> tuple[bytes, list[int]]:
    """Letters as one PDF, and how many pages each letter took."""
    first = letters[0].look
    looks = {_template_id(letter.look): letter.look for letter in letters}
    templates = [_template(first)] + [
        _template(look) for name, look in looks.items() if name != _template_id(first)
    ]
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        pageTemplates=templates,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        creator="Heads Together",
        lang=meta.lang,
        displayDocTitle=True,
        initialFontName=REGULAR,
        initialFontSize=first.body.fontSize,
        # no timestamp or random document id: the same letter gives the same bytes every time
        invariant=True,
    )
    doc.build(_story(letters), canvasmaker=NumberedCanvas)
    return buffer.getvalue(), doc.canv.letter_pages
