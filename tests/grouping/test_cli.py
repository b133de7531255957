"""The file-based command: python -m samrad.grouping people.csv ..."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from samrad.grouping.cli import groups_main, parse_round, read_people
from samrad.grouping.errors import GroupingError
from samrad.grouping.samples import sample_people


@pytest.fixture
def people_csv(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    lines = ["id;name;area;municipality;role;email;language"]
    for p in sample_people(20, 3):
        lines.append(f"{p.id};{p.name};{p.area};{p.municipality};{p.role};{p.email};sv")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = groups_main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_reads_semicolon_csv_with_extra_columns_as_attrs(people_csv: Path) -> None:
    people = read_people(people_csv)
    assert len(people) == 20 and people[0].attrs == {"language": "sv"}


def test_default_event_as_json(people_csv: Path) -> None:
    code, out, _ = run(str(people_csv), "--format", "json", "--neighbour", "Litteratur=Bibliotek", "--time-limit", "2")
    assert code == 0
    data = json.loads(out)
    assert [r["spec"]["rule"] for r in data["rounds"]] == ["same_area", "mixed", "keep_previous"]
    assert data["rounds"][2]["groups"] == data["rounds"][1]["groups"]


def test_zoom_output_for_one_round(people_csv: Path) -> None:
    code, out, _ = run(
        str(people_csv),
        "--format",
        "zoom",
        "--show-round",
        "2",
        "--round",
        "same_area",
        "--round",
        "mixed:3-4",
    )
    assert code == 0
    assert out.splitlines()[0] == "Pre-assign Room Name,Email Address"
    assert len(out.splitlines()) == 21


def test_table_in_english(people_csv: Path) -> None:
    code, out, _ = run(str(people_csv), "--lang", "en", "--round", "same_area", "--round", "mixed")
    assert code == 0 and "Round 2 (mixed)" in out and "optimal" in out


def test_bad_input_exits_2_with_a_message(people_csv: Path, tmp_path: Path) -> None:
    code, _, err = run(str(people_csv), "--round", "mixed:6")
    assert code == 2 and "20 deltagare kan inte delas i grupper om 6–6 personer" in err
    code, _, err = run(str(people_csv), "--format", "csv", "--show-round", "4", "--lang", "en")
    assert code == 2 and "There is no round 4" in err
    code, _, err = run(str(tmp_path / "missing.csv"), "--lang", "en")
    assert code == 2 and "Cannot read the participant file" in err
    code, _, err = run(str(people_csv), "--round", "shuffle")
    assert code == 2 and "shuffle" in err


@pytest.mark.parametrize(
    ("value", "rule", "low", "high", "keep"),
    [
        ("same_area", "same_area", 2, 4, None),
        ("mixed:3-5", "mixed", 3, 5, None),
        ("mixed:4", "mixed", 4, 4, None),
        ("keep:2", "keep_previous", 2, 4, 2),
    ],
)
def test_parse_round(value: str, rule: str, low: int, high: int, keep: int | None) -> None:
    spec = parse_round(7, value)
    assert (spec.number, spec.rule, spec.min_size, spec.max_size, spec.keep_round) == (
        7,
        rule,
        low,
        high,
        keep,
    )


def test_parse_round_rejects_nonsense() -> None:
    with pytest.raises(GroupingError):
        parse_round(1, "keep")
