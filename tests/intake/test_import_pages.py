"""The staff import page, the `samrad import` command and the staff list of contributions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from samrad.audit.models import AuditEvent
from samrad.cli import main
from samrad.intake.models import Contribution, ImportBatch
from tests.intake.conftest import make_user
from tests.intake.test_import import EXPORT, IMPORT_DIR, MAPPING, without_values

pytestmark = pytest.mark.django_db

URL = "/orebro-2022/import/"


@pytest.fixture(autouse=True)
def _restore_language():
    yield
    translation.activate("sv")


@pytest.fixture
def analyst(example_plan):
    return make_user(example_plan, "analyst", "analyst")


def upload(name="export.csv"):
    return SimpleUploadedFile(name, EXPORT.read_bytes(), content_type="text/csv")


def test_only_allowed_roles_import(client, example_plan, facilitator):
    assert client.get(URL).status_code == 302
    client.force_login(facilitator)
    assert client.get(URL).status_code == 403


def test_check_then_confirm(client, analyst):
    client.force_login(analyst)
    checked = client.post(URL, {"action": "check", "file": upload(), "mapping": MAPPING})
    html = checked.content.decode()
    assert checked.status_code == 200
    assert "Kontroll: klar att importera" in html and "Importera 26 inspel" in html
    assert Contribution.objects.count() == 0
    pending = checked.context["form"].initial["pending"]
    done = client.post(URL, {"action": "import", "pending": pending, "mapping": MAPPING})
    assert done.status_code == 302
    assert Contribution.objects.count() == 26
    batch = ImportBatch.objects.get()
    assert batch.created_by == analyst and batch.added == 26 and batch.file_name == "export.csv"
    assert AuditEvent.objects.filter(action="contributions.import", actor=analyst).exists()
    page = client.get(URL).content.decode()
    assert "Importerade 26 inspel från export.csv" in page and "Tidigare importer" in page


def test_problems_are_shown_with_row_column_and_suggestion_and_nothing_imported(client, analyst):
    client.force_login(analyst)
    page = client.post(URL, {"action": "check", "file": upload(), "mapping": without_values(MAPPING)})
    html = page.content.decode()
    assert "Filen kan inte importeras ännu" in html
    assert "&quot;Bild &amp; form&quot; = &quot;bild-och-form&quot;" in html
    assert "Importera" not in html.split("Kontrollera filen")[-1].split("</form>")[0]
    # Confirming anyway is refused: the real run checks again.
    pending = page.context["form"].initial["pending"]
    client.post(URL, {"action": "import", "pending": pending, "mapping": without_values(MAPPING)})
    assert Contribution.objects.count() == 0


def test_a_mapping_file_can_be_uploaded(client, analyst):
    client.force_login(analyst)
    mapping = SimpleUploadedFile("mapping.toml", MAPPING.encode("utf-8"))
    page = client.post(URL, {"action": "check", "file": upload(), "mapping_file": mapping})
    assert "Importera 26 inspel" in page.content.decode()


def test_no_file_is_an_error_naming_the_field(client, analyst):
    client.force_login(analyst)
    page = client.post(URL, {"action": "check", "mapping": MAPPING})
    assert page.status_code == 400
    assert '<a href="#id_file">Exportfilen: Välj filen som ska importeras.</a>' in page.content.decode()
    tampered = client.post(URL, {"action": "import", "pending": "../../etc/passwd", "mapping": MAPPING})
    assert tampered.status_code == 400


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_dry_run_then_import(capsys, example_plan):
    args = ["import", str(EXPORT), "--consultation", "orebro-2022", "--mapping", str(IMPORT_DIR / "mapping.toml")]
    code, out, err = run(capsys, *args, "--dry-run")
    assert code == 0, err
    assert "windows-1252, semikolon" in out and "26 skulle läggas till" in out and "Provkörning" in out
    assert Contribution.objects.count() == 0
    code, out, _ = run(capsys, *args, "--lang", "en")
    assert code == 0 and "26 added" in out and "archived as imports/orebro-2022/" in out
    code, out, _ = run(capsys, *args)
    assert code == 0 and "0 tillagda, 26 var redan importerade" in out
    assert Contribution.objects.count() == 26


def test_cli_reports_problems_with_exit_code_2(capsys, example_plan, tmp_path):
    mapping = tmp_path / "m.toml"
    mapping.write_text(without_values(MAPPING), encoding="utf-8")
    code, out, _ = run(capsys, "import", str(EXPORT), "--consultation", "orebro-2022", "--mapping", str(mapping))
    assert code == 2
    assert "fel (rad 3, kolumn ”Vilket kulturområde berör ditt svar?”)" in out
    assert '→ Menar du bild-och-form (Bild och form)? Lägg till "Bild & form" = "bild-och-form"' in out
    assert "Ingenting importerades" in out and Contribution.objects.count() == 0
    code, _, err = run(capsys, "import", str(EXPORT), "--consultation", "nope")
    assert code == 2 and "Det finns inget samråd 'nope'. Kända: orebro-2022." in err
    code, _, err = run(capsys, "import", str(tmp_path / "missing.csv"), "--consultation", "orebro-2022")
    assert code == 2 and "Kan inte läsa" in err


def test_contributions_list_for_analysts(client, example, analyst, facilitator):
    url = "/orebro-2022/inspel/"
    client.force_login(facilitator)
    assert client.get(url).status_code == 403
    client.force_login(analyst)
    page = client.get(url)
    assert page.status_code == 200
    total = Contribution.objects.filter(consultation=example).count()
    assert page.context["total"] == total
    notes = client.get(url, {"area": "musik", "source": "group_note"})
    rows = list(notes.context["page"])
    assert rows and all(c.area.slug == "musik" and c.source == "group_note" for c in rows)
    assert "example_group" in notes.content.decode()  # provenance is shown


def test_staff_landing_page_links_to_the_intake_tools(client, example_plan, analyst, facilitator):
    client.force_login(analyst)
    html = client.get("/personal/").content.decode()
    for url in ("/orebro-2022/anteckningar/", "/orebro-2022/inspel/", "/orebro-2022/import/"):
        assert f'href="{url}"' in html
    client.force_login(facilitator)
    html = client.get("/personal/").content.decode()
    assert 'href="/orebro-2022/anteckningar/"' in html and 'href="/orebro-2022/import/"' not in html


def test_cli_asks_for_the_duplicates_decision_and_takes_it(capsys, example_plan, tmp_path):
    from tests.intake.test_import_shapes import WIDE_IDS, duplicated_wide

    export, mapping = tmp_path / "dubbel.csv", tmp_path / "m.toml"
    export.write_bytes(duplicated_wide())
    mapping.write_text(WIDE_IDS, encoding="utf-8")
    args = ["import", str(export), "--consultation", "orebro-2022", "--mapping", str(mapping)]
    code, out, _ = run(capsys, *args)
    assert code == 2 and "3 rader upprepar en svarandes id" in out and "Fatta de beslut" in out
    assert Contribution.objects.count() == 0
    code, out, _ = run(capsys, *args, "--duplicates", "keep-first")
    assert code == 0 and "4 tillagda" in out and "den första raden för varje svarande behålls" in out
    with pytest.raises(SystemExit) as exit_:
        run(capsys, *args, "--duplicates", "first")
    assert exit_.value.code == 2 and "keep-first" in capsys.readouterr().err


def test_cli_needs_accept_multiline_for_a_swallowing_cell(capsys, example_plan, tmp_path):
    from tests.intake.test_import_files import FORMS_MAPPING, stray_quote_export

    export, mapping = tmp_path / "forms.csv", tmp_path / "m.toml"
    export.write_bytes(stray_quote_export())
    mapping.write_text(FORMS_MAPPING, encoding="utf-8")
    args = ["import", str(export), "--consultation", "orebro-2022", "--mapping", str(mapping)]
    code, out, _ = run(capsys, *args)
    assert code == 2 and "textraderna 5–105" in out and Contribution.objects.count() == 0
    code, out, _ = run(capsys, *args, "--accept-multiline")
    assert code == 0 and "som du har bekräftat" in out and Contribution.objects.count() == 20


def test_the_page_asks_for_the_duplicates_decision_and_keeps_it_to_the_import(client, analyst):
    from tests.intake.test_import_shapes import WIDE_IDS, duplicated_wide

    client.force_login(analyst)
    file = SimpleUploadedFile("dubbel.csv", duplicated_wide(), content_type="text/csv")
    page = client.post(URL, {"action": "check", "file": file, "mapping": WIDE_IDS})
    html = page.content.decode()
    assert "Rader som upprepar en svarande" in html and 'name="duplicates" value="keep-first"' in html
    assert "Importera" not in html.split("Kontrollera filen")[-1].split("</form>")[0]
    pending = page.context["form"].initial["pending"]
    page = client.post(URL, {"action": "check", "pending": pending, "mapping": WIDE_IDS, "duplicates": "keep-all"})
    html = page.content.decode()
    assert "Kontroll: klar att importera" in html and "Importera 8 inspel" in html
    assert 'value="keep-all" id="id_duplicates_1" checked' in html  # the choice stays on the page
    done = client.post(URL, {"action": "import", "pending": pending, "mapping": WIDE_IDS, "duplicates": "keep-all"})
    assert done.status_code == 302 and Contribution.objects.count() == 8


def test_the_page_asks_to_confirm_cells_over_many_lines(client, analyst):
    from tests.intake.test_import_files import FORMS_MAPPING, stray_quote_export

    client.force_login(analyst)
    file = SimpleUploadedFile("forms.csv", stray_quote_export(), content_type="text/csv")
    page = client.post(URL, {"action": "check", "file": file, "mapping": FORMS_MAPPING})
    html = page.content.decode()
    assert "textraderna 5–105" in html and 'name="accept_multiline"' in html
    pending = page.context["form"].initial["pending"]
    confirm = {"pending": pending, "mapping": FORMS_MAPPING, "accept_multiline": "on"}
    page = client.post(URL, {"action": "check", **confirm})
    assert "Importera 20 inspel" in page.content.decode()
    assert client.post(URL, {"action": "import", **confirm}).status_code == 302
    assert Contribution.objects.count() == 20


def test_the_page_refuses_a_file_over_the_limits_with_its_own_time_limit(client, analyst, settings):
    from tests.intake.test_import_files import bottom_cell_workbook

    client.force_login(analyst)
    file = SimpleUploadedFile("liten.xlsx", bottom_cell_workbook())
    page = client.post(URL, {"action": "check", "file": file, "mapping": ""})
    assert page.status_code == 200 and "SAMRAD_IMPORT_MAX_ROWS" in page.content.decode()
    settings.SAMRAD_IMPORT_MAX_SECONDS_WEB = 1e-9
    page = client.post(URL, {"action": "check", "file": upload(), "mapping": MAPPING})
    assert "SAMRAD_IMPORT_MAX_SECONDS_WEB" in page.content.decode()
