"""Turn a story of flowables into one letter's PDF: metadata, fonts, numbered pages."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from io import BytesIO
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

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
    reference: str
    lang: str = "en-GB"


class NumberedCanvas(Canvas):
    """Holds pages until the end so each footer can say 'Page 1 of 2'."""

    def __init__(self, *args: Any, reference: str, look: Look, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []
        self._reference = reference
        self._look = look
        for name in FONT_NAMES:
            pdfmetrics.getFont(name).splitString(FONT_SEED, self._doc)

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            self._footer(total)
            super().showPage()
        self._held = []
        super().save()

    def _footer(self, total: int) -> None:
        size = self._look.footer_size
        y = MARGIN - size * 1.6
        self.setFillColor(INK)
        self.setFont(REGULAR, size)
        self.drawString(MARGIN, y, f"Reference {self._reference}")
        self.setFont(BOLD, size)
        self.drawRightString(A4[0] - MARGIN, y, f"Page {self._pageNumber} of {total}")


def render(story: list[Flowable], meta: Meta, look: Look) -> bytes:
    """One letter as PDF bytes, with its title, author, subject and language set."""
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + look.footer_size * 2.2, title=meta.title, author=meta.author,
        subject=meta.subject, creator="Heads Together", lang=meta.lang, displayDocTitle=True,
        initialFontName=REGULAR, initialFontSize=look.body.fontSize,
    )
    doc.build(story, canvasmaker=partial(NumberedCanvas, reference=meta.reference, look=look))
    return buffer.getvalue()
