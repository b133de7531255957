"""The staff import page in Chromium: a file that asks for decisions (repeated respondents, a cell that
swallowed rows), the choices on the check step, the import; axe-core and no console errors."""

import re

import pytest
from django.test import Client

from samrad.accounts.models import ConsultationRole
from samrad.intake.models import Contribution
from tests.e2e.conftest import assert_accessible
from tests.intake.test_import_files import FORMS_MAPPING, stray_quote_export
from tests.intake.test_import_shapes import WIDE_IDS, duplicated_wide

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

URL = "/orebro-2022/import/"


@pytest.fixture
def analyst_page(page, live_server, example_plan, django_user_model):
    user = django_user_model.objects.create_user(username="analyst-e2e")
    ConsultationRole.objects.create(user=user, consultation=example_plan, role="analyst")
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_default_navigation_timeout(60_000)  # the first request to the live server also loads Django's parts
    errors: list[str] = []
    # The browser's own request for /favicon.ico is not the page's.
    page.on(
        "console",
        lambda m: errors.append(m.text) if m.type == "error" and "favicon" not in m.location.get("url", "") else None,
    )
    yield page, errors
    assert errors == []


def check(page, name: str, data: bytes, mapping: str) -> None:
    page.goto(URL)
    page.set_input_files("#id_file", {"name": name, "mimeType": "text/csv", "buffer": data})
    page.fill("#id_mapping", mapping)
    page.get_by_role("button", name="Kontrollera filen (importerar ingenting)").click()


def test_repeated_respondents_are_decided_on_the_check_step(analyst_page):
    page, _errors = analyst_page
    check(page, "dubbel.csv", duplicated_wide(), WIDE_IDS)
    assert page.locator("h2#report-h").inner_text() == "Filen kan inte importeras ännu"
    assert "3 rader upprepar en svarandes id" in page.locator("section.report").inner_text()
    assert page.get_by_role("button", name=re.compile(r"^Importera \d+")).count() == 0
    assert_accessible(page)
    page.get_by_label("Behåll den första raden för varje svarande, lämna upprepningarna utanför").check()
    page.get_by_role("button", name="Kontrollera filen (importerar ingenting)").click()
    assert page.locator("h2#report-h").inner_text() == "Kontroll: klar att importera"
    assert page.get_by_label("Behåll den första raden för varje svarande, lämna upprepningarna utanför").is_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Importera 4 inspel").click()
    page.get_by_text("Importerade 4 inspel från dubbel.csv").wait_for()
    assert Contribution.objects.count() == 4


def test_a_swallowing_cell_is_confirmed_on_the_check_step(analyst_page):
    page, _errors = analyst_page
    check(page, "forms.csv", stray_quote_export(), FORMS_MAPPING)
    report = page.locator("section.report").inner_text()
    assert "textraderna 5–105" in report and "100 av dess textrader ser ut som egna rader" in report
    assert_accessible(page)
    page.get_by_label("Celler över många rader stämmer: läs dem som de är").check()
    page.get_by_role("button", name="Kontrollera filen (importerar ingenting)").click()
    page.get_by_role("button", name="Importera 20 inspel").click()
    page.get_by_text("Importerade 20 inspel från forms.csv").wait_for()
    assert Contribution.objects.count() == 20
