"""Learner records: one per email address, with their employer, role, sector, Part 1 and the
adjustments they need. Services flush; the view commits."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date

from sqlalchemy import select

from trainer import audit
from trainer.auth.service import normalise_email
from trainer.clock import local_today
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import Employer, Learner, PartOne, PartOneUpload, Sector, User
from trainer.timezones import local_zone

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: what a Part 1 certificate may be, told by its first bytes (never its name)
MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


@dataclass(frozen=True)
class LearnerDetails:
    full_name: str
    email: str
    organisation: str = ""
    job_role: str = ""
    sector: Sector = Sector.OTHER
    part_one: PartOne = PartOne.NOT_YET
    part_one_on: date | None = None
    adjustments: str = ""
    employer_id: int | None = None

    def as_json(self) -> dict:
        """Plain values for a public booking request, kept until its email is confirmed."""
        values = asdict(self)
        values.update(
            sector=self.sector.value,
            part_one=self.part_one.value,
            part_one_on=self.part_one_on.isoformat() if self.part_one_on else None,
        )
        return values

    @classmethod
    def from_json(cls, values: dict) -> LearnerDetails:
        on = values.get("part_one_on")
        return cls(
            **{
                **values,
                "sector": Sector(values["sector"]),
                "part_one": PartOne(values["part_one"]),
                "part_one_on": date.fromisoformat(on) if on else None,
            }
        )


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes


def find_learner(email: str) -> Learner | None:
    return db.session.scalar(select(Learner).where(Learner.email == normalise_email(email)))


def _snapshot(learner: Learner) -> dict:
    return {
        "full_name": learner.full_name,
        "email": learner.email,
        "employer_id": learner.employer_id,
        "organisation": learner.organisation,
        "sector": learner.sector.value if learner.sector else None,
        "part_one": learner.part_one.value if learner.part_one else None,
    }


def check_details(details: LearnerDetails) -> LearnerDetails:
    """The details as kept (email in lower case), or a DomainError naming the field."""
    if details.part_one is PartOne.COMPLETED_ON and details.part_one_on is None:
        raise DomainError("Enter the date Part 1 was finished.", "part_one_on")
    if details.part_one_on and details.part_one_on > local_today(local_zone()):
        raise DomainError("The date Part 1 was finished must be today or before.", "part_one_on")
    if details.part_one is not PartOne.COMPLETED_ON:
        details = replace(details, part_one_on=None)
    if details.employer_id is not None and db.session.get(Employer, details.employer_id) is None:
        raise DomainError("Choose an employer from the list.", "employer_id")
    return replace(details, email=normalise_email(details.email))


def save_learner(learner: Learner | None, details: LearnerDetails, *, actor: User | None):
    """Create or change a learner; their email address must be theirs alone."""
    details = check_details(details)
    other = find_learner(details.email)
    if other is not None and other is not learner:
        raise DomainError("There is already a learner with this email address.", "email")
    before = _snapshot(learner) if learner else None
    learner = learner or Learner()
    if learner.part_one is PartOne.CERTIFICATE and details.part_one is PartOne.NOT_YET:
        details = replace(details, part_one=PartOne.CERTIFICATE)  # an upload is not undone
    for name, value in asdict(details).items():
        setattr(learner, name, value)
    db.session.add(learner)
    db.session.flush()
    audit.saved("learner", learner, actor=actor, before=before, after=_snapshot(learner))
    return learner


def learner_for(details: LearnerDetails, *, actor: User | None, may_update) -> Learner:
    """The learner with this email, created if new; their details are changed only when
    `may_update(learner)` says the one booking may change them."""
    learner = find_learner(details.email)
    if learner is None:
        return save_learner(None, details, actor=actor)
    if not may_update(learner):
        return learner
    if learner.part_one.is_done and not details.part_one.is_done:  # what we knew stands
        details = replace(details, part_one=learner.part_one, part_one_on=learner.part_one_on)
    return save_learner(learner, details, actor=actor)


def store_part_one_certificate(learner: Learner, upload: Upload, *, actor: User | None) -> None:
    """Keep an uploaded Part 1 certificate (PDF, JPEG or PNG under 5MB) with the learner."""
    if not upload.content:
        raise DomainError("The file is empty. Choose another file.", "certificate")
    if len(upload.content) > MAX_UPLOAD_BYTES:
        raise DomainError("The file must be smaller than 5MB.", "certificate")
    kind = next((kind for magic, kind in MAGIC if upload.content.startswith(magic)), None)
    if kind is None:
        raise DomainError("The file must be a PDF, JPEG or PNG.", "certificate")
    stored = db.session.get(PartOneUpload, learner.id) or PartOneUpload(learner_id=learner.id)
    stored.filename = upload.filename[-200:] or "part-1-certificate"
    stored.content_type, stored.content = kind, upload.content
    db.session.add(stored)
    before = _snapshot(learner)
    learner.part_one, learner.part_one_on = PartOne.CERTIFICATE, None
    db.session.flush()
    audit.record("learner.part_one_uploaded", learner, actor=actor, before=before)
