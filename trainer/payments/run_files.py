"""A pay run's letters as files: drawn once, in the background, then served from disk.

Drawing 1,000 payment letters takes about 45 seconds of CPU, longer than a web worker may
take over a request. So a request gathers the letters' contents (a few database reads, in
its own transaction) and hands them to a background thread that draws the PDF or ZIP into
the instance folder; the request answers at once with a page saying the letters are being
made. Any later request, from any worker on this server, is given the finished file.

The letters are drawn from what each said when it was issued (frozen with its record), so
later edits to people, sessions or rates never change them; a corrected letter replaces the
old one in the run's files. A file's name carries a digest of everything drawn in it (each
letter's contents, who wants Easy Read, and the letter-drawing code itself), so a
re-issued letter, or a new version of the letters, makes a new file rather than serving an
old one. A lock file with
the builder's process id keeps two workers from drawing the same file; a lock left by a
process that has gone is ignored. A failure is kept beside the file, shown, and retried
only when someone asks.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from flask import current_app

from trainer import pagecache
from trainer.filenames import safe_filename
from trainer.letters.pdf import merged_payment_letters, zip_payment_letters
from trainer.models import PayRun
from trainer.payments.runs import current_records, run_files_contents

log = logging.getLogger(__name__)

#: kind -> (media type, file suffix)
KINDS = {"pdf": "application/pdf", "zip": "application/zip"}
#: measured: about 47 ms of CPU a letter (docs/payments.md)
SECONDS_PER_LETTER = 0.05
_LETTER_CODE = Path(__file__).resolve().parent.parent / "letters"


@dataclass(frozen=True)
class LetterFile:
    run_reference: str
    kind: str
    letters: int
    path: Path

    @property
    def ready(self) -> bool:
        return self.path.exists()

    @property
    def building(self) -> bool:
        return _lock_holder(self._lock) is not None

    @property
    def failure(self) -> str | None:
        try:
            return self._failed.read_text()
        except FileNotFoundError:
            return None

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    @property
    def estimate_seconds(self) -> int:
        return max(5, round(self.letters * SECONDS_PER_LETTER * (2 if self.kind == "zip" else 1)))

    @property
    def media_type(self) -> str:
        return KINDS[self.kind]

    @property
    def _lock(self) -> Path:
        return self.path.with_name(self.path.name + ".building")

    @property
    def _failed(self) -> Path:
        return self.path.with_name(self.path.name + ".failed")


def letter_files(run: PayRun) -> dict[str, LetterFile]:
    """Both files of the run, as they stand (nothing is started)."""
    contents = None
    files = {}
    for kind in KINDS:
        files[kind] = _known(run, kind)
        if files[kind] is None:
            contents = contents or _contents(run)
            files[kind] = _file_for(run, kind, contents)
    return files


def letter_file(run: PayRun, kind: str, *, start: bool = True, retry: bool = False) -> LetterFile:
    """The run's PDF or ZIP; unless it is ready or being drawn, start drawing it (with
    `start`). A failed attempt is made again only with `retry`.

    What the letters show is read only when the data has changed since this worker last
    looked (the data stamp, see `trainer/pagecache.py`) or when they must be drawn."""
    contents = None
    file = _known(run, kind)
    if file is None:
        contents = _contents(run)
        file = _file_for(run, kind, contents)
    if retry and file.failure is not None:
        file._failed.unlink(missing_ok=True)
    if start and not file.ready and not file.building and file.failure is None:
        letters, easy_read = contents or _contents(run)
        _start(file, lambda out: _draw(kind, letters, easy_read, run.reference, out))
    return file


def _known(run: PayRun, kind: str) -> LetterFile | None:
    return pagecache.cache().letter_files.get(pagecache.current_stamp(), (run.id, kind))


def _file_for(run: PayRun, kind: str, contents: tuple[list, dict[str, bool]]) -> LetterFile:
    letters, easy_read = contents
    digest = hashlib.sha256(
        repr((kind, _code_digest(), letters, sorted(easy_read.items()))).encode()
    ).hexdigest()[:20]
    folder = Path(current_app.config["PAY_RUN_LETTERS_DIR"])
    file = LetterFile(
        run.reference,
        kind,
        len(letters),
        folder / f"{safe_filename(run.reference, fallback='pay-run')}-{digest}.{kind}",
    )
    pagecache.cache().letter_files.put(pagecache.current_stamp(), (run.id, kind), file)
    return file


def _contents(run: PayRun) -> tuple[list, dict[str, bool]]:
    """Every standing letter's contents as issued, and who wanted Easy Read: read now."""
    return run_files_contents(run, current_records(run))


def _draw(
    kind: str, letters: list, easy_read: dict[str, bool], reference: str, out: BinaryIO
) -> None:
    def easy_read_for(data) -> bool:
        return easy_read[data.reference]

    if kind == "pdf":
        merged_payment_letters(
            letters, out, easy_read_for=easy_read_for, title=f"Payment letters, pay run {reference}"
        )
    else:
        zip_payment_letters(letters, out, easy_read_for=easy_read_for)


# -- building in the background ----------------------------------------------------------------

_threads: list[threading.Thread] = []
_threads_lock = threading.Lock()


def _start(file: LetterFile, draw: Callable[[BinaryIO], None]) -> None:
    file.path.parent.mkdir(parents=True, exist_ok=True)
    if not _take_lock(file._lock):
        return  # another request or worker is making it
    thread = threading.Thread(
        target=_build,
        args=(file, draw),
        daemon=True,
        name=f"letters {file.run_reference} {file.kind}",
    )
    with _threads_lock:
        _threads[:] = [t for t in _threads if t.is_alive()] + [thread]
    thread.start()


def _build(file: LetterFile, draw: Callable[[BinaryIO], None]) -> None:
    partial = file.path.with_name(file.path.name + f".{os.getpid()}.partial")
    started = time.monotonic()
    try:
        with partial.open("wb") as out:
            draw(out)
        partial.replace(file.path)  # whole or not at all, for every worker
        for old in file.path.parent.glob(
            f"{safe_filename(file.run_reference, fallback='pay-run')}-*.{file.kind}"
        ):
            if old != file.path:
                old.unlink(missing_ok=True)
        log.info(
            "Pay run %s: %d letters (%s) made in %.1f s",
            file.run_reference,
            file.letters,
            file.kind,
            time.monotonic() - started,
        )
    except Exception as error:
        log.exception(
            "Pay run %s: the %s of letters could not be made", file.run_reference, file.kind
        )
        file._failed.write_text(f"{type(error).__name__}: {error}")
    finally:
        partial.unlink(missing_ok=True)
        file._lock.unlink(missing_ok=True)


def wait_for_builds(timeout: float = 60) -> None:
    """Wait for the letters this process is making (for tests and the command line)."""
    deadline = time.monotonic() + timeout
    with _threads_lock:
        threads = list(_threads)
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))


def _take_lock(lock: Path) -> bool:
    for _ in range(2):
        try:
            descriptor = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            if _lock_holder(lock) is not None:
                return False
            lock.unlink(missing_ok=True)  # left by a process that has gone: take it over
            continue
        with os.fdopen(descriptor, "w") as handle:
            handle.write(str(os.getpid()))
        return True
    return False


def _lock_holder(lock: Path) -> int | None:
    """The id of the live process holding the lock, or None."""
    try:
        pid = int(lock.read_text() or "0")
    except (FileNotFoundError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid


_code = ""


def _code_digest() -> str:
    """A digest of the letter-drawing code: a new version of the letters makes new files."""
    global _code
    if not _code:
        sources = sorted(_LETTER_CODE.glob("*.py"))
        _code = hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()
    return _code
