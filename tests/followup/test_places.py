"""Importing cultural meeting places: all or nothing, every bad row named, and the CLI's exit codes."""

import pytest

from samrad.audit.models import AuditEvent
from samrad.cli import main
from samrad.followup.models import MeetingPlace
from samrad.followup.places import import_places
from tests.conftest import EXAMPLE_DIR

pytestmark = pytest.mark.django_db

GOOD = "name,kind,latitude,longitude\nBibliotek,Bibliotek,59.2741,15.2066\nScen,Scen,59.3267,14.5239\n"


def test_example_places_import_and_are_marked_invented(example_plan):
    report = import_places(example_plan, (EXAMPLE_DIR / "meeting-places.csv").read_bytes(), "meeting-places.csv")
    assert report.ok and report.imported == 20
    assert MeetingPlace.objects.filter(is_invented=True).count() == 20
    assert {p.municipality.slug for p in MeetingPlace.objects.all()} == set(
        example_plan.municipalities.values_list("slug", flat=True)
    )


def test_every_bad_row_is_reported_and_nothing_is_imported(example_plan):
    import_places(example_plan, GOOD.encode(), "good.csv")
    bad = (
        "namn;typ;latitud;longitud;kommun\n"
        "Ok;Bibliotek;59,2741;15,2066;Örebro\n"  # Swedish decimal commas and semicolons are fine
        "Utan läge;Scen;;;\n"
        "Trasig;Scen;59.27x;15.2;\n"
        "Stockholm;Scen;59.3293;18.0686;\n"
        "Omkastad;Scen;15.2066;59.2741;\n"
        ";Scen;59.2741;15.2066;\n"
        "Fel kommun;Scen;59.2741;15.2066;Askersund\n"
        "Okänd kommun;Scen;59.2741;15.2066;Gotland\n"
        "Månen;Scen;123;456;\n"
    )
    report = import_places(example_plan, bad.encode(), "platser.csv")
    assert not report.ok
    rows = {row for row, _message in report.errors}
    assert rows == {3, 4, 5, 6, 7, 8, 9, 10}
    text = "\n".join(report.lines())
    assert "platser.csv, rad 3: koordinater saknas" in text
    assert "'59.27x' är inte ett tal" in text
    assert "Stockholm (59.3293, 18.0686) ligger i Stockholm (Stockholms län), som inte är en av samrådets" in text
    assert "verkar ha bytt plats" in text
    assert "namnet är tomt" in text
    assert "ligger i Örebro, men raden anger Askersund" in text
    assert "'Gotland' finns inte i planen" in text
    assert "inga koordinater på jorden" in text
    assert list(MeetingPlace.objects.values_list("name", flat=True).order_by("name")) == ["Bibliotek", "Scen"]


def test_sweref_coordinates_and_windows_encoding(example_plan):
    raw = "name;kind;N;E\nSlottet;Museum;6571500;514800\nHälleforsgården;Bygdegård;6627000;472000\n".encode("cp1252")
    report = import_places(example_plan, raw, "sweref.csv")
    assert report.ok, report.lines()
    places = {p.name: p for p in MeetingPlace.objects.select_related("municipality")}
    assert places["Slottet"].municipality.slug == "orebro"
    assert abs(float(places["Slottet"].latitude) - 59.282) < 0.01
    assert "Hälleforsgården" in places


def test_dry_run_changes_nothing_and_import_replaces_the_layer(example_plan):
    import_places(example_plan, GOOD.encode(), "good.csv")
    report = import_places(example_plan, b"name,latitude,longitude\nNy,59.1277,15.1434\n", "new.csv", dry_run=True)
    assert report.ok and MeetingPlace.objects.count() == 2
    import_places(example_plan, b"name,latitude,longitude\nNy,59.1277,15.1434\n", "new.csv")
    assert list(MeetingPlace.objects.values_list("name", "municipality__slug")) == [("Ny", "kumla")]
    assert AuditEvent.objects.filter(action="followup.places.imported").count() == 2


def test_cli_exit_codes(example_plan, tmp_path, capsys):
    good = tmp_path / "places.csv"
    good.write_text(GOOD, encoding="utf-8")
    assert main(["followup", "import-places", str(good), "--consultation", "orebro-2022", "--dry-run"]) == 0
    assert MeetingPlace.objects.count() == 0
    assert main(["followup", "import-places", str(good), "--consultation", "orebro-2022"]) == 0
    assert MeetingPlace.objects.count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("name,latitude,longitude\nX,1,2\n", encoding="utf-8")
    assert main(["followup", "import-places", str(bad), "--consultation", "orebro-2022"]) == 2
    err = capsys.readouterr().err
    assert "bad.csv lästes inte in (1 fel). Inget har ändrats." in err and "bad.csv, rad 2" in err
    assert main(["followup", "import-places", str(bad), "--consultation", "finns-inte"]) == 2
    assert MeetingPlace.objects.count() == 2
