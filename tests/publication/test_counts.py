"""Participation counts, one owner for every output (issue 14 item 1, issue 15 found 6):
- no hidden count on any page or export can be worked out from the others by subtraction;
- the rows of each table add up to the total ("Uppgift saknas" holds those who gave nothing);
- nothing asked reads "uppgift saknas", not "färre än 5";
- survey respondents are counted, and included in the total."""

import html
import json
import re

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from samrad.intake.models import Contribution
from samrad.participation.models import Participant, Registration
from samrad.publication.counts import COMPLEMENTARY, NOT_ASKED, SMALL, overview, protect, recoverable
from samrad.publication.exports import opendata
from samrad.publication.summary import build

pytestmark = pytest.mark.django_db
EVENT = "kulturdialog-2022-06-01"
MIN = 5


def register(c, n: int, *, municipality: str | None, role: str | None, area="musik", tag=""):
    event = c.events.get(slug=EVENT)
    m = c.municipalities.get(slug=municipality) if municipality else None
    r = c.role_categories.get(slug=role) if role else None
    a = c.areas.get(slug=area)
    for i in range(n):
        p = Participant.objects.create(
            consultation=c, name=f"{tag}{municipality}{role}{i}", municipality=m, role_category=r
        )
        Registration.objects.create(event=event, participant=p, area=a)


def answer(c, n: int, *, municipality: str | None = None, role: str | None = None, tag="s"):
    """Survey respondents, each with one answer about Musik."""
    m = c.municipalities.get(slug=municipality) if municipality else None
    r = c.role_categories.get(slug=role) if role else None
    for i in range(n):
        Contribution.objects.create(
            consultation=c,
            area=c.areas.get(slug="musik"),
            question=c.questions.get(slug="utmaningar"),
            source=Contribution.Source.SURVEY,
            raw_text="Fler scener.",
            respondent=f"{tag}{municipality}{role}{i}",
            municipality=m,
            role_category=r,
            received_at=timezone.now(),
        )


@pytest.fixture
def small_cells(example_plan):
    """A consultation with small cells in both margins, people with no role or municipality, and respondents."""
    c = example_plan
    register(c, 30, municipality="orebro", role="kulturskapare")
    register(c, 9, municipality="kumla", role="kommun")
    register(c, 3, municipality="laxa", role="civilsamhalle")  # one small cell in each margin
    register(c, 2, municipality=None, role="kulturskapare")  # municipality not given
    answer(c, 7, municipality="orebro")  # the survey asked the municipality, not the role
    answer(c, 1, municipality="nora")
    return c


# -- reading the numbers back as a reader would -----------------------------------------------------------

HIDDEN = {"färre än 5": SMALL, "visas inte": COMPLEMENTARY, "uppgift saknas": NOT_ASKED}


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _value(text: str):
    if text in HIDDEN:
        return HIDDEN[text]
    return int(text.replace("\u00a0", "").replace(" ", ""))


def tables(page: str) -> dict[str, dict]:
    """caption -> {"rows": {label: value}, "total": value or None} for each table with people counts."""
    found = {}
    for table in re.findall(r"<table.*?</table>", page, re.S):
        caption = re.search(r"<caption>(.*?)</caption>", table, re.S)
        rows, total = {}, None
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S):
            label = re.search(r'<th scope="row">(.*?)</th>', row, re.S)
            if not label:
                continue
            cells = re.findall(r"<td([^>]*)>(.*?)</td>", row, re.S)
            numeric = [text for attrs, text in cells if "num" in attrs] or [text for _a, text in cells]
            value = _value(_text(numeric[0]))
            if _text(label.group(1)) == "Totalt":
                total = value
            else:
                rows[_text(label.group(1))] = value
        if caption and rows:
            found[_text(caption.group(1))] = {"rows": rows, "total": total}
    return found


SPLIT = "Antal personer som deltog"  # dialogue / survey: zeros are shown there, so "färre än 5" is 1…4


def determined(values: list, total: int, small_low: int = 0) -> list[int]:
    """Hidden cells whose value follows from the total minus the shown cells, with what the labels give away
    ("färre än 5" is 0…4, "visas inte" 5 or more); written apart from the code under test."""
    shown = sum(v for v in values if isinstance(v, int))
    small, other = (small_low, MIN - 1), (MIN, total)
    hidden = [(i, small if v == SMALL else other) for i, v in enumerate(values) if not isinstance(v, int)]
    rest = total - shown
    out = []
    for i, (lo, hi) in hidden:
        others = [b for j, b in hidden if j != i]
        lowest = max(lo, rest - sum(b[1] for b in others))
        highest = min(hi, rest - sum(b[0] for b in others))
        if lowest >= highest:
            out.append(i)
    return out


def assert_nothing_recoverable(name: str, table: dict, people: int):
    values = list(table["rows"].values())
    if NOT_ASKED in values:
        assert set(values) == {NOT_ASKED}, (name, table)  # nothing asked: no count at all
        return
    total = table["total"] if isinstance(table["total"], int) else people
    low = 1 if name == SPLIT else 0
    assert not determined(values, total, low), f"{name}: a hidden count can be worked out: {table}"


# -- the tests ---------------------------------------------------------------------------------------------


def test_no_hidden_count_on_a_page_or_export_can_be_worked_out(client, small_cells):
    people = 30 + 9 + 3 + 2 + 7 + 1
    results = tables(client.get("/orebro-2022/resultat/").content.decode())
    followup = tables(client.get("/orebro-2022/deltagande/").content.decode())
    checked = 0
    for page in (results, followup):
        for name, table in page.items():
            if name in ("Deltagare per kulturområde",):  # areas overlap: no total to subtract from
                continue
            assert_nothing_recoverable(name, table, people)
            checked += 1
    assert checked >= 6
    # The small cells are there, hidden, on both pages.
    assert results["Efter kommun"]["rows"]["Laxå"] == SMALL
    assert followup["Deltagare per kommun"]["rows"]["Laxå"] == SMALL
    assert results["Efter aktörskategori"]["rows"]["Kulturförening, studieförbund eller folkbildning"] == SMALL
    # The open data hold the same protected numbers.
    data = json.loads(opendata.as_json(build(small_cells)))["participants"]
    reason = {"fewer_than_minimum": SMALL, "hidden_to_protect_others": COMPLEMENTARY, "not_stated": NOT_ASKED}
    for key in ("by_role", "by_municipality"):
        values = [row["count"] if row["count"] is not None else reason[row["hidden"]] for row in data[key]]
        assert not determined(values, data["total"]), (key, data[key])
    split = [
        data[k]["count"] if data[k]["count"] is not None else reason[data[k]["hidden"]] for k in ("dialogue", "survey")
    ]
    assert not determined(split, data["total"], 1)
    # The CSV holds the published text only, no counts.
    assert "Laxå" not in opendata.as_csv(build(small_cells))


def test_totals_add_up_with_not_stated_and_respondents(example_plan):
    c = example_plan
    register(c, 120, municipality="orebro", role="kulturskapare")
    register(c, 40, municipality="kumla", role="kommun")
    register(c, 30, municipality="karlskoga", role=None)
    register(c, 4, municipality="laxa", role="utbildning")
    answer(c, 50, municipality="orebro")
    answer(c, 8)
    staff = overview(c, protected=False)
    assert staff.people.value == 252
    assert staff.participants.value == 194 and staff.respondents.value == 58  # respondents are in the total
    for table in (staff.roles, staff.municipalities):
        assert sum(r.cell.value for r in table.rows) == 252 == table.total.value
    not_stated = {str(r.label): r.cell.value for r in staff.roles.rows}["Uppgift saknas"]
    assert not_stated == 30 + 58
    public = overview(c)
    assert public.people.shown == 252 and public.respondents.shown == 58


def test_nothing_asked_reads_not_stated(client, example_plan):
    c = example_plan
    answer(c, 12)  # a survey that asked neither role nor municipality
    o = overview(c)
    assert o.people.shown == 12 and o.respondents.shown == 12
    assert {r.cell.reason for r in o.roles.rows} == {NOT_ASKED}
    assert {r.cell.reason for r in o.municipalities.rows} == {NOT_ASKED}
    for url in ("/orebro-2022/resultat/", "/orebro-2022/deltagande/"):
        page = client.get(url).content.decode()
        for name, table in tables(page).items():
            if "aktörskategori" in name or "kommun" in name:
                assert set(table["rows"].values()) == {NOT_ASKED}, (url, name)
        assert "Svarade på enkäten" in page


@given(
    st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=14), st.integers(min_value=1, max_value=10)
)
def test_protection_leaves_nothing_to_subtract(values, minimum):
    total = sum(values)
    cells = protect(values, minimum, additive=True, total=total)
    assert [c.value for c in cells] == values
    assert all(c.shown is None or c.shown >= minimum for c in cells)
    if total >= minimum and any(not c.hidden for c in cells):
        assert not recoverable(cells, total, minimum)


def test_staff_page_with_nothing_asked_and_no_one_yet(client, example_plan, django_user_model):
    from samrad.accounts.models import ConsultationRole

    user = django_user_model.objects.create_user("ana")
    ConsultationRole.objects.create(user=user, consultation=example_plan, role="analyst")
    client.force_login(user)
    assert client.get("/orebro-2022/deltagande/alla-siffror/").status_code == 200  # no one: no division by zero
    answer(example_plan, 6)
    page = client.get("/orebro-2022/deltagande/alla-siffror/").content.decode()
    assert "uppgift saknas" in page
