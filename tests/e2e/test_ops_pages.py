"""Staff and privacy pages in a real browser: keyboard-free flows work, axe-core finds no violations, and
the Content-Security-Policy blocks nothing the pages need (no inline script or style anywhere)."""

import pytest

from samrad.participation.models import Participant
from tests.e2e.conftest import assert_accessible
from tests.ops.people import PASSWORD, contribute, fast_passwords, participant, with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fast(settings):
    fast_passwords(settings)


@pytest.fixture
def csp_errors(page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    return errors


def _login(page, username):
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def test_staff_pages(page, csp_errors, example_plan):
    with_role("admin", example_plan, "administrator")
    me = participant(example_plan, "Sara Nyström", "sara@example.org")
    contribute(example_plan, "Mer dans på landsbygden.", participant=me)
    page.goto("/konto/logga-in/")
    assert_accessible(page)
    page.get_by_label("Användarnamn").fill("admin")
    page.get_by_label("Lösenord").fill("fel")
    page.get_by_role("button", name="Logga in").click()
    assert "Användarnamnet eller lösenordet är fel" in page.locator(".error-summary").inner_text()
    assert_accessible(page)
    _login(page, "admin")
    assert page.locator("h1").inner_text() == "Mina samråd"
    assert_accessible(page)

    page.get_by_role("link", name="Roller och behörigheter").click()
    page.get_by_label("Användarnamn eller e-postadress").fill("ny.kollega@example.org")
    page.get_by_label("Roll").select_option("analyst")
    page.get_by_role("button", name="Ge rollen").click()
    assert "Det finns inget konto" in page.locator(".error-summary").inner_text()
    assert_accessible(page)
    page.get_by_label("Har inget konto ännu").check()
    page.get_by_role("button", name="Ge rollen").click()
    assert "ny.kollega@example.org är nu analytiker" in page.locator(".messages").inner_text()
    assert_accessible(page)

    page.goto("/personal/orebro-2022/logg/")
    assert "Roll tilldelad" in page.locator("table").inner_text()
    assert_accessible(page)

    page.goto("/personal/orebro-2022/personuppgifter/")
    page.get_by_label("E-postadress").fill("sara@example.org")
    page.get_by_role("button", name="Sök").click()
    assert "Sara Nyström" in page.locator(".cards").inner_text()
    assert_accessible(page)
    assert csp_errors == []


def test_participant_sees_and_erases_their_data(page, mobile_page, csp_errors, example_plan):
    me = participant(example_plan, "Sara Nyström", "sara@example.org")
    contribute(example_plan, "Mer dans på landsbygden.", participant=me)
    page.goto("/orebro-2022/personuppgifter/")
    assert "Region Örebro län" in page.locator("dl").inner_text()
    assert_accessible(page)
    page.goto(f"/mina-uppgifter/{me.token}/")
    assert "Sara Nyström" in page.locator("main").inner_text()
    assert_accessible(page)
    mobile_page.goto(f"/mina-uppgifter/{me.token}/")
    assert mobile_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner dina uppgifter (JSON)").click()
    assert download.value.suggested_filename == "mina-uppgifter-orebro-2022.json"
    page.get_by_role("link", name="Radera dina uppgifter").click()
    page.get_by_role("button", name="Radera mina uppgifter").click()
    assert "Kryssa i rutan" in page.locator(".error-summary").inner_text()
    assert_accessible(page)
    page.get_by_label("Jag förstår").check()
    page.get_by_role("button", name="Radera mina uppgifter").click()
    assert page.locator("h1").inner_text() == "Dina uppgifter är raderade"
    assert_accessible(page)
    assert not Participant.objects.filter(name="Sara Nyström").exists()
    assert csp_errors == []


def test_the_csp_check_can_fail(page, csp_errors, example_plan):
    """Guard: an inline style attribute planted in a page is reported."""
    page.goto("/orebro-2022/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<div style=\"color:red\">x</div>')")
    page.wait_for_timeout(200)
    assert any("style-src" in e for e in csp_errors)
