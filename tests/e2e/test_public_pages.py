import pytest

from samrad.participation.models import Participant, Registration
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _enough_people(consultation):
    event = consultation.events.get(slug="kulturdialog-2022-06-01")
    for area in consultation.areas.exclude(slug="litteratur"):
        for i in range(5):
            p = Participant.objects.create(consultation=consultation, name=f"{area.slug}{i}")
            Registration.objects.create(event=event, participant=p, area=area)


def test_results_page_in_a_browser(page, example_plan):
    _enough_people(example_plan)
    page.goto("/orebro-2022/resultat/")
    assert page.locator("h1").inner_text().startswith("Sammanfattade resultat")
    headings = page.locator("section.area h2").all_inner_texts()
    assert headings == [
        "Bibliotek",
        "Bild och form",
        "Dans",
        "Film",
        "Kulturarv",
        "Litteratur",
        "Musik",
        "Slöjd",
        "Teater",
    ]
    assert "för få deltagare" in page.locator("#omrade-litteratur").inner_text()
    assert "för få deltagare" not in page.locator("#omrade-musik").inner_text()
    assert_accessible(page)


def test_language_switch_and_keyboard(page, example_plan):
    page.goto("/orebro-2022/resultat/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hoppa till innehållet"
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().startswith("Summarised results")
    assert_accessible(page)


def test_index_and_consultation_pages_are_accessible(page, mobile_page, example_plan):
    for path in ["/", "/orebro-2022/"]:
        page.goto(path)
        assert_accessible(page)
    mobile_page.goto("/orebro-2022/resultat/")
    # Readable on a phone: nothing wider than the screen.
    assert mobile_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_accessibility_check_can_fail(page, example_plan):
    """Guard against a check that always passes: a planted image without alt text is found."""
    from tests.e2e.conftest import axe_violations

    page.goto("/orebro-2022/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
    assert "image-alt" in [v["id"] for v in axe_violations(page)]
