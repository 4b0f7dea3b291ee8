"""Public entry points: payment and recognition letters as PDF, one at a time or a run.

Every function here is pure: plain data in, PDF (or ZIP) bytes out.
"""

from __future__ import annotations

import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from itertools import accumulate, islice
from typing import BinaryIO

from trainer.filenames import safe_filename
from trainer.letters.blocks import Block, letter_blocks
from trainer.letters.contents import PaymentLetterData, RecognitionLetterData
from trainer.letters.document import Letter, Meta, render
from trainer.letters.merge import MergedPdf
from trainer.letters.payment import standard_payment
from trainer.letters.payment_easy import easy_payment
from trainer.letters.recognition import easy_recognition, standard_recognition
from trainer.letters.styles import look

EasyReadFor = Callable[[PaymentLetterData], bool]
#: Letters built per reportlab document in a pay run: enough to share each document's
#: fixed costs (fonts, setup), few enough that memory stays small and flat.
LETTERS_PER_DOCUMENT = 16


def payment_letter_pdf(data: PaymentLetterData, *, easy_read: bool) -> bytes:
    """One person's payment letter, standard or Easy Read."""
    pdf, _ = render([_payment(data, easy_read)], _payment_meta(data))
    return pdf


def recognition_letter_pdf(data: RecognitionLetterData, *, easy_read: bool) -> bytes:
    """One person's letter of thanks and recognition, standard or Easy Read."""
    style = look(easy_read)
    story = easy_recognition(data, style) if easy_read else standard_recognition(data, style)
    meta = Meta(
        title=f"Thank you, {data.recipient_name}",
        author=data.org.name,
        subject=f"Recognition for work on {data.programme}",
    )
    pdf, _ = render([Letter(story, data.reference, style)], meta)
    return pdf


def payment_letter_blocks(data: PaymentLetterData, *, easy_read: bool) -> list[Block]:
    """The payment letter's words, for its accessible page: the PDF's very story."""
    return letter_blocks(_payment(data, easy_read).story)


def recognition_letter_blocks(data: RecognitionLetterData, *, easy_read: bool) -> list[Block]:
    """The recognition letter's words, for its accessible page."""
    style = look(easy_read)
    return letter_blocks(
        easy_recognition(data, style) if easy_read else standard_recognition(data, style)
    )


def merged_payment_letters(
    letters: Iterable[PaymentLetterData],
    out: BinaryIO,
    *,
    easy_read_for: EasyReadFor,
    title: str = "Payment letters",
) -> int:
    """Write one PDF with every letter, each from a new page; returns the page count.

    Letters are built a few at a time and their pages streamed into `out`, so memory
    stays flat however long the run. Page numbers restart with each letter, and each
    letter has a bookmark ("reference name").
    """
    merged: MergedPdf | None = None
    pending = iter(letters)
    while chunk := list(islice(pending, LETTERS_PER_DOCUMENT)):
        built = [_payment(data, easy_read_for(data)) for data in chunk]
        pdf, pages = render(built, Meta(title, chunk[0].org.name, "Payment letters"))
        merged = merged or MergedPdf(out, title=title, author=chunk[0].org.name)
        starts = [0, *accumulate(pages)]
        merged.add(
            pdf,
            bookmarks=[
                (start, f"{data.reference} {data.recipient.name}")
                for start, data in zip(starts, chunk, strict=False)
            ],
        )
    return (merged or MergedPdf(out, title=title, author="")).close()


def _payment(data: PaymentLetterData, easy_read: bool) -> Letter:
    style = look(easy_read)
    story = easy_payment(data, style) if easy_read else standard_payment(data, style)
    return Letter(story, data.reference, style)


def _payment_meta(data: PaymentLetterData) -> Meta:
    return Meta(
        title=f"Payment letter {data.reference} for {data.recipient.name}",
        author=data.org.name,
        subject="Payment for co-delivered training",
    )


def letter_filename(data: PaymentLetterData) -> str:
    """'<person>_<reference>.pdf', the person's name in plain letters (accents dropped)."""
    plain = unicodedata.normalize("NFKD", data.recipient.name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).replace("'", "")
    person = safe_filename(plain.replace("\u2019", ""), fallback="person", max_length=60)
    return f"{person}_{safe_filename(data.reference, fallback='letter')}.pdf"


def zip_payment_letters(
    letters: Iterable[PaymentLetterData], out: BinaryIO, *, easy_read_for: EasyReadFor | None = None
) -> int:
    """Write a ZIP of single-letter PDFs named by person and reference
    ('Ann-ONeill_PAY-2026-000042.pdf'); returns the count."""
    names: set[str] = set()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for data in letters:
            name = letter_filename(data)
            if name in names:
                raise ValueError(f"Two letters would both be called {name}.")
            names.add(name)
            easy = easy_read_for(data) if easy_read_for else False
            archive.writestr(name, payment_letter_pdf(data, easy_read=easy))
    return len(names)
