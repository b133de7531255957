"""`samrad groups EVENT`: forms and stores groups, prints them; clear errors with exit code 2."""

import csv
import io
import json

import pytest

from samrad.cli import main
from samrad.consultations.models import Round
from samrad.participation.example import load_participants
from samrad.participation.models import Group
from tests.conftest import EXAMPLE_DIR
from tests.participation.conftest import EVENT, add_registrations

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(example_plan):
    load_participants(example_plan, EXAMPLE_DIR)
    return example_plan.events.get(slug=EVENT)


def test_table(event, capsys):
    assert main(["groups", EVENT, "--seed", "2", "--time-limit", "5"]) == 0
    out, err = capsys.readouterr()
    assert "Omgång 1: Utmaningar" in out and "Målvärde" in out
    assert "p004" in err and "p097" in err  # the duplicate e-mail
    assert Group.objects.filter(round__event=event).count() > 60


def test_zoom_format_one_round(event, capsys):
    assert main(["groups", EVENT, "--round", "1", "--format", "zoom", "--time-limit", "5"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["Pre-assign Room Name", "Email Address"]
    assert len(rows) == 1 + 102
    assert not Group.objects.filter(round__event=event, round__number=2).exists()


def test_csv_and_json(event, capsys):
    assert main(["groups", EVENT, "--format", "csv", "--time-limit", "5"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][0] == "Omgång" and len(rows) == 1 + 3 * 102
    assert main(["groups", EVENT, "--format", "json", "--round", "2", "--time-limit", "5"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["round"] for r in data["rounds"]] == [2, 3]
    assert data["rounds"][0]["report"]["status"] in ("optimal", "feasible")


def test_unknown_event(example_plan, capsys):
    assert main(["groups", "nope"]) == 2
    err = capsys.readouterr().err
    assert "nope" in err and "kulturdialog-2022-06-01" in err


def test_no_registrations(example_plan, capsys):
    assert main(["groups", EVENT]) == 2
    assert "inga anmälningar" in capsys.readouterr().err


def test_impossible_bounds(example_plan, capsys):
    event = example_plan.events.get(slug=EVENT)
    add_registrations(event, [(f"P{i}", "musik", "orebro", "kommun") for i in range(5)])
    Round.objects.filter(event=event).update(min_size=4, max_size=4)
    assert main(["groups", EVENT, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "5 participants cannot be split into groups of 4–4" in err


def test_bad_time_limit(example_plan, capsys):
    assert main(["groups", EVENT, "--time-limit", "0"]) == 2
