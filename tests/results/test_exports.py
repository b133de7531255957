"""Every published format comes from the same summary: the withheld area is absent from all of them."""

import csv
import io
import json
import re
import zipfile

import pytest
from django.utils import translation

from samrad.publication import publish_area
from samrad.publication.exports import document, opendata, printed
from samrad.publication.summary import build
from samrad.results.cli import write_all
from samrad.review.models import Quote, Theme

from .conftest import SECRET

pytestmark = pytest.mark.django_db


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode()


def test_summary_withholds_litteratur_and_publishes_the_rest(published):
    summary = build(published)
    by_slug = {a.slug: a for a in summary.areas}
    assert by_slug["litteratur"].withheld and not by_slug["litteratur"].sections
    musik = by_slug["musik"]
    assert musik.published and not musik.withheld
    headings = [s.display_heading for s in musik.sections]
    assert headings == ["Utmaningar", "Utvalt exempel attraktivitet"]  # singular over a single quote
    assert musik.sections[0].themes[0].points == ["höjda bidrag "]
    assert musik.sections[0].rest == ["fler lokaler "]


def test_only_approved_quotes_and_included_themes(published):
    musik = published.areas.get(slug="musik")
    Quote.objects.filter(area=musik).update(status=Quote.Status.CANDIDATE)
    Theme.objects.filter(area=musik).update(published=False)
    # Edits change the draft; what is published changes when the area is published again.
    assert "Musik lockar" in json.dumps(opendata.as_dict(build(published)), ensure_ascii=False)
    publish_area(musik)
    area = next(a for a in build(published).areas if a.slug == "musik")
    text = json.dumps(opendata.as_dict(build(published)), ensure_ascii=False)
    assert "Musik lockar" not in text and "Ekonomin för musik" not in text
    assert area.sections == [] or all(not s.quotes and not s.themes for s in area.sections)


def test_withheld_text_is_in_no_export(published, tmp_path):
    written = write_all(published, tmp_path / "site")
    assert {p.name for p in written} >= {
        "index.html",
        "sammanfattning.json",
        "sammanfattning.csv",
        "sammanfattning.docx",
        "sammanfattning.pdf",
    }
    for path in written:
        data = path.read_bytes()
        if path.suffix == ".docx":
            text = docx_text(data)
        elif path.suffix == ".pdf":
            text = _pdf_text(path)
        else:
            text = data.decode("utf-8", errors="replace")
        assert "Hemlig text" not in text, path
    index = (tmp_path / "site" / "index.html").read_text()
    assert "för få deltagare" in index and "Ekonomin för musik" in index


def _pdf_text(path) -> str:
    """The text of a PDF, read back with poppler's pdftotext (installed by scripts/install-system-deps.sh)."""
    import subprocess

    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Ekonomin" in text, "pdftotext read no text: the check below would prove nothing"
    return text


def test_pdf_is_made_from_the_same_summary(published):
    summary = build(published)
    html = printed.as_html(summary)
    assert "Ekonomin för musik" in html and SECRET not in html
    pdf = printed.as_pdf(summary)
    assert pdf.startswith(b"%PDF-")


def test_csv_neutralises_formulas_and_json_has_schema(published):
    summary = build(published)
    rows = list(csv.reader(io.StringIO(opendata.as_csv(summary))))
    assert rows[0] == opendata.CSV_HEADER
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    data = json.loads(opendata.as_json(summary))
    assert data["schema_version"] == 2
    assert [a["status"] for a in data["areas"]].count("withheld") == 1
    assert data["consultation"]["example_with_invented_data"] is True


def test_docx_has_headings_in_plan_order(published):
    with translation.override("sv"):
        text = docx_text(document.as_docx(build(published)))
    order = [text.index(name) for name in ["Bibliotek", "Bild och form", "Dans", "Film", "Kulturarv", "Musik"]]
    assert order == sorted(order)
    assert "Exempelvis:" in text and "Övrigt:" in text


def test_static_site_links_are_relative(published, tmp_path):
    write_all(published, tmp_path / "site")
    index = (tmp_path / "site" / "index.html").read_text()
    assert 'href="static/samrad/site.css"' in index
    assert 'href="en/index.html"' in index
    assert (tmp_path / "site" / "static" / "samrad" / "site.css").exists()
    english = (tmp_path / "site" / "en" / "index.html").read_text()
    assert 'href="../static/samrad/site.css"' in english
    assert 'action="/' not in index  # no form that needs a server
    for page in ["samverkan", "uppfoljning", "kalender", "deltagande"]:
        assert (tmp_path / "site" / page / "index.html").exists(), page
        assert f'href="{page}/index.html"' in index, page  # the pages link to each other within the copy
    # No root-absolute link is left anywhere: the copy works from a file share or a sub-path.
    for path in (tmp_path / "site").rglob("*.html"):
        html = path.read_text()
        assert not re.search(r'\b(?:href|src|action)="/', html), path
        assert "webcal://" not in html and "http://testserver" not in html, path
    written = write_all(published, tmp_path / "site")
    assert len(written) == len(set(written))  # each file once (the zip download would hold duplicates)
    # Public pages the copied ones link to are copied too, in both languages.
    assert (tmp_path / "site" / "uppfoljning" / "mal" / "mal-1" / "index.html").exists()
    assert (tmp_path / "site" / "en" / "uppfoljning" / "mal" / "mal-1" / "index.html").exists()
    assert 'href="uppfoljning/mal/mal-1/index.html"' in english  # en/index.html → en/uppfoljning/…


def test_static_site_links_what_it_cannot_hold_to_the_live_site(published, tmp_path, settings):
    settings.ALLOWED_HOSTS = ["samrad.example.org"]
    write_all(published, tmp_path / "site", base_url="https://samrad.example.org")
    html = "".join(p.read_text() for p in (tmp_path / "site").rglob("*.html"))
    assert 'href="https://samrad.example.org/konto/logga-in/"' in html
    assert not re.search(r'\b(?:href|src|action)="/', html)


def test_publish_works_outside_the_test_client(published, tmp_path, settings):
    """pytest-django allows the host "testserver"; a real `samrad publish` must not depend on it."""
    settings.ALLOWED_HOSTS = ["samrad.example.org"]
    written = write_all(published, tmp_path / "site", base_url="https://samrad.example.org")
    calendar = (tmp_path / "site" / "kalender" / "index.html").read_text()
    assert "samrad.example.org" in calendar
    assert len(written) > 10
