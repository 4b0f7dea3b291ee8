"""Certificates read back with their words, embedded fonts and verification code; the code
resolves on the public check page, an unknown or altered one does not, and the page shows
nothing beyond the certificate itself."""

import zipfile
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from tests import factories
from tests.helpers import signed_in_browser
from tests.learners.factories import make_booking, make_contact, make_employer, make_learner
from tests.letters.letter_samples import embedded_fonts, pdf_text
from trainer.certificates import codes
from trainer.certificates import service as certificates
from trainer.letters.certificate import CertificateData, certificate_pdf
from trainer.models import BookingStatus, SessionStatus

SAMPLE = CertificateData(
    learner_name="Ann O'Neill",
    programme="Oliver McGowan Mandatory Training",
    tier="Tier 2",
    session_on=date(2026, 3, 3),
    delivery_mode="In person",
    provider="Heads Together Training",
    code="7KQ4-M2XD-9RT3",
    verify_url="https://training.example.org/certificates/7KQ4-M2XD-9RT3",
    issued_on=date(2026, 3, 4),
    signatory_name="Sam Rivers",
    signatory_title="Training Manager",
)


def test_a_certificate_reads_back_with_its_words_and_code():
    text = pdf_text(certificate_pdf(SAMPLE))
    for words in (
        "Certificate of completion",
        "Ann O'Neill",
        "Oliver McGowan Mandatory Training (Tier 2)",
        "3 March 2026, in person",
        "Heads Together Training",
        "Verification code 7KQ4-M2XD-9RT3",
        "https://training.example.org/certificates/7KQ4-M2XD-9RT3",
        "Sam Rivers, Training Manager",
    ):
        assert words in text, words


def test_its_fonts_are_embedded_and_its_bytes_never_change():
    pdf = certificate_pdf(SAMPLE)
    fonts = embedded_fonts(pdf)
    assert fonts and all(fonts.values()), fonts
    assert certificate_pdf(SAMPLE) == pdf
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) == 1
    assert reader.metadata.title == "Certificate 7KQ4-M2XD-9RT3 for Ann O'Neill"


def test_new_codes_are_checked_and_grouped():
    code = codes.new_code()
    assert len(code) == 14 and code.count("-") == 2
    assert codes.normalise(code) == code
    assert codes.normalise(code.lower().replace("-", " ")) == code
    assert codes.normalise(code.replace("1", "I").replace("0", "O")) == code


def test_every_mistyped_symbol_is_caught_by_the_check():
    code = codes.new_code().replace("-", "")
    for index, symbol in enumerate(code):
        for other in codes.ALPHABET:
            if other != symbol:
                typo = code[:index] + other + code[index + 1 :]
                assert codes.normalise(typo) is None, typo


def test_most_neighbours_swapped_are_caught_too():
    caught = total = 0
    for _ in range(200):
        code = codes.new_code().replace("-", "")
        for index in range(len(code) - 1):
            if code[index] == code[index + 1]:
                continue
            swapped = code[:index] + code[index + 1] + code[index] + code[index + 2 :]
            total += 1
            caught += codes.normalise(swapped) is None
    assert caught / total > 0.95


@pytest.mark.parametrize("typed", ["", "x" * 41, "ABCD-EFGH-JKU0", "<script>", "%00"])
def test_nonsense_is_not_a_code(typed):
    assert codes.normalise(typed) is None


@pytest.fixture
def issued(app, db):
    programme = factories.make_programme(name="Oliver McGowan Tier 1")
    session = factories.make_session(programme=programme, status=SessionStatus.DELIVERED)
    learner = make_learner(name="Ann Learner", email="ann.private@example.org")
    booking = make_booking(session=session, learner=learner, status=BookingStatus.ATTENDED)
    with app.test_request_context():
        certificate = certificates.issue(booking, tier="Tier 1", actor=None)
    db.session.commit()
    return certificate


def test_the_code_resolves_on_the_check_page_and_shows_only_the_certificate(client, issued):
    page = client.get(f"/certificates/{issued.code}").get_data(as_text=True)
    assert "This certificate is genuine" in page
    for words in ("Ann Learner", "Oliver McGowan Tier 1", "Tier 1", issued.provider):
        assert words in page
    assert "ann.private@example.org" not in page


def test_a_code_typed_loosely_finds_its_certificate(client, issued):
    response = client.get(f"/certificates/?code={issued.code.lower().replace('-', ' ')}")
    assert response.status_code == 302
    assert client.get(response.location).status_code == 200


def test_an_unknown_or_altered_code_does_not_resolve(client, issued):
    plain = issued.code.replace("-", "")
    altered = plain[:3] + ("A" if plain[3] != "A" else "B") + plain[4:]
    unknown = codes.grouped("0" * 11 + codes.check_symbol("0" * 11))
    for code in (codes.grouped(altered), unknown, "NOT-A-CODE"):
        response = client.get(f"/certificates/{code}")
        assert response.status_code == 404, code
        body = response.get_data(as_text=True)
        assert "No certificate has this code" in body and "Ann Learner" not in body


def test_coordinators_download_a_sessions_certificates_at_once(app, db, issued):
    browser = signed_in_browser(app, factories.make_user(roles={"coordinator"}))
    db.session.commit()
    response = browser.get(f"/sessions/{issued.booking.session_id}/certificates.zip")
    names = zipfile.ZipFile(BytesIO(response.data)).namelist()
    assert names == [f"certificate-{issued.code}-Ann-Learner.pdf"]
    single = browser.get(f"/certificates/{issued.code}/pdf")
    assert issued.code in pdf_text(single.data)


def test_employers_download_only_their_own_staffs_certificates(app, db):
    ours, theirs = make_employer(), make_employer()
    session = factories.make_session(status=SessionStatus.DELIVERED)
    with app.test_request_context():
        for employer, name in ((ours, "Our Learner"), (theirs, "Their Learner")):
            learner = make_learner(name=name, employer=employer)
            booking = make_booking(session=session, learner=learner, status=BookingStatus.ATTENDED)
            certificates.issue(booking, tier="", actor=None)
    contact = make_contact(ours)
    db.session.commit()
    browser = signed_in_browser(app, contact)
    response = browser.get(f"/employer/sessions/{session.id}/certificates.zip")
    names = zipfile.ZipFile(BytesIO(response.data)).namelist()
    assert len(names) == 1 and "Our-Learner" in names[0]
