"""A session whose day has passed can always be closed (delivered with attendance, or not
delivered with a reason), and moving a session keeps its length unless its end is changed on
purpose."""

from sqlalchemy import select

from tests import factories
from tests.factories import session_day
from tests.helpers import page_errors, saved
from trainer.models import AuditEvent, SessionStatus
from trainer.timezones import to_local


def past_empty_session():
    return factories.make_session(starts_at=factories.days_ahead(-4, 10))


def test_a_past_empty_session_can_be_closed_as_not_delivered(db, client, login):
    session = past_empty_session()
    saved(db)
    login("coordinator")
    page = client.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "This session's day has passed. Record what happened to close it." in page
    form = client.get(f"/sessions/{session.id}/cancel").get_data(as_text=True)
    assert "Why did it not go ahead?" in form
    refused = client.post(f"/sessions/{session.id}/cancel", data={"reason": ""})
    assert page_errors(refused) == ["Enter why the session is cancelled"]
    done = client.post(
        f"/sessions/{session.id}/cancel",
        data={"reason": "No learners booked"},
        follow_redirects=True,
    )
    assert "Recorded: the session did not go ahead." in done.get_data(as_text=True)
    assert session.status is SessionStatus.CANCELLED
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "session.cancelled"))
    assert event.reason == "No learners booked"


def test_a_past_empty_session_can_be_closed_as_delivered(db, client, login):
    session = past_empty_session()
    saved(db)
    login("coordinator")
    path = f"/sessions/{session.id}/attendance"
    assert "Nobody accepted a seat" in client.get(path).get_data(as_text=True)
    response = client.post(path, data={"learners_count": "7"})
    assert response.status_code == 302
    assert session.status is SessionStatus.DELIVERED and session.learners_count == 7


def test_marking_a_past_draft_delivered_goes_through_its_attendance(db, client, login):
    session = past_empty_session()
    saved(db)
    login("coordinator")
    response = client.post(f"/sessions/{session.id}/status", data={"status": "delivered"})
    assert response.location.endswith(f"/sessions/{session.id}/attendance")
    assert session.status is SessionStatus.DRAFT


def edit(client, session, **changes):
    start, end = to_local(session.starts_at), to_local(session.ends_at)
    data = {
        "programme_id": str(session.programme_id),
        "day": session_day().isoformat(),
        "start_time": f"{start:%H:%M}",
        "end_time": f"{end:%H:%M}",
        "venue_id": str(session.venue_id),
        "meeting_url": "",
        "capacity": str(session.capacity),
        "what_to_bring": "",
        "notes": "",
    }
    return client.post(f"/sessions/{session.id}/edit", data=data | changes)


def a_day_session():
    programme = factories.make_programme(online=False, duration=420)
    venue = factories.make_venue()
    starts = factories.days_ahead(7, 9, 30)
    return factories.make_session(programme=programme, venue=venue, starts_at=starts)


def local_times(session) -> tuple[str, str]:
    return f"{to_local(session.starts_at):%H:%M}", f"{to_local(session.ends_at):%H:%M}"


def test_moving_a_session_keeps_its_length(db, client, login):
    session = a_day_session()
    saved(db)
    login("coordinator")
    assert edit(client, session, start_time="10:00").status_code == 302
    assert local_times(session) == ("10:00", "17:00")  # still a 7-hour day
    assert session.duration_minutes == 420


def test_an_end_time_changed_on_purpose_is_kept(db, client, login):
    session = a_day_session()
    saved(db)
    login("coordinator")
    assert edit(client, session, start_time="10:00", end_time="16:00").status_code == 302
    assert local_times(session) == ("10:00", "16:00")
