"""Runs on the real Pol.is data when it is there (CC BY 4.0, The Computational Democracy Project)."""

import csv
import os
from pathlib import Path

import pytest

from samrad.synthesis import Params, Record, synthesise
from samrad.synthesis.evaluate import score
from samrad.synthesis.validate import validate

POLIS = Path(os.environ.get("SAMRAD_SHARED_DIR", "/work/shared")) / "data" / "polis"


def _load(folder: str, limit: int) -> list[dict[str, str]]:
    path = POLIS / folder / "comments.csv"
    if not path.exists():
        pytest.skip(f"{path} not available")
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))[:limit]


def test_austrian_mix_beats_chance():
    folders = sorted(p.name for p in POLIS.glob("austria-climate.*")) if POLIS.exists() else []
    if len(folders) < 2:
        pytest.skip("Austrian Pol.is data not available")
    recs, gold = [], {}
    for f in folders:
        for r in _load(f, 120):
            rid = f"{f}:{r['comment-id']}"
            recs.append(Record(id=rid, text=r["comment-body"]))
            gold[rid] = f
    res = synthesise(recs, Params(backend="tfidf", lang="de"))
    doc = res.to_dict()
    assert validate(doc) == []
    s = score(doc, gold)
    assert s.nmi > 0.05, s
    assert s.rest_share <= 0.25


def test_bowling_green_english():
    rows = _load("american-assembly.bowling-green", 400)
    res = synthesise(
        [Record(id=r["comment-id"], text=r["comment-body"], author=r["author-id"]) for r in rows],
        Params(backend="tfidf", lang="auto"),
    )
    assert res.languages.get("en", 0) > 0.9 * res.counts["statements"]
    g = res.sections[0]
    assert len(g.themes) >= 5
    assert g.quotes
    assert validate(res.to_dict()) == []
