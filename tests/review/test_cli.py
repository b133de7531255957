"""`samrad analyze CONSULTATION`."""

import pytest

from samrad.audit.models import AuditEvent
from samrad.cli import main
from samrad.review.models import AnalysisRun, Theme

from .conftest import contribute

pytestmark = pytest.mark.django_db

ANSWERS = [
    "Biblioteken behöver mer resurser för att främja läsning bland barn och unga.",
    "Läsfrämjande insatser för barn på biblioteken i hela länet är viktigt.",
    "Barns läsning minskar, biblioteken måste nå fler unga läsare.",
    "Det saknas lokaler och scener för dans och teater i mindre kommuner.",
    "Teaterlokalerna är för dyra att hyra för fria grupper.",
    "Fria teatergrupper har svårt att hitta lokaler att repetera och spela i.",
]


def test_analyze_prints_a_summary_and_stores_the_result(example_plan, capsys):
    area, question = example_plan.areas.get(slug="bibliotek"), example_plan.questions.get(slug="utmaningar")
    for i, text in enumerate(ANSWERS):
        contribute(example_plan, area, question, text, f"c{i}")
    assert main(["analyze", "orebro-2022"]) == 0
    out = capsys.readouterr().out
    assert "Analyserade 6 inspel" in out and "1 avsnitt" in out
    assert "första körningen" in out
    assert "/orebro-2022/granskning/" in out
    assert Theme.objects.filter(area=area).exists()
    assert AnalysisRun.objects.get().started_by_label == "samrad analyze"
    assert AuditEvent.objects.get(action="review.analysis.run").actor_label == "samrad analyze"

    contribute(example_plan, area, question, "Scenerna i länet är slitna och lokalerna behöver rustas upp.", "c9")
    assert main(["analyze", "orebro-2022"]) == 0
    assert "Nytt sedan förra körningen: 1 påståenden" in capsys.readouterr().out


def test_analyze_explains_bad_input(example_plan, capsys):
    assert main(["analyze", "finns-inte"]) == 2
    assert "Det finns inget samråd 'finns-inte'. Kända: orebro-2022." in capsys.readouterr().err
    assert main(["analyze", "orebro-2022"]) == 2
    assert "har inga inspel att analysera ännu" in capsys.readouterr().err
    assert not AnalysisRun.objects.exists()


def test_analyze_in_english(example_plan, capsys):
    assert main(["--lang", "en", "analyze", "orebro-2022"]) == 2
    assert "has no contributions to analyse yet" in capsys.readouterr().err
