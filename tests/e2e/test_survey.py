"""The public survey in Chromium: keyboard, error summary, screen-reader basics, no JavaScript, axe-core."""

import datetime as dt

import pytest
from django.utils import timezone

from samrad.intake.models import Contribution, SurveyResponse
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

URL = "/orebro-2022/enkat/"
QUESTION_1 = "Vilka är de stora utmaningarna för ditt kulturområde 2024–2027"


@pytest.fixture
def open_survey(example_plan):
    window = example_plan.survey
    window.opens_at = timezone.now() - dt.timedelta(days=1)
    window.closes_at = timezone.now() + dt.timedelta(days=1)
    window.save()
    return example_plan


def test_errors_are_summarised_focused_and_linked_then_the_answer_is_sent(page, open_survey):
    page.goto(URL)
    assert page.locator("h1").inner_text() == "Enkät inför ny kulturplan 2024–2027"
    assert_accessible(page)
    page.get_by_label(QUESTION_1).fill("Svårt att nå publik på landsbygden.\nFå scener.")
    page.get_by_role("button", name="Skicka mina svar").click()
    # The error summary gets focus and names each problem; its links lead to the fields.
    summary = page.locator(".error-summary")
    assert summary.evaluate("el => el === document.activeElement")
    assert page.title().startswith("Fel:")
    assert "Välj minst ett kulturområde." in summary.inner_text()
    assert "Kryssa i rutan" in summary.inner_text()
    assert_accessible(page)
    summary.get_by_role("link", name="Välj minst ett kulturområde.").click()
    assert page.evaluate("document.activeElement.id") == "id_areas_0"
    # What was typed is still there.
    assert page.get_by_label(QUESTION_1).input_value() == "Svårt att nå publik på landsbygden.\nFå scener."
    # Keyboard only: space ticks the focused checkbox.
    page.keyboard.press("Space")
    page.get_by_label("Teater").check()
    page.get_by_label("Kommun", exact=True).select_option(label="Nora")
    page.get_by_label("Jag godkänner").check()
    page.get_by_role("button", name="Skicka mina svar").click()
    assert page.locator("h1").inner_text() == "Dina svar har kommit in"
    assert_accessible(page)
    assert SurveyResponse.objects.count() == 1
    stored = Contribution.objects.filter(question__slug="utmaningar")
    assert {c.area.slug for c in stored} == {"bibliotek", "teater"}
    # The browser sends the line break as CR LF; it is stored as received.
    assert stored.first().raw_text == "Svårt att nå publik på landsbygden.\r\nFå scener."


def test_works_without_javascript_and_double_submit_is_stored_once(browser, live_server, open_survey):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(URL)
        page.get_by_label("Musik").check()
        page.get_by_label(QUESTION_1).fill("Utan JavaScript.")
        page.get_by_label("Jag godkänner").check()
        # The same form sent twice, as a double click or a resend does: first a copy of it, then the button.
        fields = {name: page.locator(f"input[name={name}]").input_value() for name in ("csrfmiddlewaretoken", "key")}
        first = context.request.post(
            URL,
            form={**fields, "areas": "musik", "q_utmaningar": "Utan JavaScript.", "consent": "on", "role": ""},
            max_redirects=0,
        )
        assert first.status == 302
        page.get_by_role("button", name="Skicka mina svar").click()
        assert page.locator("h1").inner_text() == "Dina svar har kommit in"
    finally:
        context.close()
    assert SurveyResponse.objects.count() == 1
    assert Contribution.objects.get().raw_text == "Utan JavaScript."


def test_closed_survey_page_is_accessible_and_links_to_results(page, example_plan):
    page.goto(URL)
    assert "Enkäten stängde den 2 augusti 2022" in page.locator("main").inner_text()
    page.get_by_role("link", name="Läs resultatet").click()
    assert page.url.endswith("/orebro-2022/resultat/")
    page.goto(URL)
    assert_accessible(page)


def test_readable_on_a_phone(mobile_page, open_survey):
    mobile_page.goto(URL)
    assert mobile_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(mobile_page)
