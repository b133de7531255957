"""The first public pages, rendered by the real stack against the real database."""

import pytest

from samrad.participation.models import Participant, Registration

pytestmark = pytest.mark.django_db


def test_index_lists_the_consultation(client, example_plan):
    page = client.get("/").content.decode()
    assert "Dialoger inför ny kulturplan 2024–2027" in page
    assert 'lang="sv"' in page


def test_results_page_shows_areas_in_order_and_withholds_small_ones(client, example_plan):
    event = example_plan.events.get(slug="kulturdialog-2022-06-01")
    for area in example_plan.areas.exclude(slug="litteratur"):
        for i in range(5):
            p = Participant.objects.create(consultation=example_plan, name=f"{area.slug}{i}")
            Registration.objects.create(event=event, participant=p, area=area)
    response = client.get("/orebro-2022/resultat/")
    assert response.status_code == 200
    page = response.content.decode()
    positions = [page.index(f'id="omrade-{a.slug}-h"') for a in example_plan.areas.all()]
    assert positions == sorted(positions)
    litteratur = page[page.index('id="omrade-litteratur"') : page.index('id="omrade-musik"')]
    assert "för få deltagare" in litteratur
    musik = page[page.index('id="omrade-musik"') : page.index('id="omrade-slojd"')]
    assert "för få deltagare" not in musik
    assert "Observera! Texterna är under bearbetning" in page
    assert "exempel" in page.lower() and "påhittade" in page


def test_english_version(client, example_plan):
    page = client.get("/en/orebro-2022/resultat/").content.decode()
    assert 'lang="en"' in page
    assert "Summarised results" in page


def test_unknown_consultation_is_404(client, db):
    assert client.get("/finns-inte/resultat/").status_code == 404


def test_logo_is_served_without_script(client, example_plan):
    response = client.get("/orebro-2022/logotyp/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "default-src 'none'" in response["Content-Security-Policy"]
