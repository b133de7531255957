"""docs/consultation-file.md is what the loader's schema says, and the schema is what the loader checks."""

import pytest

from samrad.consultations.loader import load_text
from samrad.consultations.loader import schema as S
from samrad.consultations.loader.reference import render
from tests.conftest import ROOT


def test_committed_reference_matches_the_loader():
    committed = (ROOT / "docs" / "consultation-file.md").read_text(encoding="utf-8")
    assert committed == render(), "Regenerate it: samrad reference --out docs/consultation-file.md"


def test_reference_documents_status_values_and_neighbour():
    text = render()
    for status in S.STATUSES:
        assert f"- `{status}`: " in text
    assert "| `neighbour` | text |" in text and "same-area round" in text


def test_schema_choices_are_the_models():
    from samrad.consultations.models import Consultation, Event, Question, Round

    assert tuple(Consultation.Status.values) == S.STATUSES
    assert tuple(Event.Kind.values) == S.EVENT_KINDS and tuple(Event.Format.values) == S.EVENT_FORMATS
    assert tuple(Question.Kind.values) == S.QUESTION_KINDS and tuple(Round.Rule.values) == S.RULES


@pytest.mark.django_db
@pytest.mark.parametrize("table", [t for t in S.TABLES if t.name not in ("municipalities", "events.rounds")])
def test_every_documented_key_is_accepted_and_no_other(table):
    """An unknown key in any table is refused, and the refusal lists exactly the schema's keys."""
    from django.utils import translation

    from samrad.consultations.loader import LoadError
    from tests.consultations.test_loader import MINIMAL

    header = f"[[{table.name}]]" if table.array else f"[{table.name}]"
    text = MINIMAL.replace(header, f"{header}\nnot_a_key = 1", 1) if header in MINIMAL else None
    if text is None:
        text = MINIMAL + f"\n{header}\nnot_a_key = 1\n"
    with translation.override("en"), pytest.raises(LoadError) as info:
        load_text(text)
    [found] = [p for p in info.value.problems if p.key.endswith(".not_a_key")]
    assert found.message.endswith(f"Known keys: {', '.join(sorted(table.names))}.")
