"""bench/blind_read.py: the mixed lines give nothing away, and ratings are checked and summarised."""

import csv
import json
import random

import pytest
from blind_read import InputError, main, mix, read_ratings, render_samrad, summarise
from drafts_measures import Line


def test_mix_shuffles_both_sources_under_random_ids_and_keeps_the_source_only_in_the_key():
    lines = {"samrad": [("Dans", f"s{i}") for i in range(20)], "reference": [("Dans", f"r{i}") for i in range(20)]}
    rows, key = mix(lines, random.Random(1))
    assert sorted(r["line"] for r in rows) == sorted(t for items in lines.values() for _, t in items)
    assert set(rows[0]) == {"id", "area", "line"}
    assert len({r["id"] for r in rows}) == 40 and set(key) == {r["id"] for r in rows}
    assert all(key[r["id"]]["source"] == ("samrad" if r["line"].startswith("s") else "reference") for r in rows)
    first_half = [key[r["id"]]["source"] for r in rows[:20]]
    assert 0 < first_half.count("samrad") < 20  # shuffled, not one source after the other


def test_samrad_lines_read_as_the_public_page_shows_them():
    assert render_samrad(Line("fler scener", ["lokaler.", "teknik"])) == "Fler scener. Exempelvis: lokaler, teknik."
    assert render_samrad(Line("Fler scener")) == "Fler scener."


def _write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "publishable", "coherent", "reason"])
        writer.writerows(rows)


KEY = {
    "a1": {"source": "samrad"},
    "a2": {"source": "samrad"},
    "b1": {"source": "reference"},
    "b2": {"source": "reference"},
}


def test_ratings_with_a_bad_value_or_an_unknown_id_are_refused_naming_the_row(tmp_path):
    path = tmp_path / "ratings.csv"
    _write(path, [["a1", "4", "5", "ok"], ["a2", "6", "3", "too high"], ["zz", "3", "3", "?"]])
    with pytest.raises(InputError) as exc:
        read_ratings(path, KEY)
    assert f"{path}:3: publishable is '6'" in str(exc.value)
    assert f"{path}:4: id 'zz' is not in the key" in str(exc.value)


def test_summary_means_per_source_with_an_interval_and_the_difference(tmp_path):
    path = tmp_path / "ratings.csv"
    _write(path, [["a1", "1", "2", "x"], ["a2", "2", "2", "y"], ["b1", "4", "5", "z"]])
    rows, warnings = read_ratings(path, KEY)
    assert warnings == ["1 line(s) not rated: b2"]
    s = summarise(rows, resamples=500)
    assert s["samrad"]["n"] == 2 and s["samrad"]["publishable"][0] == 1.5
    low, high = s["samrad"]["publishable"][1:]
    assert 1 <= low <= 1.5 <= high <= 2
    assert s["reference"]["publishable_4_5"] == 1.0 and s["samrad"]["publishable_4_5"] == 0.0
    assert s["difference"]["publishable"][0] == -2.5


def test_score_command_and_a_key_beside_the_lines_is_refused(tmp_path, capsys):
    (tmp_path / "key").mkdir()
    key = tmp_path / "key" / "key.json"
    key.write_text(json.dumps({"lines": KEY}), encoding="utf-8")
    ratings = tmp_path / "ratings.csv"
    _write(ratings, [[i, "3", "4", ""] for i in KEY])
    assert main(["score", "--ratings", str(ratings), "--key", str(key), "--resamples", "200"]) == 0
    assert "as the reference): pass" in capsys.readouterr().out  # equal means: at least as publishable
    code = main(["make", "--lines", str(tmp_path / "lines.csv"), "--key", str(tmp_path / "key.json")])
    assert code == 2
    assert "put the key in another folder" in capsys.readouterr().err
