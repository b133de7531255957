"""samrad.core.ratelimit: per-address counts in the database, shared by every public form and the login."""

import pytest
from django.test import RequestFactory

from samrad.core import ratelimit
from samrad.core.models import RateBucket
from samrad.core.ratelimit import Limit

T0 = 1_800_000_000.0  # a moment at the start of a 600-second window (1_800_000_000 % 600 == 0)


@pytest.mark.parametrize(
    "value, limit",
    [("10/600", Limit(10, 600)), (" 3 / 60 ", Limit(3, 60)), ("0", Limit(0, 0)), ("0/600", Limit(0, 600))],
)
def test_parse(value, limit):
    assert ratelimit.parse(value) == limit


@pytest.mark.parametrize("value", ["", "ten/600", "10", "10/0", "10/600/1", "-1/600", "(10, 600)"])
def test_parse_refuses_what_is_not_a_limit(value):
    with pytest.raises(ValueError):
        ratelimit.parse(value)


def test_off_and_on(settings):
    assert not Limit(0, 0).enabled and not Limit(0, 600).enabled and Limit(1, 1).enabled
    settings.SAMRAD_PUBLIC_POST_LIMIT = "0"
    assert ratelimit.configured(ratelimit.PUBLIC_POST) == Limit(0, 0)
    settings.SAMRAD_PUBLIC_POST_LIMIT = "nonsense"  # the system check reports it; the default holds
    assert ratelimit.configured(ratelimit.PUBLIC_POST) == Limit(10, 600)


def _request(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().post("/", REMOTE_ADDR=remote, **extra)


def test_client_address_trusts_only_the_configured_proxies(settings):
    settings.SAMRAD_TRUSTED_PROXIES = "0"
    assert ratelimit.client_address(_request("127.0.0.1", "203.0.113.7")) == "127.0.0.1"
    settings.SAMRAD_TRUSTED_PROXIES = "1"
    # What the client wrote itself (left) is ignored; the address nginx saw (right) is used.
    assert ratelimit.client_address(_request("127.0.0.1", "6.6.6.6, 203.0.113.7")) == "203.0.113.7"
    assert ratelimit.client_address(_request("127.0.0.1")) == "127.0.0.1"  # not through the proxy
    settings.SAMRAD_TRUSTED_PROXIES = 2
    assert ratelimit.client_address(_request("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.1")) == "203.0.113.7"


def test_an_ipv6_client_counts_by_its_64(settings):
    settings.SAMRAD_TRUSTED_PROXIES = "0"
    one = ratelimit.client_address(_request("2001:db8:1:2::1"))
    assert one == ratelimit.client_address(_request("2001:db8:1:2:ffff:1:2:3")) == "2001:db8:1:2::/64"
    assert ratelimit.client_address(_request("2001:db8:1:3::1")) != one
    assert ratelimit.client_address(_request("::ffff:203.0.113.7")) == "203.0.113.7"


@pytest.mark.django_db
def test_hits_are_counted_per_scope_address_and_window_in_the_database():
    limit = Limit(2, 600)
    assert [ratelimit.hit("signup", "203.0.113.7", limit, now=T0 + i) for i in range(3)] == [True, True, False]
    assert ratelimit.exhausted("signup", "203.0.113.7", limit, now=T0 + 10)
    # Another address, another scope: their own counts.
    assert ratelimit.hit("signup", "198.51.100.1", limit, now=T0)
    assert ratelimit.hit("feedback", "203.0.113.7", limit, now=T0)
    assert not ratelimit.exhausted("feedback", "203.0.113.7", limit, now=T0)
    # The next window starts afresh, and the ended windows are forgotten.
    assert ratelimit.hit("signup", "203.0.113.7", limit, now=T0 + 600)
    assert RateBucket.objects.count() == 1
    assert RateBucket.objects.get().expires == T0 + 1200


@pytest.mark.django_db
def test_the_database_holds_no_address():
    ratelimit.hit("signup", "203.0.113.7", Limit(5, 600), now=T0)
    bucket = RateBucket.objects.get()
    assert len(bucket.key) == 64 and "203" not in bucket.key and bucket.hits == 1
    # The key changes with the window: one address cannot be followed from one window to the next.
    ratelimit.hit("signup", "203.0.113.7", Limit(5, 600), now=T0 + 600)
    assert RateBucket.objects.get().key != bucket.key


@pytest.mark.django_db
def test_a_limit_that_is_off_counts_nothing():
    assert all(ratelimit.hit("signup", "203.0.113.7", Limit(0, 0), now=T0) for _ in range(50))
    assert not RateBucket.objects.exists()


def test_time_left(settings):
    settings.SAMRAD_PUBLIC_POST_LIMIT = "10/600"
    assert ratelimit.seconds_left(ratelimit.PUBLIC_POST, now=T0 + 1) == 599
    assert ratelimit.minutes_left(ratelimit.PUBLIC_POST, now=T0 + 1) == 10
    assert ratelimit.minutes_left(ratelimit.PUBLIC_POST, now=T0 + 599.5) == 1
