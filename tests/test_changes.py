"""A view's change is saved whole, or refused with the reason shown and nothing kept."""

import pytest
from flask import get_flashed_messages
from sqlalchemy import func, select
from wtforms import StringField

from tests import factories
from trainer.changes import Change
from trainer.domain import DomainError
from trainer.forms import BaseForm
from trainer.models import Person


class NameForm(BaseForm):
    full_name = StringField("Full name")


def people(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Person))


def test_a_change_that_keeps_the_rules_is_committed_and_says_so(app, db):
    with app.test_request_context("/", method="POST"):
        before = people(db)
        with Change(success="Saved.") as change:
            factories.make_person(name="Kept Person")
        db.session.rollback()  # nothing left to undo: it was committed
        assert change.saved and change.error is None
        assert people(db) == before + 1
        assert get_flashed_messages(with_categories=True) == [("success", "Saved.")]


def test_a_refused_change_keeps_nothing_and_shows_why_beside_the_field(app, db):
    with app.test_request_context("/", method="POST"):
        before = people(db)
        form = NameForm(meta={"csrf": False})
        with Change(form, success="Saved.") as change:
            factories.make_person(name="Half Saved")
            raise DomainError("That name is taken.", "full_name")
        assert not change.saved and change.error.message == "That name is taken."
        assert people(db) == before
        assert form.full_name.errors == ["That name is taken."]
        assert get_flashed_messages() == []


def test_a_refused_button_press_says_why_in_a_banner(app, db):
    with app.test_request_context("/", method="POST"):
        with Change(success="Saved.") as change:
            factories.make_person(name="Half Saved")
            raise DomainError("That offer was already answered.")
        assert not change.saved
        assert get_flashed_messages(with_categories=True) == [
            ("error", "That offer was already answered.")
        ]


def test_a_bug_is_not_taken_for_a_broken_rule(app, db):
    with app.test_request_context("/", method="POST"):
        with pytest.raises(ZeroDivisionError):
            with Change(success="Saved."):
                _ = 1 / 0
        assert get_flashed_messages() == []
