"""Warnings finance sees before making a pay run: the spot where other capabilities (such as
earnings limits that follow the benefit rules) add what a run would cause.

A check is a function `(lines, paid_on) -> list[str]`, each string a warning in plain words,
added with `add_check`. Warnings inform; they never block a run by themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from trainer.models import PaymentLine

Check = Callable[[list[PaymentLine], date], list[str]]
CHECKS: list[Check] = []


def add_check(check: Check) -> Check:
    """Register a check (usable as a decorator); adding one twice keeps one."""
    if check not in CHECKS:
        CHECKS.append(check)
    return check


def warnings_for(lines: list[PaymentLine], paid_on: date) -> list[str]:
    """Every registered check's warnings for a run of `lines` paid on `paid_on`."""
    return [warning for check in CHECKS for warning in check(lines, paid_on)]
