"""Simple pictures for Easy Read letters, drawn from shapes (no images, no text).

Each picture is drawn on a 100 x 100 grid and scaled to the size asked for. They sit
beside the words they support; the words always carry the whole meaning.
"""

from __future__ import annotations

from collections.abc import Callable
from math import cos, pi, sin

from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Ellipse,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    Shape,
)
from reportlab.lib import colors

from trainer.letters.styles import ACCENT, INK, REGULAR

GOLD = colors.HexColor("#f0b323")
WHITE = colors.white


def _ring(points: int, outer: float, inner: float | None = None) -> list[float]:
    """Corners of a regular polygon (or a star when inner is given) round (50, 50)."""
    corners = []
    for n in range(points * (2 if inner else 1)):
        radius = inner if inner and n % 2 else outer
        angle = pi / 2 + n * pi / (points if inner else points / 2)
        corners += [50 + radius * cos(angle), 50 + radius * sin(angle)]
    return corners


def calendar() -> list[Shape]:
    boxes = [
        Rect(20 + 22 * col, 18 + 18 * row, 14, 11, fillColor=ACCENT, strokeColor=None)
        for col in range(3)
        for row in range(2)
    ]
    return [
        Rect(8, 8, 84, 74, rx=6, ry=6, fillColor=WHITE, strokeColor=ACCENT, strokeWidth=5),
        Rect(8, 62, 84, 20, fillColor=ACCENT, strokeColor=ACCENT, strokeWidth=5),
        Rect(26, 74, 8, 20, fillColor=INK, strokeColor=None),
        Rect(66, 74, 8, 20, fillColor=INK, strokeColor=None),
        *boxes,
    ]


#: the hook and stem of a pound sign, drawn as a line
POUND_SIGN = [63, 62, 60, 68, 54, 71, 47, 70, 43, 66, 42, 60, 43, 48, 43, 40, 40, 34, 34, 30]


def coin() -> list[Shape]:
    """A twelve-sided pound coin."""
    return [
        Polygon(_ring(12, 46), fillColor=GOLD, strokeColor=INK, strokeWidth=3),
        Circle(50, 50, 31, fillColor=None, strokeColor=INK, strokeWidth=3),
        PolyLine(POUND_SIGN, strokeColor=INK, strokeWidth=5, strokeLineJoin=1),
        Line(34, 30, 64, 30, strokeColor=INK, strokeWidth=5),
        Line(35, 48, 56, 48, strokeColor=INK, strokeWidth=5),
    ]


def person() -> list[Shape]:
    return [
        Circle(50, 72, 17, fillColor=ACCENT, strokeColor=None),
        Rect(22, 6, 56, 44, rx=22, ry=22, fillColor=ACCENT, strokeColor=None),
    ]


def star() -> list[Shape]:
    return [Polygon(_ring(5, 48, 20), fillColor=GOLD, strokeColor=INK, strokeWidth=3)]


def phone() -> list[Shape]:
    return [
        Rect(30, 4, 40, 92, rx=8, ry=8, fillColor=INK, strokeColor=None),
        Rect(35, 22, 30, 62, fillColor=WHITE, strokeColor=None),
        Circle(50, 13, 4, fillColor=WHITE, strokeColor=None),
    ]


def envelope() -> list[Shape]:
    return [
        Rect(6, 22, 88, 56, fillColor=WHITE, strokeColor=ACCENT, strokeWidth=5),
        PolyLine([6, 78, 50, 44, 94, 78], strokeColor=ACCENT, strokeWidth=5),
    ]


def clock() -> list[Shape]:
    return [
        Circle(50, 50, 42, fillColor=WHITE, strokeColor=ACCENT, strokeWidth=6),
        Line(50, 50, 50, 80, strokeColor=INK, strokeWidth=6),
        Line(50, 50, 72, 50, strokeColor=INK, strokeWidth=6),
    ]


def speech() -> list[Shape]:
    """A speech bubble: talking to someone."""
    return [
        Polygon([26, 40, 14, 8, 46, 32], fillColor=ACCENT, strokeColor=None),
        Ellipse(50, 58, 45, 32, fillColor=ACCENT, strokeColor=None),
        Ellipse(50, 58, 34, 22, fillColor=WHITE, strokeColor=None),
    ]


def letter() -> list[Shape]:
    """A sheet of paper with lines of writing."""
    lines = [
        Line(28, 72 - 12 * n, 72, 72 - 12 * n, strokeColor=INK, strokeWidth=4) for n in range(5)
    ]
    return [Rect(16, 4, 68, 92, fillColor=WHITE, strokeColor=ACCENT, strokeWidth=5), *lines]


SYMBOLS: dict[str, Callable[[], list[Shape]]] = {
    "calendar": calendar,
    "coin": coin,
    "person": person,
    "star": star,
    "phone": phone,
    "envelope": envelope,
    "clock": clock,
    "speech": speech,
    "letter": letter,
}


def symbol(name: str, size: float) -> Drawing:
    """A named picture as a flowable of size x size points."""
    scale = size / 100
    drawing = Drawing(size, size, initialFontName=REGULAR)  # not Helvetica: embed only ours
    drawing.add(Group(*SYMBOLS[name](), transform=(scale, 0, 0, scale, 0, 0)))
    #: the letter's page in the app (trainer/letters/blocks.py) shows the same picture
    drawing.__dict__["symbol_name"] = name  # past reportlab's attribute checks
    return drawing
