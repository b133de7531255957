"""Per-address rate limits for what the public may post (sign-up, survey, feedback, password reset, login).

Counted in the database, the one place every gunicorn worker (and every server behind a load balancer)
shares, on SQLite and PostgreSQL alike: no cache server, and a limit holds however many processes serve.
Fixed windows: at most `count` requests per address and scope in each `period` seconds. The stored key is an
HMAC of scope, address and window with the site's secret key, so raw addresses are never stored and one
address cannot be followed from one window to the next.

Limits are settings written "count/seconds" ("0" turns one off), e.g. SAMRAD_PUBLIC_POST_LIMIT = "10/600".
Behind a reverse proxy, SAMRAD_TRUSTED_PROXIES is the number of proxies that append to X-Forwarded-For,
so the client's address is used, not the proxy's (with 0 every visitor behind nginx is 127.0.0.1).
"""

import hashlib
import hmac
import ipaddress
import math
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils.translation import ngettext

from .models import RateBucket

PUBLIC_POST = "SAMRAD_PUBLIC_POST_LIMIT"
SURVEY = "SAMRAD_SURVEY_RATE_LIMIT"
LOGIN_ADDRESS = "SAMRAD_LOGIN_ADDRESS_LIMIT"
DEFAULTS = {PUBLIC_POST: "10/600", SURVEY: "30/600", LOGIN_ADDRESS: "20/900"}
LIMIT_FORMAT = re.compile(r"^\s*(\d+)\s*(?:/\s*(\d+)\s*)?$")


def clock() -> float:
    """Seconds since the epoch (tests hold it still, so that no test runs across the end of a window)."""
    return time.time()


@dataclass(frozen=True)
class Limit:
    count: int
    period: int

    @property
    def enabled(self) -> bool:
        return self.count > 0 and self.period > 0


def parse(value) -> Limit:
    """Read "10/600" as Limit(10, 600) and "0" as off; ValueError for anything else (samrad.E003 names it)."""
    found = LIMIT_FORMAT.match(str(value))
    if not found or (found.group(1) != "0" and not found.group(2)) or found.group(2) == "0":
        raise ValueError(value)
    return Limit(int(found.group(1)), int(found.group(2) or 0))


def configured(name: str) -> Limit:
    try:
        return parse(getattr(settings, name, DEFAULTS[name]))
    except ValueError:  # reported by the system check (samrad.E003); the default holds meanwhile
        return parse(DEFAULTS[name])


def trusted_proxies() -> int:
    try:
        return max(0, int(str(getattr(settings, "SAMRAD_TRUSTED_PROXIES", 0) or 0)))
    except ValueError:  # reported by the system check (samrad.E004)
        return 0


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or behind N trusted proxies the N-th address from the right in
    X-Forwarded-For (the ones to its left are the client's to invent). An IPv6 client counts by its /64,
    which one household or phone gets whole."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = trusted_proxies()
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _window(limit: Limit, now: float | None) -> int:
    return int((clock() if now is None else now) // limit.period)


def _key(scope: str, address: str, limit: Limit, window: int) -> str:
    message = f"{scope}|{address}|{limit.period}|{window}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def hit(scope: str, address: str, limit: Limit, now: float | None = None) -> bool:
    """Count one request; True while it is within the limit. One statement, atomic on both databases."""
    if not limit.enabled:
        return True
    window = _window(limit, now)
    q = connection.ops.quote_name
    table, key, expires, hits = q(RateBucket._meta.db_table), q("key"), q("expires"), q("hits")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key}, {expires}, {hits}) VALUES (%s, %s, 1) "
            f"ON CONFLICT ({key}) DO UPDATE SET {hits} = {table}.{hits} + 1 RETURNING {hits}",
            [_key(scope, address, limit, window), (window + 1) * limit.period],
        )
        count = cursor.fetchone()[0]
    if count == 1:  # a new window for this address: a good moment to forget the ended ones
        RateBucket.objects.filter(expires__lte=clock() if now is None else now).delete()
    return count <= limit.count


def exhausted(scope: str, address: str, limit: Limit, now: float | None = None) -> bool:
    """True when the address has used up its limit in this window (without counting this look)."""
    if not limit.enabled:
        return False
    key = _key(scope, address, limit, _window(limit, now))
    hits = RateBucket.objects.filter(key=key).values_list("hits", flat=True).first() or 0
    return hits >= limit.count


def allow(request, scope: str, setting: str = PUBLIC_POST) -> bool:
    """Count this request against the limit `setting` names; False when the client is over it."""
    return hit(scope, client_address(request), configured(setting))


def seconds_left(setting: str = PUBLIC_POST, now: float | None = None) -> int:
    """Seconds until the current window of the limit `setting` names ends."""
    limit = configured(setting)
    if not limit.enabled:
        return 0
    now = clock() if now is None else now
    return max(1, math.ceil((_window(limit, now) + 1) * limit.period - now))


def minutes_left(setting: str = PUBLIC_POST, now: float | None = None) -> int:
    """Whole minutes until the window ends: what to tell someone who was refused."""
    return math.ceil(seconds_left(setting, now) / 60)


def refused(response, setting: str = PUBLIC_POST):
    """Mark a response as the answer to a client over its limit: 429, and when to come back."""
    response.status_code = 429
    response["Retry-After"] = str(seconds_left(setting))
    return response


def message(setting: str = PUBLIC_POST) -> str:
    """What a person over the limit reads above the form they sent, which still holds what they wrote."""
    minutes = minutes_left(setting)
    return ngettext(
        "We have received many requests from your internet connection in a short time. Wait %(minutes)d "
        "minute and send again: what you have written is still here.",
        "We have received many requests from your internet connection in a short time. Wait %(minutes)d "
        "minutes and send again: what you have written is still here.",
        minutes,
    ) % {"minutes": minutes}
