"""The language model's proposals in the workspace, in Chromium: with a model configured (a fake
OpenAI-compatible server over real HTTP), the analyst sees the proposal beside the draft, why phrases were
dropped, and takes the headline with one click; without one, the page has no proposal at all."""

import json

import pytest
from django.test import override_settings

from samrad.review import ingest
from samrad.review.models import Theme
from tests.e2e.conftest import assert_accessible
from tests.e2e.console import assert_clean, watch
from tests.e2e.test_review import logged_in
from tests.review.conftest import build_workspace, make_users
from tests.synthesis.test_llm import _first_words, _Server, _statements

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def workspace(example_plan):
    return build_workspace(example_plan)


@pytest.fixture
def analyst(browser, live_server, example_plan, django_user_model, workspace):
    users = make_users(example_plan, django_user_model)
    context, page = logged_in(browser, live_server, users["analyst"])
    yield page
    context.close()


def test_without_a_model_the_workspace_shows_no_proposal(analyst, workspace):
    ingest.analyse(workspace.consultation)
    page = analyst
    problems = watch(page)
    page.goto(workspace.url())
    assert page.locator("h1").inner_text() == "Musik: Utmaningar"
    assert page.locator("aside.proposal").count() == 0
    assert_clean(page, problems)


def _other_headline(body) -> str:
    """A supported proposal that differs from the draft: the last statement shown, in its first words."""
    key, text = list(_statements(body).items())[-1]
    return json.dumps({"headline": {"text": _first_words(text, 6) + ".", "sources": [key]}, "examples": []})


def test_with_a_model_the_analyst_takes_a_proposed_headline(analyst, workspace):
    with _Server(_other_headline) as srv, override_settings(SAMRAD_LLM_ENDPOINT=srv.url, SAMRAD_LLM_MODEL="lokal"):
        ingest.analyse(workspace.consultation)
    themes = Theme.objects.filter(area=workspace.area, question=workspace.challenges)
    theme = next(
        t
        for t in themes
        if t.proposal and t.proposal["headline"]["accepted"] and t.proposal["headline"]["text"] != t.headline
    )
    proposed = theme.proposal["headline"]["text"]
    page = analyst
    problems = watch(page)
    page.goto(workspace.url())
    article = page.locator("article.theme", has=page.locator("aside.proposal q", has_text=proposed)).first
    panel = article.locator("aside.proposal")
    assert "Förslag från språkmodellen (lokal)" in panel.inner_text()
    assert_accessible(page)
    panel.get_by_role("button", name="Använd som rubrik").first.click()
    page.wait_for_load_state()
    assert "Den föreslagna rubriken är nu temats rubrik." in page.locator("body").inner_text()
    theme.refresh_from_db()
    assert theme.headline == proposed and theme.edited
    assert page.locator("article.theme h3", has_text=proposed).count() >= 1
    assert_clean(page, problems)
