"""Imports as survey tools export them: wide files (one column per question) and long files (one row per answer,
with a question column), the suggested mapping for each shape, and repeated respondent ids as a decision."""

import datetime as dt
import io

import pytest

from samrad.intake.importing import run_import
from samrad.intake.models import Contribution
from tests.intake.test_import import csv_bytes

pytestmark = pytest.mark.django_db

TEXTS = {
    "utmaningar": "Vilka är de största utmaningarna för kulturen i din kommun?",
    "attraktivitet": "Vad gör kulturen för att göra länet attraktivt?",
    "hallbarhet": "Hur bidrar kulturen till ett hållbart samhälle?",
}
# (id, submitted, areas, municipality, {question: answer}) — invented answers.
RESPONDENTS = [
    ("101", dt.datetime(2022, 6, 2, 9, 3), "Musik", "Nora",
     {"utmaningar": "Lokaler saknas.", "hallbarhet": "Körer\nhåller ihop."}),
    ("102", dt.datetime(2022, 6, 3, 10, 0), "Teater;Dans", "Örebro",
     {"utmaningar": "Turnéstöd", "attraktivitet": "Festivaler"}),
    ("103", dt.datetime(2022, 6, 4, 11, 30), "Bild och form", "Karlskoga",
     {"attraktivitet": "=1+1 är ingen formel"}),
    ("104", dt.datetime(2022, 6, 5, 12, 15), "Film", "Nora",
     {"utmaningar": 'Biografen "Röda Kvarn" stänger', "attraktivitet": "Filmfestivalen", "hallbarhet": "Inspelningar"}),
]  # fmt: skip
WIDE_HEADER = ["ID", "Tidpunkt", "Kulturområde", "Kommun", *TEXTS.values()]
LONG_HEADER = ["ID", "Tidpunkt", "Kulturområde", "Kommun", "Fråga", "Svar"]
COLUMNS = '[columns]\nrespondent = "ID"\nsubmitted_at = "Tidpunkt"\narea = "Kulturområde"\nmunicipality = "Kommun"\n'
WIDE_MAPPING = (
    'name = "kommunenkat"\n'
    + COLUMNS
    + "[questions]\n"
    + "".join(f'{slug} = "{text}"\n' for slug, text in TEXTS.items())
)
LONG_MAPPING = (
    'name = "kommunenkat"\nshape = "long"\n'
    + COLUMNS
    + 'question = "Fråga"\nanswer = "Svar"\n[values.question]\n'
    + "".join(f'"{text}" = "{slug}"\n' for slug, text in TEXTS.items())
)


def wide_xlsx(respondents=RESPONDENTS) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(WIDE_HEADER)
    for ref, when, areas, municipality, answers in respondents:
        sheet.append([ref, when, areas, municipality, *(answers.get(slug, "") for slug in TEXTS)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def long_rows(respondents=RESPONDENTS) -> list[list[str]]:
    rows = [LONG_HEADER]
    for ref, when, areas, municipality, answers in respondents:
        for slug, answer in answers.items():
            rows.append([ref, when.strftime("%Y-%m-%d %H:%M"), areas, municipality, TEXTS[slug], answer])
    return rows


def stored() -> set[tuple]:
    """What a contribution is, apart from where in which file it was found."""
    return {
        (
            c.area.slug if c.area else None,
            c.question.slug,
            c.raw_text,
            c.respondent,
            c.municipality.slug if c.municipality else None,
            c.received_at,
            c.source,
            c.dedup_key,
        )
        for c in Contribution.objects.select_related("area", "question", "municipality")
    }


def test_a_long_csv_and_a_wide_xlsx_of_the_same_answers_are_the_same_contributions(example_plan):
    wide = run_import(example_plan, wide_xlsx(), "svar.xlsx", WIDE_MAPPING)
    assert wide.imported and not wide.errors, [p.message for p in wide.errors]
    from_wide = stored()
    assert len(from_wide) == wide.new == 10  # 101: 2, 102: 2 answers × 2 areas, 103: 1, 104: 3
    Contribution.objects.all().delete()
    long = run_import(example_plan, csv_bytes(long_rows(), delimiter=";"), "svar-lang.csv", LONG_MAPPING)
    assert long.imported and not long.errors, [p.message for p in long.errors]
    assert stored() == from_wide
    by_question = {(c.question.slug, c.area.slug): c.raw_text for c in Contribution.objects.all()}
    assert by_question[("hallbarhet", "musik")] == "Körer\nhåller ihop."
    assert by_question[("attraktivitet", "dans")] == by_question[("attraktivitet", "teater")] == "Festivaler"
    # Either shape again, in any order, adds nothing: they are the same contributions.
    assert run_import(example_plan, wide_xlsx(), "svar.xlsx", WIDE_MAPPING).new == 0
    assert Contribution.objects.count() == 10


def test_a_long_file_names_its_questions_by_the_plans_slug_or_name_without_a_table(example_plan):
    rows = [["respondent", "question", "area", "answer"]]
    rows += [["1", "utmaningar", "musik", "Ett"], ["1", "Utvalda exempel hållbarhet", "musik", "Två"]]
    rows += [["2", "attraktivitet", "dans", "Tre"], ["2", "utmaningar", "dans", ""]]
    report = run_import(example_plan, csv_bytes(rows), "lang.csv")  # no mapping: the column names say it all
    assert report.imported and report.new == 3, [p.message for p in report.problems]
    assert {(c.question.slug, c.raw_text) for c in Contribution.objects.all()} == {
        ("utmaningar", "Ett"),
        ("hallbarhet", "Två"),
        ("attraktivitet", "Tre"),
    }
    assert len({c.respondent for c in Contribution.objects.filter(area__slug="musik")}) == 1
    assert report.empty_rows == 1


def test_a_long_files_unknown_question_is_reported_and_can_be_left_out(example_plan):
    rows = [["ID", "Fråga", "Kulturområde", "Svar"]]
    rows += [["1", "Vilka är de största utmaningarna?", "musik", "Lokaler"], ["1", "Din ålder", "musik", "47"]]
    rows += [["2", "Din ålder", "dans", "31"]]
    mapping = (
        'shape = "long"\n[columns]\nrespondent = "ID"\nquestion = "Fråga"\nanswer = "Svar"\narea = "Kulturområde"\n'
    )
    report = run_import(example_plan, csv_bytes(rows), "lang.csv", mapping, dry_run=True)
    problems = {p.message: p for p in report.errors}
    challenge = next(p for m, p in problems.items() if "Vilka är de största utmaningarna?" in m)
    assert challenge.row == 2 and challenge.column == "Fråga"
    assert '"Vilka är de största utmaningarna?" = "utmaningar"' in challenge.suggestion
    assert "[values.question]" in challenge.suggestion
    age = next(p for m, p in problems.items() if "Din ålder" in m)
    assert "raderna 3, 4" in age.message
    mapping += '[values.question]\n"Vilka är de största utmaningarna?" = "utmaningar"\n"Din ålder" = ""\n'
    report = run_import(example_plan, csv_bytes(rows), "lang.csv", mapping)
    assert report.imported and report.new == 1
    left_out = next(p for p in report.warnings if "Din ålder" in p.message)
    assert "2 svar" in left_out.message and "raderna 3, 4" in left_out.message
    assert Contribution.objects.get().raw_text == "Lokaler"


def test_a_long_mapping_needs_its_columns_and_no_question_columns(example_plan):
    rows = [["ID", "Fråga", "Svar"], ["1", "utmaningar", "Lokaler"]]
    report = run_import(example_plan, csv_bytes(rows), "lang.csv", 'shape = "long"\n[columns]\nquestion = "Fråga"\n')
    assert any("columns.answer" in p.message for p in report.errors)
    mapping = '[columns]\nquestion = "Fråga"\nanswer = "Svar"\n[questions]\nutmaningar = "Svar"\n'
    report = run_import(example_plan, csv_bytes(rows), "lang.csv", mapping)
    assert any("[values.question]" in p.message for p in report.errors) and not report.imported
    wide_with_values = '[questions]\nutmaningar = "Svar"\n[values.question]\n"x" = "utmaningar"\n'
    report = run_import(example_plan, csv_bytes(rows), "lang.csv", wide_with_values)
    assert any("values.question" in p.message for p in report.errors)


def test_the_suggested_mapping_recognises_a_long_file(example_plan):
    """The Dalarna organiser's file: without a mapping, every answer went under one question."""
    rows = long_rows()
    rows[0] = ["Svarande", "Tidpunkt", "Område", "Kommun", "Frågetext", "Ditt svar"]  # no names samrad knows
    data = csv_bytes(rows, delimiter=";")
    report = run_import(example_plan, data, "export.csv", dry_run=True)
    suggested = report.suggested_mapping
    assert 'shape = "long"' in suggested
    assert 'question = "Frågetext"' in suggested and 'answer = "Ditt svar"' in suggested
    for slug, text in TEXTS.items():
        assert f'"{text}" = "{slug}"' in suggested
    assert "[questions]" not in suggested
    # Completed with the columns it could not name, the suggestion imports every answer under its question.
    completed = suggested.replace('# respondent = ""', 'respondent = "Svarande"').replace(
        '# area = ""', 'area = "Område"'
    )
    report = run_import(example_plan, data, "export.csv", completed)
    assert report.imported, [p.message for p in report.errors]
    counts = {slug: Contribution.objects.filter(question__slug=slug).count() for slug in TEXTS}
    assert counts == {"utmaningar": 4, "attraktivitet": 4, "hallbarhet": 2}


def test_the_suggested_mapping_of_a_wide_file_gives_each_question_its_own_column(example_plan):
    # The plan's two "Upplever du att ditt kulturområde är med och …" questions are both close to one column.
    attractive = (
        "Upplever du att ditt kulturområde är med och gör Örebro län till en mer attraktiv plats? "
        "Beskriv gärna med konkreta exempel."
    )
    rows = [["Id", "Område", attractive, "Övrigt"], ["1", "Musik", "a", "b"], ["2", "Dans", "d", "e"]]
    report = run_import(example_plan, csv_bytes(rows), "bred.csv", dry_run=True)
    suggested = report.suggested_mapping
    assert 'shape = "long"' not in suggested and "[questions]" in suggested
    questions = suggested.split("[questions]")[1].split("[read]")[0]
    columns = [line.split(" = ")[1] for line in questions.splitlines() if " = " in line and not line.startswith("#")]
    assert columns == [f'"{attractive}"']  # never one column for two questions


def duplicated_wide() -> bytes:
    rows = [["id", "area", "utmaningar", "hallbarhet"]]
    rows += [["1", "musik", "Första", "A"], ["2", "dans", "Andra", ""], ["1", "musik", "Första igen", "B"]]
    rows += [["3", "film", "Tredje", ""], ["1", "teater", "Tredje gången", ""], ["2", "dans", "Andra igen", ""]]
    return csv_bytes(rows)


WIDE_IDS = (
    '[columns]\nrespondent = "id"\narea = "area"\n[questions]\nutmaningar = "utmaningar"\nhallbarhet = "hallbarhet"\n'
)


def test_repeated_respondents_wait_for_a_decision_listing_how_many_and_which_rows(example_plan):
    report = run_import(example_plan, duplicated_wide(), "dubbel.csv", WIDE_IDS)
    assert not report.imported and Contribution.objects.count() == 0
    [problem] = [p for p in report.errors if p.decision == "duplicates"]
    assert problem.row == 4 and problem.column == "id"
    assert "3 rader" in problem.message
    assert "rad 4 (som rad 2), rad 6 (som rad 2), rad 7 (som rad 3)" in problem.message
    assert "--duplicates" in problem.suggestion and 'duplicates = "keep-first"' in problem.suggestion
    assert report.undecided


def test_keep_first_keep_all_and_refuse(example_plan):
    data = duplicated_wide()
    first = run_import(example_plan, data, "dubbel.csv", WIDE_IDS, duplicates="keep-first")
    assert first.imported and first.new == 4  # rows 2 (two answers), 3, 5
    assert not Contribution.objects.filter(raw_text__contains="igen").exists()
    note = next(p for p in first.warnings if p.decision == "duplicates")
    assert "3 rader" in note.message and "rad 4 (som rad 2)" in note.message
    everything = run_import(example_plan, data, "dubbel.csv", WIDE_IDS, duplicates="keep-all")
    assert everything.imported and (everything.new, everything.existing) == (4, 4)
    assert Contribution.objects.count() == 8
    ones = Contribution.objects.filter(raw_text__in=["Första", "Första igen", "Tredje gången"])
    assert len({c.respondent for c in ones}) == 1  # one respondent id: one respondent, however many rows
    again = run_import(example_plan, data, "dubbel.csv", WIDE_IDS, duplicates="keep-all")
    assert (again.new, again.existing) == (0, 8)
    from samrad.audit.models import AuditEvent

    assert [
        e.data.get("duplicates") for e in AuditEvent.objects.filter(action="contributions.import").order_by("pk")
    ] == [
        "keep-first",
        "keep-all",
        "keep-all",
    ]
    refused = run_import(example_plan, data, "dubbel.csv", WIDE_IDS, duplicates="refuse")
    assert not refused.imported and any(p.decision == "duplicates" for p in refused.errors)


def test_the_decision_can_stand_in_the_mapping_and_the_option_overrides_it(example_plan):
    mapping = 'duplicates = "refuse"\n' + WIDE_IDS
    assert not run_import(example_plan, duplicated_wide(), "d.csv", mapping).imported
    assert run_import(example_plan, duplicated_wide(), "d.csv", mapping, duplicates="keep-first").imported
    wrong = run_import(example_plan, duplicated_wide(), "d.csv", 'duplicates = "first"\n' + WIDE_IDS)
    assert "keep-first, keep-all, refuse" in wrong.errors[0].message


def test_a_long_file_repeats_when_the_same_respondent_answers_the_same_question_and_area_again(example_plan):
    rows = [["respondent", "question", "area", "answer"]]
    rows += [
        ["1", "utmaningar", "musik", "Ett"],
        ["1", "hallbarhet", "musik", "Två"],
        ["1", "utmaningar", "dans", "Tre"],
    ]
    rows += [["1", "utmaningar", "musik", "Ett igen"]]
    report = run_import(example_plan, csv_bytes(rows), "lang.csv", dry_run=True)
    [problem] = [p for p in report.errors if p.decision == "duplicates"]
    assert "1 rad upprepar" in problem.message and "rad 5 (som rad 2)" in problem.message
    report = run_import(example_plan, csv_bytes(rows), "lang.csv", duplicates="keep-all")
    assert report.imported and report.new == 4
    assert len({c.respondent for c in Contribution.objects.all()}) == 1


def test_the_documented_long_mapping_works_as_shown(example_plan):
    from tests.conftest import ROOT

    readme = (ROOT / "docs" / "organisers.md").read_text(encoding="utf-8")
    blocks = [b.split("```")[0] for b in readme.split("```toml\n")[1:]]
    [mapping] = [b for b in blocks if 'shape = "long"' in b]
    rows = [["Respondent-ID", "Fråga", "Svar", "Kulturområde", "Kommun"]]
    rows += [["a1", "Vilka är de största utmaningarna för ditt kulturområde?", "Lokaler", "Musik", "Nora"]]
    rows += [["a1", "Hur gammal är du?", "47", "Musik", "Nora"], ["a2", "hallbarhet", "Körer", "Dans", "Örebro"]]
    rows += [["a2", "hallbarhet", "Körer igen", "Dans", "Örebro"]]
    report = run_import(example_plan, csv_bytes(rows), "dalarna.csv", mapping)
    assert report.imported, [p.message for p in report.errors]
    assert {(c.question.slug, c.raw_text) for c in Contribution.objects.all()} == {
        ("utmaningar", "Lokaler"),
        ("hallbarhet", "Körer"),
    }
