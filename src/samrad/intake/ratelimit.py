"""A per-address rate limit for the public survey, counted in the database.

The database is the one place every gunicorn worker (and every server behind a load balancer) shares, on
SQLite and PostgreSQL alike, so no cache server is needed. Fixed windows: at most `limit` posts per address per
`period` seconds. The stored key is an HMAC of the address and the window with the site's secret key: raw
addresses are never stored, and the same address cannot be followed from one window to the next.

Configured with SAMRAD_SURVEY_RATE_LIMIT="count/seconds" (default 30/600: an office behind one address can
still answer); "0" turns the limit off (benchmarks). Behind a reverse proxy set SAMRAD_TRUSTED_PROXIES to the
number of proxies that append to X-Forwarded-For, so the client's address is used, not the proxy's.
"""

import hashlib
import hmac
import os
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from .models import RateBucket

DEFAULT = "30/600"
KEEP_WINDOWS = 2


@dataclass(frozen=True)
class Limit:
    count: int
    period: int

    @property
    def enabled(self) -> bool:
        return self.count > 0 and self.period > 0


def configured() -> Limit:
    value = getattr(settings, "SAMRAD_SURVEY_RATE_LIMIT", None) or os.environ.get("SAMRAD_SURVEY_RATE_LIMIT", DEFAULT)
    count, _, period = str(value).partition("/")
    try:
        return Limit(int(count), int(period or 600))
    except ValueError:
        return Limit(*map(int, DEFAULT.split("/")))


def client_address(request) -> str:
    proxies = int(getattr(settings, "SAMRAD_TRUSTED_PROXIES", None) or os.environ.get("SAMRAD_TRUSTED_PROXIES", "0"))
    if proxies > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(scope: str, address: str, window: int) -> str:
    message = f"{scope}|{address}|{window}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def hit(scope: str, address: str, limit: Limit | None = None, now: float | None = None) -> bool:
    """Count one request; True when it is within the limit. One statement, atomic on both databases."""
    limit = limit or configured()
    if not limit.enabled:
        return True
    window = int((time.time() if now is None else now) // limit.period)
    q = connection.ops.quote_name
    table, key, slot, hits = q(RateBucket._meta.db_table), q("key"), q("slot"), q("hits")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key}, {slot}, {hits}) VALUES (%s, %s, 1) "
            f"ON CONFLICT ({key}, {slot}) DO UPDATE SET {hits} = {table}.{hits} + 1 RETURNING {hits}",
            [_key(scope, address, window), window],
        )
        count = cursor.fetchone()[0]
    if count == 1:  # a new window for this address: a good moment to forget old ones
        RateBucket.objects.filter(slot__lt=window - KEEP_WINDOWS).delete()
    return count <= limit.count
