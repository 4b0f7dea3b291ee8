"""Reports as downloads: CSV streamed as it is written, and the printable PDF."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Response, stream_with_context

from trainer.filenames import safe_filename
from trainer.reports import exports, rows
from trainer.reports.tallies import Period


def stream_csv(filename: str, lines: Iterator[str]) -> Response:
    """A CSV download written a line at a time (the request's database session stays open
    until the last line)."""
    encoded = (line.encode("utf-8") for line in lines)
    response = Response(stream_with_context(encoded), mimetype="text/csv")
    name = safe_filename(filename, fallback="report")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response


def completions_download(*, employer_id: int | None = None, period: Period | None = None):
    """Completed training, in the shape of Skills for Care's training record."""
    items = rows.completions(employer_id=employer_id, period=period)
    return stream_csv("completed-training", exports.completion_lines(items))
