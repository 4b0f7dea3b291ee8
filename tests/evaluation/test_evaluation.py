"""Evaluation: learners answer through the session's link or their own; answers stay
anonymous unless they choose otherwise; the coordinator and the team see the results at once,
co-trainers in Easy Read."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests import factories
from tests.helpers import SCRIPT, count, refused, signed_in_browser
from tests.learners.factories import make_booking, make_learner
from trainer.clock import utc_now
from trainer.evaluation.summary import Answer, Question, summarise
from trainer.learners import tokens
from trainer.models import (
    BookingStatus,
    EvaluationQuestion,
    EvaluationResponse,
    OfferStatus,
    QuestionKind,
    SessionStatus,
)


def questions(db) -> dict[str, EvaluationQuestion]:
    """The default questions the migration adds, by what they ask about."""
    found = db.session.scalars(select(EvaluationQuestion).order_by(EvaluationQuestion.position))
    return dict(zip(("aims", "adjustments", "recommend", "useful", "change"), found, strict=True))


@pytest.fixture
def ended(db):
    """A session that ended an hour ago."""
    start = utc_now() - timedelta(hours=2)
    session = factories.make_session(starts_at=start, status=SessionStatus.DELIVERED)
    db.session.commit()
    return session


def answers_for(db, **changes) -> dict:
    q = questions(db)
    data = {
        f"before_{q['aims'].id}": "2",
        f"after_{q['aims'].id}": "4",
        f"value_{q['recommend'].id}": "1",
        f"text_{q['useful'].id}": "Hearing Jamie's story.",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def session_link(app, session) -> str:
    with app.test_request_context():
        return f"/evaluate/{tokens.make('session-evaluation', session.id)}"


def test_the_easy_read_summary_counts_people_not_answers():
    aims = Question(1, "confidence", "How confident?")
    recommend = Question(2, "yes_no", "Recommend?", is_recommend=True)
    answers = []
    for n in range(28):
        answers.append(Answer(n, 1, before=2, value=4 if n < 26 else 2))
        answers.append(Answer(n, 2, before=None, value=1 if n < 27 else 0))
    summary = summarise([aims, recommend], answers)
    assert summary.easy_read() == [
        "28 people answered.",
        "26 said the session helped them.",
        "27 would tell others to come.",
    ]
    assert summary.questions[0].average_before == "2.0"
    assert summary.questions[0].average_after == "3.9"


def test_nobody_answering_yet_is_said_plainly():
    assert summarise([], []).easy_read() == ["Nobody has answered the questions yet."]


def test_answers_through_the_sessions_link_are_anonymous(app, client, db, ended):
    link = session_link(app, ended)
    page = client.get(link).get_data(as_text=True)
    assert "How did it go?" in page and questions(db)["aims"].wording in page
    response = client.post(link, data=answers_for(db))
    assert "Thank you" in response.get_data(as_text=True)
    saved = db.session.scalar(select(EvaluationResponse))
    assert saved.learner_name == "" and saved.booking_id is None
    assert len(saved.answers) == 3


def test_a_learner_may_give_their_name(app, client, db, ended):
    client.post(session_link(app, ended), data=answers_for(db, name="Cara Named"))
    assert db.session.scalar(select(EvaluationResponse.learner_name)) == "Cara Named"


def test_a_learners_own_link_answers_once(app, client, db, ended):
    booking = make_booking(session=ended, status=BookingStatus.ATTENDED)
    db.session.commit()
    with app.test_request_context():
        link = f"/evaluate/me/{tokens.make('evaluate', booking.id)}"
    client.post(link, data=answers_for(db))
    saved = db.session.scalar(select(EvaluationResponse))
    assert saved.booking_id is None, "anonymous unless they ticked to give their name"
    assert "You have answered the questions" in client.get(link).get_data(as_text=True)
    assert count(db, EvaluationResponse) == (1,)


def test_ticking_to_give_a_name_links_the_answers_to_the_learner(app, client, db, ended):
    learner = make_learner(name="Dee Named")
    booking = make_booking(session=ended, learner=learner, status=BookingStatus.PARTIAL)
    db.session.commit()
    with app.test_request_context():
        link = f"/evaluate/me/{tokens.make('evaluate', booking.id)}"
    client.post(link, data=answers_for(db, named="y"))
    saved = db.session.scalar(select(EvaluationResponse))
    assert (saved.learner_name, saved.booking_id) == ("Dee Named", booking.id)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ("nothing", "Answer at least one question."),
        ("script", "What was most useful? must not contain HTML or code."),
        ("tampered", "Not a valid choice."),
    ],
)
def test_bad_answers_are_form_errors_and_keep_nothing(app, client, db, ended, changes, message):
    q = questions(db)
    data = {
        "nothing": {},
        "script": answers_for(db, **{f"text_{q['useful'].id}": SCRIPT}),
        "tampered": answers_for(db, **{f"after_{q['aims'].id}": "11"}),
    }[changes]
    refused(client.post(session_link(app, ended), data=data), message)
    assert count(db, EvaluationResponse) == (0,)


def test_the_questions_open_on_the_day_of_the_session(app, client, db):
    coming = factories.make_session(starts_at=utc_now() + timedelta(days=2))
    db.session.commit()
    assert client.get(session_link(app, coming)).status_code == 410
    assert client.get("/evaluate/not-a-token").status_code == 404


def test_answers_are_limited_per_network_address(app, client, db, ended, monkeypatch):
    monkeypatch.setitem(app.config, "EVALUATION_MAX_PER_ADDRESS", 2)
    link = session_link(app, ended)
    for _ in range(2):
        client.post(link, data=answers_for(db))
    refused(
        client.post(link, data=answers_for(db)),
        "A lot of answers have come from your network. Try again in an hour.",
    )


def test_the_coordinator_and_the_team_see_the_results_co_trainers_in_easy_read(
    app, client, db, ended
):
    client.post(session_link(app, ended), data=answers_for(db))
    facilitator_role, lived_role = factories.make_role(), factories.make_role(lived=True)
    facilitator = factories.make_person(roles=[facilitator_role])
    co_trainer = factories.make_person(roles=[lived_role])
    outsider = factories.make_person(roles=[lived_role])
    for person, role in ((facilitator, facilitator_role), (co_trainer, lived_role)):
        factories.make_assignment(
            session=ended, person=person, role=role, status=OfferStatus.ACCEPTED
        )
    users = {
        "coordinator": factories.make_user(roles={"coordinator"}),
        "facilitator": factories.make_user(roles={"trainer"}, person=facilitator),
        "co_trainer": factories.make_user(roles={"trainer"}, person=co_trainer),
        "outsider": factories.make_user(roles={"trainer"}, person=outsider),
    }
    db.session.commit()
    path = f"/sessions/{ended.id}/evaluation"
    pages = {name: signed_in_browser(app, user).get(path) for name, user in users.items()}
    assert pages["outsider"].status_code == 403
    full = pages["coordinator"].get_data(as_text=True)
    assert "1 person answered" in full and "Average before: 2.0. Average now: 4.0" in full
    assert "Hearing Jamie&#39;s story." in full and "<svg" in full
    assert "Average before" in pages["facilitator"].get_data(as_text=True)
    easy = pages["co_trainer"].get_data(as_text=True)
    assert "1 person answered." in easy and "1 said the session helped them." in easy
    assert "Average before" not in easy
    mine = signed_in_browser(app, users["co_trainer"]).get("/my-sessions").get_data(as_text=True)
    assert "1 person answered." in mine


def test_coordinators_set_the_questions(client, login, db):
    login("coordinator")
    response = client.post(
        "/evaluation/questions/new",
        data={"wording": "How was the venue?", "kind": "scale"},
    )
    assert response.status_code == 302
    added = db.session.scalar(
        select(EvaluationQuestion).where(EvaluationQuestion.wording == "How was the venue?")
    )
    assert added.kind is QuestionKind.SCALE and added.position == 6
    client.post(f"/evaluation/questions/{added.id}/move", data={"direction": "up"})
    db.session.refresh(added)
    assert added.position == 5
    client.post(f"/evaluation/questions/{added.id}/archive", data={"archive": "yes"})
    db.session.refresh(added)
    assert not added.is_active
    refused(
        client.post(
            "/evaluation/questions/new", data={"wording": "x", "kind": "text", "is_recommend": "y"}
        ),
        "Only a yes or no question can count as recommending.",
    )


def test_a_question_people_answered_keeps_its_kind(app, client, login, db, ended):
    client.post(session_link(app, ended), data=answers_for(db))
    aims = questions(db)["aims"]
    login("coordinator")
    refused(
        client.post(
            f"/evaluation/questions/{aims.id}/edit", data={"wording": aims.wording, "kind": "text"}
        ),
        "People have answered this question, so its kind cannot change.",
    )
