"""The participation map, rates and the meeting-place import for any county or municipality, not only Örebro län:
Dalarna (county = "20"), Stockholms län, a one-municipality consultation and one without Swedish codes."""

import re
import textwrap

import pytest

from samrad import sweden
from samrad.cli import main
from samrad.consultations.loader import load_text
from samrad.followup.models import MeetingPlace
from samrad.followup.places import import_places
from samrad.participation.models import Participant, Registration

pytestmark = pytest.mark.django_db

PLAN = """
[consultation]
slug = "{slug}"
name = "Dialog om kulturplanen"
organiser = "Region Test"
plan_period = "2025–2028"
{consultation}

[[areas]]
slug = "musik"
name = "Musik"

[[questions]]
slug = "q1"
label = "Utmaningar"
text = "Vilka är utmaningarna?"

[[events]]
slug = "dialog"
title = "Dialog"
starts = 2025-03-01T09:00:00+01:00
ends = 2025-03-01T12:00:00+01:00
{rest}
"""

# Test figures for the rates, not SCB's: no package ships the populations (see samrad/sweden/data/README.md).
DALARNA_POPULATION = {m.code: 5000 + 1000 * i for i, m in enumerate(sweden.municipalities("20"))}

# Dalhalla as the issue gives it (about 60.89 N, 14.96 E, in Rättvik), Mora's and Sundborn's centres as GeoNames
# gives them (the localities of Zornmuseet and Carl Larsson-gården).
PLACES = (
    "namn;typ;latitud;longitud;kommun\n"
    "Dalhalla;Konsertarena;60,89;14,96;Rättvik\n"
    "Zornmuseet;Museum;61,00704;14,54316;\n"
    "Carl Larsson-gården;Museum;60,65;15,7667;\n"
)


def consultation(slug: str, consultation: str = "", rest: str = ""):
    text = textwrap.dedent(PLAN).format(slug=slug, consultation=consultation, rest=textwrap.dedent(rest))
    return load_text(text, filename=f"{slug}.toml")[0]


def dalarna(with_population: bool = True):
    rest = "".join(
        f'[[municipalities]]\ncode = "{code}"\npopulation = {population}\n'
        for code, population in DALARNA_POPULATION.items()
    )
    return consultation("dalarna-2025", 'county = "20"', rest if with_population else "")


def register(c, counts: dict[str, int]) -> None:
    event = c.events.get()
    area = c.areas.get()
    for code, n in counts.items():
        m = c.municipalities.get(code=code)
        for i in range(n):
            p = Participant.objects.create(consultation=c, name=f"{code}-{i}", municipality=m)
            Registration.objects.create(event=event, participant=p, area=area)


def map_of(client, c) -> tuple[str, str]:
    page = client.get(f"/{c.slug}/deltagande/").content.decode()
    found = re.search(r'<svg class="map".*?</svg>', page, re.S)
    return page, found.group(0) if found else ""


def swedish(rate: float) -> str:
    return f"{rate:.1f}".replace(".", ",")


def test_dalarna_by_county_code_shows_all_15_with_rates_per_10000(client):
    c = dalarna()
    counts = {"2080": 9, "2062": 6, "2031": 7, "2081": 12}
    register(c, counts)
    page, svg = map_of(client, c)
    codes = {m.code for m in sweden.municipalities("20")}
    assert set(re.findall(r'data-code="(\d{4})"', svg)) == codes and svg.count('class="municipality"') == 15
    for code, n in counts.items():
        m = c.municipalities.get(code=code)
        rate = swedish(10000 * n / DALARNA_POPULATION[code])
        assert f"{m.name} ({code}): {n} deltagare, {rate} per 10 000 invånare" in svg
        row = re.search(rf'<th scope="row">{m.name}</th><td>{code}</td>.*?</tr>', page, re.S).group(0)
        assert f'<td class="num">{rate}</td>' in row
    # Municipalities with fewer than 5 are hatched, never coloured.
    vansbro = re.search(r'<path [^>]*data-code="2021"[^>]*>', svg).group(0)
    assert "url(#hidden-hatch)" in vansbro
    assert "Det finns ingen karta" not in page and "SCB" in page


def test_without_populations_the_map_is_grey_and_says_why(client):
    c = dalarna(with_population=False)
    register(c, {"2080": 9, "2062": 6})
    page, svg = map_of(client, c)
    assert svg.count('class="municipality"') == 15
    falun = re.search(r'<path [^>]*data-code="2080"[^>]*>.*?</path>', svg).group(0)
    assert "url(#hidden-hatch)" not in falun and "antal invånare okänt" in falun
    assert "Antalet invånare är okänt för" in page and "Antal invånare okänt: ingen andel" in page


def test_stockholms_lan_draws_only_its_26_municipalities(client):
    c = consultation("stockholm-2025", 'county = "01"')
    register(c, {"0180": 8})
    _page, svg = map_of(client, c)
    assert set(re.findall(r'data-code="(\d{4})"', svg)) == {m.code for m in sweden.municipalities("01")}
    assert svg.count('class="municipality"') == 26
    assert len(svg) < 40_000  # a county's paths, not Sweden's
    assert "Stockholm (0180): 8 deltagare" in svg


def test_one_municipality_map_and_places_inside_and_outside(client):
    c = consultation(
        "rattvik-2025", 'municipalities = ["2031"]', '[[municipalities]]\ncode = "2031"\npopulation = 11000\n'
    )
    register(c, {"2031": 5})
    _page, svg = map_of(client, c)
    assert re.findall(r'data-code="(\d{4})"', svg) == ["2031"]
    assert f"Rättvik (2031): 5 deltagare, {swedish(10000 * 5 / 11000)} per 10 000 invånare" in svg
    assert 'class="map-label">Rättvik</text>' in svg
    report = import_places(c, PLACES.encode(), "platser.csv")
    assert not report.ok
    text = "\n".join(report.lines())
    assert [row for row, _m in report.errors] == [3, 4]
    assert "Zornmuseet (61.0070, 14.5432) ligger i Mora (Dalarnas län), som inte är en av samrådets kommuner." in text
    assert "Närmaste av dem är Rättvik" in text
    assert "Carl Larsson-gården (60.6500, 15.7667) ligger i Falun (Dalarnas län)" in text
    report = import_places(c, PLACES.split("Zornmuseet")[0].encode(), "dalhalla.csv")
    assert report.ok, report.lines()
    dalhalla = MeetingPlace.objects.get(consultation=c)
    assert (dalhalla.name, dalhalla.municipality.code) == ("Dalhalla", "2031")
    _page, svg = map_of(client, c)
    assert '<circle cx="' in svg and "<title>Dalhalla (Konsertarena)</title>" in svg


def test_dalarna_imports_dalhalla_zornmuseet_and_carl_larsson_garden(client, tmp_path, capsys):
    c = dalarna()
    path = tmp_path / "platser.csv"
    path.write_text(PLACES, encoding="utf-8")
    assert main(["followup", "import-places", str(path), "--consultation", c.slug]) == 0
    placed = dict(MeetingPlace.objects.filter(consultation=c).values_list("name", "municipality__name"))
    assert placed == {"Dalhalla": "Rättvik", "Zornmuseet": "Mora", "Carl Larsson-gården": "Falun"}
    assert "Läste in 3 platser i dalarna-2025" in capsys.readouterr().out
    _page, svg = map_of(client, c)
    assert svg.count('class="place"') == 3
    # Outside the county: refused, with where it is and the nearest of the consultation's municipalities.
    report = import_places(c, b"name,latitude,longitude\nKulturhuset,59.3325,18.0649\n", "sthlm.csv")
    [(row, message)] = report.errors
    assert row == 2 and "ligger i Stockholm (Stockholms län), som inte är en av samrådets kommuner" in message
    assert MeetingPlace.objects.filter(consultation=c).count() == 3


def test_municipalities_without_swedish_codes_say_there_is_no_map(client):
    c = consultation("utomlands", rest='[[municipalities]]\nslug = "annan"\nname = "Annan kommun"\ncode = "X1"\n')
    page, svg = map_of(client, c)
    assert svg == ""
    assert "Det finns ingen karta: ingen av samrådets kommuner har en svensk kommunkod." in page
    report = import_places(c, b"name,latitude,longitude\nDalhalla,60.89,14.96\n", "p.csv")
    assert not report.ok and "samrådet har ingen karta" in "\n".join(report.lines())
    mixed = consultation(
        "blandat", 'municipalities = ["2031"]', '[[municipalities]]\nslug = "annan"\nname = "Annan kommun"\n'
    )
    page, svg = map_of(client, mixed)
    assert svg.count('class="municipality"') == 1
    assert "Inte på kartan, eftersom de saknar svensk kommunkod: Annan kommun." in page
