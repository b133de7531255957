"""The per-address limit on sign-ups and resent links: counted in the database, so it holds however many
server processes answer (each request here comes through a fresh client with every in-process cache
emptied first, as if another gunicorn worker took it)."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from samrad.core.models import RateBucket
from samrad.participation.models import Registration
from tests.participation.test_signup import post_signup

pytestmark = pytest.mark.django_db


def as_another_worker() -> Client:
    for cache in caches.all():
        cache.clear()
    return Client()


def test_the_limit_holds_across_clients_with_no_shared_memory(open_event, settings):
    settings.SAMRAD_PUBLIC_POST_LIMIT = "3/600"
    codes = [post_signup(as_another_worker(), open_event, email=f"p{i}@example.org").status_code for i in range(5)]
    assert codes == [302, 302, 302, 429, 429]
    assert Registration.objects.count() == 3
    assert RateBucket.objects.get().hits == 5


def test_the_default_is_ten_in_ten_minutes(open_event):
    codes = [post_signup(as_another_worker(), open_event, email=f"d{i}@example.org").status_code for i in range(11)]
    assert codes == [302] * 10 + [429]


def test_a_refused_sign_up_keeps_what_was_typed_and_says_when_to_come_back(open_event, settings):
    settings.SAMRAD_PUBLIC_POST_LIMIT = "1/600"
    post_signup(as_another_worker(), open_event, email="first@example.org")
    refused = post_signup(as_another_worker(), open_event, name="Bertil Berg", email="bertil@example.org")
    page = refused.content.decode()
    # The tests' clock stands 100 seconds into the window of 600.
    assert refused.status_code == 429 and refused["Retry-After"] == "500"
    assert "många förfrågningar från din internetuppkoppling på kort tid. Vänta 9 minuter" in page
    assert 'value="Bertil Berg"' in page and 'value="bertil@example.org"' in page
    assert not Registration.objects.filter(participant__email="bertil@example.org").exists()


def test_zero_turns_the_limit_off(open_event, settings):
    settings.SAMRAD_PUBLIC_POST_LIMIT = "0"
    codes = {post_signup(as_another_worker(), open_event, email=f"z{i}@example.org").status_code for i in range(12)}
    assert codes == {302}
    assert not RateBucket.objects.exists()


def test_behind_the_proxy_each_visitor_has_their_own_count(open_event, settings):
    settings.SAMRAD_PUBLIC_POST_LIMIT = "1/600"
    settings.SAMRAD_TRUSTED_PROXIES = "1"
    proxy = {"REMOTE_ADDR": "127.0.0.1"}

    first = Client(HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    second = Client(HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    assert post_signup(first, open_event, email="a@example.org").status_code == 302
    assert post_signup(second, open_event, email="b@example.org").status_code == 302
    assert post_signup(first, open_event, email="c@example.org").status_code == 429
    # Without trusting the proxy, both visitors are the proxy: one count for everyone.
    settings.SAMRAD_TRUSTED_PROXIES = "0"
    RateBucket.objects.all().delete()
    assert post_signup(first, open_event, email="d@example.org").status_code == 302
    assert post_signup(second, open_event, email="e@example.org").status_code == 429


def test_resending_the_link_is_limited_too(open_event, settings):
    settings.SAMRAD_PUBLIC_POST_LIMIT = "2/600"
    resend = reverse("participation:resend", args=[open_event.consultation.slug, open_event.slug])
    codes = [as_another_worker().post(resend, {"email": "x@example.org"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    # The sign-up form is counted on its own.
    assert post_signup(as_another_worker(), open_event).status_code == 302
