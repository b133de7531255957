"""After an erasure, a full-text scan of everything samrad keeps on disk finds neither the name nor the e-mail
address: the database (SQLite: the file and its -wal; PostgreSQL: pg_dump), and var/ with media/ and the
e-mails kept as files.

The scenario (erasure_scenario.py) runs in `samrad` processes of their own, as a site does, with SAMRAD_HOME in
a temporary folder: on SQLite against var/samrad.sqlite3 (the test database lives in memory, with no file or
-wal to scan), on PostgreSQL against a scratch database of the test server.
"""

import json
import os
import subprocess
import urllib.parse

import pytest
from django.db import connection

from tests.ops.test_production import samrad
from tests.privacy.erasure_scenario import TRACES

pytestmark = pytest.mark.django_db
RUN = (
    'import json, runpy; s = runpy.run_path("tests/privacy/erasure_scenario.py"); print(json.dumps(s["{step}"]({arg})))'
)


@pytest.fixture
def site(tmp_path):
    """The environment of the samrad processes: their own database, never the test database."""
    if connection.vendor != "postgresql":
        yield {}
        return
    name = f"{connection.settings_dict['NAME']}_erasure"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = urllib.parse.urlsplit(os.environ["SAMRAD_DATABASE_URL"])._replace(path=f"/{name}").geturl()
    yield {"SAMRAD_DATABASE_URL": url}
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(tmp_path, env, step, arg=""):
    done = samrad(tmp_path, "shell", "-c", RUN.format(step=step, arg=arg), **env)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def pg_dump(env) -> list[str]:
    if not env:
        return []
    dump = subprocess.run(["pg_dump", env["SAMRAD_DATABASE_URL"]], capture_output=True, check=True)
    text = dump.stdout.decode("utf-8").lower()
    return [t for t in TRACES if t.lower() in text]


def test_nothing_of_the_erased_person_is_left_on_disk(tmp_path, site):
    done = samrad(tmp_path, "migrate", "-v", "0", **site)
    assert done.returncode == 0, done.stdout + done.stderr
    state = run(tmp_path, site, "build")

    # The scan can fail: the person is in the database, the pending import and the confirmation e-mail.
    where = {w.split("/")[0] for w, _trace in state.pop("found")}
    assert {"media", "mail"} <= where
    assert pg_dump(site) if site else {"samrad.sqlite3-wal"} <= where

    after = run(tmp_path, site, "erase", repr(state))
    assert after["found"] == [] and pg_dump(site) == []
    if not site:
        assert after["wal_bytes"] == 0
    # The registration link is dead, the place given up, and the next on the waiting list has it.
    assert after["link_status"] == 404
    assert after["erased_registration"] == "cancelled"
    assert after["statuses"]["kalle@example.org"] == "registered"
