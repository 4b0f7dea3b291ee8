"""The Jobcentre letter, pure: data in, PDF out, parsed back; Easy Read at 14pt or more."""

from datetime import date

from tests.letters.letter_samples import ORG, embedded_fonts, pdf_text, text_sizes
from trainer.letters.contents import Recipient
from trainer.letters.jobcentre import JobcentreLetterData, WorkDay, jobcentre_letter_pdf

DATA = JobcentreLetterData(
    reference="JCL-7-20270327",
    issued_on=date(2027, 3, 27),
    recipient=Recipient("Sam O'Neill & Co", ("1 Road", "Town")),
    role="Expert co-trainer",
    org=ORG,
    payment_words="Paid through payroll, before tax and National Insurance.",
    rates=(("Oliver McGowan Tier 2", "£150.00 a session"),),
    work=(
        WorkDay(date(2027, 3, 2), "Oliver McGowan Tier 2", 420, 15_000),
        WorkDay(date(2027, 3, 9), "Oliver McGowan Tier 2", 210, 7_500),
        WorkDay(date(2027, 4, 6), "Oliver McGowan Tier 2", 420, 15_000, is_booked=True),
    ),
)


def test_the_standard_letter_adds_up_worked_sessions_and_lists_booked_ones():
    text = pdf_text(jobcentre_letter_pdf(DATA, easy_read=False))
    assert "Sam O'Neill & Co works with" in text and "as an expert co-trainer" in text
    assert "they worked 2 sessions: 10 hours 30 minutes in all, paid £225.00" in text
    assert "They are booked for 1 more." in text
    assert "6 April 2027 Oliver McGowan Tier 2 7 hours £150.00 booked" in text
    assert "JCL-7-20270327" in text


def test_the_easy_read_letter_is_large_and_one_idea_a_line():
    pdf = jobcentre_letter_pdf(DATA, easy_read=True)
    text = pdf_text(pdf)
    assert "That was 10 hours 30 minutes of work." in text
    assert "Your pay for them was £225.00." in text
    assert "6 April 2027: 7 hours, £150.00 (booked)." in text
    assert min(text_sizes(pdf)) >= 14
    assert all(embedded_fonts(pdf).values())
