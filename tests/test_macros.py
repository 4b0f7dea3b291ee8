"""The shared macros every list page and button uses: what they draw, and that typed text
comes back escaped."""

import re

from flask import render_template_string

HOSTILE = '<script>alert("x")</script>'


def render(app, source: str, **context) -> str:
    with app.test_request_context("/"):
        return render_template_string(
            '{% from "macros.html" import table, button_form %}' + source, **context
        )


def test_a_table_escapes_text_and_plain_strings_given_as_html(app):
    page = render(
        app,
        "{{ table({'caption': 'People', 'head': [{'text': 'Name'}, {'text': 'Note'}],"
        " 'rows': [[{'text': name}, {'html': name}]]}) }}",
        name=HOSTILE,
    )
    assert "<script>" not in page
    assert page.count("&lt;script&gt;") == 2
    assert '<caption class="govuk-table__caption' in page
    assert re.search(r'<th scope="col" class="govuk-table__header"\s*>Name</th>', page)


def test_a_table_with_no_rows_says_so_across_every_column(app):
    page = render(
        app,
        "{{ table({'head': [{'text': 'A'}, {'text': 'B'}, {'text': 'C'}], 'rows': [],"
        " 'empty': 'No sessions yet.'}) }}",
    )
    assert re.search(r'colspan="3"[^>]*>No sessions yet.</td>', page)


def test_a_button_form_posts_its_token_and_fields_escaped(app):
    page = render(
        app,
        "{{ button_form('/x', 'Remove', hidden={'other': name, 'ids': [1, 2]},"
        " context='Sam from the team') }}",
        name=HOSTILE,
    )
    assert 'name="csrf_token"' in page and '<form method="post" action="/x"' in page
    assert "<script>" not in page and 'value="&lt;script&gt;' in page
    assert page.count('name="ids"') == 2
    assert '<span class="govuk-visually-hidden"> Sam from the team</span>' in page
