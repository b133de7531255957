"""Production settings: `check --deploy` is clean, a missing secret key gives a message (not a traceback),
every page carries the security headers, and static files are compressed and fingerprinted."""

import os
import secrets
import subprocess
import sys

import pytest

from samrad.commands.serve import gunicorn_argv

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def samrad(tmp_path, *args, **env):
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("SAMRAD_", "DJANGO_")) or k == "SAMRAD_DATABASE_URL"
    }
    environment.update({"SAMRAD_HOME": str(tmp_path), "SAMRAD_LANG": "sv", **env})
    return subprocess.run(
        [sys.executable, "-m", "samrad", *args], env=environment, capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def production(**extra):
    return {
        "SAMRAD_PRODUCTION": "1",
        "SAMRAD_SECRET_KEY": secrets.token_urlsafe(50),
        "SAMRAD_ALLOWED_HOSTS": "samrad.example.org",
        "SAMRAD_TRUSTED_PROXIES": "1",
        **extra,
    }


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    done = samrad(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **production())
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_check_deploy_can_fail(tmp_path):
    """Guard: without production settings the same check finds the problems."""
    done = samrad(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode != 0
    assert "security.W004" in done.stderr + done.stdout  # no HSTS


def test_missing_secret_key_is_a_message_not_a_traceback(tmp_path):
    env = production()
    del env["SAMRAD_SECRET_KEY"]
    done = samrad(tmp_path, "check", **env)
    assert done.returncode == 2
    assert "SAMRAD_SECRET_KEY saknas" in done.stderr and "SAMRAD_SECRET_KEY is not set" in done.stderr
    assert "Traceback" not in done.stderr


def test_collectstatic_writes_compressed_fingerprinted_files(tmp_path):
    # Without the admin's many files (compressing them takes half a minute); the mechanism is the same.
    done = samrad(tmp_path, "collectstatic", "--noinput", "-v", "0", "--ignore", "admin", **production())
    assert done.returncode == 0, done.stderr
    static = tmp_path / "var" / "static"
    assert (static / "staticfiles.json").is_file()
    css = [p.name for p in (static / "samrad").iterdir() if p.name.startswith("site.")]
    assert any(n.endswith(".css.gz") for n in css) and any(len(n.split(".")) == 3 for n in css), css


@pytest.mark.django_db
def test_pages_carry_the_security_headers(client, example_plan):
    response = client.get("/orebro-2022/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    # A view's own stricter policy is kept (the logo is an SVG that must not run script).
    assert client.get("/orebro-2022/logotyp/")["Content-Security-Policy"].startswith("default-src 'none'")


# Templates rendered for something other than a browser, where the policy does not apply.
NOT_SERVED = (
    "results/templates/results/print.html",  # HTML for WeasyPrint's PDF, never sent to a browser
    "participation/templates/participation/staff/groups_pdf.html",  # likewise: the printable group lists
)


def test_templates_have_no_inline_script_or_style():
    """The policy forbids them: a template with <script> without src, <style> or style="…" breaks in browsers."""
    import re
    from pathlib import Path

    offenders = []
    for path in Path(ROOT, "src", "samrad").rglob("templates/**/*.html"):
        if path.as_posix().endswith(NOT_SERVED):
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_gunicorn_command():
    argv = gunicorn_argv("127.0.0.1", 8000, 0)
    assert argv[1:4] == ["-m", "gunicorn", "samrad.wsgi:application"]
    workers = int(argv[argv.index("--workers") + 1])
    assert 3 <= workers <= 9
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8000"


@pytest.mark.django_db
def test_the_site_stylesheet_is_served(client):
    response = client.get("/static/samrad/site.css")
    assert response.status_code == 200 and b"--brand" in b"".join(response.streaming_content)
