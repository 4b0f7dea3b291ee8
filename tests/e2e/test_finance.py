"""Pay in a real browser: a coordinator approves a delivered session's pay; finance makes a
pay run for it, downloads the payroll CSV and the letters, and marks the run paid."""

import csv
import io
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from config import Config
from tests.e2e.browser import new_context, sign_in
from trainer.clock import local_today

pytestmark = pytest.mark.e2e


def test_approve_pay_make_a_pay_run_and_download_it(browser, live):
    if not live.ids.get("pending_pay_session"):
        pytest.fail("the demo data has no delivered session with pay waiting for approval")
    people = live.ids["pending_pay_people"]
    day = live.ids["pending_pay_day"]

    coordinator = new_context(browser)
    page = coordinator.new_page()
    sign_in(page, live, "coordinator@example.org")
    page.goto(live(f"/sessions/{live.ids['pending_pay_session']}/pay"))
    with page.expect_navigation():
        page.get_by_role("button", name="Approve every pending line").click()
    expect(page.get_by_text("approved.").first).to_be_visible()
    coordinator.close()

    finance = new_context(browser)
    page = finance.new_page()
    try:
        sign_in(page, live, "finance@example.org")
        page.goto(live("/finance"))
        page.get_by_role("link", name="Make a pay run").click()
        page.get_by_label("Work from").fill(day)
        page.get_by_label("Work to").fill(day)
        today = local_today(ZoneInfo(Config.TIMEZONE))
        page.get_by_label("Payment date").fill((today + timedelta(days=7)).isoformat())
        page.get_by_label("Payment reference").fill("BACS-E2E-1")
        with page.expect_navigation():
            page.get_by_role("button", name="Make the pay run").click()
        assert page.get_by_role("heading", level=1).inner_text().startswith("Pay run ")

        with page.expect_download() as download:
            page.get_by_role("link", name="The lines for payroll (CSV)").click()
        rows = list(
            csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8")))
        )
        lines, total = rows[:-1], rows[-1]
        assert lines and {row["person_name"] for row in lines} == set(people)
        assert {row["work_date"] for row in lines} == {day}
        assert total["line_id"] == "TOTAL"
        assert int(total["amount_pence"]) == sum(int(row["amount_pence"]) for row in lines)

        pdf_link = page.get_by_role("link", name="Every payment letter in one PDF")
        pdf = page.request.get(live(pdf_link.get_attribute("href")))
        assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
        for name in people:
            assert name.split()[0] in text, f"no letter for {name}"

        page.get_by_label("Date paid").fill(today.isoformat())  # paid today, not before
        with page.expect_navigation():
            page.get_by_role("button", name="Mark the pay run paid").click()
        expect(page.get_by_text("is marked paid")).to_be_visible()
    finally:
        finance.close()
