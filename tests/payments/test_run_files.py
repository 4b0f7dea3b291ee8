"""Pay-run letters drawn by a job on the queue, kept as stored files, and drawn again only when
what they show has changed. (The suite runs jobs at once, as soon as a request commits.)"""

import io
import zipfile

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.payments.factories import day_text, make_pay_run
from trainer.models import Job, JobState, LetterRecord, PayRun, Person, StoredFile
from trainer.payments import run_files


@pytest.fixture
def run_path(db, client, login):
    path = make_pay_run(db, client, login)
    assert "letters are being drawn" in client.get(path).get_data(as_text=True)
    return path


def pdf_text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)


def kept_files(app, db, suffix: str) -> list[str]:
    """This run's stored files of one kind."""
    reference = db.session.scalar(select(PayRun.reference))
    names = db.session.scalars(select(StoredFile.name).order_by(StoredFile.name))
    return [n for n in names if f"/{reference}-" in n and n.endswith(suffix)]


def test_the_pdf_is_drawn_when_the_run_is_made_and_then_served_from_the_database(
    app, client, db, run_path, monkeypatch
):
    page = client.get(run_path).get_data(as_text=True)
    assert "Every payment letter in one PDF (2 letters)</a>: ready," in page
    assert "(ZIP)</a>: drawn when you first open it, in about 5 seconds" in page
    monkeypatch.setattr(run_files, "_draw", lambda *args: pytest.fail("drawn again"))
    # nothing changed since the pay run page looked, so the letters are not even read again
    monkeypatch.setattr(run_files, "_contents", lambda *args: pytest.fail("read again"))
    text = pdf_text(client.get(f"{run_path}/letters.pdf"))
    assert "Ann O'Neill" in text and "Ben Shah" in text and "BACS-0403" in text
    for record in db.session.scalars(select(LetterRecord)):
        assert record.reference in text


def test_the_zip_is_drawn_on_first_asking_with_a_page_that_says_so(app, client, db, run_path):
    waiting = client.get(f"{run_path}/letters.zip")
    assert waiting.status_code == 202
    body = waiting.get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Drawing the payment letters</h1>' in body
    assert "2 payment letters as a ZIP of PDFs" in body and "You can leave this page" in body
    response = client.get(f"{run_path}/letters.zip")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    records = db.session.scalars(select(LetterRecord)).all()
    plain = {"Ann O'Neill": "Ann-ONeill", "Ben Shah": "Ben-Shah"}  # named by person, reference
    names = [f"{plain[r.person.full_name]}_{r.reference}.pdf" for r in records]
    assert sorted(archive.namelist()) == sorted(names)
    for name in archive.namelist():
        assert PdfReader(io.BytesIO(archive.read(name))).pages


def test_a_changed_name_leaves_the_issued_letters_as_they_are(app, client, db, run_path):
    before = kept_files(app, db, ".pdf")
    assert len(before) == 1
    person = db.session.scalar(select(Person).where(Person.full_name == "Ann O'Neill"))
    person.full_name = "Ann Murphy"
    db.session.commit()
    text = pdf_text(client.get(f"{run_path}/letters.pdf"))  # the file as drawn: not again
    assert "Ann O'Neill" in text and "Ann Murphy" not in text
    assert kept_files(app, db, ".pdf") == before


def test_re_issued_letters_draw_a_new_file_and_drop_the_old(app, client, db, run_path):
    before = kept_files(app, db, ".pdf")
    person = db.session.scalar(select(Person).where(Person.full_name == "Ann O'Neill"))
    person.full_name = "Ann Murphy"
    db.session.commit()
    client.post(f"{run_path}/reopen", data={"reason": "Ann changed her name"})
    client.post(f"{run_path}/reissue", data={"paid_on": day_text(7)})
    assert client.get(f"{run_path}/letters.pdf").status_code == 202
    text = pdf_text(client.get(f"{run_path}/letters.pdf"))
    assert "Ann Murphy" in text and "Ann O'Neill" not in text
    after = kept_files(app, db, ".pdf")
    assert len(after) == 1 and after != before


def test_a_failure_is_shown_and_drawn_again_only_when_asked(app, client, db, run_path, monkeypatch):
    original = run_files.zip_payment_letters
    tries = []

    def broken(*args, **kwargs):
        tries.append(1)
        raise ValueError("Two letters would both be called PAY-1.pdf.")

    monkeypatch.setattr(run_files, "zip_payment_letters", broken)
    assert client.get(f"{run_path}/letters.zip").status_code == 202
    assert len(tries) == app.config["QUEUE_RETRIES"] + 1  # tried again, then given up
    for _ in range(2):  # not drawn again by itself
        failed = client.get(f"{run_path}/letters.zip")
        body = failed.get_data(as_text=True)
        assert failed.status_code == 202 and "The letters could not be made" in body
        assert "Two letters would both be called PAY-1.pdf." in body
        assert "Traceback" not in body
    assert len(tries) == app.config["QUEUE_RETRIES"] + 1
    assert ": could not be drawn." in client.get(run_path).get_data(as_text=True)
    assert db.session.scalar(select(Job.state).where(Job.key.like("letters:%.zip"))) == (
        JobState.FAILED
    )
    monkeypatch.setattr(run_files, "zip_payment_letters", original)
    assert client.get(f"{run_path}/letters.zip?retry=yes").status_code == 202
    assert client.get(f"{run_path}/letters.zip").status_code == 200
    assert kept_files(app, db, ".zip")


def test_a_file_being_drawn_is_queued_once(app, client, db, run_path, monkeypatch):
    with app.test_request_context():
        run = db.session.scalar(select(PayRun))
        file = run_files.letter_file(run, "zip", start=False)
    db.session.add(Job(task="payments.draw_letters", key=file.job_key, arguments="[[], {}]"))
    db.session.commit()  # as if another server had queued it, and a worker had it now
    monkeypatch.setattr(run_files, "_draw", lambda *args: pytest.fail("drawn twice"))
    page = client.get(f"{run_path}/letters.zip")
    assert page.status_code == 202 and "Drawing the payment letters" in page.get_data(as_text=True)
    assert ": being drawn now" in client.get(run_path).get_data(as_text=True)
    assert len(db.session.scalars(select(Job).where(Job.key == file.job_key)).all()) == 1


def test_durations_and_sizes_read_plainly():
    from trainer.templating import about_duration, file_size

    assert about_duration(3) == "about 5 seconds"
    assert about_duration(47) == "about 45 seconds"
    assert about_duration(60) == "about 1 minute"
    assert about_duration(200) == "about 3 minutes"
    assert file_size(2_000) == "2 KB" and file_size(2_500_000) == "2.4 MB"
