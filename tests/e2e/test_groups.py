"""The staff groups page in a real browser: the example's three rounds, forming, re-balancing; axe-core."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client

from samrad.accounts.models import ConsultationRole
from samrad.participation.models import Registration
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

GROUPS = "/orebro-2022/dialoger/kulturdialog-2022-06-01/grupper/"


def login(page, live_server, consultation, django_user_model, role):
    user = django_user_model.objects.create_user(username=f"{role}-e2e")
    ConsultationRole.objects.create(user=user, consultation=consultation, role=role)
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return user


def test_example_groups_page(page, live_server, example, django_user_model):
    login(page, live_server, example, django_user_model, "administrator")
    page.goto(GROUPS)
    assert page.locator("h1").inner_text().startswith("Grupper")
    rounds = page.locator("section.round h2").all_inner_texts()
    assert rounds == [
        "Omgång 1: Utmaningar",
        "Omgång 2: Utvalda exempel attraktivitet",
        "Omgång 3: Utvalda exempel hållbarhet",
    ]
    assert page.locator("#omgang-1 li.group").count() >= 25
    assert "Mikael Ohman" in page.locator(".warning").inner_text()
    assert_accessible(page)

    # A no-show on the day, then re-balance round 2 from the page.
    first = page.locator("#omgang-2 li.group").first.locator("span.name").first.inner_text()
    Registration.objects.filter(participant__name=first).update(status="no_show")
    page.get_by_role("button", name="Balansera om omgång 2 efter uteblivna och nytillkomna").click()
    assert "ombalanserad" in page.locator(".messages").inner_text()
    assert f"{first} lämnar grupp" in page.locator("#omgang-2 .report").inner_text()
    assert_accessible(page)

    page.goto(GROUPS + "utskrift/?omgang=1")
    assert page.locator("h1").inner_text().startswith("Grupplistor")
    assert_accessible(page)


def test_facilitator_sees_groups_but_cannot_change_them(page, live_server, example, django_user_model):
    login(page, live_server, example, django_user_model, "facilitator")
    page.goto(GROUPS)
    assert page.locator("section.round").count() == 3
    assert page.get_by_role("button", name="Bilda grupper").count() == 0
    assert_accessible(page)
    response = page.goto("/orebro-2022/dialoger/kulturdialog-2022-06-01/grupper/omgang-2-zoom.csv")
    assert response.status == 403


def test_staff_pages_refuse_anonymous(page, example_plan):
    page.goto(GROUPS)
    assert page.url.split("?")[0].endswith(resolve_url(settings.LOGIN_URL))
    assert "Dialog" not in page.locator("main").inner_text()
