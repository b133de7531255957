"""System checks for samrad's own settings (`samrad check`, `samrad check --deploy`, and `samrad migrate`,
which the service runs before it starts).

With SAMRAD_PRODUCTION=1 a public secret key or a wildcard host name is an error, not a warning: the site
would start and run, and be open to forged password-reset links and Host-header attacks.
"""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.utils.translation import gettext as _

from . import ratelimit

# Keys anyone can read: the development key in settings.py and the placeholder in the example environment file.
PLACEHOLDER_SECRET_KEYS = {"change-me"}
NEW_KEY = "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"


@register(Tags.security)
def production_settings(app_configs=None, **kwargs):
    if not getattr(settings, "PRODUCTION", False):
        return []
    errors = []
    if settings.SECRET_KEY in {settings.DEVELOPMENT_SECRET_KEY, *PLACEHOLDER_SECRET_KEYS}:
        errors.append(
            Error(
                _(
                    "SAMRAD_SECRET_KEY is a key published with samrad: anyone could forge password-reset links "
                    "and signed cookies with it."
                ),
                hint=_("Set SAMRAD_SECRET_KEY in the service's environment file to a new random key: %(command)s")
                % {"command": NEW_KEY},
                id="samrad.E001",
            )
        )
    if "*" in settings.ALLOWED_HOSTS:
        errors.append(
            Error(
                _(
                    "SAMRAD_ALLOWED_HOSTS allows any host name (*). Links in e-mails (sign-up, password reset) "
                    "could then point to another site."
                ),
                hint=_("Set SAMRAD_ALLOWED_HOSTS to the site's host name(s), comma-separated, e.g. %(example)s.")
                % {"example": "samrad.example.org"},
                id="samrad.E002",
            )
        )
    return errors


@register(Tags.security)
def rate_limit_settings(app_configs=None, **kwargs):
    errors = []
    for name, default in ratelimit.DEFAULTS.items():
        value = getattr(settings, name, default)
        try:
            ratelimit.parse(value)
        except ValueError:
            errors.append(
                Error(
                    _("%(name)s = %(value)r is not a limit.") % {"name": name, "value": str(value)},
                    hint=_("Write count/seconds, e.g. %(name)s=%(default)s, or 0 to turn the limit off.")
                    % {"name": name, "default": default},
                    id="samrad.E003",
                )
            )
    proxies = str(getattr(settings, "SAMRAD_TRUSTED_PROXIES", "0")).strip()
    if not proxies.isdigit():
        errors.append(
            Error(
                _("SAMRAD_TRUSTED_PROXIES = %(value)r is not a number of proxies.") % {"value": proxies},
                hint=_("Write 1 behind one reverse proxy (nginx), 0 without one."),
                id="samrad.E004",
            )
        )
    return errors


@register(Tags.security, deploy=True)
def proxy_addresses(app_configs=None, **kwargs):
    if not getattr(settings, "PRODUCTION", False) or ratelimit.trusted_proxies():
        return []
    return [
        Warning(
            _(
                "SAMRAD_TRUSTED_PROXIES is 0: behind nginx every visitor has the proxy's address, and the "
                "per-address limits on sign-ups, the survey and logins count everyone together."
            ),
            hint=_("Set SAMRAD_TRUSTED_PROXIES=1 when nginx (or another proxy) passes X-Forwarded-For."),
            id="samrad.W001",
        )
    ]
