"""Certificates as downloads, the same for coordinators and employers: one learner's PDF, or a
session's certificates as a ZIP of PDFs."""

from __future__ import annotations

from io import BytesIO

from flask import abort, send_file

from trainer.certificates import service
from trainer.letters.certificate import certificate_filename, certificate_pdf, certificates_zip
from trainer.models import Certificate, TrainingSession


def certificate_download(certificate: Certificate | None):
    """One certificate's PDF; 404 when there is none."""
    if certificate is None:
        abort(404)
    data = service.as_data(certificate)
    return send_file(
        BytesIO(certificate_pdf(data)),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=f"{certificate_filename(data)}.pdf",
    )


def session_zip(session: TrainingSession, found: list[Certificate]):
    """The session's certificates in `found`, one PDF each, in one ZIP; 404 when none."""
    if not found:
        abort(404)
    out = BytesIO()
    certificates_zip(service.as_data_all(found), out)
    out.seek(0)
    return send_file(
        out,
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"certificates-session-{session.id}.zip",
    )
