"""The session list costs the same number of SQL queries whatever the page size (no N+1)."""

import re

from sqlalchemy import func, select

from tests import factories
from tests.helpers import count_queries
from trainer import demo
from trainer.models import Assignment, Person, TrainingSession
from trainer.sessions import listing


def test_session_list_queries_do_not_grow_with_page_size(db, client, login):
    demo.seed(password="demo-password", scale="region")
    assert db.session.scalar(select(func.count()).select_from(TrainingSession)) >= 5000
    assert db.session.scalar(select(func.count()).select_from(Person)) >= 300
    assert db.session.scalar(select(func.count()).select_from(Assignment)) >= 15000
    login("coordinator")
    counts = {}
    for size in (10, 100):
        client.get(f"/sessions/?per_page={size}")  # warm caches, sign-in bookkeeping
        with count_queries(db) as statements:
            response = client.get(f"/sessions/?per_page={size}&page=3")
        assert response.status_code == 200
        rows = re.findall(r'href="/sessions/\d+"', response.get_data(as_text=True))
        assert len(rows) == size
        counts[size] = len(statements)
    assert counts[10] == counts[100], counts
    # the signed-in user, the data stamp, two lists of filter choices, the count, the page of
    # sessions and their team counts
    assert counts[100] <= 7, counts


def test_a_long_list_says_more_than_it_counted(db, client, login, monkeypatch):
    monkeypatch.setattr(listing, "COUNTED_UP_TO", 4)
    programme = factories.make_programme()
    for day in range(6):
        factories.make_session(programme=programme, starts_at=factories.days_ahead(day + 1))
    db.session.commit()
    login("coordinator")
    page = client.get("/sessions/?per_page=10").get_data(as_text=True)
    assert "More than 4 sessions, page 1 of the first 1. Filter by date" in page
    assert len(re.findall(r'href="/sessions/\d+"', page)) == 6
    filtered = client.get("/sessions/?per_page=10&status=cancelled").get_data(as_text=True)
    assert "0 sessions" in filtered
