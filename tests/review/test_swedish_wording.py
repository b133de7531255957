"""Swedish pages speak Swedish: dates with Swedish month names, methods in words, plurals that agree with
their number (1 kandidat, 2 kandidater), and no developer wording ("deal + swaps", "tfidf")."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from samrad.participation.models import RoundReport
from samrad.review.models import AnalysisRun, Point, Quote
from tests.permissions.conftest import _statement, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

ENGLISH_MONTH = re.compile(r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")
WRONG = ["deal + swaps", "CP-SAT", "tfidf", "Frivillig.", "1 kandidater", "1 rader", "1 teman", "1 påståenden"]


def _get(client, user, path) -> str:
    client.force_login(user)
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200, path
    return re.sub(r"\s+", " ", response.content.decode())


def _clean(page: str) -> None:
    assert not ENGLISH_MONTH.search(page), ENGLISH_MONTH.search(page).group(0)
    for text in WRONG:
        assert text not in page, text


def _candidate(c, like, text):
    statement = _statement(c, like.area, like.question, text)
    Quote.objects.create(
        consultation=c, area=like.area, question=like.question, statement=statement, original=text, text=text
    )


def _overview(client, world) -> str:  # noqa: F811
    return _get(client, world.users["analyst"], reverse("review:overview", args=[world.consultation.slug]))


def test_review_overview_in_swedish_with_one_and_two(client, world):  # noqa: F811
    c = world.consultation
    AnalysisRun.objects.create(
        consultation=c, backend="tfidf+e5", finished_at=timezone.now(), counts={"records": 1, "themes": 1}
    )
    theme = world.theme
    Point.objects.create(consultation=c, area=theme.area, question=theme.question, theme=None, text="Rest")
    quote = world.quote
    _candidate(c, quote, "x")
    page = _overview(client, world)
    _clean(page)
    assert "ordlikhet (TF-IDF) + betydelse (språkmodellen e5)" in page
    assert "1 inspel, " in page and "1 tema" in page
    assert "1 godkänt, 1 kandidat" in page and "Övrigt: 0 (1 rad)" in page
    assert re.search(r"\d{1,2} december \d{4}", page)  # the run's date, with the month's Swedish name
    Point.objects.create(consultation=c, area=theme.area, question=theme.question, theme=None, text="Rest 2")
    _candidate(c, quote, "y")
    page = _overview(client, world)
    _clean(page)
    assert "1 godkänt, 2 kandidater" in page and "Övrigt: 0 (2 rader)" in page


def test_groups_page_names_the_method_in_words(client, world):  # noqa: F811
    RoundReport.objects.create(
        round=world.round, data={"report": {"status": "feasible", "method": "deal + swaps + CP-SAT neighbourhoods"}}
    )
    c, e = world.consultation, world.event
    page = _get(client, world.users["administrator"], reverse("participation:groups", args=[c.slug, e.slug]))
    _clean(page)
    assert "snabb sökning, sedan en optimeringsmodell" in page


def test_survey_and_section_pages_in_swedish(client, world):  # noqa: F811
    from tests.permissions.conftest import set_phase

    set_phase(world, "survey_open")
    c = world.consultation
    survey = _get(client, world.users["analyst"], reverse("intake:survey", args=[c.slug]))
    _clean(survey)
    assert "Frivilligt att svara." in survey
    t = world.theme
    url = reverse("review:section", args=[c.slug, t.area.slug, t.question.slug])
    section = _get(client, world.users["analyst"], url)
    _clean(section)
    assert "Stöd: 1 påstående från 1 person och 0 grupper" in section
