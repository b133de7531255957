"""The [privacy] section of the consultation file becomes the record of processing."""

import datetime as dt

import pytest

from samrad.consultations.loader import LoadError, load_text
from samrad.privacy.models import ProcessingRecord, add_months

pytestmark = pytest.mark.django_db

PLAN = """schema_version = 1
[consultation]
slug = "liten"
name = "Ett litet samråd"
organiser = "Kommunen"
plan_period = "2025–2028"
status = "open"
"""


def test_example_has_a_record(example_plan):
    record = example_plan.processing_record
    assert record.controller == "Region Örebro län"
    assert record.retention_months == 6 and record.retention_date() is None
    assert len(record.recipients) == 2


def test_closing_starts_the_retention_period(example_plan):
    example_plan.status = example_plan.Status.CLOSED
    example_plan.save()
    record = ProcessingRecord.objects.get(consultation=example_plan)
    assert record.closed_on is not None
    assert record.retention_date() == add_months(record.closed_on, 6)


def test_a_date_and_a_closing_day_from_the_file():
    consultation, _ = load_text(
        PLAN
        + """
[privacy]
controller = "Kommunen"
contact = "https://kommunen.example.org/dataskydd"
purpose = "Att genomföra samrådet."
legal_basis = "Allmänt intresse."
retention_months = 3
closed = 2024-11-30
"""
    )
    assert consultation.processing_record.retention_date() == dt.date(2025, 2, 28)


def test_problems_are_located_and_all_reported():
    text = (
        PLAN
        + """
[privacy]
controller = "Kommunen"
purpose = "Att genomföra samrådet."
legal_basis = "Allmänt intresse."
retention_until = "2025-01-01"
retention_months = 3
recipients = "alla"
lagringstid = 3
"""
    )
    with pytest.raises(LoadError) as caught:
        load_text(text, filename="plan.toml")
    message = caught.value.format()
    assert "plan.toml:9: privacy: privacy.contact: saknas" not in message  # the key is named once
    assert "plan.toml:9: privacy.contact: saknas" in message
    assert "plan.toml:13: privacy.retention_until: ska vara ett datum utan citattecken" in message
    assert "plan.toml:14: privacy.retention_months: ange antingen retention_until" in message
    assert "plan.toml:15: privacy.recipients: ska vara en lista med texter" in message
    assert "plan.toml:16: privacy.lagringstid: är inte en känd nyckel" in message
    assert not ProcessingRecord.objects.exists()


def test_retention_is_required():
    with pytest.raises(LoadError) as caught:
        load_text(
            PLAN + '[privacy]\ncontroller = "K"\ncontact = "k@example.org"\npurpose = "P"\nlegal_basis = "L"\n',
            filename="plan.toml",
        )
    assert "säger inte hur länge personuppgifter sparas" in caught.value.format()


def test_add_months_keeps_to_the_end_of_short_months():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 11, 15), 14) == dt.date(2026, 1, 15)
