"""Building blocks shared by payment and recognition letters."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from trainer.letters.contents import Organisation, long_date
from trainer.letters.document import FRAME_WIDTH
from trainer.letters.styles import ACCENT, BOLD, INK, PALE, REGULAR, Look
from trainer.letters.symbols import symbol

Cell = str | Flowable


def text(value: object) -> str:
    """Data made safe for a Paragraph's mini-markup."""
    return escape(str(value))


def para(markup: str, style) -> Paragraph:
    return Paragraph(markup, style)


def shares(*weights: float) -> list[float]:
    """Column widths in proportion to weights, filling the frame."""
    return [w * FRAME_WIDTH / sum(weights) for w in weights]


def letterhead(org: Organisation, reference: str, issued_on: date, look: Look) -> Table:
    """Organisation on the left; reference and date on the right."""
    lines = [f"<font name='{BOLD}' size='{look.heading.fontSize}'>{text(org.name)}</font>"]
    lines += [text(line) for line in org.address_lines]
    lines += [text(org.email), text(org.phone)]
    ours = para("<br/>".join(lines), look.body)
    theirs = para(
        f"Reference: {text(reference)}<br/>Date: {long_date(issued_on)}",
        look.cell_right if not look.easy_read else look.body,
    )
    widths = (FRAME_WIDTH * 0.6, FRAME_WIDTH * 0.4)
    if look.easy_read:
        return _plain([[ours], [theirs]], (FRAME_WIDTH,), look)
    return _plain([[ours, theirs]], widths, look)


def address(name: str, lines: Sequence[str], look: Look) -> Paragraph:
    return para("<br/>".join(text(part) for part in (name, *lines)), look.body)


def sign_off(org: Organisation, look: Look) -> list[Flowable]:
    """The signatory, kept on one page with the words before the name."""
    if look.easy_read:
        lines = [
            para("From", look.body),
            para(text(org.signatory_name), look.strong),
            para(f"{text(org.signatory_title)}, {text(org.name)}", look.body),
        ]
    else:
        lines = [
            para("Yours sincerely,", look.body),
            Spacer(1, look.gap * 2),
            para(text(org.signatory_name), look.strong),
            para(text(org.signatory_title), look.body),
            para(text(org.name), look.body),
        ]
    return [Spacer(1, look.gap), KeepTogether(lines)]


def say(name: str | None, markup: str, look: Look) -> Flowable:
    """An Easy Read line: a picture beside one idea (or the words alone)."""
    words = para(markup, look.body)
    if not look.easy_read:
        return words
    size = look.symbol_size
    picture = symbol(name, size) if name else ""
    row = Table([[picture, words]], colWidths=(size + 18, FRAME_WIDTH - size - 18))
    row.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                _font(look),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), look.gap / 2),
                ("TOPPADDING", (0, 0), (-1, -1), look.gap / 2),
            ]
        )
    )
    return row


def grid(
    head: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    look: Look,
    *,
    right: Sequence[int] = (),
    foot: Sequence[Sequence[Cell]] = (),
) -> Table:
    """A table whose header row repeats on every page it runs onto."""

    def cells(row: Sequence[Cell], bold: bool) -> list[Cell]:
        return [_cell(value, col in right, bold, look) for col, value in enumerate(row)]

    data = [cells(head, True)] + [cells(r, False) for r in rows] + [cells(r, True) for r in foot]
    table = Table(data, colWidths=widths, repeatRows=1)
    pad = 6 if look.easy_read else 3
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        _font(look),
        ("BACKGROUND", (0, 0), (-1, 0), PALE),
        ("LINEBELOW", (0, 0), (-1, 0), 1, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
    ]
    if foot:
        style.append(("LINEABOVE", (0, -len(foot)), (-1, -len(foot)), 1, INK))
    style += _foot_spans(foot, first_row=len(data) - len(foot))
    table.setStyle(TableStyle(style))
    return table


def _foot_spans(foot: Sequence[Sequence[Cell]], first_row: int) -> list[tuple]:
    """A total's label runs across the empty cells after it, so it never wraps."""
    spans = []
    for number, row in enumerate(foot, start=first_row):
        filled = [col for col, value in enumerate(row) if col and value != ""]
        end = (filled[0] if filled else len(row)) - 1
        if end > 0:
            spans.append(("SPAN", (0, number), (end, number)))
    return spans


def _cell(value: Cell, right: bool, bold: bool, look: Look) -> Cell:
    if not isinstance(value, str):
        return value
    style = {
        (False, False): look.cell,
        (True, False): look.cell_right,
        (False, True): look.cell_head,
        (True, True): look.cell_head_right,
    }[(right, bold)]
    return para(value, style)


def _font(look: Look) -> tuple:
    """Plain-string cells (even empty ones) set a font: make it ours, not Helvetica."""
    return ("FONT", (0, 0), (-1, -1), REGULAR, look.cell.fontSize)


def _plain(rows: list[list[Cell]], widths: Sequence[float], look: Look) -> Table:
    table = Table(rows, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                _font(look),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table
