"""Requests from behind proxies, request ids and logs, and the headers a browser is sent."""

import logging
import re

import pytest

from tests import factories
from tests.helpers import header_problems, page_errors, signed_in_browser
from tests.settings import suite_config
from trainer import create_app, register_proxies
from trainer.security_headers import CONTENT_SECURITY_POLICY

PROXY = "10.0.0.5"
FAILED = "Enter a correct email address and password."


@pytest.fixture
def behind_a_proxy(app, monkeypatch):
    """The suite's app as if TRUSTED_PROXIES were 1 (the setting applied as create_app does)."""
    monkeypatch.setitem(app.config, "TRUSTED_PROXIES", 1)
    monkeypatch.setattr(app, "wsgi_app", app.wsgi_app)
    register_proxies(app)
    return app


def sign_in_from(client, email: str, client_address: str, password="wrong password"):
    return client.post(
        "/sign-in",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": PROXY},
        headers={"X-Forwarded-For": client_address, "X-Forwarded-Proto": "https"},
    )


def test_behind_a_proxy_the_throttle_counts_each_client(behind_a_proxy, client, db):
    """Twenty made-up sign-ins from one client lock that client out, not everyone else."""
    user = factories.make_user()
    for n in range(20):
        assert page_errors(sign_in_from(client, f"guess{n}@example.org", "203.0.113.9")) == [FAILED]
    locked = sign_in_from(client, user.email, "203.0.113.9", factories.PASSWORD)
    assert "too many attempts" in page_errors(locked)[0]
    elsewhere = sign_in_from(client, user.email, "198.51.100.20", factories.PASSWORD)
    assert elsewhere.status_code == 302


def test_a_forged_forwarded_header_counts_for_nothing_without_a_proxy(client, db):
    """With no proxy trusted, X-Forwarded-For is the client's own words: the real address
    is counted, so changing the header does not escape the throttle."""
    user = factories.make_user()
    for n in range(20):
        sign_in_from(client, f"guess{n}@example.org", f"192.0.2.{n}")
    locked = sign_in_from(client, user.email, "192.0.2.200", factories.PASSWORD)
    assert "too many attempts" in page_errors(locked)[0]


def test_one_time_link_requests_count_each_client_behind_a_proxy(behind_a_proxy, client, db):
    limit = behind_a_proxy.config["SIGN_IN_LINK_MAX_PER_ADDRESS"]
    for n in range(limit + 2):
        response = client.post(
            "/sign-in/link",
            data={"email": f"someone{n}@example.org"},
            environ_base={"REMOTE_ADDR": PROXY},
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
        )
        assert page_errors(response) == []


def test_links_made_behind_a_proxy_use_its_scheme(behind_a_proxy, client, login, db):
    person = factories.make_person(name="Robin Proxy")
    factories.make_user(roles={"trainer"}, person=person)
    client.environ_base.update(
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9", HTTP_X_FORWARDED_PROTO="https"
    )
    login("coordinator")
    response = client.post(f"/people/{person.id}/sign-in-link", data={"send": "show"})
    assert "https://localhost/sign-in/link/" in response.get_data(as_text=True)


def test_every_response_has_a_request_id_in_its_header_and_the_log(client, db, caplog):
    caplog.set_level(logging.INFO, logger="heads_together.requests")
    first, second = client.get("/sign-in"), client.get("/sign-in")
    ids = {first.headers["X-Request-ID"], second.headers["X-Request-ID"]}
    assert len(ids) == 2 and all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    lines = [r.getMessage() for r in caplog.records if r.name == "heads_together.requests"]
    assert any(
        line.startswith("GET /sign-in 200 ")
        and f"request_id={first.headers['X-Request-ID']}" in line
        for line in lines
    )


def test_a_proxys_request_id_is_kept_only_when_the_proxy_is_trusted(app, client, db, caplog):
    passed_on = {"X-Request-ID": "edge-1234abcd"}
    assert client.get("/sign-in", headers=passed_on).headers["X-Request-ID"] != "edge-1234abcd"


def test_a_trusted_proxys_request_id_and_client_are_logged(behind_a_proxy, client, db, caplog):
    caplog.set_level(logging.INFO, logger="heads_together.requests")
    response = client.get(
        "/sign-in",
        environ_base={"REMOTE_ADDR": PROXY},
        headers={"X-Request-ID": "edge-1234abcd", "X-Forwarded-For": "203.0.113.9"},
    )
    assert response.headers["X-Request-ID"] == "edge-1234abcd"
    line = next(r.getMessage() for r in caplog.records if r.name == "heads_together.requests")
    assert "client=203.0.113.9" in line and "request_id=edge-1234abcd" in line


def test_secrets_in_paths_and_searches_stay_out_of_the_log(client, login, db, caplog):
    caplog.set_level(logging.INFO, logger="heads_together.requests")
    client.get("/sign-in/link/a-secret-token-0000000000000000000000000")
    login("coordinator")
    client.get("/people/?q=Robin")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "a-secret-token" not in logged and "Robin" not in logged
    assert "GET /sign-in/link/<token> 410" in logged


def test_a_server_error_page_gives_the_reference_to_quote(app, client, login, db, monkeypatch):
    login("coordinator")

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("trainer.people.views.service.list_people", broken)
    response = client.get("/people/")
    assert response.status_code == 500
    reference = response.headers["X-Request-ID"]
    assert f'quote this reference: <span class="ht-reference">{reference}</span>' in (
        response.get_data(as_text=True)
    )


def test_production_sends_hsts_and_other_settings_do_not(db, client):
    assert "Strict-Transport-Security" not in client.get("/sign-in").headers
    production = create_app(
        "production",
        suite_config() | {"SECRET_KEY": "x" * 32, "SQLALCHEMY_DATABASE_URI": "sqlite://"},
    )
    response = production.test_client().get("/sign-in", base_url="https://localhost")
    hsts = response.headers["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains"


def test_pages_carry_a_strict_content_security_policy(client, login, db):
    login("coordinator")
    response = client.get("/coordinator")
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert header_problems(response, signed_in=True) == []


def test_public_files_may_be_cached_and_pages_may_not(client, login, db):
    login("coordinator")
    script = client.get("/static/js/govuk-start.js")
    assert script.status_code == 200 and "no-store" not in script.headers.get("Cache-Control", "")
    assert client.get("/coordinator").headers["Cache-Control"] == "no-store"


def test_a_message_banner_has_one_role(app, db):
    user = factories.make_user(roles={"coordinator"})
    db.session.commit()
    browser = signed_in_browser(app, user)
    venue = {
        "name": "Banner Hall",
        "address_line1": "1 Road",
        "town": "Town",
        "postcode": "AB1 2CD",
    }
    response = browser.post("/venues/new", data=venue, follow_redirects=True)
    body = response.get_data(as_text=True)
    assert "govuk-notification-banner" in body
    assert header_problems(response, signed_in=True) == []
    banner = re.search(r'<div class="govuk-notification-banner[^>]*>', body).group(0)
    assert banner.count("role=") == 1 and 'role="status"' in banner
