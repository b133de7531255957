"""The analysis started from the web page runs in its own process.

A large consultation takes longer to analyse than a web request may last (gunicorn stops a worker after 60 s),
and a worker can be replaced at any time. So the page records the run as started and launches
`samrad analyze SLUG --run PK`, which finishes that run; the page shows it running and reloads until it is done.
The process outlives the request and the worker; its output goes to var/log/analysis-PK.log.
"""

import sys
import threading
from pathlib import Path
from subprocess import DEVNULL, STDOUT, Popen

from django.conf import settings
from django.utils import timezone

from samrad.consultations.models import Consultation

from .ingest import _user, default_params
from .models import AnalysisRun


def command(run: AnalysisRun) -> list[str]:
    return [
        sys.executable,
        "-m",
        "samrad",
        "analyze",
        run.consultation.slug,
        "--run",
        str(run.pk),
        "--lang",
        run.params.get("messages", "sv"),
    ]


def log_path(run: AnalysisRun) -> Path:
    return Path(settings.VAR_DIR) / "log" / f"analysis-{run.pk}.log"


def start(consultation: Consultation, user) -> AnalysisRun:
    """Record the run and launch the process that does it. Raises OSError when it cannot be launched
    (the run is then marked as failed)."""
    params = default_params(consultation)
    run = AnalysisRun.objects.create(consultation=consultation, started_by=_user(user), params=params.to_dict())
    path = log_path(run)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("ab") as log:
            process = Popen(
                command(run),
                stdin=DEVNULL,
                stdout=log,
                stderr=STDOUT,
                start_new_session=True,  # not killed with the worker that launched it
                close_fds=True,
            )
        # Reap it when it ends, so no finished process lingers as a zombie of the web worker.
        threading.Thread(target=process.wait, daemon=True).start()
    except OSError as exc:
        AnalysisRun.objects.filter(pk=run.pk).update(error=f"{type(exc).__name__}: {exc}", finished_at=timezone.now())
        raise
    return run
