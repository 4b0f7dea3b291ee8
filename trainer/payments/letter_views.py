"""A letter as an accessible page beside its PDF: the same words, pictures with alt text.

reportlab's PDFs are untagged, so a screen reader cannot follow them; this page can."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from trainer import access_log
from trainer.auth.permissions import is_coordinating, staff_or_person_required
from trainer.letters.pdf import payment_letter_blocks, recognition_letter_blocks
from trainer.models import LetterKind, LetterRecord, Role
from trainer.payments.letters import letter_data, letter_easy_read
from trainer.records import get_or_404

bp = Blueprint("letter_pages", __name__)


def sees_money_of(person_id: int) -> bool:
    """The person themselves, coordinators and finance."""
    if is_coordinating(current_user) or current_user.has_role(Role.FINANCE):
        return True
    return current_user.person is not None and current_user.person.id == person_id


@bp.get("/letters/<id:letter_id>")
@staff_or_person_required
def show_letter(letter_id: int):
    record = get_or_404(LetterRecord, letter_id)
    if not sees_money_of(record.person_id):
        abort(403)
    access_log.shown([record.person_id], access_log.PAY)
    wanted = request.args.get("format")
    easy = letter_easy_read(record, wanted)
    data = letter_data(record)
    if record.kind is LetterKind.PAYMENT:
        blocks = payment_letter_blocks(data, easy_read=easy)
    else:
        blocks = recognition_letter_blocks(data, easy_read=easy)
    return render_template(
        "payments/letter_page.html",
        record=record,
        blocks=blocks,
        easy=easy,
        format="easy" if easy else "standard",
        pictures=easy,
    )
