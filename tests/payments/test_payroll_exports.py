"""Pay runs that fit payroll: each payment route's export shape parsed back, the CSV without a
TOTAL row, totals in their own file, the period filled in from what is waiting, and lines
that link to their sessions."""

import csv
import io
import zipfile

from sqlalchemy import select

from tests.helpers import form_values
from tests.letters.letter_samples import pdf_text
from tests.payments.factories import local_day
from tests.payments.money_factories import approve_everything, deliver, past_team
from trainer.models import ExpenseKind, LetterRecord, PaymentChoice, PaymentLine
from trainer.payments import expenses, route_exports, run_warnings, runs
from trainer.timezones import to_local

ROUTES = (
    PaymentChoice.PAID_PAYROLL,
    PaymentChoice.PAID_INVOICE,
    PaymentChoice.HONORARIUM,
    PaymentChoice.VOUCHER,
    PaymentChoice.CHARITY,
)


def _every_route(db):
    """Five people, one per payment route, across two sessions on the same day; the payroll
    person also claims parking. Everything approved and in one run."""
    first, seats = past_team(choices=ROUTES[:3])
    second, more = past_team(choices=ROUTES[3:])
    more[1].person.charity_name = "Mencap"
    for session, team in ((first, seats), (second, more)):
        deliver(session, team, travel=(45, 0, 30))
    parking = expenses.ExpenseDetails(
        ExpenseKind.PARKING, to_local(first.starts_at).date(), "Car park", 450
    )
    expenses.claim_expense(seats[0].person, first, parking, None, actor=None)
    approve_everything(db)
    day = to_local(first.starts_at).date()
    run = runs.create_pay_run(day, day, local_day(7), "BACS-ROUTES", actor=None)
    db.session.commit()
    return run, seats + more


def _files(client, run) -> dict[str, list[dict]]:
    response = client.get(f"/finance/pay-runs/{run.id}/payroll-export.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    return {
        name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
        for name in archive.namelist()
    }


def test_the_payroll_export_has_a_shape_for_each_payment_route(db, client, login):
    run, people = _every_route(db)
    payroll, invoice, honorarium, voucher, charity = (seat.person for seat in people)
    letters = {r.person_id: r for r in db.session.scalars(select(LetterRecord))}
    login("finance")
    files = _files(client, run)
    assert list(files) == [
        "payroll.csv",
        "invoices.csv",
        "honoraria.csv",
        "vouchers.csv",
        "charity.csv",
        "expenses.csv",
        "summary.csv",
    ]
    assert tuple(files["payroll.csv"][0]) == route_exports.PAYROLL
    assert {r["person_name"] for r in files["payroll.csv"]} == {payroll.full_name}
    elements = {r["pay_element"]: r for r in files["payroll.csv"]}
    assert set(elements) == {"Delivery", "Preparation", "Travel time"}
    assert (
        elements["Travel time"]["hours"] == "0.75"
        and elements["Travel time"]["rate_pounds"] == "15.00"
    )
    assert elements["Delivery"]["amount_pence"] == "9000"
    assert elements["Delivery"]["letter_reference"] == letters[payroll.id].reference
    assert elements["Delivery"]["pay_date"] == run.paid_on.isoformat()

    invoices = files["invoices.csv"]
    assert tuple(invoices[0]) == route_exports.INVOICES
    assert {r["invoice_number"] for r in invoices} == {letters[invoice.id].reference}
    assert {r["supplier_name"] for r in invoices} == {invoice.full_name}
    assert invoices[0]["supplier_address"] == "1 Road, Town"
    assert invoices[0]["invoice_date"] == letters[invoice.id].issued_on.isoformat()
    delivery = next(r for r in invoices if r["description"].startswith("Delivery"))
    assert (delivery["quantity"], delivery["unit"], delivery["unit_price_pounds"]) == (
        "1",
        "session",
        "90.00",
    )

    said = pdf_text(client.get(f"/letters/{letters[honorarium.id].id}.pdf?format=standard").data)
    assert "As an honorarium, by bank transfer" in said
    easy = pdf_text(client.get(f"/letters/{letters[honorarium.id].id}.pdf?format=easy").data)
    assert "We pay you a thank-you payment." in easy
    (honoraria,) = [files["honoraria.csv"]]
    assert tuple(honoraria[0]) == route_exports.HONORARIA
    assert {r["person_id"] for r in honoraria} == {str(honorarium.id)}
    vouchers = files["vouchers.csv"]
    assert tuple(vouchers[0]) == route_exports.VOUCHERS
    assert {r["person_name"] for r in vouchers} == {voucher.full_name}
    assert sum(int(r["voucher_value_pence"]) for r in vouchers) == 9_000 + 1_000 + 1_125
    gifts = files["charity.csv"]
    assert tuple(gifts[0]) == route_exports.CHARITY
    assert {(r["charity_name"], r["on_behalf_of"]) for r in gifts} == {
        ("Mencap", charity.full_name)
    }

    (spent,) = files["expenses.csv"]
    assert (spent["person_name"], spent["payment_route"], spent["amount_pounds"]) == (
        payroll.full_name,
        "payroll",
        "4.50",
    )
    assert spent["expense_kind"] == "parking" and spent["receipt"] == "no"

    # every line once, in exactly one route file, to the penny
    lines = db.session.scalars(select(PaymentLine).where(PaymentLine.pay_run_id == run.id)).all()
    exported = [
        (
            int(r["line_id"]),
            int(r.get("amount_pence") or r.get("net_pence") or r["voucher_value_pence"]),
        )
        for name, rows in files.items()
        if name != "summary.csv"
        for r in rows
    ]
    assert sorted(exported) == sorted((line.id, line.amount_pence) for line in lines)
    routes = {
        r["payment_route"]: int(r["amount_pence"])
        for r in files["summary.csv"]
        if r["level"] == "route"
    }
    assert routes["payroll"] == sum(int(r["amount_pence"]) for r in files["payroll.csv"]) + 450
    assert routes["invoice"] == sum(int(r["net_pence"]) for r in invoices)


def test_the_lines_csv_has_one_row_per_line_and_totals_in_a_summary_file(db, client, login):
    run, _ = _every_route(db)
    login("finance")
    body = client.get(f"/finance/pay-runs/{run.id}/payroll.csv").data.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(body)))
    lines = db.session.scalars(select(PaymentLine).where(PaymentLine.pay_run_id == run.id)).all()
    assert sorted(int(r["line_id"]) for r in rows) == sorted(line.id for line in lines)
    assert "TOTAL" not in body
    summary = client.get("/finance/lines-summary.csv").data.decode("utf-8")
    levels = list(csv.DictReader(io.StringIO(summary)))
    (approved,) = [r for r in levels if r["level"] == "status"]
    assert approved["status"] == "approved"
    assert int(approved["amount_pence"]) == sum(line.amount_pence for line in lines)
    assert int(approved["pay_pence"]) + int(approved["expenses_pence"]) == int(
        approved["amount_pence"]
    )
    people = [r for r in levels if r["level"] == "person"]
    assert len(people) == 5 and sum(int(r["amount_pence"]) for r in people) == int(
        approved["amount_pence"]
    )


def test_the_pay_run_form_is_filled_in_from_what_is_waiting(db, client, login):
    session, seats = past_team(days_ago=12)
    later, more = past_team(days_ago=5)
    deliver(session, seats)
    deliver(later, more)
    approve_everything(db)
    db.session.commit()
    login("finance")
    page = client.get("/finance/pay-runs/new").get_data(as_text=True)
    first, last = (to_local(s.starts_at).date() for s in (session, later))
    assert f"work from {first.isoformat()} to {last.isoformat()}" in page
    values = form_values(client.get("/finance/pay-runs/new"))
    for field, day in (("period_from", first), ("period_to", last), ("paid_on", local_day(0))):
        assert values[field] == [day.isoformat()], field


def test_lines_link_to_their_sessions(db, client, login):
    session, seats = past_team()
    deliver(session, seats)
    db.session.commit()
    login("finance")
    page = client.get("/finance/lines").get_data(as_text=True)
    assert f'href="/sessions/{session.id}/pay">{session.programme.name}' in page
    assert client.get(f"/sessions/{session.id}/pay").status_code == 200


def test_no_waiting_pay_leaves_the_period_empty(db, client, login):
    login("finance")
    page = client.get("/finance/pay-runs/new").get_data(as_text=True)
    assert "No approved pay is waiting for a run." in page


def test_checks_added_by_other_capabilities_warn_on_the_pay_run_form(
    db, client, login, monkeypatch
):
    session, seats = past_team()
    deliver(session, seats)
    approve_everything(db)
    db.session.commit()
    seen = []

    def over_a_limit(lines, paid_on):
        seen.append((len(lines), paid_on))
        return [f"{lines[0].person.full_name} would pass their limit in this run."]

    monkeypatch.setattr(run_warnings, "CHECKS", [])
    run_warnings.add_check(over_a_limit)
    run_warnings.add_check(over_a_limit)  # once only
    login("finance")
    page = client.get("/finance/pay-runs/new").get_data(as_text=True)
    assert f"{seats[0].person.full_name} would pass their limit in this run." in page
    assert seen == [(len(db.session.scalars(select(PaymentLine)).all()), local_day(0))]
