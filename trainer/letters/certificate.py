"""Learners' certificates: one landscape page each, with the verification code and a QR code
of the page that checks it. Pure: plain data in, PDF (or ZIP) bytes out.

The same data always gives the same bytes (reportlab's invariant mode: no creation time or
random document id), so an issued certificate downloads the same for ever.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import BinaryIO

import segno
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer
from reportlab.platypus.flowables import HRFlowable

from trainer.filenames import safe_filename
from trainer.letters.contents import long_date
from trainer.letters.parts import para, text
from trainer.letters.styles import ACCENT, BOLD, INK, REGULAR, register_fonts

PAGE = landscape(A4)
MARGIN = 18 * mm
QR_SIZE = 32 * mm


@dataclass(frozen=True)
class CertificateData:
    learner_name: str
    programme: str
    #: e.g. "Tier 2"; may be empty
    tier: str
    session_on: date
    #: "Online" or "In person"
    delivery_mode: str
    provider: str
    code: str
    #: the public page that answers for the code
    verify_url: str
    issued_on: date
    signatory_name: str = ""
    signatory_title: str = ""


def certificate_pdf(data: CertificateData) -> bytes:
    """One learner's certificate as a PDF."""
    register_fonts()
    buffer = BytesIO()
    frame = Frame(MARGIN * 1.6, MARGIN * 1.6, PAGE[0] - MARGIN * 3.2, PAGE[1] - MARGIN * 3.2)
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE,
        pageTemplates=[PageTemplate(id="certificate", frames=[frame], onPage=_border)],
        title=f"Certificate {data.code} for {data.learner_name}",
        author=data.provider,
        subject=f"Certificate of completion: {data.programme}",
        creator="Heads Together",
        lang="en-GB",
        displayDocTitle=True,
        invariant=1,
        initialFontName=REGULAR,
    )
    doc.build(_story(data))
    return buffer.getvalue()


def _story(data: CertificateData) -> list[Flowable]:
    title = _style("cert_title", 30, font=BOLD, after=6)
    name = _style("cert_name", 26, font=BOLD, after=6, textColor=ACCENT)
    body = _style("cert_body", 14, after=4)
    small = _style("cert_small", 10, after=2)
    tier = data.tier and data.tier.lower() not in data.programme.lower()
    course = text(data.programme) + (f" ({text(data.tier)})" if tier else "")
    story: list[Flowable] = [
        para(text(data.provider), small),
        Spacer(1, 6 * mm),
        para("Certificate of completion", title),
        para("This is to certify that", body),
        para(text(data.learner_name), name),
        para("attended the whole of the live session of", body),
        para(f"<b>{course}</b>", _style("cert_course", 18, after=6)),
        para(f"on {long_date(data.session_on)}, {text(data.delivery_mode).lower()}.", body),
        Spacer(1, 4 * mm),
        HRFlowable(width="60%", thickness=0.5, color=INK, spaceAfter=4 * mm),
    ]
    if data.signatory_name:
        signed = f"{text(data.signatory_name)}, {text(data.signatory_title)}".rstrip(", ")
        story.append(para(signed, small))
    story += [
        para(f"Issued on {long_date(data.issued_on)} by {text(data.provider)}", small),
        para(f"Verification code <b>{text(data.code)}</b>", body),
        para(f"Check it at {text(data.verify_url)}", small),
        Spacer(1, 3 * mm),
        QrCode(data.verify_url, QR_SIZE),
    ]
    return story


def _style(name: str, size: float, *, font: str = REGULAR, after: float = 0, **extra):
    extra.setdefault("textColor", INK)
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=size * 1.3,
        spaceAfter=after,
        alignment=TA_CENTER,
        **extra,
    )


class QrCode(Flowable):
    """A QR code drawn as squares (segno works out the pattern): no font, nothing to embed."""

    def __init__(self, value: str, size: float) -> None:
        super().__init__()
        self.matrix = segno.make(value, error="m").matrix
        self.size = size
        self.hAlign = "CENTER"

    def wrap(self, *_: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        count = len(self.matrix) + 8  # a quiet zone of four modules each side
        module = self.size / count
        self.canv.setFillColor(INK)
        for row, bits in enumerate(self.matrix):
            for col, dark in enumerate(bits):
                if dark:
                    x, y = (col + 4) * module, self.size - (row + 5) * module
                    self.canv.rect(x, y, module, module, stroke=0, fill=1)


def _border(canvas, doc) -> None:
    canvas.saveState()
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(3)
    canvas.rect(MARGIN, MARGIN, PAGE[0] - 2 * MARGIN, PAGE[1] - 2 * MARGIN)
    canvas.setLineWidth(0.75)
    inset = MARGIN + 4 * mm
    canvas.rect(inset, inset, PAGE[0] - 2 * inset, PAGE[1] - 2 * inset)
    canvas.restoreState()


def certificate_filename(data: CertificateData) -> str:
    return safe_filename(f"certificate-{data.code}-{data.learner_name}", fallback="certificate")


def certificates_zip(certificates: Iterable[CertificateData], out: BinaryIO) -> int:
    """Write a ZIP of one PDF per certificate; returns how many."""
    count = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for data in certificates:
            archive.writestr(f"{certificate_filename(data)}.pdf", certificate_pdf(data))
            count += 1
    return count
