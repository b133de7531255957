"""`samrad demo`'s stages on the example consultation (invented participants and answers)."""

import pytest

from samrad import demo
from samrad.commands.demo import run_stages
from samrad.intake.models import Contribution
from samrad.participation.models import Participant
from samrad.publication.thresholds import area_statuses
from tests.conftest import EXAMPLE_DIR

pytestmark = pytest.mark.django_db


def test_example_participants_and_answers(example):
    assert 95 <= Participant.objects.filter(consultation=example).count() <= 110
    sources = set(Contribution.objects.filter(consultation=example).values_list("source", flat=True))
    assert sources == {"group_note", "survey"}
    assert Contribution.objects.filter(consultation=example).count() > 300


def test_litteratur_is_the_only_withheld_area(example):
    statuses = area_statuses(example)
    assert len(statuses) == 9
    assert [s.area.slug for s in statuses if s.withheld] == ["litteratur"]


def test_stages_are_idempotent(example):
    before = (Participant.objects.count(), Contribution.objects.count())
    run_stages(example, EXAMPLE_DIR, demo.STAGES)
    assert (Participant.objects.count(), Contribution.objects.count()) == before


def test_raw_text_is_kept_exactly(example):
    """The Word paste (non-breaking spaces, curly quotes, CRLF inside the cell) is stored byte for byte."""
    import csv

    with (EXAMPLE_DIR / "survey.csv").open(newline="", encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh) if r["ref"] == "s0084")
    stored = Contribution.objects.filter(respondent="example-s0084", question__slug="utmaningar").first()
    assert stored.raw_text == row["utmaningar"]
    assert "\r\n" in stored.raw_text or "\u00a0" in stored.raw_text
