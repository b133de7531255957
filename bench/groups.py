"""Forming groups through the Django adapter, the staff groups page and the group lists as PDF.

    .venv/bin/python bench/groups.py [PEOPLE ...]

Loads the example plan into a fresh SQLite database in a temporary folder, registers the example's 102
participants and then synthetic events of the given sizes (default 300 600), and times `form()` (engine +
database writes, time limit 10 s), a re-balance after 5 % no-shows and 3 walk-ins, the staff page and the PDF.
Goal: the 1 June dialogue (≈100 people, three rounds) formed and stored in under 5 s on the 2-core machine.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(sizes: list[int]) -> int:
    home = Path(tempfile.mkdtemp(prefix="samrad-bench-"))
    os.environ["SAMRAD_HOME"] = str(home)
    os.environ.pop("SAMRAD_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "samrad.settings"
    os.chdir(ROOT)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from samrad import demo
    from samrad.consultations.loader import load_file
    from samrad.participation import group_exports
    from samrad.participation.example import load_participants
    from samrad.participation.formation import form
    from samrad.participation.groupview import event_rounds
    from samrad.participation.latechanges import rebalance
    from samrad.participation.models import Participant, Registration
    from samrad.participation.registration import add_walk_in

    call_command("migrate", verbosity=0)
    consultation, _ = load_file(demo.example_dir() / "consultation.toml")
    load_participants(consultation, demo.example_dir())
    event = consultation.events.get(slug=demo.EXAMPLE_EVENT)
    admin = get_user_model().objects.create_superuser("bench", "bench@example.org", "x")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)
    rng = random.Random(1)
    areas = list(consultation.areas.all())
    munis = list(consultation.municipalities.all())
    roles = list(consultation.role_categories.exclude(slug="annan"))

    print("| people | form 3 rounds | rebalance round 2 | groups page | PDF all rounds |")
    print("|---:|---:|---:|---:|---:|")
    for size in [102, *sizes]:
        if size != 102:
            Registration.objects.filter(event=event).delete()
            for i in range(size):
                p = Participant.objects.create(
                    consultation=consultation,
                    name=f"Person {i}",
                    email=f"p{i}@example.org",
                    municipality=rng.choice(munis),
                    role_category=rng.choice(roles),
                )
                Registration.objects.create(event=event, participant=p, area=rng.choice(areas))
        t = time.perf_counter()
        form(event, seed=1, time_limit=10)
        formed = time.perf_counter() - t
        regs = list(Registration.objects.filter(event=event).order_by("?")[: max(1, size // 20)])
        Registration.objects.filter(pk__in=[r.pk for r in regs]).update(status="no_show")
        for i in range(3):
            add_walk_in(event, name=f"Walk-in {i}", area=rng.choice(areas), municipality=rng.choice(munis))
        t = time.perf_counter()
        rebalance(event.rounds.get(number=2))
        rebalanced = time.perf_counter() - t
        page = []
        for _ in range(3):
            t = time.perf_counter()
            client.get(f"/{consultation.slug}/dialoger/{event.slug}/grupper/")
            page.append(time.perf_counter() - t)
        t = time.perf_counter()
        group_exports.lists_pdf({"event": event, "consultation": consultation, "rounds": event_rounds(event)})
        pdf = time.perf_counter() - t
        print(
            f"| {size} | {formed:.2f} s | {rebalanced:.2f} s | {statistics.median(page) * 1000:.0f} ms | {pdf:.1f} s |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [300, 600]))
