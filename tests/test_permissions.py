"""Who reaches which page: every role x every route in the app's URL map -> expected status."""

import pytest

from tests import factories
from tests.factories import make_help_request
from tests.growth.factories import make_growth_records
from tests.helpers import header_problems, make_data_copy, make_failed_message
from tests.jobs.factories import make_failed_job
from tests.learners.factories import link_to_an_employer, make_learner_records
from tests.payments.factories import make_money_records
from tests.permission_matrix import PAGES, ROLES, STAFF_AND_TRAINERS, UNCHECKED
from trainer.models import OfferStatus, Person, Role, TrainingSession


def is_public(statuses: dict[str, int]) -> bool:
    """The same answer for everyone, signed in or not: a page others may link to."""
    return len(set(statuses.values())) == 1


#: pages whose address names a record, behind a sign-in (public pages answer for themselves)
WITH_IDS = sorted(
    key
    for key, (path, _, statuses) in PAGES.items()
    if "{" in path and statuses["anonymous"] == 302 and not is_public(statuses)
)
#: every placeholder in the matrix's paths
PLACEHOLDERS = (
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
    "employer",
    "learner",
    "booking",
    "certified_booking",
    "certificate",
    "contact",
    "open_session",
    "question",
    "booking_token",
    "offer_token",
    "evaluation_token",
    "evaluate_token",
    "export",
    "message",
    "job",
    "check_in",
    "review_session",
    "outcome",
    "help_request",
)


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
    ids["export"] = make_data_copy(person).id
    ids["message"] = make_failed_message(person).id
    ids["job"] = make_failed_job().id
    ids["help_request"] = make_help_request(person).id
    ids |= make_learner_records(programme=programme, session=session)
    ids |= make_growth_records(person=person, programme=programme)
    db.session.commit()  # as if saved by an earlier request (a view's rollback keeps them)
    return ids


def request(client, method: str, path: str, data):
    return client.post(path, data=data) if method == "POST" else client.get(path)


def signed_in_client(app, role: str):
    """A client of its own for `role`, signed in through the real form (anonymous: not)."""
    client = app.test_client()
    if role != "anonymous":
        user = factories.make_user(roles={role})
        if role == "employer":
            link_to_an_employer(user)
        response = client.post(
            "/sign-in", data={"email": user.email, "password": factories.PASSWORD}
        )
        assert response.status_code == 302
    return client


#: pages that send an anonymous visitor to sign in without coming back to them
NO_NEXT = {"/sign-in", "/sign-in/code"}


def statuses_by_role(
    app, method: str, path: str, data, roles=ROLES, *, public: bool = False
) -> dict[str, int]:
    statuses = {}
    for role in roles:
        response = request(signed_in_client(app, role), method, path, data)
        statuses[role] = response.status_code
        problems = header_problems(response, signed_in=role != "anonymous")
        assert problems == [], f"{method} {path} as {role}: {problems}"
        binary = not response.mimetype.startswith("text/")  # PDF, ZIP
        body = "" if binary else response.get_data(as_text=True)
        if response.status_code == 403:
            assert "You cannot see this page" in body, f"{role}: 403 without the error page"
        if response.status_code == 404:
            assert "Page not found" in body, f"{role}: 404 without the error page"
        if (
            role == "anonymous"
            and response.status_code == 302
            and path not in NO_NEXT
            and not public
        ):
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
    everyone = {"anonymous": 302, "employer": 403, **dict.fromkeys(STAFF_AND_TRAINERS, 200)}
    assert PAGES["dashboards.my_sessions", "GET"][2] == everyone


@pytest.mark.parametrize(("endpoint", "method"), sorted(PAGES))
def test_matrix_paths_reach_their_endpoint(app, endpoint, method):
    path = PAGES[endpoint, method][0].format(**dict.fromkeys(PLACEHOLDERS, 1))
    adapter = app.url_map.bind("localhost")
    assert adapter.match(path, method=method)[0] == endpoint


#: files drawn in the background: 202 (a page saying they are being drawn) until they are ready
DRAWN_IN_BACKGROUND = {("finance.pay_run_pdf", "GET"), ("finance.pay_run_zip", "GET")}


@pytest.mark.parametrize(("endpoint", "method"), sorted(PAGES))
def test_permission_matrix(app, records, endpoint, method):
    """Each role, signed in on a client of its own, gets the status in the matrix row, and
    every response its security headers (tests/helpers.py: header_problems)."""
    path, data, expected = PAGES[endpoint, method]
    public = is_public(expected) or path == "/sign-in"
    statuses = statuses_by_role(app, method, path.format(**records), data, public=public)
    if (endpoint, method) in DRAWN_IN_BACKGROUND:
        statuses = {role: 200 if status == 202 else status for role, status in statuses.items()}
    assert statuses == expected


@pytest.mark.parametrize(("endpoint", "method"), WITH_IDS)
def test_unknown_ids(app, db, endpoint, method):
    """Unknown ids are 404 for those allowed in, and reveal nothing to anyone else."""
    path, data, expected = PAGES[endpoint, method]
    unknown = dict.fromkeys(PLACEHOLDERS, 999999)
    statuses = statuses_by_role(
        app, method, path.format(**unknown), data, roles=("anonymous", "admin", "trainer")
    )
    employers_only = expected["employer"] != 403 and expected["admin"] == 403
    admin = 403 if employers_only else 404
    assert statuses == {"anonymous": 302, "admin": admin, "trainer": 403}


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
        ("employer", "/employer"),
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
