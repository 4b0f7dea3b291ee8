"""Recognition letters: thanks in the person's own words, never a diagnosis of ours."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from tests.letters.letter_samples import embedded_fonts, pdf_text, recognition, text_sizes
from trainer.letters.pdf import recognition_letter_pdf
from trainer.letters.styles import EASY_READ_MIN_SIZE

DIAGNOSES = re.compile(r"autis|learning disabilit|diagnos|condition|impairment", re.I)


@pytest.mark.parametrize("easy_read", [False, True])
def test_letter_records_what_the_person_gave(easy_read):
    data = recognition(
        message="Thank you for the story about your first job.\nIt stayed with every learner."
    )
    text = pdf_text(recognition_letter_pdf(data, easy_read=easy_read))
    for words in [
        "Alex Morgan",
        "expert co-trainer",
        "Oliver McGowan Tier 2",
        "1 April 2025",
        "30 June 2025",
        "12 training sessions",
        "140 learners",
        "30 hours 30 minutes",
        "A message from Priya Shah",
        "It stayed with every learner.",
        "Priya Shah",
        "REC-2025-0007",
    ]:
        assert words in text, words


@pytest.mark.parametrize("easy_read", [False, True])
def test_letter_never_names_a_diagnosis_the_person_did_not_choose(easy_read):
    text = pdf_text(recognition_letter_pdf(recognition(), easy_read=easy_read))
    assert not DIAGNOSES.search(text)
    assert "as an expert co-trainer" in text


@pytest.mark.parametrize("easy_read", [False, True])
def test_the_persons_chosen_wording_is_used_as_given(easy_read):
    data = recognition(role="autistic co-trainer")
    text = pdf_text(recognition_letter_pdf(data, easy_read=easy_read))
    assert "as an autistic co-trainer" in text
    assert len(DIAGNOSES.findall(text)) == text.count("autistic co-trainer")


def test_easy_read_recognition_is_large_type_with_fonts_embedded():
    pdf = recognition_letter_pdf(recognition(), easy_read=True)
    assert min(text_sizes(pdf)) >= EASY_READ_MIN_SIZE
    assert all(embedded_fonts(pdf).values())
    assert "You gave 12 training sessions." in pdf_text(pdf)


def test_recognition_metadata():
    reader = PdfReader(BytesIO(recognition_letter_pdf(recognition(), easy_read=False)))
    assert reader.metadata.title == "Thank you, Alex Morgan"
    assert reader.metadata.author == "Heads Together"
    assert reader.metadata.subject == "Recognition for work on Oliver McGowan Tier 2"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_single_session_and_article_wording():
    data = recognition(role="facilitating trainer")
    data = type(data)(**{**data.__dict__, "sessions_delivered": 1, "learners_reached": 1})
    text = pdf_text(recognition_letter_pdf(data, easy_read=False))
    assert "as a facilitating trainer" in text
    assert "1 training session," in text and "1 learner " in text
