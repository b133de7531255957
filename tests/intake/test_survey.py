"""The public survey against a real database: window, idempotency, rate limit, lengths, odd characters."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from samrad.core.models import RateBucket
from samrad.intake.forms import SurveyForm
from samrad.intake.models import Contribution, SurveyContact, SurveyResponse

pytestmark = pytest.mark.django_db

URL = "/orebro-2022/enkat/"


def form_data(client, **overrides):
    """A valid submission, with the idempotency key the page handed out."""
    page = client.get(URL)
    assert page.status_code == 200
    key = page.context["form"].initial["key"]
    data = {
        "key": key,
        "areas": ["musik", "teater"],
        "q_utmaningar": "  Fler scener utanför Örebro.\r\nOch bättre gager.  ",
        "q_attraktivitet": "",
        "q_hallbarhet": "Musik håller ihop bygden.",
        "role": "kulturskapare",
        "municipality": "nora",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_a_valid_answer_is_stored_exactly_and_acknowledged_after_commit(client, open_survey):
    data = form_data(client)
    response = client.post(URL, data)
    assert response.status_code == 302
    assert response["Location"] == "/orebro-2022/enkat/tack/"
    stored = Contribution.objects.filter(consultation=open_survey, source="survey")
    # Two answered questions × two chosen areas; the blank answer is not a contribution.
    assert stored.count() == 4
    assert {(c.area.slug, c.question.slug) for c in stored} == {
        ("musik", "utmaningar"),
        ("teater", "utmaningar"),
        ("musik", "hallbarhet"),
        ("teater", "hallbarhet"),
    }
    challenge = stored.get(area__slug="musik", question__slug="utmaningar")
    assert challenge.raw_text == "  Fler scener utanför Örebro.\r\nOch bättre gager.  "  # not stripped, CRLF kept
    assert challenge.role_category.slug == "kulturskapare" and challenge.municipality.slug == "nora"
    assert len({c.respondent for c in stored}) == 1
    assert challenge.provenance["channel"] == "web" and challenge.provenance["areas"] == ["musik", "teater"]
    assert SurveyResponse.objects.filter(consultation=open_survey).count() == 1
    thanks = client.get(response["Location"])
    assert "Tack för ditt svar!" in thanks.content.decode()


def test_double_click_or_resent_form_is_stored_once(client, open_survey):
    data = form_data(client)
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert first.status_code == second.status_code == 302
    assert SurveyResponse.objects.count() == 1
    assert Contribution.objects.filter(source="survey").count() == 4


def test_same_form_sent_again_with_changed_answers_is_a_new_answer(client, open_survey):
    data = form_data(client)
    client.post(URL, data)
    client.post(URL, {**data, "q_hallbarhet": "Ändrat svar."})
    assert SurveyResponse.objects.count() == 2


def test_each_page_load_hands_out_a_new_key(client, open_survey):
    assert form_data(client)["key"] != form_data(client)["key"]


def test_before_the_window_opens(client, example_plan):
    window = example_plan.survey
    window.opens_at = timezone.now() + dt.timedelta(hours=1)
    window.closes_at = timezone.now() + dt.timedelta(days=30)
    window.save()
    page = client.get(URL)
    assert "Enkäten öppnar den" in page.content.decode()
    assert "form" not in page.context or page.context.get("form") is None
    assert client.post(URL, {"q_utmaningar": "x"}).status_code == 403
    assert Contribution.objects.count() == 0


def test_after_the_window_closes_with_results_link_and_typed_text_kept(client, example_plan):
    # The plan's window: 2 June – 2 August 2022, open all of 2 August.
    page = client.get(URL).content.decode()
    assert "Enkäten stängde den 2 augusti 2022" in page
    assert 'href="/orebro-2022/resultat/"' in page
    late = client.post(URL, {"q_utmaningar": "Det jag hann skriva", "areas": ["musik"], "consent": "on"})
    assert late.status_code == 403
    assert "Det jag hann skriva" in late.content.decode()
    assert Contribution.objects.count() == 0


def test_window_is_strict_at_the_closing_moment(client, open_survey):
    window = open_survey.survey
    window.closes_at = timezone.now() - dt.timedelta(seconds=1)
    window.save()
    assert "stängde" in client.get(URL).content.decode()


def test_missing_parts_are_listed_in_an_error_summary_linking_to_the_fields(client, open_survey):
    data = form_data(client, areas=[], consent="", q_utmaningar="", q_hallbarhet="")
    page = client.post(URL, data)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="error-summary"' in html
    assert '<a href="#id_areas_0">Välj minst ett kulturområde.</a>' in html
    assert '<a href="#id_q_utmaningar">Svara på minst en av frågorna.</a>' in html
    assert 'href="#id_consent"' in html
    assert page.context["error_links"][0][0] == "id_areas_0"
    assert html.count('aria-invalid="true"') >= 2
    assert Contribution.objects.count() == 0


def test_too_long_answer_names_the_question_and_keeps_the_text(client, open_survey):
    limit = open_survey.survey.max_answer_length
    too_long = "å" * (limit + 7)
    page = client.post(URL, form_data(client, q_hallbarhet=too_long))
    html = page.content.decode()
    assert "Utvalda exempel hållbarhet" in html and f"{limit + 7} tecken" in html and "med 7 tecken" in html
    assert too_long in html  # what the person typed is still in the box
    assert page.context["form"]["areas"].value() == ["musik", "teater"]
    assert Contribution.objects.count() == 0


def test_length_counts_a_line_break_once(client, open_survey):
    window = open_survey.survey
    window.max_answer_length = 10
    window.save()
    exactly_ten = "abcd\r\nefgh\r\n"[:-2] + "x"  # 4 + 1 (line break) + 4 + 1 = 10 characters as typed
    assert client.post(URL, form_data(client, q_utmaningar=exactly_ten, q_hallbarhet="")).status_code == 302


def test_honeypot_stores_nothing_and_tells_nothing(client, open_survey):
    response = client.post(URL, form_data(client, website="http://spam.example"))
    assert response.status_code == 302
    assert Contribution.objects.count() == 0 and SurveyResponse.objects.count() == 0


def test_csrf_is_required(open_survey):
    strict = Client(enforce_csrf_checks=True)
    data = form_data(Client())
    assert strict.post(URL, data).status_code == 403
    assert Contribution.objects.count() == 0


def test_rate_limit_per_address_keeps_the_text_and_stores_no_address(client, open_survey, settings):
    settings.SAMRAD_SURVEY_RATE_LIMIT = "2/600"
    for _ in range(2):
        assert client.post(URL, form_data(client), REMOTE_ADDR="203.0.113.7").status_code == 302
    blocked = client.post(URL, form_data(client, q_utmaningar="Tredje svaret"), REMOTE_ADDR="203.0.113.7")
    assert blocked.status_code == 429
    assert "Tredje svaret" in blocked.content.decode()
    assert "många svar från din internetuppkoppling" in blocked.content.decode()
    assert SurveyResponse.objects.count() == 2
    # Another address is not affected.
    assert client.post(URL, form_data(client), REMOTE_ADDR="198.51.100.1").status_code == 302
    for bucket in RateBucket.objects.all():
        assert "203.0.113.7" not in bucket.key and "198.51.100.1" not in bucket.key
        assert len(bucket.key) == 64


def test_rate_limit_uses_the_client_address_behind_a_proxy(client, open_survey, settings):
    settings.SAMRAD_SURVEY_RATE_LIMIT = "1/600"
    settings.SAMRAD_TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert client.post(URL, form_data(client), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy).status_code == 302
    assert client.post(URL, form_data(client), HTTP_X_FORWARDED_FOR="203.0.113.8", **proxy).status_code == 302
    assert client.post(URL, form_data(client), HTTP_X_FORWARDED_FOR="203.0.113.8", **proxy).status_code == 429


def test_nul_and_control_characters(client, open_survey):
    """NUL cannot be stored in PostgreSQL: removed on both databases and counted; other control characters kept."""
    text = "före\x00efter\x01\x1b[31m\ttab\u200b\u00a0slut"
    assert client.post(URL, form_data(client, q_utmaningar=text, areas=["dans"])).status_code == 302
    stored = Contribution.objects.get(question__slug="utmaningar")
    assert stored.raw_text == "föreefter\x01\x1b[31m\ttab\u200b\u00a0slut"
    assert stored.provenance["characters_not_storable"] == 1


def test_invalid_utf8_in_the_post_does_not_crash(client, open_survey):
    data = form_data(client)
    body = (f"csrfmiddlewaretoken=x&key={data['key']}&areas=film&consent=on&q_utmaningar=bra%FF%FEd%C3%A5lig").encode()
    response = client.post(URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    assert Contribution.objects.get().raw_text == "bra\ufffd\ufffddålig"


def test_unknown_choices_are_rejected_with_a_message(client, open_survey):
    page = client.post(URL, form_data(client, areas=["opera"], municipality="stockholm"))
    html = page.content.decode()
    assert "Välj kulturområden i listan." in html and "Välj en kommun i listan." in html
    assert Contribution.objects.count() == 0


def test_contact_details_are_stored_apart_from_the_answers(client, open_survey):
    data = form_data(client, contact_name="Kim Testsson", contact_email="kim@example.org")
    assert client.post(URL, data).status_code == 302
    contact = SurveyContact.objects.get()
    assert contact.email == "kim@example.org" and contact.month.day == 1
    field_names = {f.name for f in SurveyContact._meta.get_fields()}
    assert field_names == {"id", "consultation", "name", "email", "month"}
    for c in Contribution.objects.all():
        assert "kim" not in str(c.provenance).lower() and "kim" not in c.respondent.lower()
    # A resent form does not add the contact twice.
    client.post(URL, data)
    assert SurveyContact.objects.count() == 1


def test_name_without_email_asks_for_the_email(client, open_survey):
    page = client.post(URL, form_data(client, contact_name="Kim"))
    assert "Fyll i din e-postadress" in page.content.decode()
    assert Contribution.objects.count() == 0


def test_the_form_fields_follow_the_plan(open_survey):
    from samrad.intake.forms import SurveyPlan

    form = SurveyForm(SurveyPlan.of(open_survey))
    assert [q.slug for q, _field in form.question_fields()] == ["utmaningar", "attraktivitet", "hallbarhet"]
    assert len(form.fields["areas"].choices) == 9


def test_works_in_english(client, open_survey):
    page = client.get("/en/orebro-2022/enkat/").content.decode()
    assert "Send my answers" in page and "Which culture area or areas do you answer about?" in page


def test_the_same_area_twice_is_a_form_error_that_keeps_the_text(client, open_survey):
    """A tampered or doubled POST (areas=musik&areas=musik) gets a message, not a server error."""
    page = client.post(URL, form_data(client, areas=["musik", "musik"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Välj varje kulturområde bara en gång." in html
    assert "Fler scener utanför Örebro." in html  # what was typed is still there
    assert Contribution.objects.count() == 0 and SurveyResponse.objects.count() == 0
