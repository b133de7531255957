"""The analysts' workspace in Chromium: the pages (with axe-core), and merge, split, move and approve done by
clicking, without JavaScript of our own being needed; all under the site's content security policy."""

import pytest
from django.test import Client

from samrad.review import ingest
from samrad.review.models import AreaReview, Quote, Statement, Theme
from tests.e2e.conftest import assert_accessible
from tests.review.conftest import build_workspace, contribute, make_users, result_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TIMEOUT = 15_000


@pytest.fixture
def workspace(example_plan):
    return build_workspace(example_plan)


@pytest.fixture
def users(example_plan, django_user_model):
    return make_users(example_plan, django_user_model)


def logged_in(browser, live_server, user, **options):
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", **options)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    return context, page


@pytest.fixture
def analyst(browser, live_server, users, workspace):
    context, page = logged_in(browser, live_server, users["analyst"])
    yield page
    context.close()


def open_all_details(page):
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


def theme_article(page, headline_start: str):
    return page.locator("article.theme", has=page.locator("h3", has_text=headline_start))


def test_workspace_pages_are_accessible(analyst, workspace):
    page = analyst
    page.goto("/orebro-2022/granskning/")
    assert page.locator("h1").inner_text() == "Granskning: Dialoger inför ny kulturplan 2024–2027"
    assert "För få deltagare" in page.locator("#omrade-litteratur").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Öppna Musik: Utmaningar").click()
    assert page.locator("h1").inner_text() == "Musik: Utmaningar"
    assert_accessible(page)
    open_all_details(page)  # every form and source list, as an analyst would open them
    assert_accessible(page)
    page.goto(workspace.url(workspace.attractive))
    open_all_details(page)
    assert_accessible(page)
    page.goto("/orebro-2022/granskning/aterkoppling/")
    assert_accessible(page)


def test_a_statement_shows_its_source_without_javascript(browser, live_server, users, workspace):
    context, page = logged_in(browser, live_server, users["analyst"], java_script_enabled=False)
    page.goto(workspace.url())
    item = page.locator("li.statement", has_text="Vi behöver en scen för 150 personer").first
    page.locator("details.statements-box > summary").first.click()
    item.locator("summary", has_text="Källa och sammanhang").click()
    source = item.locator(".source-body")
    assert source.locator("mark").inner_text() == "Vi behöver en scen för 150 personer med bra ljud."
    assert "survey.csv, rad 2" in source.inner_text()
    context.close()


def test_merge_two_themes_by_clicking(analyst, workspace):
    page = analyst
    lokaler, ekonomi = workspace.theme("lokaler"), workspace.theme("ekonomi")
    page.goto(workspace.url())
    article = page.locator(f"#tema-{lokaler.pk}")
    article.locator("summary", has_text="Slå ihop med ett annat tema").click()
    article.get_by_label("Slå ihop det här temat med").select_option(str(ekonomi.pk))
    article.get_by_role("button", name="Slå ihop med det här temat").click()
    page.wait_for_url(f"**{workspace.url()}#tema-{lokaler.pk}")
    assert "Temana har slagits ihop" in page.locator(".messages").inner_text()
    assert page.locator(f"#tema-{ekonomi.pk}").count() == 0
    assert not Theme.objects.filter(pk=ekonomi.pk).exists()
    assert Statement.objects.filter(theme=lokaler).count() == 6
    assert_accessible(page)


def test_split_then_move_by_clicking(analyst, workspace):
    page = analyst
    lokaler, ekonomi = workspace.theme("lokaler"), workspace.theme("ekonomi")
    scene = workspace.statement("Vi behöver en scen")
    page.goto(workspace.url())
    article = page.locator(f"#tema-{lokaler.pk}")
    article.locator("details.statements-box > summary").click()
    article.locator("form.selection").get_by_label("Vi behöver en scen för 150 personer med bra ljud.").check()
    article.get_by_label("Dela ut de markerade påståendena till ett nytt tema med rubriken").fill("Scen för 150")
    article.get_by_role("button", name="Dela ut till nytt tema").click()
    new = Theme.objects.get(headline="Scen för 150")
    page.wait_for_url(f"**#tema-{new.pk}")
    assert "bildar nu det nya temat" in page.locator(".messages").inner_text()
    assert page.locator(f"#tema-{new.pk} h3").inner_text().endswith("Scen för 150")
    # The new theme sits right after the one it was split from.
    headings = page.locator("article.theme h3").all_inner_texts()
    assert headings.index(page.locator(f"#tema-{new.pk} h3").inner_text()) == 1

    article = page.locator(f"#tema-{new.pk}")
    article.locator("details.statements-box > summary").click()
    article.locator("form.selection").get_by_label("Vi behöver en scen för 150 personer med bra ljud.").check()
    article.get_by_label("Eller flytta de markerade påståendena till").select_option(str(ekonomi.pk))
    article.get_by_role("button", name="Flytta", exact=True).click()
    page.wait_for_url(f"**#tema-{new.pk}")
    assert "1 påstående har flyttats till temat" in page.locator(".messages").inner_text()
    scene.refresh_from_db()
    assert scene.theme == ekonomi
    assert "Temat vilar inte på några påståenden" in page.locator(f"#tema-{new.pk}").inner_text()
    assert_accessible(page)


def test_approve_a_quote_and_publish_the_area(analyst, workspace):
    page = analyst
    quote = workspace.quote("Sommarkonserterna")
    page.goto(workspace.url(workspace.attractive))
    card = page.locator(f"#citat-{quote.pk}")
    assert "Original (publiceras inte)" in card.inner_text()
    card.get_by_role("button", name="Godkänn").click()
    page.wait_for_url(f"**#citat-{quote.pk}")
    assert "Citatet är godkänt för publicering." in page.locator(".messages").inner_text()
    assert page.locator(f"#citat-{quote.pk} .badge.quote-approved").inner_text() == "Godkänt"
    quote.refresh_from_db()
    assert quote.status == Quote.Status.APPROVED
    page.locator(".panel").get_by_role("button", name="Publicera").click()
    # First what the public page will show, then publishing.
    assert "Sommarkonserterna vid Vättern" in page.locator(".publish-diff").inner_text()
    assert_accessible(page)
    page.locator("form").get_by_role("button", name="Publicera", exact=True).click()
    assert "Den publika sidan visar den här versionen nu" in page.locator(".messages").inner_text()
    assert AreaReview.objects.get(area=workspace.area).status == AreaReview.Status.PUBLISHED
    assert_accessible(page)
    page.goto("/orebro-2022/resultat/")
    assert "Sommarkonserterna vid Vättern" in page.locator("#omrade-musik").inner_text()


def test_an_edited_quote_that_names_someone_is_flagged(analyst, workspace):
    page = analyst
    quote = workspace.quote("Ring Anna")
    page.goto(workspace.url(workspace.attractive))
    card = page.locator(f"#citat-{quote.pk}")
    card.locator("summary", has_text="Ändra maskering eller förkortning").click()
    card.get_by_label("Text som publiceras").fill("Ring Anna Svensson om konserterna i Nora.")
    card.get_by_role("button", name="Spara texten").click()
    page.wait_for_url(f"**#citat-{quote.pk}")
    assert "ser ut som personuppgifter" in page.locator(".messages").inner_text()
    assert "Anna Svensson" in page.locator(f"#citat-{quote.pk} .warning").inner_text()
    assert_accessible(page)


def test_script_in_an_answer_never_runs(browser, live_server, users, workspace):
    evil = contribute(
        workspace.consultation,
        workspace.area,
        workspace.challenges,
        '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">',
        "evil",
    )
    Statement.objects.create(
        consultation=workspace.consultation,
        contribution=evil,
        start=0,
        end=len(evil.raw_text),
        text=evil.raw_text,
        area=workspace.area,
        question=workspace.challenges,
        theme=workspace.theme("lokaler"),
    )
    context, page = logged_in(browser, live_server, users["analyst"])
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(workspace.url())
    open_all_details(page)
    page.wait_for_timeout(200)  # give an injected image's onerror the chance it must not get
    assert page.evaluate("window.pwned") is None
    assert dialogs == []
    assert "<script>window.pwned = 1</script>" in page.locator(f"#tema-{workspace.theme('lokaler').pk}").inner_text()
    context.close()


def test_pages_work_under_their_content_security_policy(browser, live_server, users, workspace):
    """No inline script or style: the policy blocks nothing, and the enhancement script still loads."""
    context, page = logged_in(browser, live_server, users["analyst"])
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    for url in ["/orebro-2022/granskning/", workspace.url(), workspace.url(workspace.attractive)]:
        page.goto(url)
        open_all_details(page)
    page.goto("/orebro-2022/granskning/")
    page.get_by_role("button", name="Kör analysen igen").click()
    page.wait_for_url("**/granskning/#analys", timeout=120_000)
    assert "Analysen är klar" in page.locator(".messages").inner_text()
    assert refused == []
    context.close()


def test_the_busy_message_shows_while_the_analysis_runs(browser, live_server, users, workspace):
    context, page = logged_in(browser, live_server, users["analyst"])
    page.goto("/orebro-2022/granskning/")
    # Keep the form from being sent (after our script has seen the submit): we only look at the page.
    page.evaluate("window.addEventListener('submit', (event) => event.preventDefault())")
    page.get_by_role("button", name="Kör analysen igen").click()
    busy = page.locator("#analys .busy")
    busy.wait_for()
    assert busy.inner_text().startswith("Analysen körs.")
    assert page.get_by_role("button", name="Kör analysen igen").is_disabled()
    context.close()


def test_the_workspace_fits_a_phone(browser, live_server, users, workspace):
    # Not is_mobile: a mobile viewport would widen itself to fit what overflows, and hide it.
    context, page = logged_in(browser, live_server, users["analyst"], viewport={"width": 375, "height": 740})
    ingest.merge(workspace.consultation, result_for(workspace))  # two runs: the table of earlier runs shows
    for url in ["/orebro-2022/granskning/", workspace.url(), workspace.url(workspace.attractive)]:
        page.goto(url)
        open_all_details(page)
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], url
    context.close()


def test_the_overview_shows_a_background_run_until_it_is_done(analyst, workspace, users):
    """review.js looks again while a run is going and shows the page anew once the process has finished it."""
    from django.utils import timezone

    from samrad.review.models import AnalysisRun

    run = AnalysisRun.objects.create(consultation=workspace.consultation, started_by=users["analyst"])
    page = analyst
    page.goto("/orebro-2022/granskning/")
    notice = page.locator("[data-analysis-running]")
    assert "En analys har pågått sedan" in notice.inner_text()
    assert notice.get_by_role("link", name="Se om den är klar").is_visible()
    assert_accessible(page)
    AnalysisRun.objects.filter(pk=run.pk).update(finished_at=timezone.now(), counts={"statements": 1})
    notice.wait_for(state="detached", timeout=30_000)
    assert page.url.endswith("/orebro-2022/granskning/")


def test_statements_no_line_represents_are_listed_and_placed(analyst, workspace):
    """The coverage panel counts what the published lines leave out and places it with one click."""
    from samrad.review.actions import Actor, points
    from samrad.review.models import Point

    hidden = Statement.objects.get(text__startswith="Hösten och vintern")
    points.delete_point(Point.objects.get(theme=None, sources=hidden), by=Actor(label="test"))
    page = analyst
    page.goto(workspace.url())
    panel = page.locator("#tackning")
    assert "7 av 8 påståenden finns med i texten." in panel.inner_text()
    panel.locator("summary").click()
    assert_accessible(page)
    panel.get_by_role("button", name="Lägg till i Övrigt-raden").click()
    page.wait_for_url("**#punkt-*")
    assert "8 av 8 påståenden finns med i texten." in page.locator("#tackning").inner_text()
    assert Point.objects.filter(theme=None, sources=hidden).exists()
