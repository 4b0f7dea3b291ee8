"""Fonts and type styles for standard and Easy Read letters.

The Bitstream Vera TrueType fonts ship inside reportlab's own package; registering them
embeds real fonts (with the pound sign) in every letter without adding font files here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR, BOLD, ITALIC, BOLD_ITALIC = "Vera", "VeraBd", "VeraIt", "VeraBI"
FONT_NAMES = (REGULAR, BOLD, ITALIC, BOLD_ITALIC)
#: Easy Read guidance asks for at least 14pt; we use 16pt for body text.
EASY_READ_BODY_SIZE = 16
EASY_READ_MIN_SIZE = 14
#: standard letters: body and table text at least 11pt (only the page footer is smaller)
STANDARD_MIN_SIZE = 11
INK = colors.HexColor("#0b0c0c")
ACCENT = colors.HexColor("#1d70b8")
PALE = colors.HexColor("#f3f2f1")


@cache
def register_fonts() -> None:
    """Register the Vera family once per process."""
    folder = Path(reportlab.__file__).parent / "fonts"
    for name in FONT_NAMES:
        pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )


@dataclass(frozen=True)
class Look:
    """The styles one letter uses, standard or Easy Read."""

    easy_read: bool
    body: ParagraphStyle
    strong: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle
    footer_size: int
    symbol_size: int
    gap: float


def _style(
    name: str, size: float, *, font: str = REGULAR, leading: float = 1.35, after: float = 0, **extra
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=size * leading,
        spaceAfter=after,
        textColor=INK,
        **extra,
    )


@cache
def look(easy_read: bool) -> Look:
    """The styles for a letter; Easy Read uses large type and lots of space."""
    register_fonts()
    if easy_read:
        size, cell, title, heading, footer, symbol, gap = 16, 16, 26, 20, 14, 40, 14
        leading = 1.5
    else:
        size, cell, title, heading, footer, symbol, gap = 11.5, 11, 18, 13.5, 9, 0, 8
        leading = 1.35
    return Look(
        easy_read=easy_read,
        body=_style("body", size, leading=leading, after=gap / 2),
        strong=_style("strong", size, font=BOLD, leading=leading, after=gap / 2),
        title=_style("title", title, font=BOLD, leading=1.25, after=gap),
        # a heading is never left alone at the foot of a page: it goes with what follows
        heading=_style(
            "heading",
            heading,
            font=BOLD,
            leading=1.3,
            after=gap / 2,
            spaceBefore=gap,
            keepWithNext=1,
        ),
        cell=_style("cell", cell, leading=1.3),
        cell_right=_style("cell_right", cell, leading=1.3, alignment=TA_RIGHT),
        cell_head=_style("cell_head", cell, font=BOLD, leading=1.3),
        cell_head_right=_style("cell_head_right", cell, font=BOLD, leading=1.3, alignment=TA_RIGHT),
        footer_size=footer,
        symbol_size=symbol,
        gap=gap,
    )
