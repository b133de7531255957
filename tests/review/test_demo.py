"""`samrad demo` analyses the example and plays the analyst: the published summary it leaves."""

import pytest

from samrad import demo
from samrad.audit.models import AuditEvent
from samrad.commands.demo import run_stages
from samrad.consultations.models import Consultation
from samrad.publication.exports.opendata import as_dict
from samrad.publication.summary import build
from samrad.review.models import AnalysisRun, AreaReview, Quote
from tests.conftest import EXAMPLE_DIR

pytestmark = pytest.mark.django_db

AREAS = ["Bibliotek", "Bild och form", "Dans", "Film", "Kulturarv", "Litteratur", "Musik", "Slöjd", "Teater"]


def test_demo_publishes_the_example(example):
    assert [name for name, _target in demo.STAGES][-2:] == ["analysis", "review"]
    summary = build(example)
    assert [a.name for a in summary.areas] == AREAS
    with_examples = 0
    for area in summary.areas:
        if area.name == "Litteratur":
            assert area.withheld and not area.sections
            continue
        assert area.published and not area.withheld, area.name
        by_kind = {s.question_kind: s for s in area.sections}
        assert by_kind["challenges"].themes, area.name
        with_examples += any(t.points for t in by_kind["challenges"].themes)
        quotes = by_kind.get("attractiveness"), by_kind.get("sustainability")
        assert any(s and s.quotes for s in quotes), area.name
        for section in quotes:
            assert section is None or len(section.quotes) <= 2
            for text in section.quotes if section else []:
                assert "[namn]" not in text and "@" not in text
    # "Exempelvis:" items only where the answers give some that share the headline's words and sit nearer their
    # own theme than any other (the region's page has them on 4 of 59 lines; with e5 themes, few items pass).
    assert with_examples >= 1
    # Still being worked on: the banner shows.
    example.refresh_from_db()
    assert example.status == Consultation.Status.ANALYSING
    assert summary.banner.startswith("Observera!")
    # Marked as the demo's doing, not a person's.
    events = AuditEvent.objects.filter(action__startswith="review.")
    assert set(events.values_list("actor_label", flat=True)) == {"samrad demo"}
    assert events.filter(action="review.area.status").count() == 8
    assert set(AreaReview.objects.exclude(status="draft").values_list("status_changed_label", flat=True)) == {
        "samrad demo"
    }
    assert AnalysisRun.objects.get().started_by_label == "samrad demo"

    # Running the demo again gives the same published summary.
    before = as_dict(summary)
    approved = Quote.objects.filter(status=Quote.Status.APPROVED).count()
    run_stages(example, EXAMPLE_DIR, demo.STAGES)
    after = as_dict(build(example))
    before.pop("last_updated"), after.pop("last_updated")
    assert after == before
    assert Quote.objects.filter(status=Quote.Status.APPROVED).count() == approved
    assert AnalysisRun.objects.latest().new_statements == 0
