"""The workspace through HTTP: plain POST forms, post/redirect/get, a message after each action, rejected forms
keep what was typed, CSRF required."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from samrad.audit.models import AuditEvent
from samrad.review.models import AreaReview, Point, Quote, Theme

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_overview_shows_counts_status_minimum_and_last_run(analyst_client, workspace):
    page = analyst_client.get("/orebro-2022/granskning/").content.decode()
    assert "Musik" in page and "Litteratur" in page
    assert "För få deltagare" in page  # Litteratur is below the minimum
    assert "1 påstående är bara ett ord långt." in page  # the run's warning
    assert 'href="/orebro-2022/granskning/omrade/musik/utmaningar/"' in page
    assert "/orebro-2022/granskning/export/docx" in page


def test_section_page_shows_themes_points_sources_and_quotes(analyst_client, workspace):
    w = workspace
    page = analyst_client.get(w.url()).content.decode()
    assert w.theme("lokaler").headline in page
    assert "Lokalerna för mindre konserter är för dyra att hyra." in page  # a point
    assert "survey.csv" in page  # provenance of the sources
    assert "<mark>" in page  # the statement marked in its contribution
    page = analyst_client.get(w.url(w.attractive)).content.decode()
    assert "Ring [namn] på [telefon]" in page and "Ring Anna Svensson" in page  # redacted beside the original


def test_rename_theme_redirects_with_a_message_and_is_audited(analyst_client, workspace):
    theme = workspace.theme("lokaler")
    url = f"{workspace.url()}tema/{theme.pk}/andra/"
    response = analyst_client.post(url, {f"t{theme.pk}-headline": "Lokaler saknas", f"t{theme.pk}-label": "lokaler"})
    assert response.status_code == 302 and response["Location"] == f"{workspace.url()}#tema-{theme.pk}"
    assert messages_of(response) == ["Temat har sparats."]
    theme.refresh_from_db()
    assert theme.headline == "Lokaler saknas"
    assert AuditEvent.objects.filter(action="review.theme.edit", actor_label="analyst").exists()


def test_a_rejected_form_keeps_what_was_typed(analyst_client, workspace):
    theme = workspace.theme("lokaler")
    url = f"{workspace.url()}tema/{theme.pk}/andra/"
    response = analyst_client.post(url, {f"t{theme.pk}-headline": "", f"t{theme.pk}-label": "mitt eget namn"})
    assert response.status_code == 302
    page = analyst_client.get(workspace.url()).content.decode()
    assert "Skriv en rubrik" in page  # the error, next to the headline field
    assert 'value="mitt eget namn"' in page  # what was typed
    theme.refresh_from_db()
    assert theme.label == "lokaler"
    # Only once: the next view shows the theme as it is.
    assert 'value="mitt eget namn"' not in analyst_client.get(workspace.url()).content.decode()


def test_move_split_merge_through_the_forms(analyst_client, workspace):
    w = workspace
    lokaler, ekonomi = w.theme("lokaler"), w.theme("ekonomi")
    scene = w.statement("Vi behöver en scen")
    # Move without choosing where: an error, the ticked statement stays ticked.
    url = f"{w.url()}pastaenden/{lokaler.pk}/"
    response = analyst_client.post(url, {f"s{lokaler.pk}-statements": [scene.pk], f"s{lokaler.pk}-do": "move"})
    page = analyst_client.get(w.url()).content.decode()
    assert "Välj vart påståendena ska flyttas." in page
    assert f'value="{scene.pk}" id="s{lokaler.pk}-{scene.pk}" checked' in page  # still ticked
    response = analyst_client.post(
        url,
        {
            f"s{lokaler.pk}-statements": [scene.pk],
            f"s{lokaler.pk}-do": "move",
            f"s{lokaler.pk}-destination": ekonomi.pk,
        },
    )
    assert response.status_code == 302
    scene.refresh_from_db()
    assert scene.theme == ekonomi
    # Split it off again as a new theme.
    url = f"{w.url()}pastaenden/{ekonomi.pk}/"
    analyst_client.post(
        url, {f"s{ekonomi.pk}-statements": [scene.pk], f"s{ekonomi.pk}-do": "split", f"s{ekonomi.pk}-headline": "Scen"}
    )
    new = Theme.objects.get(headline="Scen")
    scene.refresh_from_db()
    assert scene.theme == new
    # Merge it into lokaler.
    response = analyst_client.post(f"{w.url()}tema/{lokaler.pk}/sla-ihop/", {f"m{lokaler.pk}-other": new.pk})
    assert messages_of(response)[-1].startswith("Temana har slagits ihop")
    assert not Theme.objects.filter(pk=new.pk).exists()
    scene.refresh_from_db()
    assert scene.theme == lokaler


def test_move_with_nothing_ticked_is_an_error_message(analyst_client, workspace):
    lokaler = workspace.theme("lokaler")
    response = analyst_client.post(f"{workspace.url()}pastaenden/{lokaler.pk}/", {f"s{lokaler.pk}-do": "move"})
    assert messages_of(response) == ["Inget ändrades: rätta formuläret som är markerat nedan."]
    assert "Markera minst ett påstående först." in analyst_client.get(workspace.url()).content.decode()


def test_points_and_quotes_through_the_forms(analyst_client, workspace):
    w = workspace
    ekonomi = w.theme("ekonomi")
    chosen = w.statement("Bidragen till föreningarna")
    response = analyst_client.post(f"{w.url()}pastaende/valj/", {"point": chosen.pk})
    point = Point.objects.get(theme=ekonomi, sources=chosen)
    assert response["Location"].endswith(f"#punkt-{point.pk}")
    analyst_client.post(f"{w.url()}punkt/{point.pk}/andra/", {f"pt{point.pk}-text": "Fleråriga bidrag"})
    point.refresh_from_db()
    assert point.text == "Fleråriga bidrag"
    analyst_client.post(f"{w.url()}punkter/{ekonomi.pk}/ny/", {f"p{ekonomi.pk}-text": "Egen punkt"})
    own = Point.objects.get(text="Egen punkt")
    assert not own.sources.exists()
    assert "vilar inte på något påstående" in analyst_client.get(w.url()).content.decode()
    analyst_client.post(f"{w.url()}punkt/{own.pk}/ordning/", {"direction": "up"})
    analyst_client.post(f"{w.url()}punkt/{own.pk}/ta-bort/", {})
    assert not Point.objects.filter(pk=own.pk).exists()

    quote = w.quote("Ring Anna")
    section = w.url(w.attractive)
    response = analyst_client.post(
        f"{section}citat/{quote.pk}/andra/", {f"q{quote.pk}-text": "Ring Anna om konserterna."}
    )
    assert any("personuppgifter" in m for m in messages_of(response))
    response = analyst_client.post(f"{section}citat/{quote.pk}/status/", {"status": "approved"})
    quote.refresh_from_db()
    assert quote.status == Quote.Status.APPROVED
    assert any("personuppgifter" in m for m in messages_of(response))  # approving it warns again
    page = analyst_client.get(section).content.decode()
    assert "Kontrollera före publicering" in page
    analyst_client.post(f"{section}citat/{quote.pk}/andra/", {f"q{quote.pk}-do": "restore"})
    quote.refresh_from_db()
    assert quote.text.startswith("Ring [namn]")


def test_area_status_and_the_minimum_through_the_form(analyst_client, workspace):
    response = analyst_client.post(
        "/orebro-2022/granskning/omrade/musik/status/", {"status": "published", "next": workspace.url(), "confirm": "1"}
    )
    assert response["Location"] == workspace.url()
    assert AreaReview.objects.get(area=workspace.area).status == "published"
    response = analyst_client.post(
        "/orebro-2022/granskning/omrade/litteratur/status/", {"status": "published", "confirm": "1"}
    )
    assert response["Location"] == "/orebro-2022/granskning/"
    assert "kan inte publiceras" in messages_of(response)[-1]
    # No open redirect.
    response = analyst_client.post(
        "/orebro-2022/granskning/omrade/musik/status/", {"status": "draft", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/orebro-2022/granskning/"


def test_csrf_is_required(users, workspace):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["analyst"])
    theme = workspace.theme("lokaler")
    response = client.post(f"{workspace.url()}tema/{theme.pk}/ta-bort/", {})
    assert response.status_code == 403
    assert Theme.objects.filter(pk=theme.pk).exists()


def test_objects_of_another_section_are_not_found(analyst_client, workspace):
    theme = workspace.theme("lokaler")
    other_section = workspace.url(workspace.attractive)
    response = analyst_client.post(f"{other_section}tema/{theme.pk}/ta-bort/", {})
    assert response.status_code == 404
    assert Theme.objects.filter(pk=theme.pk).exists()
    assert analyst_client.post(f"{workspace.url()}pastaenden/abc/", {}).status_code == 404


def test_a_get_on_an_action_is_not_allowed(analyst_client, workspace):
    theme = workspace.theme("lokaler")
    assert analyst_client.get(f"{workspace.url()}tema/{theme.pk}/ta-bort/").status_code == 405


def test_downloads_hold_only_published_content(analyst_client, workspace):
    w = workspace
    secret = w.theme("lokaler").headline
    for fmt in ["json", "csv", "docx", "pdf", "webbplats.zip"]:
        response = analyst_client.get(f"/orebro-2022/granskning/export/{fmt}")
        assert response.status_code == 200, fmt
        assert response["Content-Disposition"].startswith('attachment; filename="orebro-2022-')
    assert secret not in analyst_client.get("/orebro-2022/granskning/export/json").content.decode()
    analyst_client.post("/orebro-2022/granskning/omrade/musik/status/", {"status": "published", "confirm": "1"})
    assert secret in analyst_client.get("/orebro-2022/granskning/export/json").content.decode()
    assert AuditEvent.objects.filter(action="review.export", data__format="json").count() == 3
    assert analyst_client.get("/orebro-2022/granskning/export/exe").status_code == 404


def test_feedback_page_shows_tallies_and_comments(analyst_client, workspace):
    from samrad.results.models import Feedback

    Feedback.objects.create(consultation=workspace.consultation, page="/orebro-2022/resultat/", helpful=True)
    Feedback.objects.create(
        consultation=workspace.consultation, page="/orebro-2022/resultat/", helpful=False, comment="Svårt att hitta"
    )
    page = analyst_client.get("/orebro-2022/granskning/aterkoppling/").content.decode()
    assert "Svårt att hitta" in page and "1 ja, 1 nej" in page


def test_run_the_analysis_again_from_the_page(analyst_client, workspace):
    response = analyst_client.post("/orebro-2022/granskning/analysera/")
    assert response["Location"] == "/orebro-2022/granskning/#analys"
    assert messages_of(response)[0].startswith("Analysen är klar")
    event = AuditEvent.objects.get(action="review.analysis.run")
    assert event.actor_label == "analyst"


def test_pages_say_no_script_and_no_caching(analyst_client, workspace):
    response = analyst_client.get(workspace.url())
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]


def test_a_rejected_form_is_shown_only_on_its_own_page(analyst_client, workspace):
    analyst_client.post(f"{workspace.url()}tema/ny/", {"new-headline": "", "new-statements": []})
    other = analyst_client.get(workspace.url(workspace.attractive)).content.decode()
    assert "Skriv en rubrik för det nya temat." not in other
    # …and it is gone afterwards: the session does not keep it.
    assert "Skriv en rubrik för det nya temat." not in analyst_client.get(workspace.url()).content.decode()


def test_an_own_theme_without_sources_is_flagged(analyst_client, workspace):
    response = analyst_client.post(f"{workspace.url()}tema/ny/", {"new-headline": "Kulturskolan", "new-statements": []})
    assert "vilar inte på några påståenden" in messages_of(response)[-1]
    page = analyst_client.get(workspace.url()).content.decode()
    assert "Temat vilar inte på några påståenden." in page


def test_an_empty_workspace_explains_itself(client, users, example_plan):
    client.force_login(users["analyst"])
    page = client.get("/orebro-2022/granskning/").content.decode()
    assert "Ingen analys har körts ännu." in page and "Kör analysen" in page
    page = client.get("/orebro-2022/granskning/omrade/dans/utmaningar/").content.decode()
    assert "Inga teman ännu." in page and "samrad föreslog inga citat här." in page
    response = client.post("/orebro-2022/granskning/analysera/")
    assert messages_of(response) == ["Det finns inga inspel att analysera ännu. Importera eller samla in svar först."]


def test_the_workspace_in_english(analyst_client, workspace):
    page = analyst_client.get(f"/en{workspace.url()}").content.decode()
    assert 'lang="en"' in page and "Themes" in page and "Support: 3 statements from 3 people" in page
