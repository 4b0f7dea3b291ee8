""" "When can I work?" in Easy Read: big choices per day, exact times one step further, and
time off said in words."""

import html
import re
from datetime import time, timedelta

from sqlalchemy import select

from tests.portal.factories import make_co_trainer
from trainer.clock import utc_now
from trainer.models import AvailabilityWindow, UnavailablePeriod


def words(response) -> str:
    body = re.sub(r"<svg.*?</svg>", "", response.get_data(as_text=True), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def choices(**days) -> dict:
    data = {"easy": "1", "mode": "set"}
    data |= {f"day_{day}": "no" for day in range(7)}
    data |= {f"day_{day}": value for day, value in days.items()}
    return data


def windows(db, person) -> list[tuple[int, time, time]]:
    found = db.session.scalars(
        select(AvailabilityWindow)
        .where(AvailabilityWindow.person_id == person.id)
        .order_by(AvailabilityWindow.weekday)
    )
    return [(w.weekday, w.start_time, w.end_time) for w in found]


def test_days_as_morning_afternoon_or_whole_day(client, login, db):
    who = make_co_trainer()
    db.session.commit()
    login(who.user)
    page = words(client.get("/my-availability"))
    assert "When can I work?" in page and "Morning is 8am to 1pm." in page
    assert "00:00" not in page and "More choices: set exact times" in page
    response = client.post("/my-availability", data=choices(**{"0": "morning", "2": "whole"}))
    assert response.status_code == 302
    assert windows(db, who.person) == [(0, time(8), time(13)), (2, time(8), time(18))]
    assert "We have saved when you can work." in words(client.get("/my-availability"))


def test_no_day_chosen_shows_the_error_and_keeps_what_was_there(client, login, db):
    who = make_co_trainer()
    db.session.add(
        AvailabilityWindow(person=who.person, weekday=4, start_time=time(10), end_time=time(14))
    )
    db.session.commit()
    login(who.user)
    page = words(client.get("/my-availability"))
    assert "My times now: from 10am to 2pm" in page
    response = client.post("/my-availability", data=choices())
    assert response.status_code == 200
    assert "Choose at least one day you can work" in words(response)
    assert windows(db, who.person) == [(4, time(10), time(14))]
    kept = client.post("/my-availability", data=choices(**{"4": "keep", "5": "afternoon"}))
    assert kept.status_code == 302
    assert windows(db, who.person) == [(4, time(10), time(14)), (5, time(13), time(18))]


def test_any_day_clears_the_pattern(client, login, db):
    who = make_co_trainer()
    db.session.add(
        AvailabilityWindow(person=who.person, weekday=1, start_time=time(8), end_time=time(13))
    )
    db.session.commit()
    login(who.user)
    client.post("/my-availability", data={**choices(), "mode": "any"})
    assert windows(db, who.person) == []


def test_more_choices_is_the_exact_times_form(client, login, db):
    who = make_co_trainer()
    db.session.commit()
    login(who.user)
    exact = words(client.get("/my-availability?more=1"))
    assert "Save working times" in exact and "When can I work?" in exact


def test_time_off_is_said_in_words(client, login, db):
    who = make_co_trainer()
    start = utc_now().replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=3)
    db.session.add(
        UnavailablePeriod(
            person=who.person, starts_at=start, ends_at=start + timedelta(days=2), reason="Holiday"
        )
    )
    db.session.commit()
    login(who.user)
    page = words(client.get("/my-availability"))
    assert re.search(r"From \w+day \d+ \w+( \d{4})? to \w+day \d+ \w+", page)
    assert not re.search(r"\d{4}-\d\d-\d\d", page)
