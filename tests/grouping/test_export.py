"""Outputs: Zoom header exact, formula injection neutralised, CSV/JSON/table complete."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samrad.grouping import Person, RoundSpec, plan_event
from samrad.grouping.export import (
    groups_csv,
    neutralise,
    plan_dict,
    plan_json,
    render_text,
    room_name,
    teams_csv,
    zoom_csv,
)

EVIL = ['=HYPERLINK("http://x")', "+46 70", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


@pytest.fixture(scope="module")
def plan_and_people():  # type: ignore[no-untyped-def]
    people = [
        Person(f"p{i}", name, area, "Örebro" if i % 2 else "Nora", "kommun", email)
        for i, (name, area, email) in enumerate(
            [
                (EVIL[0], "Musik", "a@example.org"),
                (EVIL[1], "Musik", "b@example.org"),
                (EVIL[2], "Musik", None),
                (EVIL[3], "Dans", "=cmd@example.org"),
                (EVIL[4], "Dans", "e@example.org"),
                (EVIL[5], "Dans", "f@example.org"),
                ("Åsa Öberg", "Teater", "g@example.org"),
                ("Per", "Teater", "h@example.org"),
            ]
        )
    ]
    rounds = [RoundSpec(1, "same_area"), RoundSpec(2, "mixed")]
    return plan_event(people, rounds, seed=1, time_limit=1), people


def read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@settings(deadline=None)
@given(st.text(max_size=20))
def test_neutralise(text: str) -> None:
    out = neutralise(text)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        assert out == "'" + text
    else:
        assert out == text


def test_zoom_header_is_exact_and_people_without_email_are_listed(plan_and_people) -> None:  # type: ignore[no-untyped-def]
    plan, people = plan_and_people
    export = zoom_csv(plan.rounds[1], people)
    assert export.text.splitlines()[0] == "Pre-assign Room Name,Email Address"
    rows = read(export.text)[1:]
    assert export.missing_email == ("p2",)
    assert len(rows) == len(people) - 1
    assert [r[1] for r in rows if "cmd" in r[1]] == ["'=cmd@example.org"]
    assert {r[0] for r in rows} == {room_name(g) for g in plan.rounds[1].groups}


def test_room_names_show_the_area_in_same_area_rounds(plan_and_people) -> None:  # type: ignore[no-untyped-def]
    plan, people = plan_and_people
    rows = read(teams_csv(plan.rounds[0], people, lang="en").text)
    assert rows[0] == ["Room name", "Email"]
    assert any(r[0].startswith("Group ") and r[0].endswith("– Dans") for r in rows[1:])


def test_groups_csv_has_everyone_and_no_live_formula(plan_and_people) -> None:  # type: ignore[no-untyped-def]
    plan, people = plan_and_people
    rows = read(groups_csv(plan.rounds[1], people))
    assert rows[0] == ["Grupp", "Id", "Namn", "Kulturområde", "Kommun", "Aktörskategori"]
    assert sorted(r[1] for r in rows[1:]) == sorted(p.id for p in people)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    names = {r[2] for r in rows[1:]}
    assert {"'" + e for e in EVIL} <= names and "Åsa Öberg" in names


def test_json_round_trips_groups_and_reports(plan_and_people) -> None:  # type: ignore[no-untyped-def]
    plan, _people = plan_and_people
    data = json.loads(plan_json(plan))
    assert data == json.loads(json.dumps(plan_dict(plan), ensure_ascii=False, default=list))
    assert [[tuple(g["members"]) for g in r["groups"]] for r in data["rounds"]] == [
        [g.members for g in r.groups] for r in plan.rounds
    ]
    assert data["rounds"][1]["report"]["status"] in ("optimal", "feasible")
    assert data["rounds"][1]["spec"]["rule"] == "mixed"


def test_table_lists_every_name(plan_and_people) -> None:  # type: ignore[no-untyped-def]
    plan, people = plan_and_people
    text = render_text(plan.rounds[0], people, lang="en", width=200)
    assert "Round 1 (same_area)" in text
    for p in people:
        assert p.name.strip() in text
