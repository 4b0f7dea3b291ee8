"""My money in Easy Read: this week against the person's own limit, in words and pictures."""

import html
import re
from datetime import timedelta

from tests import factories
from tests.payments.factories import make_rate
from tests.portal.factories import make_co_trainer
from trainer.clock import utc_now
from trainer.models import LineKind, LineStatus, OfferStatus, PaymentLine


def words(response) -> str:
    body = re.sub(r"<svg.*?</svg>", "", response.get_data(as_text=True), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def earned(who, pence: int) -> None:
    session = factories.make_session(programme=who.programme, starts_at=utc_now())
    factories.db.session.add(
        PaymentLine(
            person_id=who.person.id,
            session_id=session.id,
            kind=LineKind.DELIVERY,
            starts_at=session.starts_at,
            amount_pence=pence,
            method="payroll",
            description="Delivery",
            status=LineStatus.APPROVED,
        )
    )


def test_this_week_against_my_limit(client, login, db):
    who = make_co_trainer(max_pence_per_week=19_550)
    make_rate(programme=who.programme, role=who.roles[1], delivery_pence=10_000)
    earned(who, 5_000)
    booked = factories.make_session(
        programme=who.programme, starts_at=utc_now() + timedelta(minutes=10)
    )
    factories.make_assignment(
        session=booked, person=who.person, role=who.roles[1], status=OfferStatus.ACCEPTED
    )
    db.session.commit()
    login(who.user)
    page = words(client.get("/my-money"))
    assert "This week you earned £50." in page
    assert "You said yes to sessions that will pay you £100 more this week." in page
    assert "Your limit is £195.50." in page
    assert "You can earn £45.50 more this week." in page
    assert "If a session would take you over your limit, we tell the coordinator first." in page
    assert not re.search(r"\d{4}-W\d\d|\d{4}-\d\d-\d\d", page)


def test_over_the_limit_says_so_and_what_to_do(client, login, db):
    who = make_co_trainer(max_pence_per_week=10_000)
    earned(who, 12_550)
    db.session.commit()
    login(who.user)
    page = words(client.get("/my-money"))
    assert "You have earned £25.50 more than your limit this week." in page
    assert "Please talk to the coordinator." in page


def test_no_limit_is_said_plainly(client, login, db):
    who = make_co_trainer()
    db.session.commit()
    login(who.user)
    assert "You have not set a limit for your money." in words(client.get("/my-money"))
