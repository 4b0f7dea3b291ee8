"""Things found by using the app as coordinators and finance staff do, kept fixed."""

import re
from datetime import timedelta
from urllib.parse import urlencode

from tests import factories
from tests.helpers import page_errors, saved
from trainer.models import OfferStatus, PreferredPartner, SessionStatus


def form_as_sent(page: str, form_start: str) -> dict:
    """The fields of the GET form starting at `form_start`, with the values a browser sends
    when nothing is changed: each input's value, each select's selected option."""
    form = page[page.index(form_start) :]
    form = form[: form.index("</form>")]
    fields = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form):
        fields[name] = value
    for name in re.findall(r'<input[^>]*name="([^"]+)"', form):
        fields.setdefault(name, "")
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option[^>]*value="([^"]*)"[^>]*selected', options) or re.search(
            r'<option[^>]*value="([^"]*)"', options
        )
        fields[name] = chosen.group(1)
    return fields


def test_the_session_filter_works_as_the_browser_sends_it(client, login, db):
    roles = factories.make_trio()
    tier1 = factories.make_programme(roles=roles, name="Tier 1 online")
    tier2 = factories.make_programme(roles=roles, name="Tier 2 in person", online=False)
    soon = factories.days_ahead(3, 10)
    for day, programme in enumerate((tier1, tier1, tier2)):
        factories.make_session(programme=programme, starts_at=soon + timedelta(days=day))
    saved(db)
    login("coordinator")
    page = client.get("/sessions/").get_data(as_text=True)
    fields = form_as_sent(page, '<form method="get"')
    assert fields["status"] == "None" and fields["venue"] == "None"  # the "Any …" options
    fields["programme"] = str(tier2.id)
    response = client.get(f"/sessions/?{urlencode(fields)}")
    assert page_errors(response) == []
    body = response.get_data(as_text=True)
    assert "1 session" in body and "Tier 2 in person" in body


def test_a_from_date_after_the_to_date_is_explained(client, login, db):
    login("coordinator")
    response = client.get("/sessions/?date_from=2026-12-10&date_to=2026-12-01")
    assert page_errors(response) == ["To must be the same as or after From"]
    page = response.get_data(as_text=True)  # no unfiltered list under the error
    assert "Put the filter right to see the sessions it finds." in page
    assert "govuk-table" not in page
    client.post("/sign-out")
    login("finance")
    response = client.get("/finance/lines?period_from=2026-12-10&period_to=2026-12-01")
    assert "To must be the same as or after From" in page_errors(response)


def test_finance_lines_filter_by_person_with_any_status(client, login, db):
    person = factories.make_person(name="Filtered Person")
    saved(db)
    login("finance")
    response = client.get(
        f"/finance/lines?status=None&period_from=&period_to=&person={person.id}&programme=None"
    )
    assert page_errors(response) == []


def test_the_dashboard_counts_every_offer_waiting_not_just_those_listed(client, login, db):
    roles = factories.make_trio()
    programme = factories.make_programme(roles=roles)
    soon = factories.days_ahead(3, 9)
    for n in range(11):
        session = factories.make_session(
            programme=programme, starts_at=soon + timedelta(hours=n), status=SessionStatus.SCHEDULED
        )
        factories.make_assignment(
            session=session,
            role=roles[0],
            status=OfferStatus.OFFERED,
            person=factories.make_person(roles=[roles[0]]),
        )
    saved(db)
    login("coordinator")
    body = client.get("/coordinator").get_data(as_text=True)
    assert re.search(r">11</span> offers waiting for an answer", body)
    assert "The 8 waiting longest, of 11." in body


def test_archive_from_a_second_tab_does_not_restore(client, login, db):
    person = factories.make_person(name="Rosa Morgan")
    venue = factories.make_venue(name="Quay Hall")
    saved(db)
    login("coordinator")
    for path, name in (
        (f"/people/{person.id}/archive", "Rosa Morgan"),
        (f"/venues/{venue.id}/archive", "Quay Hall"),
    ):
        first = client.post(path, data={"archive": "yes"}, follow_redirects=True)
        assert f"{name} archived." in first.get_data(as_text=True)
        second = client.post(path, data={"archive": "yes"}, follow_redirects=True)
        body = second.get_data(as_text=True)
        assert f"{name} was archived already. Nothing changed." in body
        assert "restored" not in body
    assert not person.is_active and not venue.is_active
    restored = client.post(
        f"/people/{person.id}/archive", data={"archive": "no"}, follow_redirects=True
    )
    assert "Rosa Morgan restored." in restored.get_data(as_text=True) and person.is_active


def test_do_not_pair_and_preferred_partner_cannot_both_hold(client, login, db):
    rosa, alex = factories.make_person(name="Rosa Morgan"), factories.make_person(name="Alex Nolan")
    saved(db)
    login("coordinator")
    assert (
        client.post(f"/people/{rosa.id}/partners/new", data={"other": alex.id}).status_code == 302
    )
    refused = client.post(
        f"/people/{alex.id}/do-not-pair/new", data={"other": rosa.id, "reason": "Asked not to"}
    )
    assert page_errors(refused) == [
        "Rosa Morgan has Alex Nolan as a preferred partner. Remove that first."
    ]
    assert (
        client.post(f"/people/{rosa.id}/partners/remove", data={"other": alex.id}).status_code
        == 302
    )
    assert (
        client.post(
            f"/people/{alex.id}/do-not-pair/new", data={"other": rosa.id, "reason": "Asked not to"}
        ).status_code
        == 302
    )
    refused = client.post(f"/people/{rosa.id}/partners/new", data={"other": alex.id})
    assert page_errors(refused) == [
        "Rosa Morgan and Alex Nolan are marked not to work together. Remove that mark first."
    ]
    assert db.session.get(PreferredPartner, (rosa.id, alex.id)) is None


def test_the_session_list_offers_page_sizes_and_keeps_them_when_filtering(client, login, db):
    programme = factories.make_programme()
    soon = factories.days_ahead(3, 9)
    for n in range(12):
        factories.make_session(programme=programme, starts_at=soon + timedelta(hours=n))
    saved(db)
    login("coordinator")
    page = client.get("/sessions/").get_data(as_text=True)
    sizes = re.sub(r"<[^>]+>", "", page[page.index("Sessions a page:") :].split("</p>")[0])
    assert sizes.split() == [
        "Sessions",
        "a",
        "page:",
        "10",
        "sessions",
        "a",
        "page",
        "25",
        "50",
        "sessions",
        "a",
        "page",
        "100",
        "sessions",
        "a",
        "page",
    ]
    assert "<strong>25</strong>" in page
    assert 'href="/sessions/?per_page=10"' in page
    page = client.get("/sessions/?per_page=10").get_data(as_text=True)
    assert "<strong>10</strong>" in page and "page 1 of 2" in page
    assert form_as_sent(page, '<form method="get"')["per_page"] == "10"


def test_archiving_says_what_is_still_to_come(client, login, db):
    roles = factories.make_trio()
    venue = factories.make_venue(name="Quay Hall")
    programme = factories.make_programme(roles=roles, name="Tier 2 pilot", online=False)
    person = factories.make_person(roles=[roles[0]], name="Rosa Morgan")
    soon = factories.days_ahead(5, 9)
    for n in range(2):
        session = factories.make_session(
            programme=programme,
            venue=venue,
            starts_at=soon + timedelta(days=n),
            status=SessionStatus.SCHEDULED,
        )
        factories.make_assignment(session=session, person=person, role=roles[0])
    factories.make_session(
        programme=programme,
        venue=venue,
        starts_at=soon - timedelta(days=30),
        status=SessionStatus.DELIVERED,
    )  # the past does not count
    saved(db)
    login("coordinator")
    page = client.post(
        f"/people/{person.id}/archive", data={"archive": "yes"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Rosa Morgan still holds a seat in 2 sessions to come." in page
    page = client.post(
        f"/venues/{venue.id}/archive", data={"archive": "yes"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "2 sessions at Quay Hall are still to come." in page
    page = client.post(
        f"/programmes/{programme.id}/archive", data={"archive": "yes"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "2 sessions of Tier 2 pilot are still to come." in page
    page = client.post(
        f"/venues/{venue.id}/archive", data={"archive": "no"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Quay Hall restored." in page and "still to come" not in page


def test_teams_say_how_many_offers_are_still_to_answer(client, login, db):
    roles = factories.make_trio()
    programme = factories.make_programme(roles=roles)
    soon = factories.days_ahead(2, 9)
    session = factories.make_session(
        programme=programme, starts_at=soon, status=SessionStatus.SCHEDULED
    )
    for role, status in zip(
        roles, (OfferStatus.ACCEPTED, OfferStatus.OFFERED, OfferStatus.OFFERED), strict=True
    ):
        factories.make_assignment(
            session=session, role=role, status=status, person=factories.make_person(roles=[role])
        )
    saved(db)
    login("coordinator")
    page = client.get("/sessions/").get_data(as_text=True)
    assert "3 of 3" in page and "2 still to answer" in page
    # the dashboard counts only a yes as a filled seat
    page = client.get("/coordinator").get_data(as_text=True)
    assert "1 of 3 said yes" in page and "2 still to answer" in page


def test_the_site_icon_is_our_own(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.data[:4] == b"\x00\x00\x01\x00"  # an ICO
    assert 'rel="icon" href="/favicon.ico"' in client.get("/sign-in").get_data(as_text=True)
