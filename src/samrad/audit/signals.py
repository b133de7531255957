"""Logins, failed logins and logouts go to the audit log. No passwords, no IP addresses."""

from django.contrib.auth import signals
from django.dispatch import receiver

from .log import record

MAX_USERNAME = 150


@receiver(signals.user_logged_in)
def logged_in(sender, request, user, **kwargs):
    record("auth.login", actor=user)


@receiver(signals.user_logged_out)
def logged_out(sender, request, user, **kwargs):
    if user is not None:
        record("auth.logout", actor=user)


@receiver(signals.user_login_failed)
def login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked anything that looks like a password in `credentials`.
    username = str(credentials.get("username", ""))[:MAX_USERNAME]
    record("auth.login_failed", label=username or "?", username=username.lower())
