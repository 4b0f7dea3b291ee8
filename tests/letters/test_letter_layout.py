"""Standard letters people can read: body and tables at 11pt or more, and no heading left
alone at the foot of a page, whatever the letter's length."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from tests.letters.letter_samples import payment, text_sizes
from trainer.letters.pdf import payment_letter_pdf
from trainer.letters.styles import STANDARD_MIN_SIZE, look

HEADINGS = ("Pay", "Expenses", "Totals", "Payment", "Weekly earnings for benefits reporting")


def test_standard_letter_text_is_at_least_11pt_but_the_page_footer():
    pdf = payment_letter_pdf(payment(lines=12), easy_read=False)
    footer = look(False).footer_size
    body = [size for size in text_sizes(pdf) if size != footer]
    assert body and min(body) >= STANDARD_MIN_SIZE


def last_lines(pdf: bytes) -> list[str]:
    """The last line of each page's body, above its footer ("Reference ... Page n of m")."""
    found = []
    for page in PdfReader(BytesIO(pdf)).pages:
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith(("Reference PAY", "Page "))]
        found.append(body[-1])
    return found


@pytest.mark.parametrize("count", range(1, 16))
def test_no_heading_is_left_alone_at_a_page_foot(count):
    pdf = payment_letter_pdf(payment(lines=count), easy_read=False)
    for line in last_lines(pdf)[:-1]:
        assert line not in HEADINGS, f"{count} lines: {line!r} alone at the foot of a page"
