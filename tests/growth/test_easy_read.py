"""The growth pages a co-trainer reaches from their home pass the Easy Read check: shadowing,
the check-in form (with its errors too), the check-in log and "You said, we did"."""

from tests import factories
from tests.easy_read.readability import crawl, problems
from tests.growth.factories import make_review_programme, past_seat, reach
from trainer.growth import checkins, reviews
from trainer.models import Feeling, InformationFormat, ProgressionStage, SessionStatus


def test_every_growth_page_reads_easily(client, login, db):
    roles = factories.make_trio()
    programme = factories.make_programme(roles=roles)
    person = factories.make_person(
        roles=[roles[2]],
        qualified=[programme],
        name="Sam Shah",
        preferred_format=InformationFormat.EASY_READ,
        lead=factories.make_user(),
    )
    user = factories.make_user(roles={"trainer"}, person=person)
    reach(person, ProgressionStage.TRAINED)
    factories.make_session(programme=programme, status=SessionStatus.SCHEDULED)
    past_seat(person, roles[2], programme, days=-3)
    older = past_seat(person, roles[2], programme, days=-9)
    checkins.save_check_in(
        older,
        checkins.Answers(feeling=Feeling.OKAY, went_well="They listened.", wants_support=True),
        actor=None,
    )
    meeting = factories.make_session(programme=make_review_programme(roles))
    reviews.add_outcome(
        meeting,
        reviews.OutcomeDetails(
            you_said="Send the slides early.",
            we_did="They go out a week before.",
            owner="Priya",
            due_on=older.session.starts_at.date(),
            done_on=older.session.starts_at.date(),
        ),
        actor=None,
    )
    db.session.commit()
    login(user)
    pages = crawl(client, "/home", skip=[r"^/help", r"^/sessions/\d+/register"], limit=120)
    mine = [p for p in pages if p.startswith(("/my/", "/you-said"))]
    assert {"/my/shadow", "/my/check-ins", "/you-said-we-did"} <= set(mine)
    assert any(p.startswith("/my/shadow/") for p in mine)
    assert any(p.startswith("/my/check-ins/") for p in mine)
    assert {p: problems(pages[p]) for p in mine if problems(pages[p])} == {}
    form = next(p for p in mine if p.startswith("/my/check-ins/"))
    errors = client.post(form, data={}).get_data(as_text=True)
    assert "Choose a picture" in errors and problems(errors) == []
