"""samrad purge: after the retention period of a closed consultation, its personal data goes."""

import datetime as dt

import pytest

from samrad.audit.models import AuditEvent
from samrad.intake.models import Contribution
from samrad.participation.models import Participant
from samrad.privacy.models import ProcessingRecord
from tests.ops.people import contribute, dump_text, participant, register, run_cli

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(example_plan):
    event = example_plan.events.get(slug="kulturdialog-2022-06-01")
    area = example_plan.areas.get(slug="musik")
    for i, name in enumerate(["Agneta Fjällström", "Bo Kvist", "Cecilia Ödmark"]):
        p = participant(example_plan, name, f"person{i}@example.com")
        register(p, event, area, needs="Teckentolk" if i == 0 else "")
        contribute(example_plan, f"Mer stöd till körer, sa {name}.", participant=p, area=area)
    return example_plan


def _due(consultation, *, closed=True):
    ProcessingRecord.objects.filter(consultation=consultation).update(
        retention_months=None, retention_until=dt.date(2023, 1, 31)
    )
    if closed:
        consultation.status = consultation.Status.CLOSED
        consultation.save()


def test_nothing_is_due_before_the_retention_date(capsys, people):
    code, out, _ = run_cli(capsys, "purge", "--dry-run")
    assert code == 0 and "Inga personuppgifter ska rensas nu" in out


def test_dry_run_lists_and_changes_nothing(capsys, people):
    _due(people)
    code, out, _ = run_cli(capsys, "purge", "--dry-run")
    assert code == 0
    assert "orebro-2022 (lagringstiden gick ut 2023-01-31):" in out
    assert "Deltagare: 3 (namn, e-postadress" in out and "Anmälningar: 3" in out
    assert "Provkörning: inget har rensats." in out
    assert "Agneta Fjällström" in dump_text()


def test_purge_needs_yes_without_a_terminal(capsys, people):
    _due(people)
    code, _, err = run_cli(capsys, "purge")
    assert code == 2 and "--yes" in err
    assert Participant.objects.filter(name="Bo Kvist").exists()


def test_purge_removes_every_name_and_keeps_anonymous_contributions(capsys, people):
    _due(people)
    code, out, err = run_cli(capsys, "purge", "--consultation", "orebro-2022", "--yes")
    assert code == 0, err
    assert "orebro-2022: personuppgifterna är rensade" in out
    dump = dump_text()
    for trace in ("Agneta Fjällström", "Bo Kvist", "Cecilia Ödmark", "@example.com", "Teckentolk"):
        assert trace not in dump, trace
    assert (
        Contribution.objects.filter(consultation=people, raw_text="Mer stöd till körer, sa [borttaget].").count() == 3
    )
    assert Participant.objects.filter(consultation=people).count() == 3  # anonymous, still counted
    assert AuditEvent.objects.filter(action="privacy.purged", consultation=people).count() == 1
    code, out, _ = run_cli(capsys, "purge", "--yes")
    assert "Inga personuppgifter ska rensas nu" in out


def test_an_open_consultation_is_not_purged(capsys, people):
    _due(people, closed=False)
    code, out, _ = run_cli(capsys, "purge", "--yes")
    assert code == 0 and "inte avslutat" in out
    assert Participant.objects.filter(name="Bo Kvist").exists()


def test_unknown_consultation(capsys, people):
    code, _, err = run_cli(capsys, "purge", "--consultation", "finns-inte", "--dry-run")
    assert code == 2 and "finns-inte" in err


def test_files_checked_for_import_but_not_imported_expire(capsys, people, settings):
    """A dry run on the import page leaves the raw export (names, e-mail addresses) in media/imports/pending/:
    every purge removes those older than SAMRAD_PENDING_IMPORT_HOURS, whatever the consultations' retention."""
    import os
    import time

    from samrad.intake import pending

    pending.folder().mkdir(parents=True)
    old, new = pending.folder() / ("a" * 64 + ".csv"), pending.folder() / ("b" * 64 + ".csv")
    for path in (old, new):
        path.write_text("Namn;E-post\nBo Kvist;person1@example.com\n", encoding="utf-8")
        path.with_name(path.name + ".name").write_text("export.csv", encoding="utf-8")
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))

    code, out, _ = run_cli(capsys, "purge", "--dry-run")
    assert code == 0 and "1 fil som kontrollerats för import" in out and old.exists()
    code, out, _ = run_cli(capsys, "purge", "--yes")
    assert code == 0 and "1 fil som kontrollerats för import" in out
    assert sorted(p.name for p in pending.folder().iterdir()) == [new.name, new.name + ".name"]
    settings.SAMRAD_PENDING_IMPORT_HOURS = 0
    run_cli(capsys, "purge", "--yes")
    assert list(pending.folder().iterdir()) == []
