"""The sign-up limit holds across server processes: two `samrad serve` processes on one database (SQLite
file, or a scratch PostgreSQL database when the suite runs on PostgreSQL) share one count per address,
as gunicorn's workers do. A count kept in each process's memory would let each process take its own share."""

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.db import connection

from tests.ops.test_production import ROOT, samrad

pytestmark = pytest.mark.django_db
SIGNUP = "/orebro-2022/dialoger/kulturdialog-2022-06-01/anmalan/"
LIMIT, PERIOD = 4, 86_400

LOAD_AND_OPEN_REGISTRATION = """
import datetime as dt, json
from django.utils import timezone
from samrad.consultations.loader import load_file
consultation, _ = load_file("examples/orebro-2022/consultation.toml")
e = consultation.events.get(slug="kulturdialog-2022-06-01")
now = timezone.now()
e.registration_opens_at, e.registration_closes_at = now - dt.timedelta(days=1), now + dt.timedelta(days=5)
e.starts_at = now + dt.timedelta(days=7)
e.ends_at, e.capacity = e.starts_at + dt.timedelta(hours=3), 100
e.save()
c = e.consultation
print(json.dumps({"role_category": c.role_categories.first().pk, "municipality": c.municipalities.first().pk,
                  "area": c.areas.first().pk}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Visitor:
    """One browser: cookies, and a sign-up form filled from the page (CSRF token, consent version)."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def get(self, url: str) -> str:
        with self.opener.open(url, timeout=30) as response:
            return response.read().decode()

    def sign_up(self, base: str, choices: dict, email: str) -> int:
        page = self.get(base + SIGNUP)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        version = re.search(r'name="consent_version" value="([^"]+)"', page).group(1)
        data = {
            "csrfmiddlewaretoken": token,
            "consent_version": version,
            "name": "Anna Andersson",
            "email": email,
            "organisation": "",
            "needs": "",
            "consent": "on",
            "website": "",
            **{k: str(v) for k, v in choices.items()},
        }
        request = urllib.request.Request(
            base + SIGNUP, data=urllib.parse.urlencode(data).encode(), headers={"Referer": base + SIGNUP}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _wait_until_serving(base: str, server, log) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()
        try:
            urllib.request.urlopen(base + SIGNUP, timeout=30).read()
            return
        except OSError:  # not listening yet (URLError is one)
            time.sleep(0.3)
    pytest.fail(f"{base} did not answer")


@pytest.fixture
def database_env(tmp_path):
    """The environment of the server processes: their own database, never the test database."""
    if connection.vendor != "postgresql":
        yield {}  # SQLite: var/samrad.sqlite3 under SAMRAD_HOME (tmp_path)
        return
    name = f"{connection.settings_dict['NAME']}_processes"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = urllib.parse.urlsplit(os.environ["SAMRAD_DATABASE_URL"])
    yield {"SAMRAD_DATABASE_URL": url._replace(path=f"/{name}").geturl()}
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_two_server_processes_share_one_count_per_address(tmp_path, database_env):
    env = {**database_env, "SAMRAD_PUBLIC_POST_LIMIT": f"{LIMIT}/{PERIOD}", "SAMRAD_DB_CONN_MAX_AGE": "0"}
    done = samrad(tmp_path, "migrate", "-v", "0", **env)
    assert done.returncode == 0, done.stdout + done.stderr
    done = samrad(tmp_path, "shell", "-c", LOAD_AND_OPEN_REGISTRATION, **env)
    assert done.returncode == 0, done.stderr
    choices = json.loads(done.stdout.strip().splitlines()[-1])

    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SAMRAD_", "DJANGO_"))}
    environment.update({"SAMRAD_HOME": str(tmp_path), "SAMRAD_LANG": "sv", **env})
    servers, bases, logs = [], [], []
    try:
        for n in range(2):
            port = _free_port()
            logs.append(tmp_path / f"server-{n}.log")
            servers.append(
                subprocess.Popen(
                    [sys.executable, "-m", "samrad", "serve", "--port", str(port)],
                    env=environment,
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=logs[-1].open("w"),
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        for base, server, log in zip(bases, servers, logs, strict=True):
            _wait_until_serving(base, server, log)
        # Not across the end of a window (midnight UTC with a day-long period): the count would start afresh.
        left = PERIOD - time.time() % PERIOD
        if left < 120:
            time.sleep(left + 1)

        visitor = Visitor()
        codes = [visitor.sign_up(bases[i % 2], choices, f"p{i}@example.org") for i in range(2 * LIMIT)]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    # Alternating between the two processes: four accepted in all, not four by each.
    assert sorted(codes) == [302] * LIMIT + [429] * LIMIT, codes
    assert codes[:LIMIT] == [302] * LIMIT
    done = samrad(
        tmp_path,
        "shell",
        "-c",
        "from samrad.participation.models import Registration; print(Registration.objects.count())",
        **env,
    )
    assert done.stdout.strip().splitlines()[-1] == str(LIMIT), done.stderr
