"""Totals by status (never added together), rejections that link to the line they refer to,
and late-cancellation lines named as such on pages and letters."""

import re

from sqlalchemy import select

from tests.helpers import page_errors
from tests.letters.letter_samples import pdf_text
from tests.payments.money_factories import FEE, past_team, pay_run_for
from trainer.models import Attendance, LetterRecord, LineKind, LineStatus, PaymentLine
from trainer.payments import queries, service, workflow


def _session_lines(db, session) -> list[PaymentLine]:
    query = select(PaymentLine).where(PaymentLine.session_id == session.id)
    return list(db.session.scalars(query.order_by(PaymentLine.id)))


def _totals_rows(html: str) -> dict[str, list[str]]:
    """The totals table as {status: [lines, pay, expenses, amount]}."""
    table = html.split("Totals by status", 1)[1].split("</table>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S):
        cells = [
            re.sub(r"<.*?>", "", c).strip() for c in re.findall(r"<t[dh].*?</t[dh]>", row, re.S)
        ]
        if cells and cells[0] != "Status":
            rows[cells[0]] = cells[1:]
    return rows


def test_totals_are_per_status_and_never_added_together(db, client, login):
    session, seats = past_team()
    service.mark_delivered(
        session, [service.AttendanceEntry(s, Attendance.ATTENDED) for s in seats], 11, actor=None
    )
    lines = _session_lines(db, session)
    workflow.approve_line(lines[0], actor=None)
    workflow.reject_line(lines[1], "Not delivered by this person", actor=None)
    db.session.commit()

    found = queries.totals(lines)
    amounts = {row.status: row.amount_pence for row in found.rows}
    assert amounts[LineStatus.APPROVED] == lines[0].amount_pence
    assert amounts[LineStatus.REJECTED] == lines[1].amount_pence
    assert amounts[LineStatus.PENDING] == sum(line.amount_pence for line in lines[2:])
    assert found.lines == len(lines)
    assert not hasattr(found, "total_pence")  # no figure mixes the statuses

    login("finance")
    html = client.get(f"/sessions/{session.id}/pay").get_data(as_text=True)
    rows = _totals_rows(html)
    assert set(rows) == {"Approved", "Pending", "Rejected"}
    assert rows["Rejected"][3] == f"£{lines[1].amount_pence / 100:,.2f}"
    every = sum(line.amount_pence for line in lines)
    assert f"£{every / 100:,.2f}" not in html  # the mixed sum is printed nowhere
    lines_page = client.get(f"/finance/lines?person={seats[0].person_id}").get_data(as_text=True)
    assert set(_totals_rows(lines_page)) <= {"Approved", "Pending", "Rejected"}


def test_a_rejection_that_refers_to_another_line_links_to_it(db, client, login):
    session, seats = past_team()
    service.mark_delivered(
        session, [service.AttendanceEntry(s, Attendance.ATTENDED) for s in seats], 11, actor=None
    )
    db.session.commit()
    lines = [line for line in _session_lines(db, session) if line.person_id == seats[0].person_id]
    repeat, other = lines[0], lines[1]
    login("finance")
    wrong = client.post(
        f"/pay/lines/{repeat.id}/reject", data={"reason": "Claimed twice", "related_line": "999999"}
    )
    assert "There is no line 999999" in page_errors(wrong)
    assert db.session.get(PaymentLine, repeat.id).status is LineStatus.PENDING
    itself = client.post(
        f"/pay/lines/{repeat.id}/reject",
        data={"reason": "Claimed twice", "related_line": str(repeat.id)},
    )
    assert "is not another line" in " ".join(page_errors(itself))
    done = client.post(
        f"/pay/lines/{repeat.id}/reject",
        data={"reason": "Claimed twice: the other claim is paid", "related_line": str(other.id)},
    )
    assert done.status_code == 302
    html = client.get(f"/sessions/{session.id}/pay").get_data(as_text=True)
    assert f'href="/sessions/{session.id}/pay#line-{other.id}">See line {other.id}' in html
    assert f'id="line-{other.id}"' in html  # the link lands on that line


def test_late_cancellation_is_named_on_pages_and_letters(db, client, login):
    session, seats = past_team()
    entries = [
        service.AttendanceEntry(seats[0], Attendance.CANCELLED_LATE),
        service.AttendanceEntry(seats[1], Attendance.ATTENDED),
    ]
    service.mark_delivered(session, entries, 11, actor=None)
    late = next(
        line
        for line in _session_lines(db, session)
        if line.person_id == seats[0].person_id and line.kind is LineKind.DELIVERY
    )
    assert late.is_late_cancellation and late.amount_pence == FEE  # 100% by default
    for line in _session_lines(db, session):
        workflow.approve_line(line, actor=None)
    pay_run_for(session)
    db.session.commit()
    login("finance")
    html = client.get(f"/sessions/{session.id}/pay").get_data(as_text=True)
    assert "Late cancellation</span>" in html and "none: cancelled late" in html
    record = db.session.scalar(
        select(LetterRecord).where(LetterRecord.person_id == seats[0].person_id)
    )
    standard = pdf_text(client.get(f"/letters/{record.id}.pdf?format=standard").data)
    easy = pdf_text(client.get(f"/letters/{record.id}.pdf?format=easy").data)
    assert "Late cancellation" in standard and "Delivery" not in standard.split("Pay", 1)[1]
    assert "Training cancelled late" in easy
