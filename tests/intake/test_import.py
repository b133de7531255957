"""Imports of other tools' exports: encodings, separators, XLSX, mapping, dry run, idempotency, archive."""

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings

from samrad.intake.importing import run_import
from samrad.intake.importing.read import decode, read_table, sniff_delimiter
from samrad.intake.models import Contribution, ImportBatch
from tests.conftest import EXAMPLE_DIR

pytestmark = pytest.mark.django_db

IMPORT_DIR = EXAMPLE_DIR / "import"
EXPORT = IMPORT_DIR / "kommunenkat-forms-export.csv"
MAPPING = (IMPORT_DIR / "mapping.toml").read_text(encoding="utf-8")


def without_values(mapping: str) -> str:
    """The example mapping without its [values.*] sections."""
    out, skipping = [], False
    for line in mapping.splitlines():
        if line.startswith("["):
            skipping = line.startswith("[values.")
        if not skipping:
            out.append(line)
    return "\n".join(out)


def csv_bytes(rows, *, delimiter=",", encoding="utf-8") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def test_the_example_export_is_windows_1252_with_semicolons():
    data = EXPORT.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    table = read_table(data, EXPORT.name)
    assert (table.encoding, table.delimiter) == ("windows-1252", ";")
    assert table.headers[2] == "Tid för slutförande"
    assert table.blank_rows == 1


def test_dry_run_lists_unknown_values_with_suggestions_and_imports_nothing(example_plan):
    report = run_import(example_plan, EXPORT.read_bytes(), EXPORT.name, without_values(MAPPING), dry_run=True)
    messages = {p.message: p for p in report.errors}
    bild = next(p for m, p in messages.items() if "Bild & form" in m)
    assert bild.row == 3 and bild.column == "Vilket kulturområde berör ditt svar?"
    assert '"Bild & form" = "bild-och-form"' in bild.suggestion and "[values.area]" in bild.suggestion
    slojd = next(p for m, p in messages.items() if "Slöjd och hantverk" in m)
    assert '= "slojd"' in slojd.suggestion
    karlskoga = next(p for m, p in messages.items() if "Karlskoga kommun" in m)
    assert "raderna 2, 6" in karlskoga.message and '= "karlskoga"' in karlskoga.suggestion
    # Names and slugs of the plan need no mapping: "Musik", "dans", "Örebro", "Kulturskapare".
    assert not any(v in m for m in messages for v in ("“Musik”", "“dans”", "“Örebro”", "“Kulturskapare”"))
    assert Contribution.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_a_real_run_with_errors_imports_nothing(example_plan):
    report = run_import(example_plan, EXPORT.read_bytes(), EXPORT.name, without_values(MAPPING))
    assert report.errors and not report.imported
    assert Contribution.objects.count() == 0
    assert not (Path(settings.MEDIA_ROOT) / "imports").exists()


def test_import_with_mapping_is_exact_archived_and_idempotent(example_plan):
    data = EXPORT.read_bytes()
    dry = run_import(example_plan, data, EXPORT.name, MAPPING, dry_run=True)
    assert not dry.errors and dry.new == 26 and Contribution.objects.count() == 0
    report = run_import(example_plan, data, EXPORT.name, MAPPING)
    assert report.imported and report.new == 26 and report.existing == 0
    archived = Path(settings.MEDIA_ROOT) / report.batch.archive_path
    assert archived.read_bytes() == data and report.sha256 in archived.name
    stored = Contribution.objects.filter(consultation=example_plan)
    assert stored.count() == 26
    multi_line = stored.get(area__slug="bild-och-form", question__slug="utmaningar")
    assert multi_line.raw_text == (
        "Ateljéhyrorna har ökat kraftigt och flera kollegor har gett upp sina ateljéer.\n"
        "Vi behöver ett ateljéstöd eller kommunala lokaler med rimlig hyra."
    )
    assert multi_line.provenance["row"] == 3 and multi_line.provenance["sha256"] == report.sha256
    assert multi_line.provenance["column"] == "Vilka är de största utmaningarna för kulturen i din kommun?"
    assert multi_line.role_category.slug == "kulturskapare" and multi_line.municipality.slug == "orebro"
    assert multi_line.received_at.isoformat() == "2022-06-14T09:52:00+00:00"  # 11:52 Swedish summer time
    assert stored.get(question__slug="attraktivitet", area__slug="teater", raw_text="=)")  # kept, not evaluated
    quoted = stored.get(
        area__slug="teater", question__slug="utmaningar", municipality__slug="nora", raw_text__contains="dyrt"
    )
    assert '"riktig"' in quoted.raw_text
    # "Musik;Teater;": one answer, counted for both areas, same respondent.
    both = stored.filter(raw_text__startswith="Lokalerna!")
    assert {c.area.slug for c in both} == {"musik", "teater"} and len({c.respondent for c in both}) == 1
    assert not stored.filter(respondent__contains="anonymous").exists()
    again = run_import(example_plan, data, EXPORT.name, MAPPING)
    assert again.imported and again.new == 0 and again.existing == 26
    assert Contribution.objects.count() == 26
    assert ImportBatch.objects.count() == 2


def test_a_later_longer_export_adds_only_the_new_rows(example_plan):
    header = ["ID", "Kulturområde", "Utmaningar"]
    first = csv_bytes([header, ["1", "Musik", "Svar ett"], ["2", "Dans", "Svar två"]])
    later = csv_bytes([header, ["1", "Musik", "Svar ett"], ["2", "Dans", "Svar två"], ["3", "Film", "Svar tre"]])
    mapping = (
        'name = "enkat"\n[columns]\nrespondent = "ID"\narea = "Kulturområde"\n[questions]\nutmaningar = "Utmaningar"\n'
    )
    assert run_import(example_plan, first, "a.csv", mapping).new == 2
    report = run_import(example_plan, later, "b.csv", mapping)
    assert (report.new, report.existing) == (1, 2)


def test_samrads_own_format_needs_no_mapping(example_plan):
    """The example's survey.csv columns (ref, submitted_at, areas, role, municipality, question slugs)."""
    data = (EXAMPLE_DIR / "survey.csv").read_bytes()
    report = run_import(example_plan, data, "survey.csv", dry_run=True)
    assert not report.errors, [p.message for p in report.errors]
    assert report.records == 150 and report.new > 300


def test_utf8_with_bom_comma_and_utf16(example_plan):
    rows = [["area", "utmaningar"], ["slojd", "Öppna slöjdlokaler – ”gärna” i skolan"]]
    for encoding in ("utf-8-sig", "utf-16"):
        data = csv_bytes(rows, encoding=encoding)
        report = run_import(example_plan, data, f"{encoding}.csv", dry_run=True)
        assert not report.errors and report.new == 1, encoding
    run_import(example_plan, csv_bytes(rows, encoding="utf-8-sig"), "bom.csv")
    assert Contribution.objects.get().raw_text == "Öppna slöjdlokaler – ”gärna” i skolan"


def test_bytes_invalid_in_every_encoding_are_replaced_and_reported():
    text, encoding, warnings = decode(b"area;utmaningar\r\nmusik;\x81\x8d tr\xe5kigt\r\n")
    assert encoding == "windows-1252" and "\ufffd\ufffd tråkigt" in text
    assert warnings and "ersatts" in warnings[0]


def test_delimiter_is_taken_from_the_header_outside_quotes():
    assert sniff_delimiter('"a,b";c;d\r\n1,2;3;4') == ";"
    assert sniff_delimiter("a,b,c\n") == ","
    assert sniff_delimiter("a\tb\n") == "\t"


def test_xlsx_with_dates_numbers_and_formulas(example_plan):
    import datetime as dt

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Svar"
    sheet.append(["Id", "Tidpunkt", "Område", "Fråga 1"])
    sheet.append([101, dt.datetime(2022, 6, 3, 14, 5), "Kulturarv", "Hembygdsföreningarna behöver stöd"])
    sheet.append([102, dt.datetime(2022, 6, 4, 9, 0), "Slöjd", "=1+1"])
    sheet.append([None, None, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    mapping = (
        '[columns]\nrespondent = "Id"\nsubmitted_at = "Tidpunkt"\narea = "Område"\n'
        '[questions]\nutmaningar = "Fråga 1"\n[read]\nsheet = "Svar"\n'
    )
    report = run_import(example_plan, buffer.getvalue(), "export.xlsx", mapping)
    assert report.imported and report.new == 2, [p.message for p in report.problems]
    formula = Contribution.objects.get(area__slug="slojd")
    assert formula.raw_text == "=1+1"
    assert any("formel" in p.message for p in report.warnings)
    assert Contribution.objects.get(area__slug="kulturarv").received_at.isoformat() == "2022-06-03T12:05:00+00:00"
    wrong_sheet = run_import(example_plan, buffer.getvalue(), "export.xlsx", mapping.replace('"Svar"', '"Blad1"'))
    assert "inget blad som heter ”Blad1”" in wrong_sheet.errors[0].message


def test_mapping_mistakes_are_listed_with_suggestions(example_plan):
    data = EXPORT.read_bytes()
    broken = MAPPING.replace("[columns]", "[colums]").replace('utmaningar = "Vilka', 'utmaning = "Vilka')
    report = run_import(example_plan, data, EXPORT.name, broken, dry_run=True)
    text = " ".join(p.message for p in report.errors)
    assert "Okänd nyckel ”colums”" in text and "Menar du ”columns”?" in text
    assert "ingen fråga ”utmaning”" in text and "Menar du ”utmaningar”?" in text
    typo = MAPPING.replace('municipality = "Kommun"', 'municipality = "Kommunen"')
    report = run_import(example_plan, data, EXPORT.name, typo, dry_run=True)
    assert "filen har ingen kolumn ”Kommunen”. Menar du ”Kommun”?" in report.errors[0].message
    report = run_import(example_plan, data, EXPORT.name, "this is = = not toml", dry_run=True)
    assert "inte giltig TOML" in report.errors[0].message


def test_without_a_mapping_an_unknown_file_gets_a_suggested_mapping(example_plan):
    report = run_import(example_plan, EXPORT.read_bytes(), EXPORT.name, dry_run=True)
    assert report.errors
    assert "[questions]" in report.suggested_mapping
    assert 'respondent = "ID"' in report.suggested_mapping


def test_bad_timestamps_are_reported_with_a_format_that_can_be_copied(example_plan):
    data = csv_bytes([["id", "tid", "area", "utmaningar"], ["1", "igår", "musik", "a"], ["2", "", "musik", "b"]])
    mapping = (
        '[columns]\nrespondent = "id"\nsubmitted_at = "tid"\narea = "area"\n[questions]\nutmaningar = "utmaningar"\n'
    )
    report = run_import(example_plan, data, "t.csv", mapping, dry_run=True)
    assert [(p.row, p.column) for p in report.errors] == [(2, "tid")]
    hint = report.errors[0].suggestion
    assert "timestamp_format" in hint and '"%d/%m/%Y %H:%M"' in hint and "%%" not in hint
    # Pasted into the mapping as suggested, the format reads such times.
    fixed = csv_bytes([["id", "tid", "area", "utmaningar"], ["1", "02/06/2022 09:03", "musik", "a"]])
    with_format = mapping + '[read]\ntimestamp_format = "%d/%m/%Y %H:%M"\n'
    assert not run_import(example_plan, fixed, "t.csv", with_format, dry_run=True).errors


def test_nul_in_a_cell_is_removed_and_recorded(example_plan):
    data = csv_bytes([["area", "utmaningar"], ["film", "före\x00efter"]])
    report = run_import(example_plan, data, "nul.csv")
    assert report.imported
    stored = Contribution.objects.get()
    assert stored.raw_text == "föreefter" and stored.provenance["characters_not_storable"] == 1


def test_not_a_spreadsheet_is_reported(example_plan):
    report = run_import(example_plan, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", "old.xls", dry_run=True)
    assert ".xls" in report.errors[0].message
    report = run_import(example_plan, b"PK\x03\x04broken", "broken.xlsx", dry_run=True)
    assert "Excelarbetsbok" in report.errors[0].message
    report = run_import(example_plan, b"", "empty.csv", dry_run=True)
    assert "tom" in report.errors[0].message


def test_a_large_import_keeps_tricky_text_exactly(example_plan):
    """Enough rows for PostgreSQL's bulk path (COPY), with text COPY must escape: backslashes, \\N, tabs."""
    tricky = ["C:\\mapp\\fil", "\\N", "tab\there", "rad ett\r\nrad två", 'citat "så"', "slut\\", "ö\u00a0ä", "=1+2"]
    rows = [["id", "area", "utmaningar", "attraktivitet", "hallbarhet"]]
    for i in range(60):
        rows.append([str(i), "musik", tricky[i % len(tricky)], f"svar {i}", tricky[(i + 3) % len(tricky)]])
    report = run_import(
        example_plan,
        csv_bytes(rows),
        "stor.csv",
        '[columns]\nrespondent = "id"\narea = "area"\n'
        '[questions]\nutmaningar = "utmaningar"\nattraktivitet = "attraktivitet"\nhallbarhet = "hallbarhet"\n',
    )
    assert report.imported and report.new == 180
    stored = {(c.provenance["row"], c.question.slug): c.raw_text for c in Contribution.objects.all()}
    for i in range(60):
        assert stored[(i + 2, "utmaningar")] == tricky[i % len(tricky)]
        assert stored[(i + 2, "hallbarhet")] == tricky[(i + 3) % len(tricky)]
    assert Contribution.objects.filter(provenance__file="stor.csv").count() == 180
