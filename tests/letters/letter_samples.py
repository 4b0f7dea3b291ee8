"""Sample letter data shared by the letter tests (plain data, no fixtures)."""

from datetime import date, timedelta
from io import BytesIO
from math import hypot

from pypdf import PdfReader

from trainer.letters.contents import (
    LetterExpense,
    LetterLine,
    Organisation,
    PaymentLetterData,
    Recipient,
    RecognitionLetterData,
    WeeklyTotal,
)

ORG = Organisation(
    name="Heads Together",
    address_lines=("Unit 4, Mill Yard", "Leeds", "LS1 4AB"),
    email="pay@headstogether.example",
    phone="0113 496 0000",
    signatory_name="Priya Shah",
    signatory_title="Training Coordinator",
)


def payment(
    reference: str = "PAY-2025-0001",
    *,
    name: str = "Sam O'Neill & Co",
    lines: int = 3,
    expenses: bool = True,
    method: str = "payroll",
    charity: str | None = None,
) -> PaymentLetterData:
    start = date(2025, 3, 24)
    pay_lines = tuple(
        LetterLine(
            start + timedelta(days=n),
            "Oliver McGowan Tier 2",
            "Expert co-trainer",
            ("delivery", "preparation", "travel_time")[n % 3],
            60 + n,
            (12_000, 1_500, 1_200)[n % 3],
            19_550 - n,
            "hour",
        )
        for n in range(lines)
    )
    costs = (
        (
            LetterExpense(date(2025, 3, 24), "mileage", "26 miles at 45p a mile", 1_170),
            LetterExpense(date(2025, 3, 25), "support_worker", "Support worker, half day", 4_250),
        )
        if expenses
        else ()
    )
    return PaymentLetterData(
        reference=reference,
        issued_on=date(2025, 3, 31),
        recipient=Recipient(name, ("12 Park Row", "Leeds", "LS2 8AA")),
        org=ORG,
        lines=pay_lines,
        expenses=costs,
        method=method,
        paid_on=date(2025, 4, 4),
        payment_reference=f"BACS-{reference}",
        weekly_totals=(WeeklyTotal("2025-W13", 19_550, 420), WeeklyTotal("2025-W14", 0, 0)),
        charity_name=charity,
    )


def recognition(
    role: str = "expert co-trainer", message: str | None = None
) -> RecognitionLetterData:
    return RecognitionLetterData(
        reference="REC-2025-0007",
        issued_on=date(2025, 7, 1),
        recipient_name="Alex Morgan",
        role_wording=role,
        programme="Oliver McGowan Tier 2",
        period_from=date(2025, 4, 1),
        period_to=date(2025, 6, 30),
        sessions_delivered=12,
        learners_reached=140,
        minutes_given=1_830,
        org=ORG,
        personal_message=message,
        message_from="Priya Shah" if message else None,
    )


def pdf_text(pdf: bytes, page: int | None = None) -> str:
    """The extracted text of one page (or all), whitespace folded to single spaces."""
    reader = PdfReader(BytesIO(pdf))
    pages = reader.pages if page is None else [reader.pages[page]]
    return " ".join(" ".join(p.extract_text().split()) for p in pages)


def text_sizes(pdf: bytes, pages: range | None = None) -> list[float]:
    """The size in points of every piece of text drawn (on some pages), as pypdf sees it."""
    sizes: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = hypot(tm[0], tm[1]) * hypot(cm[0], cm[1])
            sizes.append(round(size * scale, 2))

    reader = PdfReader(BytesIO(pdf))
    for number in pages if pages is not None else range(len(reader.pages)):
        reader.pages[number].extract_text(visitor_text=visit)
    return sizes


def embedded_fonts(pdf: bytes) -> dict[str, bool]:
    """Every font used, by base name, and whether its TrueType program is embedded."""
    found = {}
    for page in PdfReader(BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            found[font["/BaseFont"]] = descriptor is not None and "/FontFile2" in descriptor
    return found
