"""The redactor against a test set of Swedish consultation answers and facilitator notes (issue 11, item 4).

Every planted person name, e-mail address, phone number, personnummer and street address must be removed
(100 %), and at least 98 % of the ordinary words (every word outside a planted span) must be kept. The set is
`data/redaction_set.jsonl`: one sentence per line with the planted spans to remove and, for reading, the
protected names in it that must survive ("keep").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from samrad.synthesis.redact import Redactor

SET = Path(__file__).parent / "data" / "redaction_set.jsonl"
KINDS = {"namn", "e-post", "telefon", "personnummer", "adress"}
WORD = re.compile(r"[^\W_]+")
KEEP_WORDS = 0.98  # share of ordinary words that must survive
KEEP_NAMES = 0.98  # share of protected names (places, institutions, works, figures) that must survive


def load() -> list[dict]:
    return [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class Score:
    planted: int = 0
    ordinary: int = 0
    protected: int = 0
    leaks: list[str] = field(default_factory=list)  # planted items not (fully) removed
    lost: list[str] = field(default_factory=list)  # ordinary words that were masked
    lost_names: list[str] = field(default_factory=list)  # protected names that did not survive

    def report(self) -> str:
        return (
            f"planted removed {self.planted - len(self.leaks)}/{self.planted}, "
            f"ordinary words kept {self.ordinary - len(self.lost)}/{self.ordinary}, "
            f"protected names kept {self.protected - len(self.lost_names)}/{self.protected}\n"
            + "".join(f"  LEAK  {x}\n" for x in self.leaks)
            + "".join(f"  LOST  {x}\n" for x in self.lost)
            + "".join(f"  NAME  {x}\n" for x in self.lost_names)
        )


def score(records: list[dict], redactor: Redactor) -> Score:
    s = Score()
    for rec in records:
        text = rec["text"]
        _, found = redactor.redact(text)
        masked = bytearray(len(text))
        for r in found:
            masked[r.start : r.end] = b"\x01" * (r.end - r.start)
        planted = bytearray(len(text))
        for item in rec["remove"]:
            s.planted += 1
            start, end = item["start"], item["end"]
            planted[start:end] = b"\x01" * (end - start)
            # Removed: every letter and digit of the planted item is inside a redaction.
            if not all(masked[i] for i in range(start, end) if text[i].isalnum()):
                s.leaks.append(f"#{rec['id']} {item['kind']} {item['text']!r}: {text}")
        for m in WORD.finditer(text):
            if any(planted[m.start() : m.end()]):
                continue
            s.ordinary += 1
            if any(masked[m.start() : m.end()]):
                s.lost.append(f"#{rec['id']} {m.group(0)!r}: {text}")
        for name in rec.get("keep", []):
            s.protected += 1
            pos = text.find(name)
            if pos < 0 or any(masked[pos : pos + len(name)]):
                s.lost_names.append(f"#{rec['id']} {name!r}: {text}")
    return s


def test_the_set_is_well_formed():
    records = load()
    assert len(records) >= 150
    kinds = {item["kind"] for rec in records for item in rec["remove"]}
    assert kinds == KINDS
    for rec in records:
        for item in rec["remove"]:
            assert rec["text"][item["start"] : item["end"]] == item["text"], rec
        for name in rec.get("keep", []):
            assert name in rec["text"], rec


def test_every_planted_item_is_removed_and_ordinary_words_survive():
    s = score(load(), Redactor())
    print(s.report())
    assert not s.leaks, s.report()
    assert s.ordinary - len(s.lost) >= KEEP_WORDS * s.ordinary, s.report()
    assert s.protected - len(s.lost_names) >= KEEP_NAMES * s.protected, s.report()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_is_found_as_that_kind(kind):
    """A planted phone number is reported as "telefon", not as a personnummer."""
    for rec in load():
        _, found = Redactor().redact(rec["text"])
        for item in rec["remove"]:
            if item["kind"] != kind:
                continue
            kinds = {r.kind for r in found if r.start < item["end"] and item["start"] < r.end}
            assert kinds == {kind}, (rec["text"], item, kinds)
