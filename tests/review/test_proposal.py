"""A language model's proposals in the workspace: read from the settings, stored beside the draft, taken or left
by an analyst; nothing is sent anywhere, and no panel shows, unless an endpoint is configured."""

import json

import pytest
from django.test import override_settings

from samrad.audit.models import AuditEvent
from samrad.review import ingest
from samrad.review.models import Point, Theme
from tests.synthesis.test_llm import _good_reply, _Server

from .conftest import result_for

pytestmark = pytest.mark.django_db


def proposal_for(theme: dict, statement_ids: list[str], *, accepted: bool = True) -> dict:
    return {
        "model": "lokal-modell",
        "error": None,
        "headline": {
            "text": "Lokaler för musik saknas i länet.",
            "statement_ids": statement_ids[:1],
            "accepted": accepted,
            "reason": None if accepted else "unsupported",
        },
        "examples": [
            {"text": "replokaler för unga band", "statement_ids": statement_ids[:1], "accepted": True, "reason": None},
            {
                "text": "en simhall vid motorvägen",
                "statement_ids": statement_ids[1:2],
                "accepted": False,
                "reason": "unsupported",
            },
        ],
    }


def with_proposal(w, **kw) -> Theme:
    data = result_for(w)
    theme = data["sections"][0]["themes"][0]
    theme["wording"] = proposal_for(theme, theme["statement_ids"], **kw)
    ingest.merge(w.consultation, data)
    return w.theme("lokaler")


def test_default_params_read_the_language_model_settings(example_plan):
    assert ingest.default_params(example_plan).llm is None
    with override_settings(
        SAMRAD_LLM_ENDPOINT="http://127.0.0.1:9/v1/chat/completions", SAMRAD_LLM_MODEL="m", SAMRAD_LLM_API_KEY="hemlig"
    ):
        params = ingest.default_params(example_plan)
    assert params.llm.url.endswith("/chat/completions") and params.llm.model == "m" and params.llm.api_key == "hemlig"
    assert "hemlig" not in json.dumps(params.to_dict())  # the run's recorded parameters never hold the key


def test_the_consultations_places_are_protected_from_redaction(example_plan):
    names = ingest.default_params(example_plan).protected
    assert "Örebro" in names and "Hällefors" in names


def test_a_proposal_is_stored_with_the_statements_it_cites(workspace):
    theme = with_proposal(workspace)
    head = theme.proposal["headline"]
    assert head["accepted"] and head["statements"] == [workspace.contributions["lokaler"][0].statements.get().pk]
    assert [x["accepted"] for x in theme.proposal["examples"]] == [True, False]
    assert not theme.edited  # advice, not an edit: a re-run may still refresh the draft


def test_an_analyst_takes_the_headline_and_an_example(workspace, analyst_client):
    theme = with_proposal(workspace)
    url = f"{workspace.url()}tema/{theme.pk}/forslag/"
    analyst_client.post(url, {"use": "headline"})
    theme.refresh_from_db()
    assert theme.headline == "Lokaler för musik saknas i länet." and theme.edited
    analyst_client.post(url, {"use": "example-0"})
    point = Point.objects.get(theme=theme, text="replokaler för unga band")
    assert list(point.sources.all()) == [workspace.contributions["lokaler"][0].statements.get()]
    actions = list(
        AuditEvent.objects.filter(action__in=["review.theme.edit", "review.point.add"]).values_list("action", flat=True)
    )
    assert "review.theme.edit" in actions and "review.point.add" in actions


def test_a_dropped_phrase_cannot_be_taken(workspace, analyst_client):
    theme = with_proposal(workspace, accepted=False)
    before = theme.headline
    response = analyst_client.post(f"{workspace.url()}tema/{theme.pk}/forslag/", {"use": "headline"}, follow=True)
    assert "Förslaget kan inte användas" in response.content.decode()
    response = analyst_client.post(f"{workspace.url()}tema/{theme.pk}/forslag/", {"use": "example-1"}, follow=True)
    assert "Förslaget kan inte användas" in response.content.decode()
    analyst_client.post(f"{workspace.url()}tema/{theme.pk}/forslag/", {"use": "example-9"})
    theme.refresh_from_db()
    assert theme.headline == before and not Point.objects.filter(text="en simhall vid motorvägen").exists()


def test_the_panel_shows_proposals_and_why_phrases_were_dropped(workspace, analyst_client):
    page = analyst_client.get(workspace.url()).content.decode()
    assert "Förslag från språkmodellen" not in page  # no model configured, no panel
    with_proposal(workspace)
    page = analyst_client.get(workspace.url()).content.decode()
    assert "Förslag från språkmodellen (lokal-modell)" in page
    assert "Använd som rubrik" in page and "Lägg till som punkt" in page
    assert "Underkänt: påståendena det hänvisar till säger inte detta." in page


def test_an_analysis_with_a_configured_model_asks_it_and_keeps_the_draft(workspace):
    with _Server(_good_reply) as srv, override_settings(SAMRAD_LLM_ENDPOINT=srv.url, SAMRAD_LLM_MODEL="m1"):
        ingest.analyse(workspace.consultation)
    assert srv.requests, "the configured endpoint was asked"
    proposals = [t.proposal for t in Theme.objects.filter(consultation=workspace.consultation) if t.proposal]
    assert proposals and all(p["model"] == "m1" for p in proposals)
    assert any(p["headline"]["accepted"] for p in proposals)


def test_a_statement_in_another_language_is_marked_for_the_analyst(workspace, analyst_client):
    from samrad.review.models import Statement

    s = workspace.statement("Det saknas replokaler")
    Statement.objects.filter(pk=s.pk).update(lang="en")
    page = analyst_client.get(workspace.url()).content.decode()
    assert page.count("På engelska") == 1
