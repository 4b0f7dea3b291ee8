"""The view's half of "one commit per request": a change is saved whole, or refused with the
reason shown and nothing kept.

    with Change(form) as change:
        programme = service.save_programme(programme, values, seats, actor=current_user)
    if change.saved:
        flash(f"{programme.name} saved.", "success")
        return redirect(...)

Services raise a `DomainError` when a rule is broken. On one, the block's work is rolled back
and the message goes beside its field on `form` (or into the form's error summary), or, for
button-only forms with no `form`, into an error banner on the next page. Otherwise the
transaction is committed once, the jobs it queued are handed to the job queue
(trainer/jobs), and `success`, if given, is flashed. Any other exception is
left to the error handlers, which roll back too.
"""

from __future__ import annotations

from types import TracebackType

from flask import flash, request
from flask_login import current_user

from trainer import jobs
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.forms import BaseForm


class Change:
    def __init__(self, form: BaseForm | None = None, *, success: str | None = None):
        self.form = form
        self.success = success
        self.saved = False
        self.error: DomainError | None = None

    def __enter__(self) -> Change:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if kind is None:
            db.session.commit()
            jobs.run_committed()
            self.saved = True
            if self.success:
                flash(self.success, "success")
            return False
        if not isinstance(error, DomainError):
            return False
        db.session.rollback()
        self.error = error
        if self.form is not None:
            self.form.apply_error(error)
        else:
            flash(error.message, "error")
        return True  # shown to the user: handled


def archive_choice(is_active: bool) -> bool | None:
    """What an Archive or Restore button asks for: True to archive, False to restore, None
    when the record is that way already (a second tab, a double click). The button sends
    archive=yes or archive=no; without it the button flips the record."""
    asked = request.form.get("archive")
    archive = asked == "yes" if asked in ("yes", "no") else is_active
    return None if archive != is_active else archive


def archive_or_restore(record, name: str, set_archived) -> bool | None:
    """An Archive or Restore button: done once, saved, and said, whatever a second tab sends.

    `set_archived(record, archived, actor=)` is the capability's service. Returns True when
    archived, False when restored, None when nothing changed."""
    archive = archive_choice(record.is_active)
    if archive is None:
        flash(
            f"{name} was {'active' if record.is_active else 'archived'} already. Nothing changed.",
            "info",
        )
        return None
    with Change(success=f"{name} {'archived' if archive else 'restored'}.") as change:
        set_archived(record, archive, actor=current_user)
    return archive if change.saved else None
