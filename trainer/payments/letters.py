"""Letter data drawn from the database, for the pure letter builders in trainer.letters."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from flask import current_app

from trainer.letters import frozen
from trainer.letters.contents import (
    LetterExpense,
    LetterLine,
    Organisation,
    PaymentLetterData,
    Recipient,
    RecognitionLetterData,
    letter_weeks,
)
from trainer.models import (
    Assignment,
    DeliveryRole,
    InformationFormat,
    LetterKind,
    LetterRecord,
    LineKind,
    PaymentChoice,
    PaymentLine,
    PayRun,
    Person,
)
from trainer.money import earnings, pay
from trainer.money.rates import FeeBasis
from trainer.timezones import local_zone


def organisation() -> Organisation:
    config = current_app.config
    return Organisation(
        config["ORG_NAME"],
        tuple(config["ORG_ADDRESS"].splitlines()),
        config["ORG_EMAIL"],
        config["ORG_PHONE"],
        config["ORG_SIGNATORY"],
        config["ORG_SIGNATORY_TITLE"],
    )


def neutral_role(role: DeliveryRole | None) -> str:
    """A role as letters print it: never a diagnosis ("expert co-trainer", not "autistic …")."""
    if role is None:
        return ""
    return "Expert co-trainer" if role.is_lived_experience else role.name


def wants_easy_read(person: Person) -> bool:
    return person.preferred_format is InformationFormat.EASY_READ


def pure_line(line: PaymentLine) -> pay.PayLine:
    """A stored pay line as the pure core's PayLine (for earnings and letters)."""
    role = line.assignment.delivery_role if line.assignment else None
    return pay.PayLine(
        person=line.person_id,
        session_ref=str(line.session_id),
        starts_at=line.starts_at,
        programme=line.programme.name if line.programme else "",
        delivery_role=neutral_role(role),
        kind=pay.LineKind(line.kind.value),
        minutes=line.minutes,
        rate_pence=line.rate_pence,
        fee_basis=FeeBasis(line.fee_basis.value),
        amount_pence=line.amount_pence,
        method=pay.PayMethod(line.method)
        if line.method in pay.PayMethod._value2member_map_
        else pay.PayMethod.PAYROLL,
        description=line.description,
    )


def _letter_line(line: PaymentLine) -> LetterLine:
    core = pure_line(line)
    return LetterLine(
        core.starts_at.astimezone(local_zone()).date(),
        core.programme,
        core.delivery_role,
        "late_cancellation" if line.is_late_cancellation else core.kind.value,
        max(core.minutes, 0),
        core.rate_pence,
        core.amount_pence,
        "session" if core.fee_basis is FeeBasis.PER_SESSION else "hour",
    )


def _letter_expense(line: PaymentLine) -> LetterExpense:
    expense = line.expense
    if expense is None:
        return LetterExpense(line.starts_at.date(), "other", line.description, line.amount_pence)
    return LetterExpense(
        expense.incurred_on,
        expense.kind.value,
        expense.description or expense.kind.label,
        line.amount_pence,
    )


def payment_letter(
    record: LetterRecord, run: PayRun, lines: list[PaymentLine]
) -> PaymentLetterData:
    """One person's payment letter for a pay run, from the run's lines for that person."""
    person = record.person
    fees = [line for line in lines if line.kind is not LineKind.EXPENSE]
    expenses = [line for line in lines if line.kind is LineKind.EXPENSE]
    weeks = earnings.weekly_totals([pure_line(line) for line in fees], zone=local_zone())
    method = fees[0].method if fees else no_fee_wording(person)
    return PaymentLetterData(
        reference=record.reference,
        issued_on=record.issued_on,
        recipient=Recipient(person.full_name, tuple(person.postal_address.splitlines())),
        org=organisation(),
        lines=tuple(_letter_line(line) for line in fees),
        expenses=tuple(_letter_expense(line) for line in expenses),
        method=method,
        paid_on=run.paid_on or record.issued_on,
        payment_reference=run.payment_reference,
        weekly_totals=letter_weeks(weeks),
        charity_name=person.charity_name or None if method == "charity" else None,
    )


def no_fee_wording(person: Person) -> str:
    """Why a letter holds no fee, from the person's own choice: they volunteer, they take no
    fee, or (paid people) this letter simply holds only their expenses."""
    if person.payment_choice is PaymentChoice.EXPENSES_ONLY:
        return "expenses_only"
    if person.payment_choice is PaymentChoice.DECLINED:
        return "declined"
    return "expenses"


def letter_data(record: LetterRecord) -> PaymentLetterData | RecognitionLetterData:
    """What an issued letter says: frozen when it was issued (older letters, issued before
    letters were frozen, are drawn from the records)."""
    if record.contents is not None:
        return frozen.thaw(record.contents)
    if record.kind is LetterKind.PAYMENT:
        return payment_letter(record, record.pay_run, run_lines_of(record))
    return recognition_letter(record)


def letter_easy_read(record: LetterRecord, wanted: str | None = None) -> bool:
    """Easy Read or standard: as asked, else as the person chose when it was issued."""
    if wanted in ("easy", "standard"):
        return wanted == "easy"
    if record.contents is not None:
        return bool(record.contents.get("easy_read"))
    return wants_easy_read(record.person)


def freeze_letter(record: LetterRecord, data: PaymentLetterData | RecognitionLetterData) -> None:
    """Fix what the letter says, and the format its person chose, as it is issued."""
    record.contents = frozen.freeze(data, easy_read=wants_easy_read(record.person))


def run_lines_of(record: LetterRecord) -> list[PaymentLine]:
    run = record.pay_run
    return [line for line in run.lines if line.person_id == record.person_id] if run else []


def run_letters(
    run: PayRun, records: Iterable[LetterRecord], lines: Iterable[PaymentLine]
) -> Iterator[PaymentLetterData]:
    """Every payment letter of a run, built one at a time (memory stays flat)."""
    by_person: dict[int, list[PaymentLine]] = defaultdict(list)
    for line in lines:
        by_person[line.person_id].append(line)
    for record in records:
        yield payment_letter(record, run, by_person.get(record.person_id, []))


def recognition_letter(record: LetterRecord) -> RecognitionLetterData:
    return RecognitionLetterData(
        reference=record.reference,
        issued_on=record.issued_on,
        recipient_name=record.person.full_name,
        role_wording=record.role_wording,
        programme=record.programme_name,
        period_from=record.period_from,
        period_to=record.period_to,
        sessions_delivered=record.sessions_delivered,
        learners_reached=record.learners_reached,
        minutes_given=record.minutes_given,
        org=organisation(),
        personal_message=record.personal_message or None,
        message_from=record.message_from or None,
    )


def default_wording(person: Person, assignment: Assignment | None = None) -> str:
    role = (
        assignment.delivery_role
        if assignment
        else (person.delivery_roles[0] if person.delivery_roles else None)
    )
    return neutral_role(role).lower() or "trainer"
