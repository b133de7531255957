"""Merging engine results into the workspace: what is created, what is new, and what a re-run keeps."""

import pytest

from samrad.intake.models import Contribution
from samrad.review import ingest
from samrad.review.actions import Actor, areas, quotes, themes
from samrad.review.models import AnalysisRun, AreaReview, Origin, Point, Quote, Statement, Theme

from .conftest import contribute, rest_point, result_for

pytestmark = pytest.mark.django_db
BY = Actor(label="test")


def test_first_merge_builds_the_workspace(workspace):
    w = workspace
    assert Statement.objects.filter(area=w.area).count() == 11
    lokaler = w.theme("lokaler")
    assert lokaler.headline.startswith("Det saknas replokaler")
    assert [p.text for p in lokaler.points.all()] == [c.raw_text for c in w.contributions["lokaler"][1:]]
    assert set(lokaler.statements.values_list("contribution_id", flat=True)) == {
        c.pk for c in w.contributions["lokaler"]
    }
    assert Statement.objects.filter(area=w.area, question=w.challenges, theme=None).count() == 2
    # The rest line is proposed from readable rest statements.
    assert Point.objects.filter(area=w.area, question=w.challenges, theme=None).count() == 2
    assert Quote.objects.filter(area=w.area).count() == 3
    # Every area of the plan gets a review status, starting as a draft.
    assert AreaReview.objects.filter(consultation=w.consultation, status="draft").count() == 9
    # Nothing is "new" on the first run.
    assert (w.run.new_statements, w.run.new_themes, w.run.new_quotes) == (0, 0, 0)
    assert w.run.finished_at is not None


def test_raw_contributions_are_never_altered(workspace):
    before = list(Contribution.objects.order_by("pk").values_list("raw_text", flat=True))
    ingest.merge(workspace.consultation, result_for(workspace))
    themes.edit_theme(workspace.theme("lokaler"), headline="Ny rubrik", label="", by=BY)
    assert list(Contribution.objects.order_by("pk").values_list("raw_text", flat=True)) == before


def test_the_same_result_again_changes_nothing_and_nothing_is_new(workspace):
    counts = (Statement.objects.count(), Theme.objects.count(), Point.objects.count(), Quote.objects.count())
    run = ingest.merge(workspace.consultation, result_for(workspace))
    assert (Statement.objects.count(), Theme.objects.count(), Point.objects.count(), Quote.objects.count()) == counts
    assert (run.new_statements, run.new_themes, run.new_quotes) == (0, 0, 0)
    assert ingest.previous_run(run) == workspace.run


def test_rest_lines_are_redacted(workspace):
    w = workspace
    c = contribute(
        w.consultation, w.area, w.challenges, "Kontakta Per Nilsson på per@example.org om replokalerna.", "x"
    )
    data = result_for(w)
    data["statements"].append(
        {"id": f"{c.pk}:1", "record_id": str(c.pk), "span": [0, len(c.raw_text)], "text": c.raw_text, "lang": "sv"}
    )
    data["sections"][0]["rest"]["statement_ids"] = [f"{c.pk}:1"]
    # A result from elsewhere (a replaced describer) proposing a rest phrase with personal data.
    data["sections"][0]["rest"]["points"] = [rest_point(c)]
    Point.objects.filter(area=w.area, question=w.challenges, theme=None).delete()
    ingest.merge(w.consultation, data)
    line = Point.objects.get(area=w.area, question=w.challenges, theme=None)
    assert "Per Nilsson" not in line.text and "per@example.org" not in line.text
    assert "[e-post]" in line.text


def test_rerun_keeps_decisions_and_marks_what_is_new(workspace):
    """Run, edit, add contributions, run again."""
    w = workspace
    lokaler, ekonomi = w.theme("lokaler"), w.theme("ekonomi")
    themes.edit_theme(lokaler, headline="Det saknas lokaler för musik", label="lokaler", by=BY)
    moved = w.statement("Bidragen till föreningarna")
    themes.move_statements([moved], None, by=BY)
    themes.set_included(ekonomi, False, by=BY)
    quote = w.quote("Ring Anna")
    quotes.edit_text(quote, text="Konserterna i Nora lockar besökare från hela landet varje år.", by=BY)
    quotes.set_status(quote, Quote.Status.APPROVED, by=BY)
    rejected = w.quote("Sommarkonserterna")
    quotes.set_status(rejected, Quote.Status.REJECTED, by=BY)

    new = contribute(w.consultation, w.area, w.challenges, "Vi behöver fler replokaler i Karlskoga.", "new-1")
    new_quote_c = contribute(
        w.consultation, w.area, w.attractive, "Jazzklubben i Askersund drar publik från tre län varje vecka.", "n2"
    )
    w.contributions["lokaler"].append(new)
    data = result_for(w)
    data["sections"][0]["themes"][0]["headline"]["text"] = "Maskinens nya rubrik"
    data["sections"][0]["themes"].append(
        {
            "label": "nytt",
            "keywords": [],
            "headline": {"statement_id": f"{moved.contribution_id}:1", "text": "x"},
            "points": [],
            "statement_ids": [f"{moved.contribution_id}:1"],
        }
    )
    data["statements"].append(
        {
            "id": f"{new_quote_c.pk}:1",
            "record_id": str(new_quote_c.pk),
            "span": [0, len(new_quote_c.raw_text)],
            "text": new_quote_c.raw_text,
            "lang": "sv",
        }
    )
    data["sections"][1]["quotes"].append(
        {
            "statement_id": f"{new_quote_c.pk}:1",
            "original": new_quote_c.raw_text,
            "text": new_quote_c.raw_text,
            "redactions": [],
            "shortened": False,
            "score": 0.9,
        }
    )
    data["sections"][1]["quotes"][1]["text"] = "Maskinens nya citattext"
    run = ingest.merge(w.consultation, data)

    lokaler.refresh_from_db()
    assert lokaler.headline == "Det saknas lokaler för musik"  # the analyst's headline, not the machine's
    assert Statement.objects.get(contribution=new).theme == lokaler  # the new statement joins the theme
    moved.refresh_from_db()
    assert moved.theme is None and moved.assigned_by == Origin.ANALYST  # stays where the analyst put it
    assert not Theme.objects.filter(label="nytt").exists()  # it would rest only on an analyst's decision
    ekonomi.refresh_from_db()
    assert ekonomi.published is False
    quote.refresh_from_db()
    assert quote.status == Quote.Status.APPROVED
    assert quote.text == "Konserterna i Nora lockar besökare från hela landet varje år."
    assert quote.proposed == "Maskinens nya citattext"  # the proposal is kept to go back to
    rejected.refresh_from_db()
    assert rejected.status == Quote.Status.REJECTED
    # What is new is counted and marked with the run.
    assert (run.new_statements, run.new_themes, run.new_quotes) == (2, 0, 1)
    assert Statement.objects.get(contribution=new).first_run == run
    assert Quote.objects.get(statement__contribution=new_quote_c).first_run == run


def test_machine_themes_nobody_touched_follow_the_machine(workspace):
    w = workspace
    data = result_for(w)
    data["sections"][0]["themes"][1]["headline"]["text"] = "Ekonomin för musiker"
    data["sections"][0]["themes"][1]["points"] = []
    ingest.merge(w.consultation, data)
    ekonomi = w.theme("ekonomi")
    assert ekonomi.headline == "Ekonomin för musiker"
    assert ekonomi.points.count() == 0


def test_a_theme_the_machine_no_longer_proposes_disappears_unless_touched(workspace):
    w = workspace
    data = result_for(w)
    ekonomi = data["sections"][0]["themes"].pop(1)
    data["sections"][0]["rest"]["statement_ids"] += ekonomi["statement_ids"]
    ingest.merge(w.consultation, data)
    assert not Theme.objects.filter(label="ekonomi").exists()
    assert Statement.objects.filter(area=w.area, question=w.challenges, theme=None).count() == 5


def test_a_touched_theme_stays_even_when_the_machine_drops_it(workspace):
    w = workspace
    themes.edit_theme(w.theme("ekonomi"), headline="Ekonomin", label="ekonomi", by=BY)
    data = result_for(w)
    ekonomi = data["sections"][0]["themes"].pop(1)
    data["sections"][0]["rest"]["statement_ids"] += ekonomi["statement_ids"]
    ingest.merge(w.consultation, data)
    assert Theme.objects.filter(label="ekonomi", headline="Ekonomin").exists()


def test_a_published_area_is_frozen_new_themes_arrive_left_out(workspace):
    w = workspace
    areas.set_status(w.area, AreaReview.Status.PUBLISHED, by=BY)
    extra = contribute(w.consultation, w.area, w.challenges, "Kulturskolan har kö till alla instrument.", "k1")
    data = result_for(w)
    data["statements"].append(
        {
            "id": f"{extra.pk}:1",
            "record_id": str(extra.pk),
            "span": [0, len(extra.raw_text)],
            "text": extra.raw_text,
            "lang": "sv",
        }
    )
    data["sections"][0]["themes"][0]["headline"]["text"] = "Maskinens nya rubrik"
    data["sections"][0]["themes"].append(
        {
            "label": "kulturskola",
            "keywords": [],
            "headline": {"statement_id": f"{extra.pk}:1", "text": extra.raw_text},
            "points": [],
            "statement_ids": [f"{extra.pk}:1"],
        }
    )
    # The machine would move a lokaler statement to the rest: in a published area it stays.
    data["sections"][0]["themes"][0]["statement_ids"].pop()
    data["sections"][0]["rest"]["statement_ids"].append(f"{w.contributions['lokaler'][-1].pk}:1")
    ingest.merge(w.consultation, data)
    assert w.theme("lokaler").headline == w.contributions["lokaler"][0].raw_text
    assert w.statement("Vi behöver en scen").theme == w.theme("lokaler")
    new_theme = Theme.objects.get(label="kulturskola")
    assert new_theme.published is False  # an analyst decides whether it goes public


def test_statements_no_longer_found_are_marked_stale(workspace):
    w = workspace
    gone = w.contributions["rest"][0]
    data = result_for(w)
    data["statements"] = [s for s in data["statements"] if s["record_id"] != str(gone.pk)]
    data["sections"][0]["rest"]["statement_ids"].remove(f"{gone.pk}:1")
    ingest.merge(w.consultation, data)
    assert Statement.objects.get(contribution=gone).stale is True
    assert Statement.objects.filter(area=w.area, stale=False).count() == 10


def test_an_engine_failure_is_recorded_and_changes_nothing(workspace):
    from samrad.synthesis import Params

    before = Theme.objects.count()
    with pytest.raises(ValueError):
        ingest.analyse(workspace.consultation, params=Params(lang="xx"))
    failed = AnalysisRun.objects.first()
    assert failed.error.startswith("ValueError") and failed.finished_at is not None
    assert Theme.objects.count() == before
    assert ingest.latest_run(workspace.consultation) == workspace.run
    assert ingest.running(workspace.consultation) is None


SPELLISTA = [
    "Biblioteken behöver mer resurser för att främja läsning bland barn och unga.",
    "Läsfrämjande insatser för barn på biblioteken i hela länet är viktigt.",
    "Barns läsning minskar, biblioteken måste nå fler unga läsare.",
    "Fler bokcirklar och läsfrämjande aktiviteter för unga på biblioteket.",
    "Satsa på läsning för barn, till exempel genom bokstart och sagostunder på biblioteket.",
    "Det saknas lokaler och scener för dans och teater i mindre kommuner.",
    "Teaterlokalerna är för dyra att hyra för fria grupper.",
    "Det finns för få repetitionslokaler för dansare och musiker.",
    "Fria teatergrupper har svårt att hitta lokaler att repetera och spela i.",
    "Lokalhyrorna för scenkonst är för höga, det stoppar många föreställningar.",
]
LATER = [
    "Unga läser allt mindre och biblioteken behöver resurser för läsfrämjande arbete.",
    "Vi behöver tillgängliga lokaler och scener för kultur på landsbygden.",
    "Digitala tjänster och e-böcker kostar biblioteken allt mer varje år, det är ett växande problem för oss.",
]


def test_with_the_real_engine_run_edit_add_run_again(example_plan):
    c = example_plan
    area, question = c.areas.get(slug="bibliotek"), c.questions.get(slug="utmaningar")
    for i, text in enumerate(SPELLISTA):
        contribute(c, area, question, text, f"s{i}")
    first = ingest.analyse(c, label="test")
    assert first.error == "" and first.counts["sections"] == 1
    assert Theme.objects.filter(area=area).exists()
    chosen = Theme.objects.filter(area=area).order_by("order").first()
    themes.edit_theme(chosen, headline="Läsning och lokaler enligt analytikern", label="", by=BY)
    statement = chosen.statements.first()
    themes.move_statements([statement], None, by=BY)
    for i, text in enumerate(LATER):
        contribute(c, area, question, text, f"later{i}")

    second = ingest.analyse(c, label="test")

    chosen.refresh_from_db()
    assert chosen.headline == "Läsning och lokaler enligt analytikern"
    statement.refresh_from_db()
    assert statement.theme is None
    assert second.new_statements == 3
    assert Statement.objects.filter(first_run=second).count() == 3
    assert all(s.theme_id is not None or s.pk for s in Statement.objects.filter(first_run=second))
