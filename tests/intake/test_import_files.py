"""Files that are not what they seem: a stray quotation mark that swallows rows, binary data named .csv, UTF-16
without a byte order mark, and files that would cost too much to read (rows, columns, cells, unpacked size,
time)."""

import io
import random
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ImproperlyConfigured

from samrad.intake.importing import run_import
from samrad.intake.importing.limits import Limits
from samrad.intake.models import Contribution, ImportBatch
from tests.intake.test_import import csv_bytes

pytestmark = pytest.mark.django_db

FORMS_MAPPING = '[columns]\nrespondent = "ID"\narea = "Kulturområde"\n[questions]\nutmaningar = "Utmaningar"\n'


def stray_quote_export(rows=120, stray_at=5, next_quote_at=105) -> bytes:
    """A form tool's export where one answer starts with a quotation mark that is never closed: the CSV reader
    takes everything up to the next quotation mark (row `next_quote_at`) as one cell."""
    lines = ["ID;Starttid;Kulturområde;Utmaningar"]
    for row in range(2, rows + 2):
        text = f"Svar nummer {row}"
        if row == stray_at:
            text = '"Vi behöver lokaler'
        if row == next_quote_at:
            text = '"Ett svar; med semikolon"'
        lines.append(f"{row - 1};2022-06-02 09:{row % 60:02d};musik;{text}")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def test_a_stray_quotation_mark_is_reported_with_its_lines_and_nothing_is_imported(example_plan):
    data = stray_quote_export()
    report = run_import(example_plan, data, "forms.csv", FORMS_MAPPING)
    assert not report.imported and Contribution.objects.count() == 0
    [problem] = [p for p in report.errors if p.decision == "multiline"]
    assert (problem.row, problem.column) == (5, "Utmaningar")
    assert "textraderna 5–105" in problem.message and "100 av dess textrader ser ut som egna rader" in problem.message
    assert "textrad 5" in problem.suggestion and "--accept-multiline" in problem.suggestion
    assert report.undecided
    # Confirmed, the file is read as it stands.
    confirmed = run_import(example_plan, data, "forms.csv", FORMS_MAPPING, accept_multiline=True)
    assert confirmed.imported and not confirmed.errors
    assert any(p.decision == "multiline" and "som du har bekräftat" in p.message for p in confirmed.warnings)
    assert "5;2022-06-02 09:06;musik;Svar nummer 6" in Contribution.objects.get(provenance__row=5).raw_text


def test_a_stray_quotation_mark_at_the_start_with_no_other_rows_to_compare(example_plan):
    data = stray_quote_export(rows=30, stray_at=2, next_quote_at=0)
    report = run_import(example_plan, data, "forms.csv", FORMS_MAPPING, dry_run=True)
    [problem] = [p for p in report.errors if p.decision == "multiline"]
    assert problem.row == 2 and "textraderna 2–31" in problem.message


def test_answers_over_several_lines_are_not_suspected(example_plan):
    """Ordinary multi-line answers, with separators in them, read as before."""
    answer = "Tre saker:\n- lokaler; ateljéer\n- pengar, stöd\n- tid\n\nTack!"
    rows = [["ID", "Kulturområde", "Utmaningar"]] + [[str(i), "musik", answer] for i in range(1, 20)]
    report = run_import(example_plan, csv_bytes(rows, delimiter=";"), "ok.csv", FORMS_MAPPING, dry_run=True)
    assert not report.errors and report.new == 19


def test_a_cell_with_an_implausible_number_of_lines_is_suspected(example_plan):
    long_answer = "\n".join(f"rad {i}" for i in range(60))
    rows = [["ID", "Kulturområde", "Utmaningar"], ["1", "musik", long_answer], ["2", "dans", "kort"]]
    report = run_import(example_plan, csv_bytes(rows, delimiter=";"), "lang.csv", FORMS_MAPPING, dry_run=True)
    [problem] = report.errors
    assert problem.decision == "multiline" and "60 textrader i ett svar" in problem.message


@pytest.mark.parametrize(
    "name,data",
    [
        ("rapport.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
        ("bild.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        ("slumpdata.csv", random.Random(13).randbytes(4096)),
    ],
)
def test_a_binary_file_is_refused_as_not_a_csv(example_plan, name, data):
    report = run_import(example_plan, data, name, dry_run=True)
    [problem] = report.errors
    assert f"”{name}” är inte en CSV-fil" in problem.message
    assert "Exportera svaren från enkätverktyget som CSV eller som Excel (.xlsx)" in problem.message
    assert report.table is None and report.suggested_mapping == ""


def test_utf16_without_a_byte_order_mark_is_read_as_utf16(example_plan):
    rows = [["area", "utmaningar"], ["slojd", "Öppna slöjdlokaler"]]
    for encoding in ("utf-16-le", "utf-16-be"):
        report = run_import(example_plan, csv_bytes(rows, encoding=encoding), f"{encoding}.csv", dry_run=True)
        assert not report.errors and report.new == 1, encoding
        assert report.table.encoding == encoding


def bottom_cell_workbook(column: int = 1) -> bytes:
    """A tiny workbook whose second cell is in the last row Excel has (1,048,576)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["area", "utmaningar"])
    sheet.cell(row=1_048_576, column=column, value="musik")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_tiny_workbook_with_a_cell_in_the_last_row_is_refused_quickly_and_small(example_plan):
    data = bottom_cell_workbook()
    assert len(data) < 10_000
    tracemalloc.start()
    try:
        report = run_import(example_plan, data, "liten.xlsx", dry_run=True)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    [problem] = report.errors
    assert "fler än 200\xa0000 rader" in problem.message and "SAMRAD_IMPORT_MAX_ROWS" in problem.message
    assert "ta bort de rader under dem som ser tomma ut" in problem.message
    assert peak < 30 * 1024 * 1024, f"{peak / 1024 / 1024:.0f} MB"


def test_a_workbook_as_wide_as_excel_goes_is_refused_at_the_column_limit(example_plan):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["area", "utmaningar"])
    workbook.active.cell(row=2, column=16_384, value="x")
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = run_import(example_plan, buffer.getvalue(), "bred.xlsx", dry_run=True)
    [problem] = report.errors
    assert "Rad 2 har 16\xa0384 kolumner" in problem.message and "SAMRAD_IMPORT_MAX_COLUMNS" in problem.message


def zip_bomb_workbook(megabytes: int) -> bytes:
    """A valid workbook plus a member that unpacks to `megabytes` of zeros (a few KB packed)."""
    from openpyxl import Workbook

    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["area", "utmaningar"])
    workbook.active.append(["musik", "svar"])
    workbook.save(buffer)
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", bytes(megabytes * 1024 * 1024))
    return buffer.getvalue()


def test_a_workbook_that_unpacks_to_more_than_the_limit_is_refused_before_it_is_read(example_plan, settings):
    settings.SAMRAD_IMPORT_MAX_UNPACKED_MB = 2
    data = zip_bomb_workbook(3)
    assert len(data) < 100_000
    report = run_import(example_plan, data, "bomb.xlsx", dry_run=True)
    [problem] = report.errors
    assert "Uppackad skulle arbetsboken ta 3 MB" in problem.message and "högst 2 MB" in problem.message
    assert "SAMRAD_IMPORT_MAX_UNPACKED_MB" in problem.message
    assert run_import(example_plan, zip_bomb_workbook(1), "ok.xlsx", dry_run=True).new == 1


def test_csv_rows_columns_and_cells_are_bounded(example_plan, settings):
    rows = [["area", "utmaningar", "hallbarhet"]] + [["musik", f"svar {i}", ""] for i in range(30)]
    settings.SAMRAD_IMPORT_MAX_ROWS = 20
    report = run_import(example_plan, csv_bytes(rows), "rader.csv", dry_run=True)
    assert "fler än 20 rader" in report.errors[0].message
    settings.SAMRAD_IMPORT_MAX_ROWS = 1000
    settings.SAMRAD_IMPORT_MAX_COLUMNS = 2
    report = run_import(example_plan, csv_bytes(rows), "kolumner.csv", dry_run=True)
    assert "Rad 1 har 3 kolumner" in report.errors[0].message
    settings.SAMRAD_IMPORT_MAX_COLUMNS = 10
    settings.SAMRAD_IMPORT_MAX_CELLS = 50
    report = run_import(example_plan, csv_bytes(rows), "celler.csv", dry_run=True)
    assert "fler än 50 celler" in report.errors[0].message and "SAMRAD_IMPORT_MAX_CELLS" in report.errors[0].message
    # One line of nothing but separators is refused before the CSV reader builds it.
    report = run_import(example_plan, b"area;utmaningar\r\n" + b";" * 10_000 + b"\r\n", "semikolon.csv", dry_run=True)
    assert "fler än 50 celler" in report.errors[0].message
    settings.SAMRAD_IMPORT_MAX_CELLS = 1000
    assert run_import(example_plan, csv_bytes(rows), "ok.csv", dry_run=True).new == 30


def test_an_import_that_takes_too_long_is_stopped_and_imports_nothing(example_plan, settings):
    settings.SAMRAD_IMPORT_MAX_SECONDS = 1e-9
    rows = [["area", "utmaningar"]] + [["musik", f"svar {i}"] for i in range(10)]
    report = run_import(example_plan, csv_bytes(rows), "seg.csv")
    [problem] = report.errors
    assert "stoppades efter" in problem.message and "SAMRAD_IMPORT_MAX_SECONDS" in problem.message
    assert not report.imported and Contribution.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_limits_come_from_settings_with_defaults(settings, monkeypatch):
    limits = Limits.from_settings()
    assert (limits.rows, limits.columns, limits.cells) == (200_000, 1_000, 5_000_000)
    assert limits.unpacked_bytes == 300 * 1024 * 1024 and limits.seconds == 600
    assert Limits.from_settings(web=True).seconds == 45
    monkeypatch.setenv("SAMRAD_IMPORT_MAX_ROWS", "5000")
    assert Limits.from_settings().rows == 5000
    settings.SAMRAD_IMPORT_MAX_ROWS = "many"
    with pytest.raises(ImproperlyConfigured, match="SAMRAD_IMPORT_MAX_ROWS"):
        Limits.from_settings()
