"""The public page that answers for a certificate's code (a stable address printed on every
certificate: /certificates/<code>), and coordinators' downloads."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from trainer.auth.permissions import coordinator_required
from trainer.certificates import codes, downloads, service
from trainer.models import TrainingSession
from trainer.records import get_or_404

bp = Blueprint("certificates", __name__)


@bp.get("/certificates/")
def check_code():
    """A box to type a code into; the answer is the code's own page."""
    typed = request.args.get("code", "", type=str)
    if typed:
        plain = codes.normalise(typed)
        if plain is not None:
            return redirect(url_for(".verify", code=plain))
        return render_template("certificates/check.html", typed=typed[:40], wrong=True), 404
    return render_template("certificates/check.html", typed="", wrong=False)


@bp.get("/certificates/<code>")
def verify(code: str):
    """What the certificate says, and whether it stands; nothing else about the learner."""
    certificate = service.find(code)
    if certificate is None:
        return render_template("certificates/check.html", typed=code[:40], wrong=True), 404
    if codes.normalise(code) != code:
        return redirect(url_for(".verify", code=certificate.code))
    return render_template("certificates/verify.html", certificate=certificate)


@bp.get("/certificates/<code>/pdf")
@coordinator_required
def download(code: str):
    return downloads.certificate_download(service.find(code))


@bp.get("/sessions/<id:session_id>/certificates.zip")
@coordinator_required
def session_certificates(session_id: int):
    """Every certificate in force for the session, one PDF each, in one ZIP."""
    session = get_or_404(TrainingSession, session_id)
    return downloads.session_zip(session, service.for_session(session))
