"""Municipalities by county or by code from samrad.sweden, the explicit [[municipalities]] form, and their errors."""

import textwrap
import tomllib

import pytest
from django.utils import translation

from samrad import sweden
from samrad.consultations.loader import LoadError, load_file, load_text
from tests.conftest import EXAMPLE_DIR

pytestmark = pytest.mark.django_db

BASE = """
[consultation]
slug = "dalarna-2025"
name = "Kulturplan"
organiser = "Region Dalarna"
plan_period = "2025–2028"
{consultation}

[[areas]]
slug = "musik"
name = "Musik"

[[questions]]
slug = "q1"
label = "Utmaningar"
text = "Vilka är utmaningarna?"
{rest}
"""


def plan(consultation: str = "", rest: str = "") -> str:
    return textwrap.dedent(BASE).format(consultation=consultation, rest=textwrap.dedent(rest))


def load(text: str):
    with translation.override("en"):
        return load_text(text, filename="plan.toml")[0]


def problems(text: str, lang: str = "en") -> list[str]:
    with translation.override(lang), pytest.raises(LoadError) as info:
        load_text(text, filename="plan.toml")
    return [p.format("plan.toml") for p in info.value.problems]


def test_a_county_code_gives_its_municipalities_with_codes_names_slugs_and_populations():
    c = load(plan('county = "20"'))
    rows = list(c.municipalities.values_list("code", "name", "slug", "population"))
    expected = [(m.code, m.name, m.slug, m.population) for m in sweden.municipalities("20")]
    assert rows == expected and len(rows) == 15
    assert rows[[r[0] for r in rows].index("2031")][:3] == ("2031", "Rättvik", "rattvik")
    assert [r[1] for r in rows][-1] == "Älvdalen"


def test_an_entry_with_a_code_changes_that_municipality_in_place_and_others_are_added():
    c = load(
        plan(
            'county = "20"',
            """
            [[municipalities]]
            code = "2080"
            name = "Falu kommun"
            slug = "falu"
            population = 59000

            [[municipalities]]
            code = "2031"
            population = 10800

            [[municipalities]]
            code = "2181"
            """,
        )
    )
    rows = {m.code: m for m in c.municipalities.all()}
    assert len(rows) == 16 and list(c.municipalities.values_list("code", flat=True))[-1] == "2181"  # Sandviken
    assert (rows["2080"].name, rows["2080"].slug, rows["2080"].population) == ("Falu kommun", "falu", 59000)
    assert (rows["2031"].name, rows["2031"].slug, rows["2031"].population) == ("Rättvik", "rattvik", 10800)
    order = list(c.municipalities.values_list("code", flat=True))
    assert order.index("2080") == [m.code for m in sweden.municipalities("20")].index("2080")


def test_municipalities_by_code_one_or_several():
    c = load(plan('municipalities = ["2031"]'))
    assert list(c.municipalities.values_list("code", "name")) == [("2031", "Rättvik")]
    c = load(plan('county = "18"\nmunicipalities = ["2031"]'))
    assert c.municipalities.count() == 13


def test_the_explicit_form_keeps_working_with_codes_outside_scb_and_reloading_removes_what_went(tmp_path):
    c = load(
        plan(
            rest="""
            [[municipalities]]
            slug = "annan"
            name = "Annan kommun"
            code = "X1"
            population = 1000
            """
        )
    )
    assert list(c.municipalities.values_list("slug", "name", "code", "population")) == [
        ("annan", "Annan kommun", "X1", 1000)
    ]
    c = load(plan('county = "01"'))
    assert c.municipalities.count() == 26 and not c.municipalities.filter(slug="annan").exists()
    example, _report = load_file(EXAMPLE_DIR / "consultation.toml")
    written = tomllib.loads((EXAMPLE_DIR / "consultation.toml").read_text(encoding="utf-8"))["municipalities"]
    assert list(example.municipalities.values_list("slug", "name", "code", "population")) == [
        (m["slug"], m["name"], m["code"], m["population"]) for m in written
    ]


def test_unknown_county_lists_the_valid_ones_with_file_and_line():
    text = plan('county = "99"')
    [message] = problems(text)
    line = text.splitlines().index('county = "99"') + 1
    assert message.startswith(f"plan.toml:{line}: consultation.county: '99' is not a Swedish county code.")
    assert "20 Dalarnas län" in message and "01 Stockholms län" in message
    [message] = problems(plan("county = 20"))
    assert "should be a county code as text" in message


def test_unknown_municipality_codes_say_what_to_do():
    [message] = problems(plan('municipalities = ["2031", "2099"]'))
    assert "consultation.municipalities: item 2: '2099' is not a municipality code." in message
    assert "The codes in Dalarnas län are: 2021 Vansbro" in message
    text = plan(rest='[[municipalities]]\ncode = "7"\n')
    [message] = problems(text)
    line = text.splitlines().index('code = "7"') + 1
    assert message.startswith(f"plan.toml:{line}: municipalities[0].code: '7' is not a Swedish municipality code.")
    assert "give its name and slug" in message


def test_clashes_are_reported_and_generated_clashes_resolved():
    text = plan('county = "20"', '[[municipalities]]\nslug = "mora"\nname = "Mora igen"\n')
    [message] = problems(text)
    assert "municipalities[0].slug: 'mora' is already Mora (2062)" in message and 'add code = "2062"' in message
    [message] = problems(plan('municipalities = ["2031", "2031"]'))
    assert "item 2: '2031' is already in the list" in message
    twice = '[[municipalities]]\ncode = "2031"\n[[municipalities]]\ncode = "2031"\n'
    [message] = problems(plan('county = "20"', twice))
    assert "municipalities[1].code: '2031' is used twice (also at municipalities[0])" in message
    c = load(plan('municipalities = ["0643", "0305"]'))  # Habo and Håbo
    assert sorted(c.municipalities.values_list("slug", flat=True)) == ["habo", "habo-0305"]


def test_messages_in_swedish():
    [message] = problems(plan('county = "99"'), lang="sv")
    assert "'99' är inte en svensk länskod. Använd en av: 01 Stockholms län" in message
