"""Failed logins are limited per address as well as per user name, counted in the database: user names
sprayed from one address are refused after SAMRAD_LOGIN_ADDRESS_LIMIT failures, on /konto/logga-in/ and
on the admin's own login page alike. Password-reset mails are limited per address like other public forms."""

import pytest
from django.core import mail
from django.core.cache import caches
from django.test import Client

from samrad.core.models import RateBucket
from tests.ops.people import PASSWORD, user

pytestmark = pytest.mark.django_db
LOGIN = "/konto/logga-in/"


def fresh_client(**defaults) -> Client:
    """As if another server process answered: a new client, every in-process cache emptied."""
    for cache in caches.all():
        cache.clear()
    return Client(**defaults)


def login(client, username, password="fel-losenord", path=LOGIN):
    return client.post(path, {"username": username, "password": password})


def test_thirty_user_names_from_one_address_are_refused_after_the_limit(settings):
    settings.SAMRAD_LOGIN_ADDRESS_LIMIT = "20/900"
    settings.SAMRAD_LOGIN_ATTEMPTS = 5
    user("kerstin")
    codes = [login(fresh_client(), f"namn{i}").status_code for i in range(30)]
    assert codes == [200] * 20 + [429] * 10  # every name tried once: the per-name limit never trips
    refused = login(fresh_client(), "kerstin", PASSWORD)  # even the right password, from this address
    assert refused.status_code == 429 and int(refused["Retry-After"]) == 800
    page = refused.content.decode()
    assert "För många misslyckade inloggningar från din internetuppkoppling. Vänta 14 minuter" in page
    assert "_auth_user_id" not in refused.client.session
    # Another address logs in as usual.
    other = fresh_client(REMOTE_ADDR="198.51.100.1")
    assert login(other, "kerstin", PASSWORD).status_code == 302


def test_successful_logins_do_not_count(settings):
    settings.SAMRAD_LOGIN_ADDRESS_LIMIT = "2/900"
    user("kerstin")
    for _ in range(5):
        client = fresh_client()
        assert login(client, "kerstin", PASSWORD).status_code == 302
    assert not RateBucket.objects.exists()
    login(fresh_client(), "kerstin")
    login(fresh_client(), "kerstin")
    assert login(fresh_client(), "kerstin", PASSWORD).status_code == 429


def test_the_admin_login_counts_failures_too(settings):
    settings.SAMRAD_LOGIN_ADDRESS_LIMIT = "3/900"
    settings.SAMRAD_LOGIN_ATTEMPTS = 2
    user("chef", superuser=True)
    for i in range(3):
        assert login(fresh_client(), f"namn{i}", path="/admin/login/").status_code == 200
    refused = login(fresh_client(), "chef", PASSWORD, path="/admin/login/")
    assert refused.status_code == 200 and "_auth_user_id" not in refused.client.session
    assert "för många misslyckade inloggningar från din internetuppkoppling" in refused.content.decode().lower()
    # The per-name lockout covers the admin's page as well: two failures lock "chef" everywhere.
    other = {"REMOTE_ADDR": "198.51.100.1"}
    login(fresh_client(**other), "chef", path="/admin/login/")
    login(fresh_client(**other), "chef", path="/admin/login/")
    page = login(fresh_client(**other), "chef", PASSWORD, path="/admin/login/").content.decode()
    assert "för många misslyckade försök" in page.lower()
    # A staff-only page still says so to an account that is not staff.
    user("olle")
    page = login(fresh_client(REMOTE_ADDR="192.0.2.1"), "olle", PASSWORD, path="/admin/login/").content.decode()
    assert "personalkonto" in page.lower()


def test_zero_turns_the_address_limit_off(settings):
    settings.SAMRAD_LOGIN_ADDRESS_LIMIT = "0"
    settings.SAMRAD_LOGIN_ATTEMPTS = 100
    assert {login(fresh_client(), f"namn{i}").status_code for i in range(25)} == {200}


def test_password_reset_mails_are_limited_per_address(settings):
    settings.SAMRAD_PUBLIC_POST_LIMIT = "2/600"
    user("kerstin", email="kerstin@example.org")
    codes = [fresh_client().post("/konto/losenord/", {"email": "kerstin@example.org"}).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert len(mail.outbox) == 2
