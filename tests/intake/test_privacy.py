"""Intake's personal data through the privacy app: survey contacts, note history, archived import files."""

from pathlib import Path

import pytest
from django.conf import settings

from samrad.intake import notes
from samrad.intake.importing import run_import
from samrad.intake.models import NoteRevision, SurveyContact
from samrad.privacy.erasure import erase_person, export_data, purge, purge_plan
from tests.intake.test_import import csv_bytes
from tests.ops.people import dump_text, participant

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Greta Västerlund", "greta.vasterlund@example.org"


@pytest.fixture
def greta(example_plan, groups):
    same, _mixed = groups
    person = participant(example_plan, NAME, EMAIL)
    SurveyContact.objects.create(consultation=example_plan, name=NAME, email=EMAIL.upper(), month="2022-06-01")
    SurveyContact.objects.create(
        consultation=example_plan, name="Någon annan", email="annan@example.org", month="2022-06-01"
    )
    editor = notes.Editor(None, "link", "test")
    area = example_plan.areas.get(slug="bibliotek")
    notes.save_note(same, area, f"{NAME} berättade om läsecirklar", base_version=0, client="c", seq=1, editor=editor)
    notes.save_note(same, area, "Läsecirklar behöver stöd", base_version=1, client="c", seq=2, editor=editor)
    export = csv_bytes([["Namn", "E-post", "area", "utmaningar"], [NAME, EMAIL, "musik", "Fler körer"]])
    other = csv_bytes([["area", "utmaningar"], ["dans", "Fler scener"]])
    run_import(example_plan, export, "med-namn.csv")
    run_import(example_plan, other, "utan-namn.csv")
    return person


def archives():
    return sorted(p.name for p in (Path(settings.MEDIA_ROOT) / "imports").rglob("*.csv"))


def test_export_shows_the_contact_details(greta):
    data = export_data(greta)["data"]
    assert data["intake.survey_contact"]["records"] == [{"name": NAME, "email": EMAIL.upper()}]


def test_erasure_reaches_contacts_note_history_and_archived_files(greta):
    assert len(archives()) == 2
    counts = erase_person(greta)
    assert counts["intake.survey_contact"] == 1 and counts["intake.note_revision"] == 2
    assert counts["intake.import_file"] == 1
    assert list(SurveyContact.objects.values_list("email", flat=True)) == ["annan@example.org"]
    texts = list(NoteRevision.objects.order_by("version").values_list("previous_text", "text"))
    assert texts[0] == ("", "[borttaget] berättade om läsecirklar")
    assert texts[1][0] == "[borttaget] berättade om läsecirklar"
    assert len(archives()) == 1  # the file that named her is gone, the other stays
    dump = dump_text()
    assert NAME not in dump and EMAIL not in dump.lower()


def test_purge_removes_all_contacts_and_archives(greta):
    plan = purge_plan(greta.consultation)
    assert plan["intake.survey_contact"] == 2 and plan["intake.import_file"] == 2
    purge(greta.consultation)
    assert SurveyContact.objects.count() == 0
    assert archives() == []
