"""samrad.sweden: the shipped counties, municipalities, boundaries and place names, without Django."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from samrad import sweden
from samrad.sweden import sweref

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_sweden_data.py"


def test_every_county_and_municipality_with_scb_codes():
    assert len(sweden.counties()) == 21
    everything = sweden.municipalities()
    assert len(everything) == 290 == len({m.code for m in everything}) == len({m.name for m in everything})
    for m in everything:
        assert len(m.code) == 4 and m.code.isdigit() and m.code[:2] == m.county
        assert sweden.county(m.county) is not None and m.slug
    dalarna = sweden.municipalities("20")
    assert sweden.county("20").name == "Dalarnas län" and sweden.county("20").short_name == "Dalarna"
    assert len(dalarna) == 15 and {"Rättvik", "Falun", "Malung-Sälen", "Älvdalen"} <= {m.name for m in dalarna}
    assert [m.name for m in dalarna][-1] == "Älvdalen"  # Swedish order: Ä after Z
    assert len(sweden.municipalities("01")) == 26
    assert {m.code for m in sweden.municipalities("18")} == {
        "1814", "1860", "1861", "1862", "1863", "1864", "1880", "1881", "1882", "1883", "1884", "1885",
    }  # fmt: skip
    assert sweden.municipality("2031").slug == "rattvik" and sweden.municipality("9999") is None


def test_populations_say_where_they_come_from():
    info = sweden.population_info()
    known = [m for m in sweden.municipalities() if m.population is not None]
    if info.year is None:  # not shipped: every population is empty and the note says why
        assert not known and info.note
    else:
        assert len(known) == 290 and info.source


def test_every_municipality_and_county_has_a_boundary_that_holds_its_label():
    for m in sweden.municipalities():
        shape = sweden.municipality_shape(m.code)
        assert shape is not None and shape.name == m.name
        assert shape.contains(*shape.label), m.name
        county = sweden.county_shape(m.county)
        assert county.contains(*shape.label) or county.distance_m(*shape.label) < 50, m.name
    assert all(sweden.county_shape(c.code) for c in sweden.counties())


def test_locate_finds_the_municipality_or_the_nearest_of_those_asked():
    shape, km = sweden.locate(59.2741, 15.2066)  # Örebro castle
    assert (shape.name, km) == ("Örebro", 0.0)
    shape, km = sweden.locate(60.8863, 15.1179)  # Rättvik's centre
    assert (shape.code, km) == ("2031", 0.0)
    shape, km = sweden.locate(59.3293, 18.0686, codes=[m.code for m in sweden.municipalities("18")])
    assert shape.code.startswith("18") and 100 < km < 200  # Stockholm, far from Örebro län
    shape, km = sweden.locate(60.89, 14.96, codes=["2031"])  # Dalhalla as commonly given, on Siljan's shore
    assert shape.code == "2031" and km < 2
    assert sweden.locate(60.0, 15.0, codes=["0000"]) is None


def test_sweref_matches_proj_both_ways():
    # Reference values computed with PROJ (pyproj 3.7.2, EPSG:4326 -> EPSG:3006).
    known = [
        (55.4, 13.0, 6141124.335, 373347.956),
        (60.89, 14.96, 6750535.813, 497829.089),
        (67.85, 20.22, 7535406.437, 719415.398),
        (65.8, 24.1, 7327768.609, 915084.451),
    ]
    for lat, lon, north, east in known:
        n, e = sweref.to_sweref(lat, lon)
        assert abs(n - north) < 0.01 and abs(e - east) < 0.01
        back = sweref.to_wgs84(north, east)
        assert abs(back[0] - lat) < 1e-7 and abs(back[1] - lon) < 1e-7
    assert sweref.looks_like_sweref(6750535, 497829) and not sweref.looks_like_sweref(60.89, 14.96)


def test_place_names_cover_counties_municipalities_and_localities():
    names = sweden.place_names()
    assert {"Dalarna", "Dalarnas län", "Västra Götaland", "Rättvik", "Malung-Sälen", "Sundborn", "Örebro"} <= names
    localities = [p for p in sweden.places() if p.kind == "locality"]
    assert len(localities) > 1000
    for p in localities:
        assert sweden.municipality(p.code) is not None and 55 < p.latitude < 69.1 and 10.9 < p.longitude < 24.2
    sundborn = next(p for p in localities if p.name == "Sundborn")
    assert sweden.municipality(sundborn.code).name == "Falun"


def test_the_package_does_not_import_django():
    code = (
        "import sys; from samrad import sweden; sweden.place_names(); sweden.locate(60.0, 15.0); "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.fixture
def build_script():
    spec = importlib.util.spec_from_file_location("build_sweden_data", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # the geodata libraries are imported only when building
    return module


def test_build_script_reads_scb_population_exports(build_script):
    text = (
        '"Folkmängd efter region, kön och år"\n\n'
        '"region";"kön";"2022";"2023"\n'
        '"2031 Rättvik";"män";"5 500";"5 450"\n'
        '"2031 Rättvik";"kvinnor";"5 400";"5 350"\n'
        '"20 Dalarnas län";"män";"1";"1"\n'
        '"2062 Mora";"män";"10000";"10100"\n'
    )
    year, population = build_script.read_population(text)
    assert year == 2023 and population == {"2031": 10800, "2062": 10100}
    assert (
        build_script.slug("Malung-Sälen") == "malung-salen" and build_script.slug("Upplands Väsby") == "upplands-vasby"
    )
    assert build_script.short_county_name("Västra Götalands län") == "Västra Götaland"
    assert build_script.short_county_name("Örebro län") == "Örebro"
