"""Payment letters, read back from the PDF as a person (or finance) would read them."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.platypus import Table

from tests.letters.letter_samples import embedded_fonts, payment, pdf_text, text_sizes
from trainer.letters.contents import money
from trainer.letters.payment_easy import easy_payment
from trainer.letters.pdf import payment_letter_pdf
from trainer.letters.styles import EASY_READ_BODY_SIZE, EASY_READ_MIN_SIZE, look

ADVICE = (
    "If you get benefits, you may want to talk to an independent benefits adviser, "
    "such as Citizens Advice, about this payment."
)


@pytest.fixture(scope="module")
def standard() -> bytes:
    return payment_letter_pdf(payment(), easy_read=False)


@pytest.fixture(scope="module")
def easy() -> bytes:
    return payment_letter_pdf(payment(), easy_read=True)


def test_standard_letter_shows_who_what_and_how_much(standard):
    text = pdf_text(standard)
    for words in [
        "Heads Together",
        "Sam O'Neill & Co",
        "12 Park Row",
        "PAY-2025-0001",
        "31 March 2025",
        "£195.50",
        "£195.49",
        "£195.48",
        "£120.00 per hour",
        "Oliver McGowan Tier 2",
        "Expert co-trainer",
        "Preparation",
        "Travel time",
    ]:
        assert words in text


def test_standard_letter_totals_add_up_to_the_penny(standard):
    text = pdf_text(standard)
    assert "Total pay £586.47" in text  # 195.50 + 195.49 + 195.48
    assert "Total expenses £54.20" in text  # 11.70 + 42.50
    assert "Total to be paid £640.67" in text


def test_expenses_are_listed_apart_and_are_not_earnings(standard):
    text = pdf_text(standard)
    expenses = text.index("Expenses pay back what you spent. They are not earnings.")
    assert text.index("Total pay") < expenses < text.index("26 miles at 45p a mile")
    assert "Support worker, half day £42.50" in text


def test_standard_letter_says_how_and_when_and_points_to_advice(standard):
    text = pdf_text(standard)
    assert "Method of payment: Through payroll" in text
    assert "Date of payment: 4 April 2025" in text
    assert "Payment reference: BACS-PAY-2025-0001" in text
    assert "2025-W13 24 March 2025 £195.50 7 hours" in text
    assert ADVICE in text
    assert "pay@headstogether.example or 0113 496 0000" in text
    assert "Yours sincerely, Priya Shah Training Coordinator" in text


@pytest.mark.parametrize("easy_read", [False, True])
def test_fonts_are_embedded_and_metadata_set(easy_read):
    pdf = payment_letter_pdf(payment(), easy_read=easy_read)
    fonts = embedded_fonts(pdf)
    assert fonts and all(fonts.values()), fonts
    assert all("BitstreamVera" in name for name in fonts)
    reader = PdfReader(BytesIO(pdf))
    assert reader.metadata.title == "Payment letter PAY-2025-0001 for Sam O'Neill & Co"
    assert reader.metadata.author == "Heads Together"
    assert reader.metadata.subject == "Payment for co-delivered training"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_easy_read_text_is_never_below_14pt(easy):
    sizes = text_sizes(easy)
    assert min(sizes) >= EASY_READ_MIN_SIZE
    assert sizes.count(EASY_READ_BODY_SIZE) > len(sizes) / 2  # body text is 16pt


def test_easy_read_letter_says_it_plainly(easy):
    text = pdf_text(easy)
    for words in [
        "Your pay is £586.47.",
        "Your costs are £54.20.",
        "In total, we will pay you £640.67.",
        "We will pay on 4 April 2025.",
        "Your pay goes into your bank account, like wages.",
        "If you get benefits, you may want to talk to a benefits adviser.",
        "Call us on 0113 496 0000.",
        "Getting ready",
        "Driving",
    ]:
        assert words in text


def test_easy_read_pictures_are_drawn_beside_the_words(easy):
    content = b"".join(p.get_contents().get_data() for p in PdfReader(BytesIO(easy)).pages)
    gold = b".941176 .701961 .137255 rg"  # the pound coin and the star
    assert content.count(gold) >= 3
    plain = payment_letter_pdf(payment(), easy_read=False)
    assert gold not in b"".join(
        p.get_contents().get_data() for p in PdfReader(BytesIO(plain)).pages
    )


def test_easy_read_lines_are_one_short_idea_each():
    story = easy_payment(payment(method="charity", charity="Mencap"), look(True))
    lines = [
        row._cellvalues[0][1].getPlainText()
        for row in story
        if isinstance(row, Table) and len(row._cellvalues) == 1
    ]
    assert len(lines) >= 12
    for line in lines:
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            assert len(sentence.split()) <= 15, sentence


def test_long_letters_run_onto_more_pages_with_the_table_header_repeated():
    pdf = payment_letter_pdf(payment(lines=60), easy_read=False)
    pages = [pdf_text(pdf, n) for n in range(len(PdfReader(BytesIO(pdf)).pages))]
    assert len(pages) >= 3
    with_rows = [n for n, page in enumerate(pages) if "per hour" in page]
    assert len(with_rows) >= 2
    for number in with_rows[1:]:
        assert pages[number].startswith("Date Programme Role Work Time Rate Amount")
    for number, page in enumerate(pages, start=1):
        assert page.endswith(f"Reference PAY-2025-0001 Page {number} of {len(pages)}")
    assert f"Total pay {money(sum(19_550 - n for n in range(60)))}" in " ".join(pages)
    assert "Yours sincerely, Priya Shah" in pages[-1]


def test_easy_read_long_letters_repeat_the_table_header():
    pdf = payment_letter_pdf(payment(lines=30), easy_read=True)
    second = pdf_text(pdf, 1)
    assert second.startswith("Date Work Time Pay")


def test_charity_and_volunteer_letters_say_so():
    charity = pdf_text(
        payment_letter_pdf(payment(method="charity", charity="Mencap"), easy_read=False)
    )
    assert "To Mencap, as you chose" in charity
    volunteer = payment(lines=0, method="expenses_only")
    text = pdf_text(payment_letter_pdf(volunteer, easy_read=False))
    assert "There is no fee in this letter." in text
    assert "Total to be paid £54.20" in text
    easy = pdf_text(payment_letter_pdf(volunteer, easy_read=True))
    assert "You chose to give your time for free." in easy


@pytest.mark.parametrize(
    ("pence", "shown"),
    [
        (19_550, "£195.50"),
        (5, "£0.05"),
        (123_456, "£1,234.56"),
        (-500, "-£5.00"),
        (0, "£0.00"),
    ],
)
def test_money_is_shown_in_pounds_and_pence(pence, shown):
    assert money(pence) == shown
