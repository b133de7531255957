"""Intake benchmarks: survey POSTs under load, a kill -9 crash test, and a 100,000-row import.

    .venv/bin/python bench/intake.py                      # everything, SQLite and PostgreSQL
    .venv/bin/python bench/intake.py --db sqlite --only load --duration 20 --connections 16

Load: wrk (Debian package `wrk`) with bench/intake.lua against gunicorn (the server `samrad serve --production`
runs), on a fresh database per engine. The same run measures a bare Django view that does nothing (same
middleware, same CSRF check, returns 204), so the survey's cost can be read as a ratio. Afterwards the stored
rows are counted: they must equal the submissions the server acknowledged (302 to the thank-you page).

The environment for the server: SAMRAD_PRODUCTION=0 (production settings redirect to HTTPS and mark cookies
Secure, which a plain-HTTP benchmark cannot follow), SAMRAD_DEBUG=0, SAMRAD_SURVEY_RATE_LIMIT=0 (every request
comes from 127.0.0.1), a settings module that adds the bare view, and SAMRAD_DATABASE_URL for the engine.

Crash: a Python client (threads, keep-alive) submits answers; gunicorn (master and workers) is killed with
SIGKILL mid-run and restarted; clients resend what was not acknowledged, as a person would. Then: every
acknowledged submission is stored exactly once, with all its contributions.

Import: a 100,000-row Windows-1252 `;` CSV (three questions, an area column with mapped values) through
`samrad import --mapping`, timed as a whole command, then imported again (must add nothing).
"""

import argparse
import csv
import datetime as dt
import http.client
import io
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
SAMRAD = str(VENV_BIN / "samrad")
PG_SERVER = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
PG_NAME = "bench_intake"
SURVEY = "/orebro-2022/enkat/"
BARE = "/bench/bare/"

SETTINGS = """
import os

from samrad.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench_intake_urls"
if os.environ.get("BENCH_CONN_MAX_AGE"):  # to compare with persistent connections (SQLite's default is 0)
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ["BENCH_CONN_MAX_AGE"])  # noqa: F405
"""
URLS = '''
from django.http import HttpResponse
from django.urls import path

from samrad.urls import urlpatterns as site_patterns


def bare(request):
    """Does nothing: the floor a request costs through the same middleware (sessions, CSRF, auth, locale)."""
    return HttpResponse(status=204)


urlpatterns = [path("bench/bare/", bare), *site_patterns]
'''


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    """A fresh database and the environment a server and `samrad` commands need."""

    def __init__(self, engine: str, workdir: Path):
        self.engine = engine
        self.workdir = workdir
        (workdir / "bench_intake_settings.py").write_text(SETTINGS)
        (workdir / "bench_intake_urls.py").write_text(URLS)
        if engine == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                (workdir / f"bench.sqlite3{suffix}").unlink(missing_ok=True)
            url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        else:
            self._recreate_pg()
            url = f"{PG_SERVER}/{PG_NAME}"
        self.env = {
            **os.environ,
            "PYTHONPATH": str(workdir),
            "DJANGO_SETTINGS_MODULE": "bench_intake_settings",
            "SAMRAD_DATABASE_URL": url,
            "SAMRAD_HOME": str(workdir),
            "SAMRAD_PRODUCTION": "0",
            "SAMRAD_DEBUG": "0",
            "SAMRAD_SURVEY_RATE_LIMIT": "0",
            "SAMRAD_LOG_LEVEL": "ERROR",
        }
        self.samrad("init", str(ROOT / "examples/orebro-2022/consultation.toml"))
        self.python(
            "from django.utils import timezone; import datetime as dt;"
            "from samrad.consultations.models import SurveyWindow as W;"
            "W.objects.update(opens_at=timezone.now() - dt.timedelta(days=1),"
            " closes_at=timezone.now() + dt.timedelta(days=30))"
        )

    def _recreate_pg(self):
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_NAME}")

    def samrad(self, *args, check=True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [SAMRAD, *args], env=self.env, cwd=self.workdir, capture_output=True, text=True, check=check
        )

    def python(self, code: str) -> str:
        return self.samrad("shell", "--no-imports", "-c", code).stdout.strip()

    def counts(self) -> dict[str, int]:
        out = self.python(
            "from samrad.intake.models import SurveyResponse as R, Contribution as C;"
            "from django.db.models import Count;"
            "print(R.objects.count(), C.objects.filter(source='survey').count(),"
            " R.objects.values('key').annotate(n=Count('pk')).filter(n__gt=1).count())"
        )
        responses, contributions, duplicate_keys = map(int, out.split())
        return {"responses": responses, "contributions": contributions, "duplicate_keys": duplicate_keys}


class Server:
    """gunicorn as `samrad serve --production` starts it (same arguments), in its own process group."""

    def __init__(self, site: Site, workers: int, port: int | None = None):
        self.site, self.workers = site, workers
        self.port = port or free_port()
        self.proc = None

    def start(self):
        from samrad.commands.serve import gunicorn_argv

        argv = gunicorn_argv("127.0.0.1", self.port, self.workers)  # exactly what `samrad serve --production` runs
        self.log = open(self.site.workdir / f"gunicorn-{self.port}.log", "a")  # noqa: SIM115
        self.proc = subprocess.Popen(
            argv, env=self.site.env, cwd=self.site.workdir, stdout=self.log, stderr=self.log, start_new_session=True
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", SURVEY)
                if conn.getresponse().status == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start; see " + self.log.name)

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)  # our own process group: the master and its workers
            self.proc.wait(timeout=30)
        self.log.close()


def run_wrk(port: int, path: str, duration: int, connections: int, threads: int) -> dict:
    env = {**os.environ, "BENCH_PAGE": SURVEY, "BENCH_POST": path, "BENCH_SALT": str(random.randrange(1, 2**31))}
    out = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--latency", "--timeout", "10s",
         "-s", str(ROOT / "bench/intake.lua"), f"http://127.0.0.1:{port}{path if path == SURVEY else SURVEY}"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    statuses = {int(c): int(n) for c, n in re.findall(r"^status (\d+) (\d+)$", out, re.M)}
    latency = {p: _ms(v) for p, v in re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M)}
    # The first response of each connection is the GET for the token; count only answers to the POSTs.
    answered = sum(n for code, n in statuses.items() if code != 200)
    seconds = float(re.search(r"requests in ([\d.]+)(m?s)", out).group(1))
    if re.search(r"requests in [\d.]+ms", out):
        seconds /= 1000
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rate": answered / seconds,
        "p50": latency.get("50"),
        "p99": latency.get("99"),
        "statuses": statuses,
        "socket_errors": errors.group(1) if errors else "",
        "raw": out,
    }


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def bench_load(site: Site, workers: int, duration: int, connections: int, threads: int) -> dict:
    server = Server(site, workers).start()
    try:
        # WAL and caches warm, the same for both measurements.
        run_wrk(server.port, SURVEY, 3, connections, threads)
        before = site.counts()
        bare = run_wrk(server.port, BARE, duration, connections, threads)
        survey = run_wrk(server.port, SURVEY, duration, connections, threads)
    finally:
        server.stop()
    after = site.counts()
    acked = survey["statuses"].get(302, 0)
    stored = after["responses"] - before["responses"]
    return {
        "engine": site.engine,
        "survey": survey,
        "bare": bare,
        "acked": acked,
        "stored": stored,
        "contributions": after["contributions"] - before["contributions"],
        "duplicate_keys": after["duplicate_keys"],
    }


class Client(threading.Thread):
    """A respondent's browser: GET for the CSRF token, then POST answers; resend the same form until it is
    acknowledged (302). Records the idempotency keys acknowledged."""

    def __init__(self, number: int, port: int, stop: threading.Event):
        super().__init__(daemon=True)
        self.number, self.port, self.stop = number, port, stop
        self.acked: list[str] = []
        self.failures = 0
        self.conn = None

    def _connect(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        self.conn.request("GET", SURVEY)
        response = self.conn.getresponse()
        body = response.read().decode()
        self.cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)

    def _post(self, key: str) -> int:
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": self.token,
                "key": key,
                "areas": "dans",
                "q_utmaningar": f"Svar {key}",
                "q_attraktivitet": "Dansen lockar.",
                "q_hallbarhet": "Rörelse och hälsa.",
                "consent": "on",
            }
        )
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={self.cookie}"}
        self.conn.request("POST", SURVEY, body, headers)
        response = self.conn.getresponse()
        response.read()
        return response.status

    def run(self):
        n, pending = 0, None
        while True:
            if pending is None:
                if self.stop.is_set():
                    return
                n += 1
                pending = f"{self.number:08x}{n:08x}{random.getrandbits(64):016x}"
            try:
                if self.conn is None:
                    self._connect()
                if self._post(pending) == 302:
                    self.acked.append(pending)
                    pending = None
            except (OSError, http.client.HTTPException, AttributeError):
                # The server is gone (killed) or restarting: keep the form, try again shortly.
                self.failures += 1
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                time.sleep(0.1)


def bench_crash(site: Site, workers: int, clients: int, before_kill: float, after_restart: float) -> dict:
    server = Server(site, workers).start()
    stop = threading.Event()
    threads = [Client(i, server.port, stop) for i in range(clients)]
    for t in threads:
        t.start()
    time.sleep(before_kill)
    acked_before_kill = sum(len(t.acked) for t in threads)
    server.stop(signal.SIGKILL)
    time.sleep(1.0)
    server = Server(site, workers, port=server.port).start()
    time.sleep(after_restart)
    stop.set()
    for t in threads:
        t.join(timeout=30)
    server.stop()
    acked = [k for t in threads for k in t.acked]
    keys = site.python(
        "from collections import Counter\n"
        "from samrad.intake.models import SurveyResponse as R, Contribution as C\n"
        "per = Counter(C.objects.filter(source='survey').values_list('respondent', flat=True))\n"
        "print('\\n'.join(r.key.split(':')[1] + ' ' + str(per[r.respondent]) for r in R.objects.all()))\n"
    )
    stored: dict[str, list[int]] = {}
    for line in keys.splitlines():
        key, n = line.split()
        stored.setdefault(key, []).append(int(n))
    missing = [k for k in acked if k not in stored]
    twice = [k for k, v in stored.items() if len(v) > 1]
    partial = [k for k, v in stored.items() if any(n != 3 for n in v)]
    return {
        "engine": site.engine,
        "acked": len(acked),
        "acked_before_kill": acked_before_kill,
        "stored": len(stored),
        "missing": len(missing),
        "twice": len(twice),
        "partial": len(partial),
        "unacked_stored": len(set(stored) - set(acked)),
        "client_errors": sum(t.failures for t in threads),
    }


IMPORT_MAPPING = """
name = "bench"
[columns]
respondent = "ID"
submitted_at = "Tid"
area = "Kulturområde"
municipality = "Kommun"
[questions]
utmaningar = "Utmaningar"
attraktivitet = "Attraktivitet"
hallbarhet = "Hållbarhet"
[values.area]
"Bild & form" = "bild-och-form"
"Slöjd och hantverk" = "slojd"
[values.municipality]
"Karlskoga kommun" = "karlskoga"
"""


def write_export(path: Path, rows: int) -> None:
    rng = random.Random(2022)
    areas = [
        "Bibliotek",
        "Bild & form",
        "Dans",
        "Film",
        "Kulturarv",
        "Litteratur",
        "Musik",
        "Slöjd och hantverk",
        "Teater",
    ]
    places = ["Örebro", "Karlskoga kommun", "Nora", "Lindesberg", "Kumla", ""]
    words = (
        "kultur lokaler scen publik barn unga bibliotek föreningar ekonomi samverkan landsbygd läsning musik "
        "ateljé utställning hållbarhet mötesplats ideella kommunen regionen stöd"
    ).split()
    start = dt.datetime(2022, 6, 2, 8, 0)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["ID", "Tid", "Kulturområde", "Kommun", "Utmaningar", "Attraktivitet", "Hållbarhet"])
    for i in range(1, rows + 1):
        answers = [
            " ".join(rng.choices(words, k=rng.randint(0, 40))).capitalize()
            + ("." if rng.random() < 0.9 else "\nOch mer.")
            for _ in range(3)
        ]
        writer.writerow(
            [
                i,
                (start + dt.timedelta(minutes=i)).strftime("%Y-%m-%d %H:%M"),
                rng.choice(areas),
                rng.choice(places),
                *answers,
            ]
        )
    path.write_bytes(buffer.getvalue().encode("cp1252"))


def bench_import(site: Site, rows: int) -> dict:
    export, mapping = site.workdir / "export.csv", site.workdir / "mapping.toml"
    write_export(export, rows)
    mapping.write_text(IMPORT_MAPPING, encoding="utf-8")
    args = ["import", str(export), "--consultation", "orebro-2022", "--mapping", str(mapping), "--lang", "en"]
    started = time.perf_counter()
    first = site.samrad(*args, check=False)
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    again = site.samrad(*args, check=False)
    again_seconds = time.perf_counter() - started
    added = re.search(r"Contributions: (\d+) added, (\d+) already", first.stdout)
    readded = re.search(r"Contributions: (\d+) added, (\d+) already", again.stdout)
    return {
        "engine": site.engine,
        "rows": rows,
        "bytes": export.stat().st_size,
        "seconds": seconds,
        "added": int(added.group(1)) if added else first.stdout + first.stderr,
        "again_seconds": again_seconds,
        "again_added": int(readded.group(1)) if readded else again.stdout + again.stderr,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--only", choices=["load", "crash", "import"], action="append")
    parser.add_argument("--duration", type=int, default=20, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (they share the 2 cores with gunicorn)")
    parser.add_argument("--workers", type=int, default=min(2 * (os.cpu_count() or 1) + 1, 9))
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None and (not args.only or "load" in args.only):
        print("wrk not found: apt-get install -y wrk", file=sys.stderr)
        return 2
    engines = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    parts = args.only or ["load", "crash", "import"]
    print(f"# {dt.date.today()} · {os.cpu_count()} cores · workers={args.workers} · wrk -t{args.threads} "
          f"-c{args.connections} -d{args.duration}s")  # fmt: skip
    for engine in engines:
        workdir = Path(tempfile.mkdtemp(prefix=f"bench-intake-{engine}-"))
        try:
            if "load" in parts:
                site = Site(engine, workdir)
                r = bench_load(site, args.workers, args.duration, args.connections, args.threads)
                s, b = r["survey"], r["bare"]
                print(
                    f"load {engine}: survey POST {s['rate']:.0f}/s p50 {s['p50']:.1f} ms p99 {s['p99']:.1f} ms | "
                    f"bare view {b['rate']:.0f}/s p50 {b['p50']:.1f} ms p99 {b['p99']:.1f} ms | "
                    f"ratio {s['rate'] / b['rate']:.2f} | acknowledged {r['acked']} stored {r['stored']} "
                    f"(contributions {r['contributions']}, duplicate keys {r['duplicate_keys']}) | "
                    f"other statuses { ({k: v for k, v in s['statuses'].items() if k != 302}) } {s['socket_errors']}"
                )
            if "crash" in parts:
                site = Site(engine, workdir)
                r = bench_crash(site, args.workers, clients=8, before_kill=5, after_restart=5)
                print(
                    f"crash {engine}: acknowledged {r['acked']} ({r['acked_before_kill']} before kill -9), "
                    f"stored {r['stored']}, missing {r['missing']}, stored twice {r['twice']}, partial {r['partial']}, "
                    f"client errors during the outage {r['client_errors']}"
                )
            if "import" in parts:
                site = Site(engine, workdir)
                r = bench_import(site, args.rows)
                print(
                    f"import {engine}: {r['rows']} rows ({r['bytes'] / 1e6:.1f} MB) in {r['seconds']:.1f} s, "
                    f"{r['added']} contributions added; again: {r['again_seconds']:.1f} s, {r['again_added']} added"
                )
        finally:
            if args.keep:
                print(f"  kept {workdir}")
            else:
                shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
