"""A modest rate limit for public POSTs (sign-up, resend link), per client address, in Django's cache.

Behind a reverse proxy REMOTE_ADDR is the proxy's address: configure the proxy to pass the client's
address in REMOTE_ADDR (e.g. gunicorn's --forwarded-allow-ips) or the limit applies to everyone at once.
"""

from django.conf import settings
from django.core.cache import cache

# (requests, seconds) per client address and scope.
DEFAULT_LIMIT = (10, 600)


def allow(request, scope: str) -> bool:
    limit, seconds = getattr(settings, "SAMRAD_PUBLIC_POST_LIMIT", DEFAULT_LIMIT)
    key = f"samrad:rate:{scope}:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        count = 1
    return count <= limit
