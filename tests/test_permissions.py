"""Who reaches which page: every role x every route in the app's URL map -> expected status."""

import pytest

from tests import factories
from tests.payments.money_factories import make_money_records
from trainer.models import OfferStatus, Person, Role, TrainingSession

ROLES = ("anonymous", "admin", "coordinator", "finance", "trainer")
SIGNED_IN = {"admin", "coordinator", "finance", "trainer"}
COORDINATING = {"admin", "coordinator"}
UNCHECKED = {"static", "assets.govuk", "assets.favicon"}  # public files, no permission to check


def expect(allowed: set[str], ok: int = 200) -> dict[str, int]:
    """`ok` for allowed roles; anonymous visitors go to sign in; everyone else gets 403."""
    return {role: ok if role in allowed else 302 if role == "anonymous" else 403 for role in ROLES}


#: signed-in users who open the sign-in page are sent on to their dashboard
SENT_ON = dict.fromkeys(SIGNED_IN, 302)

#: (endpoint, method) -> (path with {placeholders}, form data, expected status per role)
PAGES = {
    ("auth.sign_in", "GET"): ("/sign-in", None, expect({"anonymous"}) | SENT_ON),
    ("auth.sign_in", "POST"): ("/sign-in", {}, expect({"anonymous"}) | SENT_ON),
    ("auth.sign_out", "POST"): ("/sign-out", {}, expect(SIGNED_IN, 302)),
    ("dashboards.home", "GET"): ("/", None, expect(SIGNED_IN, 302)),
    ("dashboards.coordinator", "GET"): ("/coordinator", None, expect(COORDINATING)),
    ("dashboards.finance", "GET"): ("/finance", None, expect({"admin", "finance"})),
    ("dashboards.my_sessions", "GET"): ("/my-sessions", None, expect(SIGNED_IN)),
    ("admin.list_users", "GET"): ("/admin/accounts", None, expect({"admin"})),
    ("admin.create_account", "GET"): ("/admin/accounts/new", None, expect({"admin"})),
    ("admin.create_account", "POST"): ("/admin/accounts/new", {}, expect({"admin"})),
    ("admin.edit_account", "GET"): ("/admin/accounts/{user}", None, expect({"admin"})),
    ("admin.edit_account", "POST"): ("/admin/accounts/{user}", {}, expect({"admin"})),
    ("programmes.list_programmes", "GET"): ("/programmes/", None, expect(COORDINATING)),
    ("programmes.show_programme", "GET"): ("/programmes/{programme}", None, expect(COORDINATING)),
    ("programmes.create_programme", "GET"): ("/programmes/new", None, expect(COORDINATING)),
    ("programmes.create_programme", "POST"): ("/programmes/new", {}, expect(COORDINATING)),
    ("programmes.edit_programme", "GET"): (
        "/programmes/{programme}/edit",
        None,
        expect(COORDINATING),
    ),
    ("programmes.edit_programme", "POST"): (
        "/programmes/{programme}/edit",
        {},
        expect(COORDINATING),
    ),
    ("programmes.archive_programme", "POST"): (
        "/programmes/{programme}/archive",
        {},
        expect(COORDINATING, 302),
    ),
    ("programmes.list_venues", "GET"): ("/venues/", None, expect(COORDINATING)),
    ("programmes.show_venue", "GET"): ("/venues/{venue}", None, expect(COORDINATING)),
    ("programmes.create_venue", "GET"): ("/venues/new", None, expect(COORDINATING)),
    ("programmes.create_venue", "POST"): ("/venues/new", {}, expect(COORDINATING)),
    ("programmes.edit_venue", "GET"): ("/venues/{venue}/edit", None, expect(COORDINATING)),
    ("programmes.edit_venue", "POST"): ("/venues/{venue}/edit", {}, expect(COORDINATING)),
    ("programmes.archive_venue", "POST"): (
        "/venues/{venue}/archive",
        {},
        expect(COORDINATING, 302),
    ),
    ("people.list_people", "GET"): ("/people/", None, expect(COORDINATING)),
    ("people.show_person", "GET"): ("/people/{person}", None, expect(COORDINATING)),
    ("people.create_person", "GET"): ("/people/new", None, expect(COORDINATING)),
    ("people.create_person", "POST"): ("/people/new", {}, expect(COORDINATING)),
    ("people.edit_person", "GET"): ("/people/{person}/edit", None, expect(COORDINATING)),
    ("people.edit_person", "POST"): ("/people/{person}/edit", {}, expect(COORDINATING)),
    ("people.archive_person", "POST"): ("/people/{person}/archive", {}, expect(COORDINATING, 302)),
    ("sessions.list_sessions", "GET"): ("/sessions/", None, expect(COORDINATING)),
    ("sessions.show_session", "GET"): ("/sessions/{session}", None, expect(COORDINATING)),
    ("sessions.create_session", "GET"): ("/sessions/new", None, expect(COORDINATING)),
    ("sessions.create_session", "POST"): ("/sessions/new", {}, expect(COORDINATING)),
    ("sessions.edit_session", "GET"): ("/sessions/{session}/edit", None, expect(COORDINATING)),
    ("sessions.edit_session", "POST"): ("/sessions/{session}/edit", {}, expect(COORDINATING)),
    ("sessions.change_status", "POST"): (
        "/sessions/{session}/status",
        {"status": "scheduled"},
        expect(COORDINATING, 302),
    ),
    ("sessions.cancel_session", "GET"): (
        "/sessions/{session}/cancel",
        None,
        expect(COORDINATING),
    ),
    ("sessions.cancel_session", "POST"): ("/sessions/{session}/cancel", {}, expect(COORDINATING)),
    # calendars: feeds need no sign-in (an unknown token is 404 for all); people without a
    # profile have no personal calendar to change (tests/calendars covers people with one)
    ("calendars.personal_feed", "GET"): (
        "/calendar/no-such-token-000000000000000.ics",
        None,
        dict.fromkeys(ROLES, 404),
    ),
    ("calendars.team_feed", "GET"): (
        "/calendar/team/no-such-token-000000000000000.ics",
        None,
        dict.fromkeys(ROLES, 404),
    ),
    ("calendars.download_invite", "GET"): (
        "/sessions/{session}/invite.ics",
        None,
        expect(COORDINATING),
    ),
    ("calendars.my_calendar", "GET"): ("/my-calendar", None, expect(SIGNED_IN)),
    ("calendars.set_reminders", "POST"): ("/my-calendar/reminders", {}, expect(set())),
    ("calendars.new_my_link", "POST"): ("/my-calendar/link", {}, expect(set())),
    ("calendars.revoke_my_link", "POST"): ("/my-calendar/link/revoke", {}, expect(set())),
    ("calendars.new_team_link", "POST"): ("/my-calendar/team-link", {}, expect(COORDINATING, 302)),
    ("calendars.revoke_team_link", "POST"): (
        "/my-calendar/team-link/revoke",
        {},
        expect(COORDINATING, 302),
    ),
    ("calendars.new_person_link", "POST"): (
        "/people/{person}/calendar-link",
        {},
        expect(COORDINATING, 302),
    ),
    ("calendars.revoke_person_link", "POST"): (
        "/people/{person}/calendar-link/revoke",
        {},
        expect(COORDINATING, 302),
    ),
    # the co-trainer's home: every signed-in account has one; only a profile's owner answers
    # its offers or asks for a support change (tests/portal covers people with a profile)
    ("portal.home", "GET"): ("/home", None, expect(SIGNED_IN)),
    ("portal.answer_offer", "POST"): (
        "/home/offers/{assignment}",
        {"answer": "yes"},
        expect(set()),
    ),
    ("portal.ask_support_change", "POST"): ("/home/support", {}, expect(set())),
    # one-time sign-in links: an unknown or spent link is 410 Gone for everyone
    ("links.request_link", "GET"): ("/sign-in/link", None, expect({"anonymous"}) | SENT_ON),
    ("links.request_link", "POST"): ("/sign-in/link", {}, expect({"anonymous"}) | SENT_ON),
    ("links.open_link", "GET"): (
        "/sign-in/link/no-such-token-000000000000000000000000000",
        None,
        dict.fromkeys(ROLES, 410),
    ),
    ("links.open_link", "POST"): (
        "/sign-in/link/no-such-token-000000000000000000000000000",
        {},
        dict.fromkeys(ROLES, 410),
    ),
    ("links.make_link", "POST"): (
        "/people/{person}/sign-in-link",
        {"send": "show"},
        expect(COORDINATING, 302),
    ),
    # team building: offers, overrides, working times, pairs and auto-fill; people without a
    # profile have no offers or working times to change (tests/scheduling covers people with one)
    ("offers.offer_seat", "POST"): (
        "/sessions/{session}/people/{person}/offer",
        {},
        expect(COORDINATING, 302),
    ),
    ("offers.override_seat", "GET"): (
        "/sessions/{session}/people/{person}/override",
        None,
        expect(COORDINATING),
    ),
    ("offers.override_seat", "POST"): (
        "/sessions/{session}/people/{person}/override",
        {},
        expect(COORDINATING),
    ),
    ("offers.withdraw_offer", "POST"): (
        "/sessions/{session}/people/{person}/withdraw",
        {},
        expect(COORDINATING, 302),
    ),
    ("sessions.schedule_anyway", "GET"): (
        "/sessions/{session}/schedule-anyway",
        None,
        expect(COORDINATING),
    ),
    ("sessions.schedule_anyway", "POST"): (
        "/sessions/{session}/schedule-anyway",
        {},
        expect(COORDINATING),
    ),
    ("offers.my_offers", "GET"): ("/my-offers", None, expect(SIGNED_IN)),
    ("offers.my_offers", "POST"): ("/my-offers", {"offer": "1", "answer": "yes"}, expect(set())),
    ("availability.edit_pattern", "GET"): (
        "/people/{person}/availability",
        None,
        expect(COORDINATING),
    ),
    ("availability.edit_pattern", "POST"): (
        "/people/{person}/availability",
        {},
        expect(COORDINATING),
    ),
    ("availability.add_time_off", "GET"): (
        "/people/{person}/time-off/new",
        None,
        expect(COORDINATING),
    ),
    ("availability.add_time_off", "POST"): (
        "/people/{person}/time-off/new",
        {},
        expect(COORDINATING),
    ),
    ("availability.remove_time_off", "POST"): (
        "/people/{person}/time-off/remove",
        {},
        expect(COORDINATING, 302),
    ),
    ("availability.add_do_not_pair", "GET"): (
        "/people/{person}/do-not-pair/new",
        None,
        expect(COORDINATING),
    ),
    ("availability.add_do_not_pair", "POST"): (
        "/people/{person}/do-not-pair/new",
        {},
        expect(COORDINATING),
    ),
    ("availability.remove_do_not_pair", "POST"): (
        "/people/{person}/do-not-pair/remove",
        {},
        expect(COORDINATING, 302),
    ),
    ("availability.add_partner", "GET"): (
        "/people/{person}/partners/new",
        None,
        expect(COORDINATING),
    ),
    ("availability.add_partner", "POST"): (
        "/people/{person}/partners/new",
        {},
        expect(COORDINATING),
    ),
    ("availability.remove_partner", "POST"): (
        "/people/{person}/partners/remove",
        {},
        expect(COORDINATING, 302),
    ),
    ("availability.my_availability", "GET"): ("/my-availability", None, expect(SIGNED_IN)),
    ("availability.my_availability", "POST"): ("/my-availability", {}, expect(set())),
    ("availability.add_my_time_off", "GET"): ("/my-availability/time-off/new", None, expect(set())),
    ("availability.add_my_time_off", "POST"): ("/my-availability/time-off/new", {}, expect(set())),
    ("availability.remove_my_time_off", "POST"): (
        "/my-availability/time-off/remove",
        {},
        expect(set()),
    ),
    ("autofill.auto_fill", "GET"): ("/sessions/auto-fill", None, expect(COORDINATING)),
    ("autofill.auto_fill", "POST"): ("/sessions/auto-fill", {}, expect(COORDINATING)),
    # pay: coordinators record attendance, approve and issue letters; finance pays and
    # exports; a person sees their own money and letters (tests/payments covers owners)
    ("payments.record_attendance", "GET"): (
        "/sessions/{session}/attendance",
        None,
        expect(COORDINATING),
    ),
    ("payments.record_attendance", "POST"): (
        "/sessions/{session}/attendance",
        {},
        expect(COORDINATING),
    ),
    ("payments.session_pay", "GET"): ("/sessions/{session}/pay", None, expect(COORDINATING)),
    ("payments.approve_session_pay", "POST"): (
        "/sessions/{session}/pay/approve",
        {},
        expect(COORDINATING, 302),
    ),
    ("payments.approve_line", "POST"): ("/pay/lines/{line}/approve", {}, expect(COORDINATING, 302)),
    ("payments.reject_line", "GET"): ("/pay/lines/{line}/reject", None, expect(COORDINATING)),
    ("payments.reject_line", "POST"): ("/pay/lines/{line}/reject", {}, expect(COORDINATING)),
    ("payments.claim_expense", "GET"): (
        "/sessions/{session}/expenses/new",
        None,
        expect(COORDINATING),
    ),
    ("payments.claim_expense", "POST"): (
        "/sessions/{session}/expenses/new",
        {},
        expect(COORDINATING),
    ),
    # the record's expense has no receipt file: those allowed in get 404
    ("payments.show_receipt", "GET"): (
        "/expenses/{expense}/receipt",
        None,
        expect(COORDINATING | {"finance"}, 404),
    ),
    ("payments.download_letter", "GET"): (
        "/letters/{letter}.pdf",
        None,
        expect(COORDINATING | {"finance"}),
    ),
    ("payments.issue_recognition", "GET"): (
        "/people/{person}/recognition-letter",
        None,
        expect(COORDINATING),
    ),
    ("payments.issue_recognition", "POST"): (
        "/people/{person}/recognition-letter",
        {},
        expect(COORDINATING),
    ),
    ("payments.my_money", "GET"): ("/my-money", None, expect(SIGNED_IN)),
    ("finance.list_lines", "GET"): ("/finance/lines", None, expect({"admin", "finance"})),
    ("finance.export_lines", "GET"): ("/finance/lines.csv", None, expect({"admin", "finance"})),
    ("finance.create_pay_run", "GET"): (
        "/finance/pay-runs/new",
        None,
        expect({"admin", "finance"}),
    ),
    ("finance.create_pay_run", "POST"): ("/finance/pay-runs/new", {}, expect({"admin", "finance"})),
    ("finance.show_pay_run", "GET"): (
        "/finance/pay-runs/{run}",
        None,
        expect({"admin", "finance"}),
    ),
    ("finance.mark_pay_run_paid", "POST"): (
        "/finance/pay-runs/{run}/paid",
        {},
        expect({"admin", "finance"}),
    ),
    ("finance.pay_run_pdf", "GET"): (
        "/finance/pay-runs/{run}/letters.pdf",
        None,
        expect({"admin", "finance"}),
    ),
    ("finance.pay_run_zip", "GET"): (
        "/finance/pay-runs/{run}/letters.zip",
        None,
        expect({"admin", "finance"}),
    ),
    ("finance.pay_run_csv", "GET"): (
        "/finance/pay-runs/{run}/payroll.csv",
        None,
        expect({"admin", "finance"}),
    ),
    ("finance.rate_card", "GET"): ("/finance/rates", None, expect(COORDINATING | {"finance"})),
    ("finance.add_rate", "GET"): ("/finance/rates/new", None, expect({"admin", "finance"})),
    ("finance.add_rate", "POST"): ("/finance/rates/new", {}, expect({"admin", "finance"})),
}

WITH_IDS = sorted(key for key, (path, _, _) in PAGES.items() if "{" in path)


@pytest.fixture
def records(db):
    """One saved record of each kind, so pages have real ids."""
    programme = factories.make_programme()
    ids = {
        "programme": programme.id,
        "venue": factories.make_venue().id,
        "person": factories.make_person(roles=[programme.seats[0].delivery_role]).id,
        "session": factories.make_session(programme=programme).id,
        "user": factories.make_user(roles={"finance"}).id,
    }
    session = db.session.get(TrainingSession, ids["session"])
    person = db.session.get(Person, ids["person"])
    ids["assignment"] = factories.make_assignment(
        session=session,
        person=person,
        role=programme.seats[0].delivery_role,
        status=OfferStatus.OFFERED,
    ).id
    ids |= make_money_records(person=person, session=session)
    db.session.commit()  # as if saved by an earlier request (a view's rollback keeps them)
    return ids


def request(client, method: str, path: str, data):
    return client.post(path, data=data) if method == "POST" else client.get(path)


def signed_in_client(app, role: str):
    """A client of its own for `role`, signed in through the real form (anonymous: not)."""
    client = app.test_client()
    if role != "anonymous":
        user = factories.make_user(roles={role})
        response = client.post(
            "/sign-in", data={"email": user.email, "password": factories.PASSWORD}
        )
        assert response.status_code == 302
    return client


def statuses_by_role(app, method: str, path: str, data, roles=ROLES) -> dict[str, int]:
    statuses = {}
    for role in roles:
        response = request(signed_in_client(app, role), method, path, data)
        statuses[role] = response.status_code
        binary = not response.mimetype.startswith("text/")  # PDF, ZIP
        body = "" if binary else response.get_data(as_text=True)
        if response.status_code == 403:
            assert "You cannot see this page" in body, f"{role}: 403 without the error page"
        if response.status_code == 404:
            assert "Page not found" in body, f"{role}: 404 without the error page"
        if role == "anonymous" and response.status_code == 302 and path != "/sign-in":
            assert response.location.startswith("/sign-in?next="), response.location
    return statuses


def test_every_route_has_a_permission_entry(app):
    routes = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in UNCHECKED
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes - set(PAGES) == set(), "add these routes to the permission matrix"
    assert set(PAGES) - routes == set(), "these matrix entries match no route"


def test_the_matrix_keeps_the_house_rules():
    """Admins may do what coordinators do; finance and trainers never reach coordinator pages."""
    coordinator_pages = ("courses.", "people.", "scheduling.", "dashboards.coordinator")
    for (endpoint, _method), (_, _, statuses) in PAGES.items():
        if statuses["coordinator"] != 403:
            assert statuses["admin"] == statuses["coordinator"], endpoint
        if endpoint.startswith(coordinator_pages):
            assert statuses["finance"] == statuses["trainer"] == 403, endpoint
    everyone = {"anonymous": 302, **dict.fromkeys(SIGNED_IN, 200)}
    assert PAGES["dashboards.my_sessions", "GET"][2] == everyone


@pytest.mark.parametrize(("endpoint", "method"), sorted(PAGES))
def test_matrix_paths_reach_their_endpoint(app, endpoint, method):
    path = PAGES[endpoint, method][0].format(
        programme=1,
        venue=1,
        person=1,
        session=1,
        user=1,
        assignment=1,
        line=1,
        expense=1,
        letter=1,
        run=1,
    )
    adapter = app.url_map.bind("localhost")
    assert adapter.match(path, method=method)[0] == endpoint


#: files drawn in the background: 202 (a page saying they are being drawn) until they are ready
DRAWN_IN_BACKGROUND = {("finance.pay_run_pdf", "GET"), ("finance.pay_run_zip", "GET")}


@pytest.mark.parametrize(("endpoint", "method"), sorted(PAGES))
def test_permission_matrix(app, records, endpoint, method):
    """Each role, signed in on a client of its own, gets the status in the matrix row."""
    path, data, expected = PAGES[endpoint, method]
    statuses = statuses_by_role(app, method, path.format(**records), data)
    if (endpoint, method) in DRAWN_IN_BACKGROUND:
        statuses = {role: 200 if status == 202 else status for role, status in statuses.items()}
    assert statuses == expected


@pytest.mark.parametrize(("endpoint", "method"), WITH_IDS)
def test_unknown_ids(app, db, endpoint, method):
    """Unknown ids are 404 for those allowed in, and reveal nothing to anyone else."""
    path, data, _ = PAGES[endpoint, method]
    unknown = dict.fromkeys(
        (
            "programme",
            "venue",
            "person",
            "session",
            "user",
            "assignment",
            "line",
            "expense",
            "letter",
            "run",
        ),
        999999,
    )
    statuses = statuses_by_role(
        app, method, path.format(**unknown), data, roles=("anonymous", "admin", "trainer")
    )
    assert statuses == {"anonymous": 302, "admin": 404, "trainer": 403}


def sign_in_as(role: str, login):
    if role != "anonymous":
        login(role)


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("admin", "/admin/accounts"),
        ("coordinator", "/coordinator"),
        ("finance", "/finance"),
        ("trainer", "/home"),
        ("anonymous", "/sign-in?next=%2F"),
    ],
)
def test_home_sends_each_role_to_its_landing_page(client, login, role, landing):
    sign_in_as(role, login)
    response = client.get("/")
    assert response.status_code == 302
    assert response.location == landing


@pytest.mark.parametrize(
    ("endpoint", "method"),
    sorted(k for k in PAGES if k[1] == "POST" and (k[0], "GET") not in PAGES),
)
def test_post_only_routes_refuse_get(client, login, records, endpoint, method):
    login("admin")
    path = PAGES[endpoint, method][0].format(**records)
    response = client.get(path)
    assert response.status_code == 405
    assert "That action is not available on this page." in response.get_data(as_text=True)


def test_a_coordinator_who_also_does_finance_sees_both(client, login, records):
    login(factories.make_user(roles={Role.COORDINATOR, Role.FINANCE}))
    for path in ("/coordinator", "/finance", "/my-sessions", "/people/{person}".format(**records)):
        assert client.get(path).status_code == 200, path
    assert client.get("/admin/accounts").status_code == 403


def test_a_trainer_with_a_profile_sees_their_own_sessions(client, login, records, db):
    session = db.session.get(TrainingSession, records["session"])
    role = session.programme.seats[0].delivery_role
    person = factories.make_person(roles=[role], name="Robin Tester")
    factories.make_assignment(session=session, person=person, role=role)
    user = factories.make_user(roles={"trainer"}, person=person)
    login(user)
    body = client.get("/my-sessions").get_data(as_text=True)
    assert session.programme.name in body
    assert client.get(f"/sessions/{session.id}").status_code == 403
    assert client.get(f"/people/{person.id}").status_code == 403


def test_signed_out_user_is_anonymous_again(client, login):
    login("coordinator")
    assert client.get("/coordinator").status_code == 200
    assert client.post("/sign-out").status_code == 302
    assert client.get("/coordinator").status_code == 302


def test_ids_that_are_not_numbers_are_not_found(client, login):
    login("admin")
    for path in (
        "/programmes/abc",
        "/venues/1.5/edit",
        "/people/-1",
        "/sessions/%20/edit",
        "/admin/accounts/x",
    ):
        assert client.get(path).status_code == 404, path
