"""Generated CSV files with odd encodings, quotes, separators, line breaks in cells, empty rows, NUL and formulas:
the importer never crashes; every file is either imported exactly or reported."""

import csv
import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samrad.intake.importing import run_import
from samrad.intake.models import Contribution
from samrad.intake.text import storable

pytestmark = pytest.mark.django_db

AREAS = ["musik", "Musik", "Bild och form", "bild & form", "slöjd", "", "Teater;Dans", "okänt område"]
SPECIAL = ['"', ";", ",", "\n", "\r\n", "\r", "\t", "\x00", "=SUM(A1:A9)", "+46", "@x", "-", "å", "Ö", "”", "\ufeff"]


def cell_text(alphabet):
    return st.lists(st.one_of(st.text(alphabet=alphabet, max_size=12), st.sampled_from(SPECIAL)), max_size=6).map(
        "".join
    )


ANY_TEXT = st.characters(codec="utf-8", exclude_categories=["Cs"])
CP1252_TEXT = st.characters(codec="cp1252")


@st.composite
def export(draw):
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    alphabet = CP1252_TEXT if encoding == "cp1252" else ANY_TEXT
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.booleans()) and draw(st.booleans()):
            rows.append(["", "", ""])  # an empty row
        else:
            rows.append([draw(st.sampled_from(AREAS)), draw(cell_text(alphabet)), draw(cell_text(alphabet))])
    if encoding == "cp1252":
        rows = [[c.replace("\ufeff", "").replace("”", '"') for c in row] for row in rows]
    # Excel-style minimal quoting with CRLF, or every cell quoted with LF (minimal quoting with LF cannot
    # express a cell ending in CR: Python's writer would leave it unquoted).
    terminator, quoting = draw(st.sampled_from([("\r\n", csv.QUOTE_MINIMAL), ("\n", csv.QUOTE_ALL)]))
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator=terminator, quoting=quoting).writerows(
        [["area", "utmaningar", "hallbarhet"], *rows]
    )
    return buffer.getvalue().encode(encoding), encoding, delimiter, rows


@settings(
    max_examples=int(os.environ.get("SAMRAD_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(generated=export())
def test_generated_exports_are_imported_exactly_or_reported(example_plan, generated):
    data, encoding, _delimiter, rows = generated
    before = Contribution.objects.count()
    report = run_import(example_plan, data, "generated.csv", accept_multiline=True)  # exactness of reading
    if report.errors:
        assert not report.imported
        assert Contribution.objects.count() == before
        for problem in report.errors:
            assert problem.message  # every problem says something
        return
    assert report.imported
    added = Contribution.objects.count() - before
    assert added == report.new
    if encoding == "cp1252":
        return  # a cp1252 file may also be valid UTF-8 and be read as such: no exact round trip to check
    expected = set()
    for row in rows:
        for text in row[1:]:
            if storable(text)[0].strip():
                expected.add(storable(text)[0])
    stored = set(Contribution.objects.filter(provenance__sha256=report.sha256).values_list("raw_text", flat=True))
    assert stored == expected
    # Re-running the same file adds nothing.
    again = run_import(example_plan, data, "generated.csv", accept_multiline=True)
    assert again.new == 0 and Contribution.objects.count() == before + added
