"""The participation overview: thresholds on the server, complementary suppression, staff numbers, and the map
with every one of the county's twelve municipalities."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samrad.accounts.models import ConsultationRole
from samrad.followup import geo
from samrad.participation.models import Participant, Registration
from samrad.publication.counts import COMPLEMENTARY, SMALL, overview, protect

pytestmark = pytest.mark.django_db

CODES = {"1814", "1860", "1861", "1862", "1863", "1864", "1880", "1881", "1882", "1883", "1884", "1885"}


def _people(consultation, counts: dict[str, int]):
    """Register `n` invented participants from each municipality slug for the 1 June dialogue."""
    event = consultation.events.get(slug="kulturdialog-2022-06-01")
    area = consultation.areas.get(slug="musik")
    role = consultation.role_categories.get(slug="kulturskapare")
    for slug, n in counts.items():
        m = consultation.municipalities.get(slug=slug)
        for i in range(n):
            p = Participant.objects.create(
                consultation=consultation, name=f"{slug}{i}", municipality=m, role_category=role
            )
            Registration.objects.create(event=event, participant=p, area=area)


def test_the_example_has_a_boundary_for_each_of_its_twelve_municipalities(example_plan):
    shapes, missing = geo.shapes_of(example_plan.municipalities.values_list("code", flat=True))
    assert set(shapes) == CODES and missing == []
    # Each town centre lies in its own municipality (a check on the data and on point-in-polygon).
    towns = {
        "1880": (59.2741, 15.2066),
        "1883": (59.3267, 14.5239),
        "1882": (58.8800, 14.9023),
        "1864": (59.8745, 14.9946),
    }
    for code, (lat, lon) in towns.items():
        shape, distance = geo.locate(lat, lon, shapes)
        assert (shape.code, distance) == (code, 0.0)
    assert geo.locate(59.3293, 18.0686, shapes)[1] > 50  # Stockholm is far outside


@given(
    st.lists(st.integers(min_value=0, max_value=40), min_size=2, max_size=14), st.integers(min_value=1, max_value=10)
)
def test_an_additive_table_never_hides_exactly_one_cell(values, minimum):
    cells = protect(values, minimum, additive=True)
    hidden = [c for c in cells if c.hidden]
    # One hidden cell alone equals the total minus the rest; that only discloses someone when it holds anyone.
    assert len(hidden) != 1 or hidden[0].value == 0
    assert all(c.shown is None or c.shown >= minimum for c in cells)
    assert [c.value for c in cells] == values


def test_small_counts_are_hidden_and_one_more_to_protect_the_total(example_plan):
    _people(example_plan, {"orebro": 30, "kumla": 6, "nora": 7, "laxa": 2})
    o = overview(example_plan)
    rows = {r.key: r for r in o.municipalities.rows}
    assert rows["laxa"].cell.shown is None and rows["laxa"].cell.reason == SMALL
    assert rows["laxa"].shown_rate is None
    assert rows["askersund"].cell.reason == SMALL  # zero is hidden too
    assert rows["orebro"].cell.shown == 30
    assert o.municipalities.total.shown == 45
    staff = overview(example_plan, protected=False)
    assert {r.key: r.cell.shown for r in staff.municipalities.rows}["laxa"] == 2


def test_a_single_small_cell_gets_a_complementary_one(example_plan):
    municipalities = {m.slug: 5 for m in example_plan.municipalities.all()}
    municipalities["nora"] = 6
    municipalities["laxa"] = 3
    _people(example_plan, municipalities)
    for i in range(5):  # five who gave no municipality: the "Uppgift saknas" row is no hidden cell
        Participant.objects.create(consultation=example_plan, name=f"okänd{i}")
    event = example_plan.events.get(slug="kulturdialog-2022-06-01")
    for p in Participant.objects.filter(name__startswith="okänd"):
        Registration.objects.create(event=event, participant=p, area=example_plan.areas.get(slug="musik"))
    rows = {r.key: r for r in overview(example_plan).municipalities.rows}
    hidden = {k: r.cell.reason for k, r in rows.items() if r.cell.hidden}
    assert hidden["laxa"] == SMALL
    assert list(hidden.values()).count(COMPLEMENTARY) == 1


def test_public_page_shows_fewer_than_and_no_small_numbers(client, example_plan):
    _people(example_plan, {"orebro": 12, "laxa": 3})
    page = client.get("/orebro-2022/deltagande/").content.decode()
    laxa_row = re.search(r"<th scope=\"row\">Laxå</th>.*?</tr>", page, re.S).group(0)
    assert "färre än 5" in laxa_row and ">3<" not in laxa_row
    assert "Örebro" in page and ">12<" in page
    assert "/deltagande/alla-siffror/" not in page  # only staff get the link


def test_staff_see_every_number_and_others_do_not(client, example_plan, django_user_model):
    _people(example_plan, {"orebro": 12, "laxa": 3})
    url = "/orebro-2022/deltagande/alla-siffror/"
    assert client.get(url).status_code == 302  # to the login page
    user = django_user_model.objects.create_user("ana")
    client.force_login(user)
    assert client.get(url).status_code == 403
    ConsultationRole.objects.create(user=user, consultation=example_plan, role="analyst")
    page = client.get(url).content.decode()
    laxa_row = re.search(r"<th scope=\"row\">Laxå</th>.*?</tr>", page, re.S).group(0)
    assert ">3 <" in laxa_row or ">3<" in laxa_row or "3 <span" in laxa_row
    assert "offentligt: färre än 5" in laxa_row


def test_map_draws_every_municipality_with_name_and_code(client, example_plan):
    _people(example_plan, {"orebro": 12, "kumla": 8, "laxa": 3})
    page = client.get("/orebro-2022/deltagande/").content.decode()
    svg = re.search(r'<svg class="map".*?</svg>', page, re.S).group(0)
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    for m in example_plan.municipalities.all():
        assert f'data-code="{m.code}"' in svg
        assert f"{m.name} ({m.code})" in svg
        assert f'class="map-label">{m.name}</text>' in svg
    assert svg.count('class="municipality"') == 12
    # Laxå is hatched (too few), Örebro coloured, with its rate in the tooltip.
    laxa = re.search(r'<path [^>]*data-code="1860"[^>]*>', svg).group(0)
    assert "url(#hidden-hatch)" in laxa
    assert re.search(r"Örebro \(1880\): 12 deltagare, 0,8 per 10 000 invånare", svg)
    assert "SCB" in page  # attribution
    # The table next to the map carries the same values as text.
    assert re.search(r"<th scope=\"row\">Kumla</th><td>1881</td><td class=\"num\">8</td>", page)


def test_overview_by_area_and_role_follow_thresholds(client, example):
    o = overview(example)
    areas = {r.key: r.cell for r in o.areas.rows}
    assert areas["litteratur"].hidden and not areas["musik"].hidden
    assert o.areas.total is None  # areas overlap: no total, nothing to subtract from
    page = client.get("/orebro-2022/deltagande/").content.decode()
    for chart in ("chart-areas", "chart-municipalities", "chart-roles"):
        assert f'aria-labelledby="{chart}-t {chart}-d"' in page
