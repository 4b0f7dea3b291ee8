"""Who approves pay: each approval route, separation of duties (the 403s), approving many lines
from the lines page with a summary first, and the setting itself."""

from sqlalchemy import select

from tests import factories
from tests.helpers import page_errors
from tests.payments.factories import delivered_team
from trainer.extensions import db as database
from trainer.models import (
    ApprovalRoute,
    Attendance,
    AuditEvent,
    LineStatus,
    OrganisationSettings,
    PaymentLine,
)
from trainer.payments import approval, service


def _route(route: ApprovalRoute, two_people: bool = True) -> None:
    approval.save_settings(route, two_people, actor=None)
    database.session.commit()


def _lines(session) -> list[PaymentLine]:
    return list(
        database.session.scalars(
            select(PaymentLine).where(PaymentLine.session_id == session.id).order_by(PaymentLine.id)
        )
    )


def _confirmed_by(user, seats) -> None:
    """`user` recorded the attendance (confirmed the work was done)."""
    service.mark_delivered(
        seats[0].session,
        [service.AttendanceEntry(a, Attendance.ATTENDED) for a in seats],
        11,
        actor=user,
    )
    database.session.commit()


def test_by_default_coordinators_confirm_and_finance_approves(db, client, login):
    session, _ = delivered_team(db)
    line = _lines(session)[0]
    login("coordinator")
    assert client.post(f"/pay/lines/{line.id}/approve").status_code == 403
    assert client.post(f"/sessions/{session.id}/pay/approve").status_code == 403
    page = client.get(f"/sessions/{session.id}/pay").get_data(as_text=True)
    assert "Approve every pending line" not in page
    assert "for someone else to approve" in page
    client.post("/sign-out")
    login("finance")
    assert client.post(f"/pay/lines/{line.id}/approve").status_code == 302
    assert database.session.get(PaymentLine, line.id).status is LineStatus.APPROVED


def test_nobody_approves_pay_for_their_own_work(db, client, login):
    session, seats = delivered_team(db)
    own = factories.make_user(roles={"finance"}, person=seats[0].person)
    database.session.commit()
    login(own)
    mine = [line for line in _lines(session) if line.person_id == seats[0].person_id]
    assert client.post(f"/pay/lines/{mine[0].id}/approve").status_code == 403
    assert client.post("/finance/lines/approve", data={"line": [mine[0].id]}).status_code == 403
    page = client.get("/finance/lines?status=pending").get_data(as_text=True)
    assert f'id="approve-{mine[0].id}"' not in page  # never offered to tick
    # the session-wide button approves the others' lines and leaves theirs
    response = client.post(f"/sessions/{session.id}/pay/approve", follow_redirects=True)
    assert "left for someone else to approve" in response.get_data(as_text=True)
    statuses = {line.person_id: line.status for line in _lines(session)}
    assert statuses[seats[0].person_id] is LineStatus.PENDING
    assert statuses[seats[1].person_id] is LineStatus.APPROVED


def test_two_people_the_one_who_confirmed_the_work_does_not_approve_it(db, client, login):
    _route(ApprovalRoute.COORDINATORS, two_people=True)
    session, seats = delivered_team(db)
    confirmer = factories.make_user(roles={"coordinator"})
    _confirmed_by(confirmer, seats)
    line = _lines(session)[0]
    login(confirmer)
    assert client.post(f"/pay/lines/{line.id}/approve").status_code == 403
    client.post("/sign-out")
    login("coordinator")  # a second coordinator
    assert client.post(f"/pay/lines/{line.id}/approve").status_code == 302
    assert database.session.get(PaymentLine, line.id).status is LineStatus.APPROVED


def test_one_person_may_confirm_and_approve_where_the_setting_allows(db, client, login):
    _route(ApprovalRoute.COORDINATORS, two_people=False)
    session, seats = delivered_team(db)
    confirmer = factories.make_user(roles={"coordinator"})
    _confirmed_by(confirmer, seats)
    login(confirmer)
    response = client.post(f"/sessions/{session.id}/pay/approve")
    assert response.status_code == 302
    assert {line.status for line in _lines(session)} == {LineStatus.APPROVED}


def test_finance_ticks_lines_sees_a_summary_then_approves(db, client, login):
    session, seats = delivered_team(db)
    lines = _lines(session)
    login("finance")
    page = client.get("/finance/lines?status=pending").get_data(as_text=True)
    assert all(f'name="line" type="checkbox" value="{line.id}"' in page for line in lines)
    ticked = [lines[0].id, lines[-1].id]
    summary = client.post("/finance/lines/approve", data={"line": ticked})
    text = summary.get_data(as_text=True)
    assert summary.status_code == 200 and "Approve 2 lines?" in text
    for seat in seats:
        assert seat.person.full_name in text or "O&#39;Neill" in text
    assert {line.status for line in _lines(session)} == {LineStatus.PENDING}  # nothing yet
    done = client.post("/finance/lines/approve", data={"line": ticked, "confirmed": "yes"})
    assert done.status_code == 302
    approved = {line.id for line in _lines(session) if line.status is LineStatus.APPROVED}
    assert approved == set(ticked)
    events = database.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "payment_line.approved")
    ).all()
    assert len(events) == 2


def test_ticking_nothing_or_rubbish_approves_nothing(db, client, login):
    session, _ = delivered_team(db)
    login("finance")
    for data in ({}, {"line": ["x", "-1", "99999999"]}):
        response = client.post("/finance/lines/approve", data=data, follow_redirects=True)
        assert "Choose the pending lines to approve" in response.get_data(as_text=True)
    assert {line.status for line in _lines(session)} == {LineStatus.PENDING}


def test_an_admin_sets_who_approves(db, client, login):
    login("admin")
    empty = client.post("/finance/approval-settings", data={})
    assert empty.status_code == 200
    assert "Choose who approves pay" in page_errors(empty)
    assert database.session.scalar(select(OrganisationSettings)) is None
    saved = client.post(
        "/finance/approval-settings",
        data={"approval_route": "coordinators", "needs_two_people": "no"},
    )
    assert saved.status_code == 302
    settings = approval.get_settings()
    assert settings.approval_route is ApprovalRoute.COORDINATORS
    assert settings.needs_two_people is False
    event = database.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "organisation_settings.changed")
    )
    assert event is not None and event.after["approval_route"] == "coordinators"
