"""Every letter is also an accessible page: the PDF's very words, pictures with alt text,
linked beside the PDF, shown only to its person, coordinators and finance."""

import html
import re
from collections import Counter
from io import BytesIO

import pytest
from pypdf import PdfReader

from tests import factories
from tests.helpers import signed_in_browser
from tests.payments.factories import make_money_records
from trainer.models import InformationFormat


def page_words(response) -> str:
    body = response.get_data(as_text=True)
    article = body[body.index("<article") : body.index("</article>")]
    article = re.sub(r"<svg.*?</svg>", "", article, flags=re.S)
    article = re.sub(r'<span class="govuk-visually-hidden">.*?</span>', "", article)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article))).strip()


def tokens(text: str) -> list[str]:
    return re.findall(r"[\w£@.'-]+\w|\w", text)


def pdf_words(response) -> str:
    reader = PdfReader(BytesIO(response.get_data()))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


@pytest.fixture
def letter(db):
    programme = factories.make_programme()
    person = factories.make_person(
        roles=[programme.seats[0].delivery_role], preferred_format=InformationFormat.EASY_READ
    )
    user = factories.make_user(roles={"trainer"}, person=person)
    session = factories.make_session(programme=programme)
    ids = make_money_records(person=person, session=session)
    db.session.commit()
    return ids["letter"], user


@pytest.mark.parametrize("wanted", ["easy", "standard"])
def test_the_page_says_what_the_pdf_says(app, letter, wanted):
    letter_id, user = letter
    own = signed_in_browser(app, user)
    page = own.get(f"/letters/{letter_id}?format={wanted}")
    assert page.status_code == 200
    words, pdf = page_words(page), pdf_words(own.get(f"/letters/{letter_id}.pdf?format={wanted}"))
    on_page, in_pdf = Counter(tokens(words)), Counter(tokens(pdf))
    assert on_page and on_page - in_pdf == Counter()  # every word, as often as in the PDF
    assert len(on_page) > 0.8 * len(in_pdf)  # and (but for page footers) the whole letter
    assert f'href="/letters/{letter_id}.pdf?format={wanted}"' in page.get_data(as_text=True)


def test_easy_read_pictures_carry_alt_text(app, letter):
    letter_id, user = letter
    body = signed_in_browser(app, user).get(f"/letters/{letter_id}?format=easy").get_data(True)
    pictures = re.findall(r"<svg[^>]*>", body[body.index("<article") :])
    assert pictures and all('role="img"' in p and "aria-label=" in p for p in pictures)


def test_only_its_person_and_staff_see_it(app, letter, db):
    letter_id, _ = letter
    stranger = factories.make_user(roles={"trainer"}, person=factories.make_person())
    db.session.commit()
    assert signed_in_browser(app, stranger).get(f"/letters/{letter_id}").status_code == 403
    coordinator = factories.make_user(roles={"coordinator"})
    db.session.commit()
    own = signed_in_browser(app, coordinator)
    assert own.get(f"/letters/{letter_id}").status_code == 200
    assert own.get("/letters/999999").status_code == 404
