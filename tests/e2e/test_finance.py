"""Pay in a real browser as finance: approve the lines of a delivered session from the lines
page, make a pay run for them, download the payroll CSV and the letters, and mark the run
paid; the figures on the page, in the letters and in the CSV agree to the penny."""

import csv
import io
import re
import time
import zipfile
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from config import Config
from tests.e2e.browser import axe_violations, new_context, sign_in
from trainer.clock import local_today

pytestmark = pytest.mark.e2e


def _pence(text: str) -> int:
    """'£1,234.56' as pence."""
    return int(re.sub(r"[£,.]", "", text.strip()))


def _totals(page, status: str) -> dict[str, int]:
    """The pay page's totals row for one status: lines, pay, expenses and amount."""
    row = page.get_by_role("table", name="Totals by status").get_by_role("row", name=status)
    cells = [cell.strip() for cell in row.get_by_role("cell").all_inner_texts()]
    return {"lines": int(cells[0]), "pay": _pence(cells[1]), "amount": _pence(cells[3])}


def _download(page, link_name: str) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("link", name=link_name).click()
    return Path(download.value.path()).read_bytes()


def _drawn(page, live, href: str) -> bytes:
    """A pay run's letters file once drawn (the first request may answer 202: drawing)."""
    for _ in range(120):
        response = page.request.get(live(href))
        if response.status == 200:
            return response.body()
        time.sleep(0.5)
    raise AssertionError(f"{href} was never drawn")


def _letter_total(pdf: bytes) -> int:
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    found = re.search(r"Total to be paid (£[\d,]+\.\d\d)", text) or re.search(
        r"In total, we will pay you (£[\d,]+\.\d\d)", text
    )
    assert found, "no total in the letter"
    return _pence(found[1])


def test_finance_approves_lines_makes_a_run_downloads_it_and_marks_it_paid(browser, live):
    """The figures on the page, in the letters and in the CSV agree to the penny."""
    if not live.ids.get("pending_pay_session"):
        pytest.fail("the demo data has no delivered session with pay waiting for approval")
    people = live.ids["pending_pay_people"]
    day = live.ids["pending_pay_day"]
    finance = new_context(browser)
    page = finance.new_page()
    try:
        sign_in(page, live, "finance@example.org")
        page.goto(live("/finance/lines"))
        page.get_by_label("Status").select_option("pending")
        page.get_by_label("From").fill(day)
        page.get_by_label("To", exact=True).fill(day)
        with page.expect_navigation():
            page.get_by_role("button", name="Show lines").click()
        waiting = _totals(page, "Pending")
        boxes = page.get_by_role("checkbox", name=re.compile("^Approve "))
        assert boxes.count() == waiting["lines"]
        for n in range(boxes.count()):
            boxes.nth(n).check()
        assert axe_violations(page) == []  # the lines page with its tick boxes, as ticked
        with page.expect_navigation():
            page.get_by_role("button", name="Approve the ticked lines").click()
        heading = page.get_by_role("heading", level=1).inner_text()
        assert heading == f"Approve {waiting['lines']} line{'s' if waiting['lines'] != 1 else ''}?"
        everyone = page.get_by_role("row", name=re.compile("^Everyone"))
        cells = everyone.get_by_role("cell").all_inner_texts()
        assert _pence(cells[1]) + _pence(cells[2]) == waiting["amount"]
        assert axe_violations(page) == []  # the summary before approving
        with page.expect_navigation():
            page.get_by_role("button", name="Approve these lines").click()
        expect(page.get_by_text("approved.").first).to_be_visible()

        page.goto(live("/finance"))
        page.get_by_role("link", name="Make a pay run").click()
        assert page.get_by_label("Work from").input_value()  # filled in from what is waiting
        page.get_by_label("Work from").fill(day)
        page.get_by_label("Work to").fill(day)
        today = local_today(ZoneInfo(Config.TIMEZONE))
        page.get_by_label("Payment date").fill((today + timedelta(days=7)).isoformat())
        page.get_by_label("Payment reference").fill("BACS-E2E-1")
        with page.expect_navigation():
            page.get_by_role("button", name="Make the pay run").click()
        assert page.get_by_role("heading", level=1).inner_text().startswith("Pay run ")
        on_page = _totals(page, "Approved")
        assert on_page["amount"] >= waiting["amount"]  # and any approved before, that day

        rows = list(
            csv.DictReader(io.StringIO(_download(page, "The lines for payroll (CSV)").decode()))
        )
        assert all(row["line_id"].isdigit() for row in rows)  # one row per line, no TOTAL
        assert {row["person_name"] for row in rows} >= set(people)
        assert {row["work_date"] for row in rows} == {day}
        assert sum(int(row["amount_pence"]) for row in rows) == on_page["amount"]
        assert len(rows) == on_page["lines"]

        href = page.get_by_role("link", name="Each letter as its own PDF (ZIP)").get_attribute(
            "href"
        )
        archive = zipfile.ZipFile(io.BytesIO(_drawn(page, live, href)))
        names = archive.namelist()
        assert len(names) == len({row["person_id"] for row in rows})
        assert all(re.fullmatch(r"[A-Za-z0-9.-]+_PAY-[\w-]+\.pdf", name) for name in names)
        for name in people:
            assert any(n.startswith(name.split()[0]) for n in names), f"no letter for {name}"
        letters = sum(_letter_total(archive.read(name)) for name in names)
        assert letters == on_page["amount"]

        page.get_by_label("Date paid").fill(today.isoformat())  # paid today, not before
        with page.expect_navigation():
            page.get_by_role("button", name="Mark the pay run paid").click()
        expect(page.get_by_text("is marked paid")).to_be_visible()
        assert _totals(page, "Paid")["amount"] == on_page["amount"]
    finally:
        finance.close()
