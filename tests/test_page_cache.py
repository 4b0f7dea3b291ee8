"""Cached page bodies: the dashboard and session list show every change at once, to everyone."""

import re
from datetime import timedelta

import pytest
import time_machine
from flask import flash, render_template_string
from flask_login import login_user
from flask_migrate import upgrade
from sqlalchemy import insert, select, text, update

from tests import factories
from tests.factories import person_data, session_data
from tests.helpers import account_form, count_queries, saved, sign_in, signed_in_browser
from tests.settings import TEST_DATABASE_URL, suite_config
from trainer import create_app, pagecache, stamped_cache
from trainer.clock import utc_now
from trainer.dashboards import views as dashboard_views
from trainer.extensions import db as _db
from trainer.models import (
    Assignment,
    DataVersion,
    OfferStatus,
    SessionStatus,
    TrainingSession,
    User,
)
from trainer.stamped_cache import StampedCache

DASHBOARD, SESSIONS = "/coordinator", "/sessions/"


@pytest.fixture
def week(db):
    """An online programme with three sessions in the coming week."""
    roles = factories.make_trio()
    programme = factories.make_programme(roles=roles, name="Tier 1")
    soon = factories.days_ahead(2, 10)
    sessions = [
        factories.make_session(
            programme=programme, starts_at=soon + timedelta(days=n), status=SessionStatus.SCHEDULED
        )
        for n in range(3)
    ]
    saved(db)
    return roles, programme, sessions


@pytest.fixture
def still_clock():
    """The wall clock stands still: the minute and the day a page is kept for do not turn."""
    with time_machine.travel(utc_now(), tick=False) as traveller:
        yield traveller


def text_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def csrf_token(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def stamp(db) -> str:
    return db.session.scalar(select(DataVersion.stamp)) or ""


def test_a_repeat_visit_reuses_the_body_and_runs_no_page_queries(
    client, login, db, week, still_clock
):
    login("coordinator")
    for url in (DASHBOARD, SESSIONS):
        first = text_of(client, url)
        with count_queries(db) as statements:
            again = text_of(client, url)
        assert again == first
        assert len(statements) <= 3, statements  # the user, the stamp (and BEGIN)


def test_editing_a_session_shows_at_once_on_the_list_and_the_dashboard(client, login, db, week):
    _, programme, sessions = week
    login("coordinator")
    before = {url: text_of(client, url) for url in (DASHBOARD, SESSIONS)}
    day = (sessions[0].starts_at + timedelta(days=1)).date().isoformat()
    data = session_data(
        {"online": programme}, day=day, start_time="14:15", meeting_url=sessions[0].meeting_url
    )
    assert client.post(f"/sessions/{sessions[0].id}/edit", data=data).status_code == 302
    for url, old in before.items():
        page = text_of(client, url)
        assert page != old
        assert "2:15pm" in page and "2:15pm" not in old


def test_a_new_assignment_shows_at_once(client, login, db, week):
    roles, _, sessions = week
    login("coordinator")
    assert "0 of 3" in text_of(client, DASHBOARD)
    assert "0 of 3" in text_of(client, SESSIONS)
    person = factories.make_person(roles=[roles[0]], name="Ada Offered")
    factories.make_assignment(
        session=sessions[0], person=person, role=roles[0], status=OfferStatus.OFFERED
    )
    saved(db)  # as another worker, a CLI command or a service would
    dashboard = text_of(client, DASHBOARD)
    assert "1 still to answer" in dashboard and "Ada Offered" in dashboard
    assert "1 of 3" in text_of(client, SESSIONS)


def test_a_bulk_insert_through_the_session_changes_the_stamp(client, login, db, week):
    roles, _, sessions = week
    person = factories.make_person(roles=[roles[1]])
    saved(db)
    login("coordinator")
    assert "0 of 3" in text_of(client, SESSIONS)
    db.session.execute(
        insert(Assignment),
        [
            {
                "session_id": s.id,
                "person_id": person.id,
                "delivery_role_id": roles[1].id,
                "offer_status": OfferStatus.ACCEPTED,
                "override_reason": "",
            }
            for s in sessions
        ],
    )
    saved(db)
    assert text_of(client, SESSIONS).count("1 of 3") == 3


def test_a_name_change_shows_at_once(client, login, db, week):
    roles, programme, sessions = week
    person = factories.make_person(roles=[roles[1]], name="Sam Old")
    factories.make_assignment(
        session=sessions[1], person=person, role=roles[1], status=OfferStatus.OFFERED
    )
    saved(db)
    login("coordinator")
    assert "Sam Old" in text_of(client, DASHBOARD)
    data = person_data(([None, roles[1]], programme), full_name="Sam New")
    assert client.post(f"/people/{person.id}/edit", data=data).status_code == 302
    page = text_of(client, DASHBOARD)
    assert "Sam New" in page and "Sam Old" not in page


def test_the_body_is_shared_but_the_header_is_each_users_own(app, db, week):
    pages = []
    for user in (factories.make_user(), factories.make_user()):
        saved(db)
        browser = app.test_client()
        assert (
            browser.post(
                "/sign-in", data={"email": user.email, "password": factories.PASSWORD}
            ).status_code
            == 302
        )
        pages.append((user.email, text_of(browser, SESSIONS)))
    (first, first_page), (second, second_page) = pages
    assert first in first_page and second not in first_page
    assert second in second_page and first not in second_page
    assert csrf_token(first_page) != csrf_token(second_page)
    assert main(first_page) == main(second_page)


def test_someone_else_signing_in_on_the_same_browser_gets_their_own_page(app, db, week):
    first, second = [factories.make_user(roles={"coordinator"}) for _ in range(2)]
    saved(db)
    browser = signed_in_browser(app, first)
    for _ in range(2):  # the page is kept for this browser
        assert first.email in text_of(browser, SESSIONS)
    assert browser.post("/sign-out").status_code == 302
    sign_in(browser, second)  # the same browser session (and CSRF token) as before
    page = text_of(browser, SESSIONS)
    assert second.email in page and first.email not in page


def test_flashed_messages_show_on_a_cached_page(client, login, db, week):
    login("coordinator")
    text_of(client, SESSIONS)
    with client.session_transaction() as browser_session:
        browser_session["_flashes"] = [("success", "Flashed for this visit")]
    assert "Flashed for this visit" in text_of(client, SESSIONS)
    assert "Flashed for this visit" not in text_of(client, SESSIONS)


def flash_while_loading_the_dashboard(monkeypatch, *, times: int) -> None:
    """The dashboard's `load()` flashes a message on its first `times` runs."""
    runs, original = [], dashboard_views._dashboard

    def load(now):
        runs.append(now)
        if len(runs) <= times:
            flash("Noticed while loading")
        return original(now)

    monkeypatch.setattr(dashboard_views, "_dashboard", load)


def test_a_message_flashed_while_loading_is_not_kept_in_the_page(
    client, login, db, week, still_clock, monkeypatch
):
    login("coordinator")
    flash_while_loading_the_dashboard(monkeypatch, times=1)
    assert "Noticed while loading" in text_of(client, DASHBOARD)
    assert "Noticed while loading" not in text_of(client, DASHBOARD)


def test_a_message_flashed_while_loading_reaches_everyone_who_loads_the_page(
    app, db, week, still_clock, monkeypatch
):
    users = [factories.make_user(roles={"coordinator"}) for _ in range(2)]
    saved(db)
    flash_while_loading_the_dashboard(monkeypatch, times=99)
    for user in users:  # the same body for both: neither misses the message
        browser = signed_in_browser(app, user)
        assert "Noticed while loading" in text_of(browser, DASHBOARD)


def test_roles_are_part_of_the_key(app, db):
    keys = []
    for roles in (("admin",), ("coordinator",), ("coordinator", "admin")):
        with app.test_request_context(SESSIONS):
            login_user(factories.make_user(roles=roles))
            keys.append(pagecache.request_key("same", ()))
    assert len(set(keys)) == 3


def test_query_strings_that_mean_the_same_share_a_key(app, db):
    keys = []
    for url in (
        "/sessions/?page=2&per_page=10",
        "/sessions/?per_page=10&page=2",
        "/sessions/?page=2&per_page=10&utm_source=email&submit=y",
        "/sessions/?page=2&page=1&per_page=10",
        "/sessions/?page=1&page=2&per_page=10",
    ):
        with app.test_request_context(url):
            keys.append(pagecache.request_key(None, ("page", "per_page")))
    assert keys[0] == keys[1] == keys[2]  # order and parameters the page never reads: one entry
    assert keys[3] != keys[4]  # the first value is the one a view reads


def test_pages_at_different_paths_never_share_an_entry(app, db, monkeypatch):
    """A page for one person (`/people/1`) must never be served for another (`/people/2`)."""
    user = factories.make_user(roles={"coordinator"})
    saved(db)

    def draw(template, *, body_only=False, page_body=None, **context):
        return page_body if page_body is not None else f"Person {context['person_id']}"

    monkeypatch.setattr(pagecache, "render_template", draw)
    pages = []
    for person_id in (1, 2, 1, 2):
        with app.test_request_context(f"/people/{person_id}"):
            login_user(user)
            shown = {"person_id": person_id}
            pages.append(pagecache.render_cached("any.html", shown.copy, vary=None))
    assert pages == ["Person 1", "Person 2", "Person 1", "Person 2"]


def test_parameters_the_list_does_not_read_are_not_carried_into_its_links(client, login, db, week):
    _, programme, sessions = week
    for n in range(9):  # 12 sessions: two pages of 10
        factories.make_session(
            programme=programme, starts_at=sessions[0].starts_at + timedelta(hours=n + 1)
        )
    saved(db)
    login("coordinator")
    page = text_of(client, f"{SESSIONS}?per_page=10&utm_source=email")
    assert "page=2" in page and "per_page=10" in page and "utm_source" not in page


def test_a_filter_with_errors_is_not_cached_and_shows_its_errors(client, login, db, week):
    login("coordinator")
    for _ in range(2):
        page = text_of(client, f"{SESSIONS}?date_from=2026-02-30")
        assert "There is a problem" in page and "<title>Error:" in page
    assert "There is a problem" not in text_of(client, SESSIONS)


def test_failed_sign_ins_and_rollbacks_keep_the_stamp(client, db, week):
    before = stamp(db)
    assert before
    client.post("/sign-in", data={"email": "nobody@example.org", "password": "wrong password"})
    assert stamp(db) == before
    factories.make_person(name="Never saved")
    db.session.rollback()
    db.session.commit()
    assert stamp(db) == before


def test_every_committed_change_gets_a_new_stamp(db, week):
    _, _, sessions = week
    seen = {stamp(db)}
    sessions[0].notes = "Changed"
    db.session.commit()
    seen.add(stamp(db))
    assert sessions[0].notes == "Changed"
    sessions[0].notes = "Changed"  # the same value: nothing changed
    db.session.commit()
    seen.add(stamp(db))
    db.session.delete(sessions[2])
    db.session.commit()
    seen.add(stamp(db))
    assert len(seen) == 3


def test_a_body_that_asks_for_a_csrf_token_is_not_kept(app, db, monkeypatch):
    monkeypatch.setattr(
        pagecache,
        "render_template",
        lambda *args, **context: render_template_string("{{ csrf_token() }}"),
    )
    with app.test_request_context("/"):
        assert pagecache._render_body("any.html", {}, 0) is None


def test_two_workers_on_one_database_each_see_the_others_change(tmp_path):
    """Two app processes (gunicorn workers) with their own caches and one database file."""
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    workers = [create_app("test", suite_config(url)) for _ in range(2)]
    with workers[0].app_context():
        upgrade()
    each_sees_the_others_change(workers, workers[0])


@pytest.mark.postgres
@pytest.mark.skipif(
    not TEST_DATABASE_URL.startswith("postgresql"), reason="needs PostgreSQL (TEST_DATABASE_URL)"
)
def test_two_workers_on_postgresql_each_see_the_others_change(app, committed):
    """As above, on the production database, with real commits (cleaned up afterwards)."""
    workers = [create_app("test", suite_config()) for _ in range(2)]
    each_sees_the_others_change(workers, app)


def each_sees_the_others_change(workers, setup_app) -> None:
    with setup_app.app_context():
        coordinator = factories.make_user()
        programme = factories.make_programme(name="Tier 1")
        soon = factories.days_ahead(3, 10)
        session = factories.make_session(programme=programme, starts_at=soon)
        _db.session.commit()
        email, session_id, programme_id = coordinator.email, session.id, programme.id
        meeting_url = session.meeting_url
    browsers = []
    for worker in workers:
        browser = worker.test_client()
        assert (
            browser.post(
                "/sign-in", data={"email": email, "password": factories.PASSWORD}
            ).status_code
            == 302
        )
        assert "10am" in text_of(browser, SESSIONS)
        assert "10am" in text_of(browser, SESSIONS)  # now from the worker's cache
        browsers.append(browser)
    day = factories.days_ahead(4).date().isoformat()
    data = session_data(
        {"online": type("P", (), {"id": programme_id})},
        day=day,
        start_time="15:45",
        meeting_url=meeting_url,
    )
    assert browsers[0].post(f"/sessions/{session_id}/edit", data=data).status_code == 302
    assert "3:45pm" in text_of(browsers[1], SESSIONS)
    assert "3:45pm" in text_of(browsers[1], DASHBOARD)
    with setup_app.app_context():  # the other way round: an account change in one worker
        user = _db.session.scalar(select(User).where(User.email == email))
        user.is_enabled = False
        _db.session.commit()
    response = browsers[1].get(SESSIONS)
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    for worker in workers:
        with worker.app_context():
            _db.engine.dispose()


# -- the signed-in user and the whole page, kept per worker -----------------------------------


def test_a_repeat_visit_reads_only_the_stamp(client, login, db, week, still_clock):
    login("coordinator")
    text_of(client, DASHBOARD)
    with count_queries(db) as statements:
        text_of(client, DASHBOARD)
    assert [s for s in statements if s.strip().upper() != "BEGIN"] == [
        s for s in statements if "data_versions" in s
    ]
    assert len(statements) <= 2, statements


def test_taking_away_a_role_shuts_the_page_on_the_next_request(app, client, login, db, week):
    coordinator = factories.make_user(roles={"coordinator"})
    saved(db)
    browser = signed_in_browser(app, coordinator)
    assert browser.get(SESSIONS).status_code == 200
    assert browser.get(SESSIONS).status_code == 200  # the user and the page both kept
    login("admin")
    response = client.post(
        f"/admin/accounts/{coordinator.id}", data=account_form(coordinator, roles=["finance"])
    )
    assert response.status_code == 302
    assert browser.get(SESSIONS).status_code == 403
    assert browser.get(DASHBOARD).status_code == 403


def test_a_disabled_account_is_signed_out_on_its_next_request(app, client, login, db, week):
    coordinator = factories.make_user(roles={"coordinator"})
    saved(db)
    browser = signed_in_browser(app, coordinator)
    assert browser.get(DASHBOARD).status_code == 200
    login("admin")
    assert client.post(f"/admin/accounts/{coordinator.id}/disable").status_code == 302
    response = browser.get(DASHBOARD)
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_a_change_made_outside_the_app_reaches_the_signed_in_user_within_a_minute(
    app, db, week, monkeypatch
):
    coordinator = factories.make_user(roles={"coordinator"})
    saved(db)
    user_id = coordinator.id
    browser = signed_in_browser(app, coordinator)
    db.session.expunge_all()  # requests here share the test's session: start as a worker would
    assert browser.get(DASHBOARD).status_code == 200
    # as psql would: no ORM session, so no new stamp
    db.session.connection().execute(
        text("UPDATE users SET is_enabled = false WHERE id = :id"), {"id": user_id}
    )
    db.session.expunge_all()
    assert browser.get(DASHBOARD).status_code == 200  # kept for now
    later = stamped_cache.monotonic() + 61
    monkeypatch.setattr(stamped_cache, "monotonic", lambda: later)
    assert browser.get(DASHBOARD).status_code == 302


def test_a_change_made_outside_the_app_shows_on_both_pages_within_a_minute(
    app, db, week, still_clock, monkeypatch
):
    _, _, sessions = week
    session_id = sessions[0].id
    coordinator = factories.make_user(roles={"coordinator"})
    saved(db)
    browser = signed_in_browser(app, coordinator)
    db.session.expunge_all()
    for url in (DASHBOARD, SESSIONS, DASHBOARD, SESSIONS):  # bodies, then whole pages kept
        assert "2:15pm" not in text_of(browser, url)
    # as psql would: not through the ORM session, so no new stamp
    db.session.connection().execute(
        update(TrainingSession)
        .where(TrainingSession.id == session_id)
        .values(starts_at=factories.days_ahead(2, 14, 15), ends_at=factories.days_ahead(2, 15))
    )
    db.session.expunge_all()
    assert "2:15pm" not in text_of(browser, SESSIONS)  # kept for now
    later = stamped_cache.monotonic() + 61
    monkeypatch.setattr(stamped_cache, "monotonic", lambda: later)
    for url in (DASHBOARD, SESSIONS):
        assert "2:15pm" in text_of(browser, url)


def test_a_cached_page_carries_this_browsers_own_working_csrf_token(app, csrf_client, db, week):
    coordinator = factories.make_user(roles={"coordinator"})
    saved(db)
    pages = []
    for _ in range(2):
        browser = app.test_client()
        page = browser.get("/sign-in").get_data(as_text=True)
        assert (
            browser.post(
                "/sign-in",
                data={
                    "email": coordinator.email,
                    "password": factories.PASSWORD,
                    "csrf_token": csrf_token(page),
                },
            ).status_code
            == 302
        )
        text_of(browser, SESSIONS)
        pages.append((browser, text_of(browser, SESSIONS)))  # the second visit: from the cache
    (first, first_page), (second, second_page) = pages
    assert csrf_token(first_page) != csrf_token(second_page)
    assert main(first_page) == main(second_page)
    wrong = second.post("/sign-out", data={"csrf_token": csrf_token(first_page)})
    assert wrong.status_code == 400
    for browser, page in pages:
        response = browser.post("/sign-out", data={"csrf_token": csrf_token(page)})
        assert response.status_code == 302
        assert browser.get(SESSIONS).status_code == 302  # signed out


def test_kept_values_expire_and_follow_the_stamp(monkeypatch):
    kept = StampedCache(max_entries=2, max_age=60)
    clock = [1000.0]
    monkeypatch.setattr(stamped_cache, "monotonic", lambda: clock[0])
    kept.put("a", 1, "one")
    kept.put("a", 2, "two")
    assert kept.get("a", 1) == "one" and kept.get("b", 1) is None
    kept.put("a", 3, "three")  # 2 is now the least recently used
    assert kept.get("a", 2) is None and kept.get("a", 1) == "one"
    clock[0] += 61
    assert kept.get("a", 1) is None
    kept.put("b", 1, "new")
    assert kept.get("a", 3) is None and kept.get("b", 1) == "new"


def test_signing_in_is_not_a_change_of_data(app, client, login, db, week):
    login("coordinator")
    before = stamp(db)
    someone = factories.make_user(roles={"trainer"})
    saved(db)
    after_saving = stamp(db)
    assert after_saving != before  # a new account is a change
    signed_in_browser(app, someone)
    assert someone.last_signed_in_at is not None
    assert stamp(db) == after_saving  # but its signing in is not: nobody's pages are redrawn
    someone.email = "renamed@example.org"
    saved(db)
    assert stamp(db) != after_saving
