"""A pay run's letters as files: drawn once, by a job on the queue, then kept in the database
for every app server to hand out.

Drawing 1,000 payment letters takes about 45 seconds of CPU, longer than a web request may
take. So a request queues a job (`draw_letters`) and answers at once with a page saying the
letters are being made; a worker draws the PDF or ZIP and keeps it as a stored file. Any
later request, on any server, is given the finished file.

The letters are drawn from what each said when it was issued (frozen with its record), so
later edits to people, sessions or rates never change them; a corrected letter replaces the
old one in the run's files. A file's name carries a digest of everything drawn in it (each
letter's contents, who wants Easy Read, and the letter-drawing code itself), so a
re-issued letter, or a new version of the letters, makes a new file rather than serving an
old one. The job is keyed by that name, so it is queued once however many ask. A job that
fails every try is shown, and tried again only when someone asks.
"""

from __future__ import annotations

import hashlib
import io
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select

from trainer import jobs, pagecache
from trainer.extensions import db
from trainer.filenames import safe_filename
from trainer.jobs import failed
from trainer.letters.pdf import merged_payment_letters, zip_payment_letters
from trainer.models import Job, JobState, PayRun, StoredFile, User
from trainer.payments.runs import current_records, run_files_contents

log = logging.getLogger(__name__)

#: kind -> media type
KINDS = {"pdf": "application/pdf", "zip": "application/zip"}
#: measured: about 47 ms of CPU a letter (docs/payments.md)
SECONDS_PER_LETTER = 0.05
_LETTER_CODE = Path(__file__).resolve().parent.parent / "letters"


@dataclass(frozen=True)
class LetterFile:
    """One of a run's files, by name; what state it is in is read when asked."""

    run_reference: str
    kind: str
    letters: int
    name: str

    @property
    def ready(self) -> bool:
        return self._stored_size() is not None

    @property
    def building(self) -> bool:
        job = self._job()
        return job is not None and job.state in (JobState.WAITING, JobState.RUNNING)

    @property
    def failure(self) -> str | None:
        job = self._job()
        return job.last_error if job is not None and job.state == JobState.FAILED else None

    @property
    def size(self) -> int:
        return self._stored_size() or 0

    @property
    def content(self) -> bytes:
        return db.session.scalar(select(StoredFile.content).where(StoredFile.name == self.name))

    @property
    def estimate_seconds(self) -> int:
        return max(5, round(self.letters * SECONDS_PER_LETTER * (2 if self.kind == "zip" else 1)))

    @property
    def media_type(self) -> str:
        return KINDS[self.kind]

    @property
    def job_key(self) -> str:
        return f"letters:{self.name}"

    def _stored_size(self) -> int | None:
        return db.session.scalar(select(StoredFile.size).where(StoredFile.name == self.name))

    def _job(self) -> Job | None:
        return db.session.scalar(select(Job).where(Job.key == self.job_key))


def letter_files(run: PayRun) -> dict[str, LetterFile]:
    """Both files of the run, as they stand (nothing is started)."""
    return {kind: letter_file(run, kind, start=False) for kind in KINDS}


def letter_file(
    run: PayRun, kind: str, *, start: bool = True, retry_by: User | None = None
) -> LetterFile:
    """The run's PDF or ZIP; unless it is ready or being drawn, queue drawing it (with
    `start`; the caller commits). A failed attempt is made again only when someone asks
    (`retry_by`).

    What the letters show is read only when the data has changed since this worker last
    looked (the data stamp, see `trainer/pagecache.py`)."""
    file = _known(run, kind) or _file_for(run, kind, _contents(run))
    if not start or file.ready:
        return file
    job = file._job()
    if job is not None and job.state in (JobState.DONE, JobState.DISMISSED):
        db.session.delete(job)  # drawn once, but the file has gone since: draw it again
        db.session.flush()
        job = None
    if job is None:
        jobs.later(draw_letters, run.id, kind, key=file.job_key)
    elif retry_by is not None and job.state == JobState.FAILED:
        failed.try_again(job, actor=retry_by)
    return file


def _known(run: PayRun, kind: str) -> LetterFile | None:
    return pagecache.cache().letter_files.get(pagecache.current_stamp(), (run.id, kind))


def _file_for(run: PayRun, kind: str, contents: tuple[list, dict[str, bool]]) -> LetterFile:
    letters, easy_read = contents
    digest = hashlib.sha256(
        repr((kind, _code_digest(), letters, sorted(easy_read.items()))).encode()
    ).hexdigest()[:20]
    file = LetterFile(run.reference, kind, len(letters), f"{_prefix(run)}-{digest}.{kind}")
    pagecache.cache().letter_files.put(pagecache.current_stamp(), (run.id, kind), file)
    return file


def _prefix(run: PayRun) -> str:
    return f"pay-run-letters/{safe_filename(run.reference, fallback='pay-run')}"


def _contents(run: PayRun) -> tuple[list, dict[str, bool]]:
    """Every standing letter's contents as issued, and who wanted Easy Read: read now."""
    return run_files_contents(run, current_records(run))


@jobs.job(name="payments.draw_letters", lease_seconds=3600)
def draw_letters(run_id: int, kind: str) -> None:
    """Draw the run's letters as they stand now and keep the file; older files of the run's
    kind go. Run by a worker."""
    run = db.session.get(PayRun, run_id)
    if run is None:
        return  # the run is gone: nothing to draw
    contents = _contents(run)
    file = _file_for(run, kind, contents)
    if file.ready:
        return
    started = time.monotonic()
    out = io.BytesIO()
    _draw(kind, *contents, run.reference, out)
    db.session.execute(
        delete(StoredFile).where(
            StoredFile.name.like(f"{_prefix(run)}-%.{kind}"), StoredFile.name != file.name
        )
    )
    data = out.getvalue()
    db.session.add(StoredFile(name=file.name, media_type=KINDS[kind], content=data, size=len(data)))
    log.info(
        "Pay run %s: %d letters (%s) made in %.1f s",
        run.reference,
        file.letters,
        kind,
        time.monotonic() - started,
    )


def _draw(kind: str, letters: list, easy_read: dict[str, bool], reference: str, out) -> None:
    def easy_read_for(data) -> bool:
        return easy_read[data.reference]

    if kind == "pdf":
        merged_payment_letters(
            letters, out, easy_read_for=easy_read_for, title=f"Payment letters, pay run {reference}"
        )
    else:
        zip_payment_letters(letters, out, easy_read_for=easy_read_for)


_code = ""


def _code_digest() -> str:
    """A digest of the letter-drawing code: a new version of the letters makes new files."""
    global _code
    if not _code:
        sources = sorted(_LETTER_CODE.glob("*.py"))
        _code = hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()
    return _code
