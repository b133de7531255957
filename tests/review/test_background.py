"""The review page starts the analysis in its own process (`samrad analyze SLUG --run PK`), which finishes
the run the page recorded; the page shows it running until then."""

import subprocess
import sys
import time
from typing import ClassVar

import pytest
from django.db import connection

from samrad.audit.models import AuditEvent
from samrad.review import background
from samrad.review.models import AnalysisRun
from tests.ops.people import run_cli

from .conftest import build_workspace, make_users
from .test_views import messages_of

pytestmark = pytest.mark.django_db
OVERVIEW = "/orebro-2022/granskning/"


class Launched:
    """Records what would have been launched, in place of the operating system's process start."""

    calls: ClassVar[list] = []

    def __init__(self, argv, **options):
        Launched.calls.append((argv, options))

    def wait(self):
        return 0


@pytest.fixture
def in_background(settings, monkeypatch):
    settings.SAMRAD_ANALYSIS_IN_BACKGROUND = True
    Launched.calls = []
    monkeypatch.setattr(background, "Popen", Launched)


def test_the_page_starts_a_run_that_the_command_finishes(in_background, analyst_client, workspace, capsys):
    response = analyst_client.post(OVERVIEW + "analysera/")
    assert response["Location"] == OVERVIEW + "#analys"
    assert messages_of(response)[0].startswith("Analysen har startat")
    run = AnalysisRun.objects.exclude(pk=workspace.run.pk).get()
    assert run.finished_at is None and run.started_by.username == "analyst"
    [(argv, options)] = Launched.calls
    assert argv == [sys.executable, "-m", "samrad", "analyze", "orebro-2022", "--run", str(run.pk), "--lang", "sv"]
    assert options["start_new_session"] and options["stdin"] == subprocess.DEVNULL
    assert background.log_path(run).is_file()

    page = analyst_client.get(OVERVIEW).content.decode()
    assert "data-analysis-running" in page
    # A second click while it runs starts nothing.
    again = analyst_client.post(OVERVIEW + "analysera/")
    assert messages_of(again)[0].startswith("En analys pågår redan") and len(Launched.calls) == 1

    code, _out, err = run_cli(capsys, *argv[3:])
    assert code == 0, err
    run.refresh_from_db()
    assert run.finished_at is not None and run.error == "" and run.counts["statements"] > 0
    assert AuditEvent.objects.get(action="review.analysis.run").actor_label == "analyst"
    page = analyst_client.get(OVERVIEW).content.decode()
    assert "data-analysis-running" not in page
    # The command does not finish a run twice.
    code, _out, err = run_cli(capsys, *argv[3:])
    assert code == 2 and f"Analyskörning {run.pk}" in err


def test_a_run_that_cannot_be_launched_is_marked_failed(settings, monkeypatch, analyst_client, workspace):
    settings.SAMRAD_ANALYSIS_IN_BACKGROUND = True

    def cannot(*args, **kwargs):
        raise OSError("no processes left")

    monkeypatch.setattr(background, "Popen", cannot)
    response = analyst_client.post(OVERVIEW + "analysera/")
    assert messages_of(response) == ["Analysen kunde inte startas. Felet är loggat."]
    run = AnalysisRun.objects.exclude(pk=workspace.run.pk).get()
    assert run.finished_at is not None and "no processes left" in run.error
    assert "data-analysis-running" not in analyst_client.get(OVERVIEW).content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second process sees only a server database")
@pytest.mark.django_db(transaction=True)
def test_a_real_process_finishes_the_run(example_plan, django_user_model, settings, monkeypatch, tmp_path):
    """No stand-in: the launched command runs as its own process against the test database."""
    w = build_workspace(example_plan)
    users = make_users(example_plan, django_user_model)
    db = connection.settings_dict
    url = f"postgresql://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    monkeypatch.setenv("SAMRAD_DATABASE_URL", url)
    monkeypatch.setenv("SAMRAD_HOME", str(tmp_path))
    settings.VAR_DIR = tmp_path / "var"
    run = background.start(w.consultation, users["analyst"])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.finished_at is not None:
            break
        time.sleep(0.5)
    log = background.log_path(run).read_text()
    assert run.finished_at is not None and run.error == "", log
    assert run.counts["statements"] > 0
