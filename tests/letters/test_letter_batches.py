"""Pay runs: one merged PDF (a letter per person, each from a new page) or a ZIP."""

import tracemalloc
import zipfile
from io import BytesIO, RawIOBase

import pytest
from pypdf import PdfReader

from tests.letters.letter_samples import payment, pdf_text, text_sizes
from trainer.letters.merge import MergedPdf
from trainer.letters.pdf import merged_payment_letters, payment_letter_pdf, zip_payment_letters
from trainer.letters.styles import EASY_READ_MIN_SIZE

REFS = [f"PAY-2025-{n:04d}" for n in range(1, 8)]


def letters():
    return [payment(ref, name=f"Person {n}", lines=3 + 7 * (n % 3)) for n, ref in enumerate(REFS)]


def easy_for(data) -> bool:
    return data.reference.endswith(("2", "5"))


class WriteOnly(RawIOBase):
    """A stream that can only be written to, like a response body or a pipe."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)


@pytest.fixture(scope="module")
def merged() -> tuple[bytes, int]:
    out = WriteOnly()
    pages = merged_payment_letters(iter(letters()), out, easy_read_for=easy_for)
    return b"".join(out.chunks), pages


def test_merged_pdf_has_every_page_of_every_letter(merged):
    pdf, pages = merged
    singles = [
        PdfReader(BytesIO(payment_letter_pdf(d, easy_read=easy_for(d)))).pages for d in letters()
    ]
    assert pages == len(PdfReader(BytesIO(pdf), strict=True).pages) == sum(map(len, singles))


def test_each_letter_starts_on_its_own_page_with_numbers_restarting(merged):
    pdf, _ = merged
    first = 0
    for data in letters():
        count = len(PdfReader(BytesIO(payment_letter_pdf(data, easy_read=easy_for(data)))).pages)
        opening = pdf_text(pdf, first)
        assert data.reference in opening and data.recipient.name in opening
        assert f"Page 1 of {count}" in opening
        last = pdf_text(pdf, first + count - 1)
        assert f"Reference {data.reference} Page {count} of {count}" in last
        first += count


def test_easy_read_letters_keep_their_large_type_inside_a_merged_run(merged):
    pdf, _ = merged
    first = 0
    for data in letters():
        count = len(PdfReader(BytesIO(payment_letter_pdf(data, easy_read=easy_for(data)))).pages)
        smallest = min(text_sizes(pdf, range(first, first + count)))
        assert (smallest >= EASY_READ_MIN_SIZE) is easy_for(data), data.reference
        first += count


def test_merged_pdf_has_a_bookmark_per_letter_language_and_title(merged):
    reader = PdfReader(BytesIO(merged[0]))
    assert [item.title for item in reader.outline] == [
        f"{r} Person {n}" for n, r in enumerate(REFS)
    ]
    starts = [reader.get_destination_page_number(item) for item in reader.outline]
    assert starts[0] == 0 and starts == sorted(starts)
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.metadata.title == "Payment letters"


def test_merged_pdf_stores_shared_fonts_once(merged):
    pdf, _ = merged
    single = len(payment_letter_pdf(letters()[0], easy_read=False))
    assert len(pdf) < single * len(REFS) / 2
    fonts = {
        font.indirect_reference.idnum
        for page in PdfReader(BytesIO(pdf)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert len(fonts) <= 4


def test_merging_keeps_memory_flat_as_the_run_grows():
    one = payment_letter_pdf(payment(lines=1, expenses=False), easy_read=False)

    def peak(count: int) -> int:
        tracemalloc.start()
        merged = MergedPdf(_Discard(), title="t", author="a")
        for _ in range(count):
            merged.add(one, bookmarks=[(0, "x")])
        merged.close()
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    peak(3)  # first use fills pypdf's one-off caches
    # Four times the letters may add only a few integers per page (the page list and
    # cross-reference offsets), nowhere near another copy of a letter (~40 kB).
    assert peak(80) - peak(20) < 20_000


class _Discard(RawIOBase):
    def write(self, data) -> int:
        return len(data)


def test_zip_has_one_pdf_per_letter_named_by_person_and_reference():
    out = BytesIO()
    assert zip_payment_letters(letters(), out, easy_read_for=easy_for) == len(REFS)
    with zipfile.ZipFile(out) as archive:
        names = [f"Person-{n}_{r}.pdf" for n, r in enumerate(REFS)]
        assert sorted(archive.namelist()) == names
        for name, ref in zip(names, REFS, strict=True):
            assert ref in pdf_text(archive.read(name), 0)
    with zipfile.ZipFile(_zip([payment("PAY-1", name="Sam O'Neill & Co")])) as archive:
        assert archive.namelist() == ["Sam-ONeill-Co_PAY-1.pdf"]


def test_zip_names_are_safe_and_never_overwrite():
    with zipfile.ZipFile(_zip([payment("PAY/2025 01", name="Zoë Ní Bhriain/../x")])) as archive:
        assert archive.namelist() == ["Zoe-Ni-Bhriain-..-x_PAY-2025-01.pdf"]
    with pytest.raises(ValueError):
        _zip([payment("PAY/1"), payment("PAY 1")])


def _zip(batch) -> BytesIO:
    out = BytesIO()
    zip_payment_letters(batch, out)
    out.seek(0)
    return out
