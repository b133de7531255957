"""With SAMRAD_PRODUCTION=1, `samrad check` (and so `check --deploy`, and `samrad migrate`, which the service
runs before it starts) refuses the public development secret key, the example file's placeholder and a
wildcard host name, saying what to set. The deployment example passes once it has a key of its own."""

from pathlib import Path

from django.core.checks.registry import registry
from django.utils import translation

from samrad.core import checks
from tests.ops.test_production import ROOT, production, samrad

DEPLOY = Path(ROOT) / "scripts" / "deploy"
DEVELOPMENT_KEY = "samrad-development-key-not-for-production-use-0123456789"


def test_check_deploy_refuses_the_development_key_and_any_host_in_production(tmp_path):
    done = samrad(
        tmp_path, "check", "--deploy", **production(SAMRAD_SECRET_KEY=DEVELOPMENT_KEY, SAMRAD_ALLOWED_HOSTS="*")
    )
    out = done.stdout + done.stderr
    assert done.returncode != 0, out
    assert "(samrad.E001) SAMRAD_SECRET_KEY är en nyckel som publicerats med samrad" in out
    assert "Ange en ny slumpmässig nyckel som SAMRAD_SECRET_KEY i tjänstens miljöfil" in out
    assert "(samrad.E002) SAMRAD_ALLOWED_HOSTS tillåter alla värdnamn (*)" in out
    assert "Ange webbplatsens värdnamn i SAMRAD_ALLOWED_HOSTS" in out
    assert "Traceback" not in out


def test_the_refusals_are_not_only_for_check_deploy():
    """Plain `check` and `migrate` (the service's start) run them too."""
    everyday = registry.get_checks(include_deployment_checks=False)
    assert checks.production_settings in everyday and checks.rate_limit_settings in everyday
    assert checks.proxy_addresses not in everyday


def ids(messages) -> list[str]:
    return [m.id for m in messages]


def test_the_placeholder_of_the_example_file_is_refused(settings):
    settings.PRODUCTION, settings.SECRET_KEY = True, "change-me"
    with translation.override("en"):
        [error] = checks.production_settings()
    assert error.id == "samrad.E001" and "published with samrad" in error.msg
    assert "SAMRAD_SECRET_KEY" in error.hint and "secrets.token_urlsafe(50)" in error.hint


def test_development_may_use_the_development_key_and_any_host(settings):
    settings.PRODUCTION, settings.SECRET_KEY, settings.ALLOWED_HOSTS = False, DEVELOPMENT_KEY, ["*"]
    assert checks.production_settings() == [] and checks.proxy_addresses() == []
    settings.PRODUCTION = True
    assert ids(checks.production_settings()) == ["samrad.E001", "samrad.E002"]
    settings.SECRET_KEY, settings.ALLOWED_HOSTS = "x" * 50, ["samrad.example.org", ".example.org"]
    assert checks.production_settings() == []


def test_limits_that_cannot_be_read_are_named(settings):
    settings.SAMRAD_PUBLIC_POST_LIMIT, settings.SAMRAD_TRUSTED_PROXIES = "10 per minute", "nginx"
    with translation.override("sv"):
        errors = checks.rate_limit_settings()
    assert ids(errors) == ["samrad.E003", "samrad.E004"]
    assert errors[0].msg == "SAMRAD_PUBLIC_POST_LIMIT = '10 per minute' är ingen gräns."
    assert errors[0].hint.startswith("Skriv antal/sekunder, t.ex. SAMRAD_PUBLIC_POST_LIMIT=10/600, eller 0")
    settings.SAMRAD_PUBLIC_POST_LIMIT, settings.SAMRAD_TRUSTED_PROXIES = "0", "1"
    assert checks.rate_limit_settings() == []


def test_production_without_trusting_the_proxy_is_a_warning(settings):
    settings.PRODUCTION, settings.SAMRAD_TRUSTED_PROXIES = True, "0"
    assert ids(checks.proxy_addresses()) == ["samrad.W001"]
    settings.SAMRAD_TRUSTED_PROXIES = "1"
    assert checks.proxy_addresses() == []


def _example_environment() -> dict[str, str]:
    env = {}
    for line in (DEPLOY / "samrad.env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            env[name.strip()] = value.strip()
    return env


def test_the_deployment_example_trusts_nginx_and_passes_once_it_has_a_key(tmp_path):
    env = {**_example_environment(), "SAMRAD_HOME": str(tmp_path)}
    assert env["SAMRAD_TRUSTED_PROXIES"] == "1"
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in (DEPLOY / "nginx.conf").read_text()
    as_shipped = samrad(tmp_path, "check", "--deploy", **env)
    assert as_shipped.returncode != 0 and "samrad.E001" in as_shipped.stdout + as_shipped.stderr
    env["SAMRAD_SECRET_KEY"] = production()["SAMRAD_SECRET_KEY"]
    done = samrad(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **env)
    assert done.returncode == 0, done.stdout + done.stderr


def test_serve_production_does_not_start_with_the_development_key(tmp_path):
    env = production(SAMRAD_SECRET_KEY=DEVELOPMENT_KEY)
    done = samrad(tmp_path, "serve", "--production", "--port", "8999", "--no-collectstatic", **env)
    assert done.returncode == 2
    assert "samrad.E001" in done.stderr and "servern startades inte" in done.stderr
