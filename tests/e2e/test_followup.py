"""Follow-up, calendar, collaboration and participation pages in Chromium, checked with axe-core."""

import pytest

from samrad.accounts.models import ConsultationRole
from samrad.followup.places import import_places
from samrad.participation.models import Participant, Registration
from tests.conftest import EXAMPLE_DIR
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _participants(consultation):
    event = consultation.events.get(slug="kulturdialog-2022-06-01")
    area = consultation.areas.get(slug="musik")
    for slug, n in {"orebro": 9, "kumla": 6, "laxa": 2}.items():
        m = consultation.municipalities.get(slug=slug)
        for i in range(n):
            p = Participant.objects.create(consultation=consultation, name=f"{slug}{i}", municipality=m)
            Registration.objects.create(event=event, participant=p, area=area)


def test_follow_up_pages_are_accessible(page, example_plan):
    for path in [
        "/orebro-2022/uppfoljning/",
        "/orebro-2022/uppfoljning/mal/mal-1/",
        "/orebro-2022/uppfoljning/sektor/energi-och-klimat/",
        "/orebro-2022/uppfoljning/aktivitet/tr-konsekvensanalys/",
        "/orebro-2022/samverkan/",
    ]:
        page.goto(path)
        assert page.get_by_role("note").filter(has_text="Påhittad exempeluppföljning").count() >= 1 or path.endswith(
            "samverkan/"
        )
        assert_accessible(page)
    page.goto("/orebro-2022/uppfoljning/")
    page.get_by_text("Vad statusarna betyder").click()  # <details> opens without JavaScript of ours
    assert page.get_by_text("Beslutad och har en ansvarig").is_visible()
    assert_accessible(page)


def test_calendar_page_is_accessible_and_links_the_feed(page, example_plan):
    page.goto("/orebro-2022/kalender/")
    assert page.locator("h1").inner_text() == "Kalender"
    assert page.locator("#kulturdialog-2022-06-01").is_visible()
    href = page.get_by_role("link", name="Ladda ned alla möten (.ics)").get_attribute("href")
    assert href.endswith("/orebro-2022/kalender.ics")
    assert_accessible(page)


def test_participation_map_is_accessible_on_desktop_and_phone(page, mobile_page, example_plan):
    _participants(example_plan)
    import_places(example_plan, (EXAMPLE_DIR / "meeting-places.csv").read_bytes(), "meeting-places.csv")
    page.goto("/orebro-2022/deltagande/")
    svg = page.locator("svg.map")
    assert svg.get_attribute("role") == "img"
    assert svg.locator("path.municipality").count() == 12
    assert svg.locator("circle.place").count() == 20
    assert "färre än 5" in page.locator("table.data").first.inner_text()
    assert_accessible(page)
    mobile_page.goto("/orebro-2022/deltagande/")
    assert mobile_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_results_page_with_collaboration_sections_is_accessible(page, example_plan):
    page.goto("/orebro-2022/resultat/")
    assert page.locator("#samverkan-kommuner h2").inner_text() == "Samverkan med kommuner"
    assert_accessible(page)


def test_staff_note_form_in_the_browser(page, example_plan, django_user_model, live_server):
    # The site's login page is the admin's, which admits staff accounts only.
    user = django_user_model.objects.create_user("analys", password="pw-123456789", is_staff=True)
    ConsultationRole.objects.create(user=user, consultation=example_plan, role="analyst")
    activity = example_plan.activities.get(slug="tr-samtal")
    page.goto(f"/admin/login/?next=/orebro-2022/uppfoljning/hantera/aktivitet/{activity.pk}/")
    page.fill("#id_username", "analys")
    page.fill("#id_password", "pw-123456789")
    page.click("input[type=submit]")
    page.wait_for_url(lambda url: url.endswith(f"/hantera/aktivitet/{activity.pk}/"))
    assert_accessible(page)
    page.locator("#id_note-status").select_option("ongoing")
    page.locator("#id_note-text").fill("")
    page.locator("#id_note-date").fill("2030-01-01")
    page.get_by_role("button", name="Spara anteckningen").click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)
    page.locator("#id_note-date").fill("2025-03-01")
    page.locator("#id_note-text").fill("Första mötet hölls.")
    page.get_by_role("button", name="Spara anteckningen").click()
    page.wait_for_url(lambda url: url.endswith(f"/hantera/aktivitet/{activity.pk}/"))
    assert "Anteckningen är sparad." in page.locator(".messages").inner_text()
    activity.refresh_from_db()
    assert activity.status == "ongoing"
