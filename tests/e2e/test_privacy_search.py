"""The staff search for a person by e-mail in a real browser without JavaScript: it works, and no URL the
browser asks for or shows ever holds the address (server logs and browser history keep URLs)."""

from urllib.parse import unquote

import pytest

from samrad.privacy.models import ErasedParticipant
from tests.ops.people import PASSWORD, fast_passwords, participant, with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "Sara.Nystrom@example.org"


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_search_download_and_erase_without_javascript_keep_the_address_out_of_urls(no_js_page, settings, example_plan):
    fast_passwords(settings)
    page = no_js_page
    with_role("admin", example_plan, "administrator")
    sara = participant(example_plan, "Sara Nyström", EMAIL)
    urls = []
    page.on("request", lambda request: urls.append(request.url))
    page.on("framenavigated", lambda frame: urls.append(frame.url))

    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("admin")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto("/personal/orebro-2022/personuppgifter/")
    page.get_by_label("E-postadress").fill(EMAIL.lower())
    page.get_by_role("button", name="Sök").click()
    assert "Sara Nyström" in page.locator(".cards").inner_text()

    with page.expect_download() as download:
        page.get_by_role("button", name="Ladda ner personens uppgifter (JSON)").click()
    assert "sara" not in download.value.suggested_filename.lower()

    page.get_by_role("button", name="Radera personens uppgifter").click()  # without ticking the box
    assert "Kryssa i rutan" in page.locator(".messages").inner_text()
    assert "Sara Nyström" in page.locator(".cards").inner_text()
    page.get_by_label("Personen har begärt radering").check()
    page.get_by_role("button", name="Radera personens uppgifter").click()
    assert "är raderade" in page.locator(".messages").inner_text()
    assert ErasedParticipant.objects.filter(participant=sara).exists()

    assert len(urls) > 5
    for url in [*urls, page.url]:
        plain = unquote(unquote(url)).lower()
        assert "sara.nystrom" not in plain and "example.org" not in plain, url
