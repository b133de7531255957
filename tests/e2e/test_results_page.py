"""The public results page with a published summary, in a real browser: content, withheld area, feedback."""

import pytest

from samrad.results.models import Feedback
from tests.e2e.conftest import assert_accessible
from tests.results.conftest import published  # noqa: F401  (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_published_page_reads_like_the_reference(page, published):  # noqa: F811
    page.goto("/orebro-2022/resultat/")
    assert "Observera! Texterna är under bearbetning" in page.locator(".banner").inner_text()
    musik = page.locator("#omrade-musik")
    assert musik.locator("h3").all_inner_texts() == ["Utmaningar", "Utvalt exempel attraktivitet"]
    assert "Exempelvis: höjda bidrag." in musik.inner_text()
    assert "Övrigt: fler lokaler." in musik.inner_text()
    litteratur = page.locator("#omrade-litteratur")
    assert "för få deltagare" in litteratur.inner_text()
    assert "Hemlig text" not in page.content()
    assert page.locator(".updated").inner_text().startswith("Senast uppdaterad: den ")
    assert_accessible(page)


def test_feedback_without_javascript(browser, live_server, published):  # noqa: F811
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/orebro-2022/resultat/")
    page.get_by_label("Nej").check()
    page.get_by_label("Vad kan vi göra bättre? (frivilligt)").fill("Mer om kulturarv, tack.")
    page.get_by_role("button", name="Skicka").click()
    assert "Tack för ditt svar!" in page.locator("#feedback").inner_text()
    context.close()
    feedback = Feedback.objects.get()
    assert feedback.helpful is False and feedback.comment == "Mer om kulturarv, tack."


def test_feedback_error_is_announced_and_keeps_text(page, published):  # noqa: F811
    page.goto("/orebro-2022/resultat/")
    page.get_by_label("Vad kan vi göra bättre? (frivilligt)").fill("Glömde välja")
    page.get_by_role("button", name="Skicka").click()
    summary = page.locator(".error-summary")
    assert "Välj Ja eller Nej." in summary.inner_text()
    assert page.get_by_label("Vad kan vi göra bättre? (frivilligt)").input_value() == "Glömde välja"
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.name") == "helpful"
    assert_accessible(page)


def test_accessibility_statement(page, published):  # noqa: F811
    page.goto("/orebro-2022/resultat/")
    page.get_by_role("link", name="Tillgänglighetsredogörelse").click()
    assert page.locator("h1").inner_text().startswith("Tillgänglighet för")
    assert_accessible(page)


def test_page_weight(page, published):  # noqa: F811
    """Small: no framework needed to read it (bench/publish.py measures the exact weight)."""
    sizes = {}
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())))
    page.goto("/orebro-2022/resultat/")
    assert not [u for u in sizes if u.endswith(".js")]
