"""The Calendar page, feed links on the person page, and the session page's calendar section."""

import re
from datetime import timedelta

from tests import factories
from tests.calendars.app_factories import check_calendar, make_team
from tests.helpers import page_errors
from trainer.calendars import service as calendar_service
from trainer.clock import utc_now
from trainer.models import AuditEvent, CalendarFeed, ReminderChoice, Reminders


def links(body: str) -> dict[str, str]:
    found = re.findall(r'href="((?:webcal|https?)://[^"]+\.ics[^"]*)"', body)
    return {url.split("://")[0]: url.replace("&amp;", "&") for url in found}


def trainer_with_team(login):
    team = make_team()
    user = factories.make_user(roles={"trainer"}, person=team.person)
    login(user)
    return team, user


def test_page_offers_to_make_a_link_then_shows_subscribe_download_and_qr(client, db, login):
    team, _ = trainer_with_team(login)
    body = client.get("/my-calendar").get_data(as_text=True)
    assert "You do not have a calendar link yet." in body
    assert 'href="/my-calendar"' in body  # in the navigation
    response = client.post("/my-calendar/link")
    assert response.status_code == 302 and response.location == "/my-calendar"
    body = client.get("/my-calendar").get_data(as_text=True)
    found = links(body)
    assert found["webcal"].startswith("webcal://localhost/calendar/")
    assert found["http"] == "http" + found["webcal"][len("webcal") :]
    assert '<svg role="img"' in body and "<title>QR code for the subscribe link</title>" in body
    assert "Point your phone's camera at this QR code" in body
    path = found["http"].removeprefix("http://localhost")
    check_calendar(client.get(path).data)
    assert f"/sessions/{team.session.id}/invite.ics" in body


def test_making_a_new_link_stops_the_old_one(client, db, login):
    team, _ = trainer_with_team(login)
    client.post("/my-calendar/link")
    old = links(client.get("/my-calendar").get_data(as_text=True))["http"]
    client.post("/my-calendar/link")
    new = links(client.get("/my-calendar").get_data(as_text=True))["http"]
    assert old != new
    assert client.get(old.removeprefix("http://localhost")).status_code == 404
    assert client.get(new.removeprefix("http://localhost")).status_code == 200
    client.post("/my-calendar/link/revoke")
    assert client.get(new.removeprefix("http://localhost")).status_code == 404
    body = client.get("/my-calendar").get_data(as_text=True)
    assert "You do not have a calendar link yet." in body
    actions = [
        e.action
        for e in db.session.scalars(
            db.select(AuditEvent).where(AuditEvent.entity_type == "calendar_feeds")
        )
    ]
    assert actions == ["calendar_feed.created", "calendar_feed.replaced", "calendar_feed.revoked"]


def test_reminder_choice_is_saved_and_bad_input_gets_a_message(client, db, login):
    team, _ = trainer_with_team(login)
    body = client.get("/my-calendar").get_data(as_text=True)
    assert 'value="day_before_and_2_hours" checked' in body
    response = client.post("/my-calendar/reminders", data={"reminders": "1_hour"})
    assert response.status_code == 302
    assert db.session.get(ReminderChoice, team.person.id).reminders is Reminders.ONE_HOUR
    for bad in ({"reminders": "every_minute"}, {}):
        response = client.post("/my-calendar/reminders", data=bad)
        assert response.status_code == 200
        assert page_errors(response) == ["Choose when you want a reminder"]


def test_coordinator_sees_team_feed_links_with_filters(client, db, login):
    team = make_team()
    login("coordinator")
    body = client.get("/my-calendar").get_data(as_text=True)
    assert "no trainer profile" not in body and "not linked to a trainer profile" in body
    assert client.post("/my-calendar/team-link").status_code == 302
    body = client.get(f"/my-calendar?programme={team.session.programme_id}").get_data(as_text=True)
    found = links(body)
    assert "/calendar/team/" in found["webcal"]
    assert found["http"].endswith(f"?programme={team.session.programme_id}")
    calendar, _ = check_calendar(client.get(found["http"].removeprefix("http://localhost")).data)
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [team.session.calendar_uid]
    bad = client.get("/my-calendar?programme=nonsense")
    assert bad.status_code == 200
    assert page_errors(bad) == ["Choose programme from the list"]
    assert client.post("/my-calendar/team-link/revoke").status_code == 302
    assert client.get(found["http"].removeprefix("http://localhost")).status_code == 404


def test_coordinator_manages_a_persons_link_on_their_page(client, db, login):
    team = make_team()
    login("coordinator")
    page = client.get(f"/people/{team.person.id}").get_data(as_text=True)
    assert "has no calendar link" in page
    response = client.post(f"/people/{team.person.id}/calendar-link")
    assert response.status_code == 302
    assert response.location.endswith(f"/people/{team.person.id}#calendar-link")
    page = client.get(f"/people/{team.person.id}").get_data(as_text=True)
    feed = calendar_service.get_feed(person=team.person)
    assert feed.token in page and "webcal://" in page
    client.post(f"/people/{team.person.id}/calendar-link/revoke")
    assert db.session.scalars(db.select(CalendarFeed)).all() == []
    assert client.post("/people/999999/calendar-link").status_code == 404
    assert client.post("/people/99999999999999999999/calendar-link").status_code == 404


def test_a_trainer_cannot_change_someone_elses_link(client, db, login):
    team = make_team()
    trainer_with_team(login)
    assert client.post(f"/people/{team.person.id}/calendar-link").status_code == 403
    assert client.post("/my-calendar/team-link").status_code == 403


def test_session_page_offers_the_download_and_warns_when_it_is_soon(client, db, login):
    later = make_team()
    soon = make_team(starts_at=utc_now() + timedelta(hours=30))
    login("coordinator")
    page = client.get(f"/sessions/{later.session.id}").get_data(as_text=True)
    assert f"/sessions/{later.session.id}/invite.ics" in page
    assert "48 hours" not in page
    page = client.get(f"/sessions/{soon.session.id}").get_data(as_text=True)
    assert "This session starts within 48 hours" in page


def test_links_need_a_csrf_token(csrf_client, db):
    team = make_team()
    user = factories.make_user(roles={"trainer"}, person=team.person)
    page = csrf_client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page
    )
    csrf_client.post(
        "/sign-in",
        data={"email": user.email, "password": factories.PASSWORD, "csrf_token": token.group(1)},
    )
    assert csrf_client.post("/my-calendar/link").status_code == 400
    assert db.session.scalars(db.select(CalendarFeed)).all() == []
