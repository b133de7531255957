"""Time to render the example's full public site and exports, and the weight of the results page.

    .venv/bin/python bench/publish.py

Runs `samrad demo --no-serve`'s stages into a fresh SQLite database in a temporary folder, then times
`samrad publish` (static site, DOCX, PDF, JSON, CSV) and the results page alone. Target: the results page
≤ 60 KB of HTML+CSS, readable without JavaScript.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="samrad-bench-"))
    os.environ["SAMRAD_HOME"] = str(home)
    os.environ.pop("SAMRAD_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "samrad.settings"
    os.chdir(ROOT)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from samrad import demo
    from samrad.commands.demo import run_stages
    from samrad.consultations.loader import load_file
    from samrad.publication.exports import document, opendata, printed
    from samrad.publication.summary import build
    from samrad.results.cli import write_all

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    consultation, _ = load_file(demo.example_dir() / "consultation.toml")
    run_stages(consultation, demo.example_dir(), demo.STAGES)
    print(f"demo stages: {time.perf_counter() - started:.1f} s")

    client = Client(HTTP_HOST="127.0.0.1")
    gzipped = len(Client(HTTP_HOST="127.0.0.1").get(f"/{consultation.slug}/resultat/",
                                                    HTTP_ACCEPT_ENCODING="gzip").content)
    timings = []
    for _ in range(5):
        t = time.perf_counter()
        response = client.get(f"/{consultation.slug}/resultat/")
        timings.append(time.perf_counter() - t)
    html = response.content
    import re

    css = b"".join(
        b"".join(client.get(href.decode()).streaming_content)
        for href in re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html)
    )
    scripts = html.count(b"<script")
    print(f"results page: {statistics.median(timings) * 1000:.0f} ms median of 5; HTML {len(html) / 1024:.1f} KB "
          f"({gzipped / 1024:.1f} KB gzipped as served), CSS {len(css) / 1024:.1f} KB (all stylesheets), "
          f"total {(len(html) + len(css)) / 1024:.1f} KB uncompressed; <script> tags: {scripts}")

    summary = build(consultation)
    for name, func in [("summary", lambda: build(consultation)), ("json", lambda: opendata.as_json(summary)),
                       ("csv", lambda: opendata.as_csv(summary)), ("docx", lambda: document.as_docx(summary)),
                       ("pdf", lambda: printed.as_pdf(summary))]:
        t = time.perf_counter()
        out = func()
        size = len(out) if isinstance(out, (bytes, str)) else 0
        print(f"{name:8s} {time.perf_counter() - t:6.2f} s {size / 1024:8.1f} KB")
    t = time.perf_counter()
    written = write_all(consultation, home / "site")
    print(f"publish (site + all exports): {time.perf_counter() - t:.2f} s, {len(written)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
