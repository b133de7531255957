"""The staff search for a person by e-mail (a data-subject request) keeps the address out of every URL: it is
a POST, and the links and forms on the result carry the participant's id, never the address."""

import re
from urllib.parse import unquote

import pytest
from django.test import Client

from samrad.privacy.models import ErasedParticipant
from tests.ops.people import participant, with_role

pytestmark = pytest.mark.django_db

PAGE = "/personal/orebro-2022/personuppgifter/"
NAME, EMAIL = "Vera Lindqvist-Åberg", "Vera.Lindqvist@example.net"
URL_ATTRIBUTE = re.compile(r'\b(?:href|action|src|formaction)\s*=\s*"([^"]*)"', re.IGNORECASE)


def urls_in(html: str) -> list[str]:
    return URL_ATTRIBUTE.findall(html)


def assert_no_address(response, *more_urls: str) -> None:
    """Neither the answer's own URLs (links, forms, a redirect) nor the given ones hold the address."""
    urls = [*urls_in(response.content.decode()), response.get("Location", ""), *more_urls]
    for url in urls:
        plain = unquote(unquote(url)).lower()
        assert EMAIL.lower() not in plain and "lindqvist@" not in plain, url


@pytest.fixture
def admin_client(client, example_plan):
    client.force_login(with_role("admin", example_plan, "administrator"))
    return client


@pytest.fixture
def vera(example_plan):
    return participant(example_plan, NAME, EMAIL)


def test_the_search_form_posts_with_csrf(admin_client):
    html = admin_client.get(PAGE).content.decode()
    form = re.search(r'<form method="(\w+)"[^>]*action="([^"]*)#request">(.{0,300})', html, re.S)
    assert form and form.group(1) == "post" and form.group(2) == PAGE
    assert "csrfmiddlewaretoken" in form.group(3)


def test_a_search_in_the_url_finds_nothing(admin_client, vera):
    """An old bookmark or a hand-made link with ?email= does not search, and the address is not echoed."""
    page = admin_client.get(PAGE, {"email": EMAIL}).content.decode()
    assert NAME not in page and EMAIL not in page


def test_search_by_post_finds_the_person_and_no_url_carries_the_address(admin_client, vera):
    response = admin_client.post(PAGE, {"email": EMAIL.upper()})
    assert response.status_code == 200 and NAME in response.content.decode()
    assert_no_address(response, response.request["PATH_INFO"] + "?" + response.request.get("QUERY_STRING", ""))
    # The result's own forms (download, erase) name the person by id.
    actions = [u for u in urls_in(response.content.decode()) if "/personuppgifter/" in u and u != PAGE + "#request"]
    assert f"{PAGE}{vera.pk}/export/" in actions and f"{PAGE}{vera.pk}/radera/" in actions

    download = admin_client.post(f"{PAGE}{vera.pk}/export/")
    assert download.status_code == 200
    assert_no_address(download, download["Content-Disposition"])

    # Erasing without the confirmation box: nothing is erased, the person is still on the page.
    unconfirmed = admin_client.post(f"{PAGE}{vera.pk}/radera/", {"contributions": "keep"})
    assert unconfirmed.status_code == 200 and NAME in unconfirmed.content.decode()
    assert "Kryssa i rutan" in unconfirmed.content.decode()
    assert not ErasedParticipant.objects.exists()
    assert_no_address(unconfirmed)

    erased = admin_client.post(f"{PAGE}{vera.pk}/radera/", {"contributions": "keep", "confirm": "yes"})
    assert erased.status_code == 302 and ErasedParticipant.objects.filter(participant=vera).exists()
    assert_no_address(erased)
    assert_no_address(admin_client.get(erased["Location"]))


def test_the_search_needs_the_csrf_token(example_plan, vera):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(with_role("admin", example_plan, "administrator"))
    assert strict.post(PAGE, {"email": EMAIL}).status_code == 403


def test_a_wrong_address_is_a_message_on_the_form(admin_client, vera):
    response = admin_client.post(PAGE, {"email": "inte en adress"})
    page = response.content.decode()
    assert response.status_code == 200 and NAME not in page
    assert "error-summary" in page and 'value="inte en adress"' in page
