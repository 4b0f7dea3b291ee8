"""A learner's journey in a real browser, at desktop width and at 320px: book on the public
page, confirm by the emailed link, get joining instructions with the calendar file, be marked
present on the register, download the certificate and check its code, answer the evaluation;
then the coordinator's report shows the session. Every page is checked with axe-core."""

import email
import email.policy
import re
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.browser import axe_violations, check_page, describe, new_context, sign_in

pytestmark = pytest.mark.e2e
LONDON = ZoneInfo("Europe/London")


def checked(page, label: str, width: int) -> None:
    """axe-clean, headings in order, and no sideways scrolling at 320px; then back to `width`."""
    check_page(page, label)
    page.set_viewport_size({"width": width, "height": 900})


def mail_to(outbox: Path, to: str, subject: str, *, after: float, timeout: float = 15):
    """The newest email to `to` whose subject starts with `subject`, written after `after`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime, reverse=True):
            if path.stat().st_mtime < after:
                continue
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if message["To"] == to and message["Subject"].strip().startswith(subject):
                return message
        time.sleep(0.2)
    raise AssertionError(f"no email '{subject}…' to {to}")


def link(message, path: str) -> str:
    words = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(rf"https?://\S+{path}\S+", words).group(0)


@pytest.mark.parametrize("width", [1280, 320])
def test_book_confirm_attend_certificate_evaluate_and_report(browser, live, width, tmp_path):
    learner = new_context(browser, width=width)
    coordinator = new_context(browser, width=width)
    name, address = f"Robin Learner {width}", f"robin.{width}@example.org"
    started = time.time() - 1
    page = learner.new_page()
    try:
        page.goto(live("/book/"))
        checked(page, "the public booking page", width)
        with page.expect_navigation():  # checked only once the programme's page has loaded
            page.get_by_role("link", name=live.ids["journey_programme"]).click()
        checked(page, "a programme's sessions", width)
        page.locator(f"a[href='/book/sessions/{live.ids['journey_session']}']").click()
        page.get_by_label("Full name").fill(name)
        page.get_by_label("Email address").fill(address)
        page.get_by_label("Employer or organisation").fill("Riverside Care Homes")
        page.get_by_label("Job role").fill("Support worker")
        page.get_by_label("Social care").check()
        page.get_by_label("Yes, I have done it").check()
        page.get_by_label("I agree that my details are kept").check()
        checked(page, "the booking form", width)
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
        checked(page, "check your email", width)

        confirm = mail_to(live.outbox, address, "Confirm your place", after=started)
        page.goto(link(confirm, "/book/confirm/"))
        checked(page, "confirm your place", width)
        page.get_by_role("button", name="Confirm my place").click()
        expect(page.get_by_role("heading", name="Your booking")).to_be_visible()
        expect(page.get_by_text("Booked", exact=True)).to_be_visible()
        checked(page, "the learner's booking", width)

        joining = mail_to(live.outbox, address, "Your place:", after=started)
        [attachment] = list(joining.iter_attachments())
        event = icalendar.Calendar.from_ical(attachment.get_content()).walk("VEVENT")[0]
        assert event.decoded("dtstart") == datetime.fromisoformat(live.ids["journey_starts_at"])

        staff = coordinator.new_page()
        sign_in(staff, live, "coordinator@example.org")
        staff.goto(live(f"/sessions/{live.ids['journey_session']}/register"))
        staff.get_by_role("group", name=name).get_by_label("Present all session").check()
        checked(staff, "the register", width)
        staff.get_by_role("button", name="Save the register").click()
        expect(staff.get_by_text("Register saved")).to_be_visible()

        thanks = mail_to(live.outbox, address, "Thank you for coming", after=started)
        page.goto(link(thanks, "/bookings/"))
        expect(page.get_by_role("heading", name="Your certificate")).to_be_visible()
        checked(page, "the booking with its certificate", width)
        with page.expect_download() as download:
            page.get_by_role("link", name="Download your certificate (PDF)").click()
        text = " ".join(PdfReader(download.value.path()).pages[0].extract_text().split())
        assert name in text and live.ids["journey_programme"] in text
        code = re.search(r"Verification code (\S+)", text).group(1)
        page.goto(live(f"/certificates/{code}"))
        expect(page.get_by_role("heading", name="This certificate is genuine")).to_be_visible()
        checked(page, "the certificate check", width)

        page.goto(link(thanks, "/evaluate/me/"))
        first = page.get_by_role("group", name="Before the session").first
        first.get_by_label("2", exact=True).check()
        page.get_by_role("group", name="Now").first.get_by_label("4", exact=True).check()
        page.get_by_label("Yes", exact=True).check()
        page.get_by_label("What was most useful?").fill("Hearing the co-trainers.")
        checked(page, "the evaluation", width)
        page.get_by_role("button", name="Send my answers").click()
        expect(page.get_by_role("heading", name="Thank you")).to_be_visible()

        day = datetime.fromisoformat(live.ids["journey_starts_at"]).astimezone(LONDON).date()
        staff.goto(live(f"/reports/?by=programme&date_from={day}&date_to={day}"))
        name_is = re.compile(re.escape(live.ids["journey_programme"]))
        places, answers = staff.get_by_role("row", name=name_is).all()
        cells = places.get_by_role("cell").all_inner_texts()
        assert cells[0] == "1", f"sessions delivered: {cells}"
        assert int(cells[6]) >= 1, f"learners completed: {cells}"
        assert int(answers.get_by_role("cell").all_inner_texts()[0]) >= 1, "evaluation answers"
        checked(staff, "the report", width)
    finally:
        learner.close()
        coordinator.close()


def test_the_register_reads_well_on_a_phone(browser, live):
    context = new_context(browser, width=360, height=740)
    page = context.new_page()
    try:
        sign_in(page, live, "coordinator@example.org")
        page.goto(live(f"/sessions/{live.ids['delivered_session']}/register"))
        assert not (violations := axe_violations(page)), describe(violations)
        radios = page.locator(".govuk-radios__input").all()
        assert radios, "the register lists the learners"
        box = page.locator(".govuk-radios__item").first.bounding_box()
        assert box["height"] >= 40, "each choice is a large target for a finger"
    finally:
        context.close()
