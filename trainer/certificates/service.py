"""Issue, withdraw and find learners' certificates. Services flush; the view commits.

A certificate is for a learner who attended the whole session (compliance counts only then).
Its words are kept as issued, so it downloads the same for ever; marking the learner as not
having attended the whole session withdraws it, and marking them present again issues a new
one that names the one it replaces.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from flask import current_app, url_for
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from trainer import audit
from trainer.certificates import codes
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.letters.certificate import CertificateData
from trainer.models import Booking, Certificate, TrainingSession, User
from trainer.timezones import to_local


def current_certificate(booking: Booking) -> Certificate | None:
    """The booking's certificate in force, if any."""
    return db.session.scalar(
        select(Certificate)
        .where(Certificate.booking_id == booking.id, Certificate.withdrawn_at.is_(None))
        .order_by(Certificate.id.desc())
        .limit(1)
    )


def issue(booking: Booking, *, tier: str, actor: User | None, now: datetime | None = None):
    """The booking's certificate: the one in force, or a new one (flushes)."""
    found = current_certificate(booking)
    if found is not None:
        return found
    session = booking.session
    replaces = db.session.scalar(
        select(Certificate.id)
        .where(Certificate.booking_id == booking.id)
        .order_by(Certificate.id.desc())
        .limit(1)
    )
    certificate = Certificate(
        booking=booking,
        issued_at=now or utc_now(),
        replaces_id=replaces,
        learner_name=booking.learner.full_name,
        programme=session.programme.name,
        tier=tier,
        session_on=to_local(session.starts_at).date(),
        delivery_mode="Online" if session.is_online else "In person",
        provider=current_app.config["ORG_NAME"],
    )
    _add_with_new_code(certificate)
    audit.record("certificate.issued", certificate, actor=actor, after={"code": certificate.code})
    return certificate


def _add_with_new_code(certificate: Certificate, tries: int = 5) -> None:
    """A fresh code; in the (1 in 10^16) case it is taken, another."""
    for _ in range(tries):
        certificate.code = codes.new_code()
        savepoint = db.session.begin_nested()
        try:
            db.session.add(certificate)
            db.session.flush()
        except IntegrityError:
            savepoint.rollback()
            continue
        savepoint.commit()
        return
    raise RuntimeError("Could not find an unused certificate code")


def withdraw(booking: Booking, *, actor: User | None, now: datetime | None = None) -> bool:
    """Withdraw the booking's certificate in force; True when there was one."""
    found = current_certificate(booking)
    if found is None:
        return False
    found.withdrawn_at = now or utc_now()
    db.session.flush()
    audit.record("certificate.withdrawn", found, actor=actor, before={"code": found.code})
    return True


def find(code: str) -> Certificate | None:
    """The certificate a typed code names, or None (a mistyped or altered code names none)."""
    plain = codes.normalise(code)
    if plain is None:
        return None
    return db.session.scalar(select(Certificate).where(Certificate.code == plain))


def for_session(session: TrainingSession, *, employer_id: int | None = None) -> list[Certificate]:
    """A session's certificates in force, by learner name (one employer's only, if given)."""
    query = (
        select(Certificate)
        .join(Booking, Booking.id == Certificate.booking_id)
        .where(Booking.session_id == session.id, Certificate.withdrawn_at.is_(None))
        .order_by(Certificate.learner_name, Certificate.id)
    )
    if employer_id is not None:
        query = query.where(Booking.employer_id == employer_id)
    return list(db.session.scalars(query))


def verify_url(certificate: Certificate) -> str:
    return url_for("certificates.verify", code=certificate.code, _external=True)


def as_data(certificate: Certificate) -> CertificateData:
    """What the PDF shows: the certificate's own words, as issued."""
    config = current_app.config
    return CertificateData(
        learner_name=certificate.learner_name,
        programme=certificate.programme,
        tier=certificate.tier,
        session_on=certificate.session_on,
        delivery_mode=certificate.delivery_mode,
        provider=certificate.provider,
        code=certificate.code,
        verify_url=verify_url(certificate),
        issued_on=to_local(certificate.issued_at).date(),
        signatory_name=config["ORG_SIGNATORY"],
        signatory_title=config["ORG_SIGNATORY_TITLE"],
    )


def as_data_all(certificates: Iterable[Certificate]) -> list[CertificateData]:
    return [as_data(certificate) for certificate in certificates]
