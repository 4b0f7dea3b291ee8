"""Feeds and downloads through the app: what calendar apps fetch, parse and keep in sync."""

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import vDuration

from tests import factories
from tests.calendars.app_factories import (
    check_calendar,
    events_by_uid,
    feed_url,
    make_team,
    own_assignment,
    take_off,
)
from tests.calendars.factories import HOSTILE
from trainer.calendars import feed_rows, notify
from trainer.calendars import service as calendar_service
from trainer.clock import utc_now
from trainer.models import CalendarCopy, OfferStatus, Reminders, Role, SessionStatus
from trainer.sessions import service as sessions_service

UTC = UTC


def fetch(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.status_code
    return response


def only_event(client, url):
    calendar, _ = check_calendar(fetch(client, url).data)
    [event] = calendar.walk("VEVENT")
    return event


def move(session, *, hours: int) -> None:
    details = sessions_service.SessionDetails(
        programme=session.programme,
        starts_at=session.starts_at + timedelta(hours=hours),
        ends_at=session.ends_at + timedelta(hours=hours),
        venue=session.venue,
        meeting_url=session.meeting_url,
    )
    sessions_service.update_session(session, details, actor=None)


def test_personal_feed_is_a_calendar_apps_accept(client, db):
    team = make_team()
    url = feed_url(team.person)
    db.session.commit()
    response = fetch(client, url, **{"Accept-Encoding": "gzip, deflate"})
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert (
        response.headers["Content-Disposition"] == 'attachment; filename="my-training-sessions.ics"'
    )
    assert "Content-Encoding" not in response.headers
    assert "no-transform" in response.headers["Cache-Control"]
    calendar, parsed = check_calendar(response.data)
    assert str(calendar["X-WR-CALNAME"]).endswith(f"{team.person.full_name}'s sessions")
    assert vDuration.from_ical(str(calendar["X-PUBLISHED-TTL"])) == timedelta(minutes=60)
    assert calendar.refresh_interval == timedelta(minutes=60)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == team.session.calendar_uid
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]).endswith("– " + team.role.name)
    assert "Sam Patel" in str(event["DESCRIPTION"]) and "Ann Smith" in str(event["DESCRIPTION"])
    assert "ORGANIZER" not in event and "ATTENDEE" not in event
    assert "@" not in str(event["DESCRIPTION"])
    assert [str(a["TRIGGER"].to_ical(), "ascii") for a in event.walk("VALARM")] == ["-P1D", "-PT2H"]
    assert parsed.vevent.uid.value == team.session.calendar_uid


def test_ten_am_on_the_day_after_the_march_clock_change(client, db, monkeypatch):
    monkeypatch.setattr(feed_rows, "HISTORY", timedelta(days=36500))
    team = make_team(starts_at=datetime(2026, 3, 30, 9, 0, tzinfo=UTC))
    url = feed_url(team.person)
    db.session.commit()
    body = fetch(client, url).get_data(as_text=True)
    assert "DTSTART;TZID=Europe/London:20260330T100000" in body
    event = only_event(client, url)
    assert event.start.astimezone(UTC) == datetime(2026, 3, 30, 9, 0, tzinfo=UTC)
    assert event.start.replace(tzinfo=None) == datetime(2026, 3, 30, 10, 0)  # noqa: DTZ001 (wall clock)
    invite = client.get(f"/sessions/{team.session.id}/invite.ics")
    assert invite.status_code == 302  # signed out: downloads need signing in


def test_uid_stays_and_sequence_rises_when_the_time_changes(client, db):
    team = make_team()
    url = feed_url(team.person)
    db.session.commit()
    first = only_event(client, url)
    again = only_event(client, url)
    assert str(first["UID"]) == str(again["UID"]) == team.session.calendar_uid
    move(team.session, hours=1)
    db.session.commit()
    changed = only_event(client, url)
    assert str(changed["UID"]) == str(first["UID"])
    assert int(changed["SEQUENCE"]) > int(first["SEQUENCE"])
    assert changed.start - first.start == timedelta(hours=1)


def test_cancelled_session_stays_as_cancelled_for_30_days(client, db):
    team = make_team()
    url = feed_url(team.person)
    db.session.commit()
    before = only_event(client, url)
    sessions_service.change_status(team.session, SessionStatus.CANCELLED, actor=None, reason="Snow")
    db.session.commit()
    event = only_event(client, url)
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert int(event["SEQUENCE"]) > int(before["SEQUENCE"])
    assert not event.walk("VALARM")
    team.session.cancelled_at = utc_now() - timedelta(days=31)
    db.session.commit()
    calendar, _ = check_calendar(fetch(client, url).data)
    assert calendar.walk("VEVENT") == []


def test_person_taken_off_sees_their_copy_cancelled_with_a_higher_sequence(client, db):
    team = make_team()
    url = feed_url(team.person)
    db.session.commit()
    before = only_event(client, url)
    take_off(team)
    db.session.commit()
    event = only_event(client, url)
    assert str(event["UID"]) == str(before["UID"])
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) > int(before["SEQUENCE"])
    # everyone else's copy is unchanged
    other = calendar_service.new_link(person=team.others[0], actor=None)
    db.session.commit()
    theirs = only_event(client, f"/calendar/{other.token}.ics")
    assert str(theirs["STATUS"]) == "CONFIRMED"
    assert team.person.full_name not in str(theirs["DESCRIPTION"])
    copy = db.session.scalars(db.select(CalendarCopy)).one()
    copy.removed_at = utc_now() - timedelta(days=31)
    db.session.commit()
    assert check_calendar(fetch(client, url).data)[0].walk("VEVENT") == []


def test_back_on_the_team_after_being_taken_off_gets_a_higher_sequence_again(client, db):
    team = make_team()
    url = feed_url(team.person)
    take_off(team)
    db.session.commit()
    cancelled = only_event(client, url)
    assignment = own_assignment(team)
    assignment.offer_status = OfferStatus.ACCEPTED
    notify.offer_accepted(assignment, actor=None)
    db.session.commit()
    back = only_event(client, url)
    assert str(back["STATUS"]) == "CONFIRMED"
    assert int(back["SEQUENCE"]) > int(cancelled["SEQUENCE"])


def test_hostile_names_and_venues_cannot_add_lines_or_events(client, db):
    team = make_team(
        name=HOSTILE, venue_values={"name": "Hall; Room 2, " + HOSTILE, "address_line1": HOSTILE}
    )
    team.others[0].full_name = "Zoë\nDESCRIPTION:owned"
    url = feed_url(team.person)
    db.session.commit()
    calendar, parsed = check_calendar(fetch(client, url).data)
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == team.session.calendar_uid
    assert "ATTENDEE" not in event
    assert "END:VEVENT" in str(event["LOCATION"])
    assert "Zoë\nDESCRIPTION:owned" in str(event["DESCRIPTION"])
    assert len(parsed.contents["vevent"]) == 1
    assert parsed.vevent.uid.value == team.session.calendar_uid


def test_revoked_and_replaced_tokens_answer_404(client, db):
    team = make_team()
    url = feed_url(team.person)
    db.session.commit()
    assert client.get(url).status_code == 200
    feed = calendar_service.new_link(person=team.person, actor=None)
    db.session.commit()
    assert client.get(url).status_code == 404
    new_url = f"/calendar/{feed.token}.ics"
    assert client.get(new_url).status_code == 200
    calendar_service.revoke_link(feed, actor=None)
    db.session.commit()
    assert client.get(new_url).status_code == 404
    assert client.get("/calendar/x.ics").status_code == 404
    assert client.get("/calendar/" + "a" * 200 + ".ics").status_code == 404


def test_tokens_are_long_and_random(db):
    tokens = {
        calendar_service.new_link(person=factories.make_person(), actor=None).token
        for _ in range(5)
    }
    assert len(tokens) == 5
    assert all(len(token) >= 43 for token in tokens)  # 32 random bytes = 256 bits


def test_etag_last_modified_and_304(client, db):
    team = make_team()
    url = feed_url(team.person)
    db.session.commit()
    first = fetch(client, url)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag.startswith('"') and not etag.startswith("W/")
    not_modified = client.get(url, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304 and not_modified.data == b""
    assert not_modified.headers["ETag"] == etag
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert fetch(client, url, **{"If-None-Match": '"something-else"'}).data == first.data
    move(team.session, hours=2)
    db.session.commit()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


@pytest.mark.parametrize(
    "change",
    [
        "team member's name",
        "their role name",
        "reminders",
        "venue's address",
        "a team member leaves",
    ],
)
def test_anything_a_reader_sees_changes_the_etag(client, db, change):
    team = make_team()
    url = feed_url(team.person)
    db.session.commit()
    etag = fetch(client, url).headers["ETag"]
    if change == "team member's name":
        team.others[0].full_name = "Samira Patel"
    elif change == "their role name":
        team.role.name = "Autistic expert co-trainer"
    elif change == "reminders":
        calendar_service.set_reminders(team.person, Reminders.NONE, actor=None)
    elif change == "venue's address":
        team.session.venue.address_line1 = "2 New Road"
    else:
        db.session.delete(team.session.assignments[0])
    db.session.commit()
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200, change
    check_calendar(response.data)


def test_reminder_choice_sets_the_alarms(client, db):
    team = make_team()
    url = feed_url(team.person)
    calendar_service.set_reminders(team.person, Reminders.ONE_HOUR, actor=None)
    db.session.commit()
    assert [a["TRIGGER"].to_ical() for a in only_event(client, url).walk("VALARM")] == [b"-PT1H"]
    calendar_service.set_reminders(team.person, Reminders.NONE, actor=None)
    db.session.commit()
    assert only_event(client, url).walk("VALARM") == []


def test_offers_not_yet_accepted_stay_out_of_the_feed(client, db):
    team = make_team()
    own_assignment(team).offer_status = OfferStatus.OFFERED
    url = feed_url(team.person)
    db.session.commit()
    assert check_calendar(fetch(client, url).data)[0].walk("VEVENT") == []


def test_online_session_has_online_location_and_link(client, db):
    team = make_team(online=True)
    url = feed_url(team.person)
    db.session.commit()
    event = only_event(client, url)
    assert str(event["LOCATION"]) == "Online"
    assert str(event["URL"]) == team.session.joining_link
    assert team.session.joining_link in str(event["DESCRIPTION"])


# -- the coordinators' feed --------------------------------------------------------------------


def team_feed_url(user, **args) -> str:
    feed = calendar_service.new_link(user=user, actor=user)
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return f"/calendar/team/{feed.token}.ics" + (f"?{query}" if query else "")


def test_coordinator_feed_shows_every_session_with_filters(client, db):
    first, second = make_team(), make_team()
    draft = factories.make_session(programme=first.session.programme)
    coordinator = factories.make_user(roles={"coordinator"})
    url = team_feed_url(coordinator)
    db.session.commit()
    response = fetch(client, url)
    assert (
        response.headers["Content-Disposition"]
        == 'attachment; filename="all-training-sessions.ics"'
    )
    calendar, _ = check_calendar(response.data)
    events = events_by_uid(calendar)
    assert {first.session.calendar_uid, second.session.calendar_uid, draft.calendar_uid} <= set(
        events
    )
    assert str(events[draft.calendar_uid]["STATUS"]) == "TENTATIVE"
    assert "3 empty seats" in str(events[draft.calendar_uid]["SUMMARY"])
    assert "ORGANIZER" not in response.get_data(as_text=True)
    assert "REFRESH-INTERVAL" in response.get_data(as_text=True)
    only = check_calendar(fetch(client, url + f"?programme={second.session.programme_id}").data)[0]
    assert set(events_by_uid(only)) == {second.session.calendar_uid}
    by_venue = check_calendar(fetch(client, url + f"?venue={first.session.venue_id}").data)[0]
    assert set(events_by_uid(by_venue)) == {first.session.calendar_uid}


def test_coordinator_feed_refuses_bad_filters_and_lost_roles(client, db):
    coordinator = factories.make_user(roles={"coordinator"})
    url = team_feed_url(coordinator)
    db.session.commit()
    assert client.get(url + "?programme=abc").status_code == 400
    assert client.get(url + "?programme=%C2%B2").status_code == 400  # a superscript two
    assert client.get(url + "?programme=99999999999999999999").status_code == 404
    assert client.get(url + "?venue=999999").status_code == 404
    coordinator.roles = {Role.TRAINER}
    db.session.commit()
    assert client.get(url).status_code == 404


def test_personal_token_does_not_open_the_team_feed(client, db):
    team = make_team()
    feed = calendar_service.new_link(person=team.person, actor=None)
    db.session.commit()
    assert client.get(f"/calendar/team/{feed.token}.ics").status_code == 404


# -- one-session downloads ---------------------------------------------------------------------


def test_team_member_downloads_their_own_copy(client, db, login):
    team = make_team()
    user = factories.make_user(roles={"trainer"}, person=team.person)
    db.session.commit()
    login(user)
    response = fetch(client, f"/sessions/{team.session.id}/invite.ics")
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="session-')
    calendar, _ = check_calendar(response.data)
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]).endswith(team.role.name)
    assert "X-WR-CALNAME" not in calendar and "METHOD" not in calendar
    assert (
        client.get(
            f"/sessions/{team.session.id}/invite.ics",
            headers={"If-None-Match": response.headers["ETag"]},
        ).status_code
        == 304
    )


def test_a_trainer_cannot_download_another_persons_invite(client, db, login):
    team, other = make_team(), make_team()
    login(factories.make_user(roles={"trainer"}, person=other.person))
    assert client.get(f"/sessions/{team.session.id}/invite.ics").status_code == 403
    assert client.get("/sessions/999999/invite.ics").status_code == 403
    # an id no record can ever have is no such page, whoever asks
    assert client.get("/sessions/99999999999999999999/invite.ics").status_code == 404


def test_coordinator_downloads_any_session_and_unknown_is_404(client, db, login):
    team = make_team()
    login("coordinator")
    event = only_event(client, f"/sessions/{team.session.id}/invite.ics")
    assert str(event["UID"]) == team.session.calendar_uid
    assert str(event["SUMMARY"]).startswith(team.session.programme.name)
    assert client.get("/sessions/999999/invite.ics").status_code == 404
    assert client.get("/sessions/99999999999999999999/invite.ics").status_code == 404


def test_download_of_a_session_someone_was_taken_off_is_cancelled(client, db, login):
    team = make_team()
    take_off(team)
    login(factories.make_user(roles={"trainer"}, person=team.person))
    event = only_event(client, f"/sessions/{team.session.id}/invite.ics")
    assert str(event["STATUS"]) == "CANCELLED"
