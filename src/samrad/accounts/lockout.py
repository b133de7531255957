"""Refuse logging in for a while after repeated failures for one user name.

The failures are the audit log's `auth.login_failed` events, so the count is shared by every server process
and survives restarts; a successful login starts the count afresh.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from samrad.audit.models import AuditEvent


def window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.SAMRAD_LOGIN_WINDOW_MINUTES)


def is_locked_out(username: str) -> bool:
    username = username.strip().lower()
    if not username:
        return False
    since = timezone.now() - window()
    last_login = (
        AuditEvent.objects.filter(action="auth.login", actor__username__iexact=username, at__gte=since)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    failures = AuditEvent.objects.filter(
        action="auth.login_failed", data__username=username, at__gte=last_login or since
    ).count()
    return failures >= settings.SAMRAD_LOGIN_ATTEMPTS
