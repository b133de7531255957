"""How long the review workspace takes on the example: the analysis, a re-run, and the pages analysts open.

    .venv/bin/python bench/review_workspace.py

Uses a throw-away SQLite database in a temporary folder (or SAMRAD_DATABASE_URL when set). Prints a table.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TMP = Path(tempfile.mkdtemp(prefix="samrad-bench-"))
os.environ.setdefault("SAMRAD_DATABASE_URL", f"sqlite:///{TMP / 'bench.sqlite3'}")
os.environ.setdefault("SAMRAD_HOME", str(TMP))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def timed(label, rows, fn):
    started = time.perf_counter()
    result = fn()
    rows.append((label, time.perf_counter() - started))
    return result


def main() -> None:
    from samrad.cli import setup_django

    setup_django()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from samrad import demo
    from samrad.consultations.loader import load_file
    from samrad.intake.example import load_contributions
    from samrad.participation.example import load_participants
    from samrad.review import ingest
    from samrad.review.example import play_analyst
    from samrad.synthesis import Params

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    consultation, _ = load_file(demo.example_dir() / "consultation.toml")
    load_participants(consultation, demo.example_dir())
    load_contributions(consultation, demo.example_dir())
    rows: list[tuple[str, float]] = []

    records, pks = ingest.records_for(consultation)
    data = timed(
        "engine: synthesise the example (cold process)",
        rows,
        lambda: ingest._synthesise(records, Params(lang="sv"), None),
    )
    ingest._memo.clear()
    timed("engine: synthesise again (warm process)", rows, lambda: ingest._synthesise(records, Params(lang="sv"), None))
    timed("merge: first run into an empty workspace", rows, lambda: ingest.merge(consultation, data, record_pks=pks))
    timed("merge: the same result again (nothing new)", rows, lambda: ingest.merge(consultation, data, record_pks=pks))
    timed("analyse: unchanged answers (memo)", rows, lambda: ingest.analyse(consultation))
    timed("demo stage review (approve, publish)", rows, lambda: play_analyst(consultation, None))

    user = get_user_model().objects.create_superuser("bench", password=None)
    client = Client()
    client.force_login(user)
    client.get("/orebro-2022/granskning/")  # warm up templates
    timed("page: overview", rows, lambda: client.get("/orebro-2022/granskning/"))
    times, sizes = [], []
    for area in consultation.areas.all():
        for question in consultation.questions.all():
            url = f"/orebro-2022/granskning/omrade/{area.slug}/{question.slug}/"
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            sizes.append(len(response.content))
    rows.append((f"page: area × question, median of {len(times)}", statistics.median(times)))
    rows.append(("page: area × question, slowest", max(times)))

    width = max(len(label) for label, _ in rows)
    print(f"{'step'.ljust(width)}  seconds")
    for label, seconds in rows:
        print(f"{label.ljust(width)}  {seconds:7.2f}")
    print(
        f"\narea × question page size: median {statistics.median(sizes) / 1024:.0f} KiB, "
        f"largest {max(sizes) / 1024:.0f} KiB (uncompressed HTML)"
    )


if __name__ == "__main__":
    main()
