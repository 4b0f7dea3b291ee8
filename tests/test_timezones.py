"""Times are stored in UTC and shown in Europe/London, across the March and October changes."""

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.helpers import page_errors
from trainer.models import TrainingSession

UTC = UTC
GAP = "That time does not exist on this day because the clocks go forward."


@pytest.fixture
def programme(db):
    programme = factories.make_programme(name="Tier 1")
    db.session.commit()
    return programme


def form(programme, day: str, start: str, end: str = "", **extra) -> dict:
    return {
        "programme_id": str(programme.id),
        "day": day,
        "start_time": start,
        "end_time": end,
        "venue_id": "",
        "meeting_url": "https://meet.example.org/tz",
        "capacity": "",
        "notes": "",
        "what_to_bring": "",
        **extra,
    }


def create(client, db, data) -> TrainingSession:
    response = client.post("/sessions/new", data=data)
    assert response.status_code == 302, page_errors(response)
    db.session.expire_all()
    return db.session.get(TrainingSession, int(response.location.rsplit("/", 1)[1]))


def heading(client, session) -> str:
    body = client.get(f"/sessions/{session.id}").get_data(as_text=True)
    return re.search(r'<h1 class="govuk-heading-l">(.*?)</h1>', body, re.S).group(1).strip()


@pytest.mark.parametrize(
    ("day", "stored", "shown"),
    [
        (
            "2026-03-27",
            datetime(2026, 3, 27, 10, 0, tzinfo=UTC),
            "Friday 27 March 2026, 10am to 11am",
        ),
        (
            "2026-03-30",
            datetime(2026, 3, 30, 9, 0, tzinfo=UTC),
            "Monday 30 March 2026, 10am to 11am",
        ),
        (
            "2026-10-23",
            datetime(2026, 10, 23, 9, 0, tzinfo=UTC),
            "Friday 23 October 2026, 10am to 11am",
        ),
        (
            "2026-10-26",
            datetime(2026, 10, 26, 10, 0, tzinfo=UTC),
            "Monday 26 October 2026, 10am to 11am",
        ),
    ],
)
def test_ten_oclock_local_is_stored_in_utc_and_shown_as_ten(
    client, login, db, programme, day, stored, shown
):
    login("coordinator")
    session = create(client, db, form(programme, day, "10:00"))
    assert session.starts_at == stored
    assert session.starts_at.utcoffset().total_seconds() == 0
    assert heading(client, session) == shown


def test_a_summer_session_edited_in_winter_keeps_its_local_time(client, login, db, programme):
    session = factories.make_session(
        programme=programme, starts_at=datetime(2026, 7, 15, 9, 0, tzinfo=UTC)
    )
    session.meeting_url = "https://meet.example.org/tz"
    db.session.commit()
    login("coordinator")
    page = client.get(f"/sessions/{session.id}/edit").get_data(as_text=True)
    assert re.search(r'name="start_time" type="time" value="10:00"', page)
    assert re.search(r'name="end_time" type="time" value="11:00"', page)
    data = form(programme, "2026-07-15", "10:00", "11:00", notes="Room changed")
    assert client.post(f"/sessions/{session.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert session.starts_at == datetime(2026, 7, 15, 9, 0, tzinfo=UTC)
    assert session.sequence == 0  # nothing a calendar shows has changed
    moved = form(programme, "2026-11-18", "10:00", "11:00")
    assert client.post(f"/sessions/{session.id}/edit", data=moved).status_code == 302
    db.session.expire_all()
    assert (session.starts_at, session.ends_at) == (
        datetime(2026, 11, 18, 10, 0, tzinfo=UTC),
        datetime(2026, 11, 18, 11, 0, tzinfo=UTC),
    )
    assert heading(client, session) == "Wednesday 18 November 2026, 10am to 11am"


@pytest.mark.parametrize(
    ("start", "end", "field"), [("01:30", "", "start_time"), ("00:30", "01:15", "end_time")]
)
def test_a_time_lost_when_the_clocks_go_forward_is_a_form_error(
    client, login, db, programme, start, end, field
):
    login("coordinator")
    response = client.post("/sessions/new", data=form(programme, "2026-03-29", start, end))
    assert response.status_code == 200
    assert page_errors(response) == [GAP]
    assert f'href="#{field}"' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(TrainingSession)) == 0


def test_a_session_across_the_march_change_lasts_its_real_length(client, login, db, programme):
    login("coordinator")
    session = create(client, db, form(programme, "2026-03-29", "00:30", "03:30"))
    assert (session.starts_at, session.ends_at) == (
        datetime(2026, 3, 29, 0, 30, tzinfo=UTC),
        datetime(2026, 3, 29, 2, 30, tzinfo=UTC),
    )
    assert session.duration_minutes == 120


def test_the_repeated_october_hour_means_the_first_one(client, login, db, programme):
    login("coordinator")
    session = create(client, db, form(programme, "2026-10-25", "01:30"))
    assert session.starts_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert heading(client, session) == "Sunday 25 October 2026, 1:30am to 1:30am"


def test_the_session_list_filters_by_local_days(client, login, db, programme):
    just_after_midnight = factories.make_session(  # 00:30 on 1 July in London
        programme=programme, starts_at=datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    )
    late_evening = factories.make_session(  # 23:30 on 30 June in London
        programme=programme, starts_at=datetime(2026, 6, 30, 22, 30, tzinfo=UTC)
    )
    winter_late = factories.make_session(  # 23:30 on 1 December: GMT, so the same in UTC
        programme=programme, starts_at=datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
    )
    login("coordinator")

    def listed(query: str) -> set[int]:
        body = client.get(f"/sessions/?{query}").get_data(as_text=True)
        return {int(n) for n in re.findall(r'href="/sessions/(\d+)"', body)}

    assert listed("date_from=2026-07-01&date_to=2026-07-01") == {just_after_midnight.id}
    assert listed("date_from=2026-06-30&date_to=2026-06-30") == {late_evening.id}
    assert listed("date_to=2026-06-30") == {late_evening.id}
    assert listed("date_from=2026-07-01") == {just_after_midnight.id, winter_late.id}
    assert listed("date_from=2026-12-01&date_to=2026-12-01") == {winter_late.id}
    body = client.get("/sessions/?date_from=2026-07-01&date_to=2026-07-01").get_data(as_text=True)
    assert "Wed 1 Jul 2026, 12:30am" in body


def test_times_follow_the_organisations_time_zone(client, login, db, programme, app, monkeypatch):
    monkeypatch.setitem(app.config, "TIMEZONE", "America/New_York")
    login("coordinator")
    session = create(client, db, form(programme, "2026-03-10", "10:00"))  # EDT from 8 March
    assert session.starts_at == datetime(2026, 3, 10, 14, 0, tzinfo=UTC)
    assert heading(client, session) == "Tuesday 10 March 2026, 10am to 11am"
