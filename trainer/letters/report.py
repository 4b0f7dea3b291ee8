"""A printable report for commissioners: a title, the period, one table. Pure: plain data in,
PDF bytes out (fonts embedded)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

from trainer.letters.parts import grid, para, text
from trainer.letters.styles import INK, REGULAR, look

PAGE = landscape(A4)
MARGIN = 14 * mm


@dataclass(frozen=True)
class ReportData:
    title: str
    organisation: str
    #: e.g. "1 April 2026 to 31 March 2027, by programme"
    subtitle: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...]
    notes: tuple[str, ...] = ()


def report_pdf(data: ReportData) -> bytes:
    """The report as a landscape PDF; the table's heading row repeats on every page."""
    style = look(False)
    buffer = BytesIO()
    frame = Frame(MARGIN, MARGIN + 8, PAGE[0] - 2 * MARGIN, PAGE[1] - 2 * MARGIN - 8)

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(INK)
        canvas.drawString(MARGIN, MARGIN - 2, f"{data.organisation}: {data.title}")
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN - 2, f"Page {doc.page}")
        canvas.restoreState()

    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE,
        pageTemplates=[PageTemplate(id="report", frames=[frame], onPage=footer)],
        title=data.title,
        author=data.organisation,
        subject=data.subtitle,
        creator="Heads Together",
        lang="en-GB",
        displayDocTitle=True,
        initialFontName=REGULAR,
    )
    weights = [3.2] + [1.0] * (len(data.head) - 1)
    width = PAGE[0] - 2 * MARGIN - 12
    widths = [w * width / sum(weights) for w in weights]
    small = style.cell.clone("report_cell", fontSize=7.5, leading=9.5)
    head_style = style.cell_head.clone("report_head", fontSize=7.5, leading=9.5)
    story: list = [
        para(text(data.title), style.title),
        para(f"{text(data.organisation)}: {text(data.subtitle)}", style.body),
        Spacer(1, 4 * mm),
        grid(
            [Paragraph(text(h), head_style) for h in data.head],
            [[Paragraph(text(c), small) for c in row] for row in data.rows],
            widths,
            style,
            right=range(1, len(data.head)),
            foot=[[Paragraph(f"<b>{text(c)}</b>", small) for c in data.total]],
        ),
        Spacer(1, 4 * mm),
        *[para(text(note), style.body) for note in data.notes],
    ]
    doc.build(story)
    return buffer.getvalue()


def as_text(cells: Sequence[object]) -> tuple[str, ...]:
    return tuple("" if cell is None else str(cell) for cell in cells)
