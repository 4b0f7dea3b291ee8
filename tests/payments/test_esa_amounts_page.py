"""The benefit limits page: the rules in plain words and the ESA amounts by tax year, which
finance records when a new tax year's figure is published."""

from datetime import date

from sqlalchemy import select

from tests.helpers import page_errors as error_summary_texts
from trainer.models import EsaAmountRow


def amounts(db):
    rows = db.session.scalars(select(EsaAmountRow).order_by(EsaAmountRow.tax_year_starts_on))
    return [(row.tax_year_starts_on, row.weekly_pence, row.hours_under_minutes) for row in rows]


def test_the_seeded_amounts_are_shown_to_coordinators(client, login, db):
    login("coordinator")
    page = client.get("/benefit-limits").get_data(as_text=True)
    assert "2025/26" in page and "£195.50" in page and "2024/25" in page and "£183.50" in page
    assert "assessment period in which it is paid" in page
    assert "Record a new tax year" not in page


def test_finance_records_a_new_tax_years_amount_once(client, login, db):
    login("finance")
    before = amounts(db)
    data = {"tax_year": "2026", "weekly_pence": "203.50", "hours": "16", "source": "gov.uk"}
    assert client.post("/benefit-limits", data=data).status_code == 302
    assert amounts(db) == before + [(date(2026, 4, 6), 20350, 960)]
    again = client.post("/benefit-limits", data=data)
    assert "The 2026/27 amount is recorded already." in error_summary_texts(again)
    assert len(amounts(db)) == len(before) + 1


def test_bad_amounts_change_nothing(client, login, db):
    login("finance")
    before = amounts(db)
    for data, message in (
        ({"tax_year": "", "weekly_pence": "1", "hours": "16"}, "Enter tax year starting in"),
        ({"tax_year": "2027", "weekly_pence": "-1", "hours": "16"}, "must be an amount in pounds"),
        ({"tax_year": "2027", "weekly_pence": "200", "hours": "99"}, "must be between 1 and 40"),
    ):
        response = client.post("/benefit-limits", data=data)
        assert response.status_code == 200
        assert any(message in text for text in error_summary_texts(response)), message
    assert amounts(db) == before
