"""Bench data: the Pol.is conversations from shared/ (never copied into the project).

Data: Pol.is open data, CC BY 4.0, The Computational Democracy Project (compdemocracy.org/polis);
https://compdemocracy.org/case-studies/2022-Austria-Klimarat and
https://compdemocracy.org/case-studies/2018-kentucky
"""

from __future__ import annotations

import csv
import os
import random
from pathlib import Path

POLIS = Path(os.environ.get("SAMRAD_SHARED_DIR", "/work/shared")) / "data" / "polis"


def austria() -> list[tuple[str, str, str]]:
    """(id, text, topic folder) for the five Austrian climate-council conversations, file order."""
    out = []
    for folder in sorted(POLIS.glob("austria-climate.*")):
        with (folder / "comments.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                out.append(
                    (f"{folder.name.split('.')[1]}:{row['comment-id']}", row["comment-body"], folder.name)
                )
    return out


def culture_plan() -> list[tuple[str, str, str]]:
    """(id, text, area) for the 87 bullet points of the eight culture-area blocks in the Örebro region's
    published culture-plan dialogue summary (each block opens with "Utmaningar"; the area = block number).
    """
    path = POLIS.parent.parent / "reference" / "region-orebro-kulturplan-dialoger-2022.txt"
    out: list[tuple[str, str, str]] = []
    area = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if s == "Utmaningar":
            area += 1
        elif area and s == "Resultat":  # the sections after the culture areas
            break
        elif area and s.startswith("•"):
            out.append((str(len(out)), s.lstrip("• ").strip(), str(area)))
    return out


def bowling_green() -> list[tuple[str, str, str]]:
    folder = POLIS / "american-assembly.bowling-green"
    with (folder / "comments.csv").open(encoding="utf-8") as f:
        return [(row["comment-id"], row["comment-body"], row["author-id"]) for row in csv.DictReader(f)]


def scaled(n: int, seed: int = 0) -> list[tuple[str, str, str]]:
    """``n`` statements resampled from the Austrian comments with light perturbation.

    Each copy drops ~15 % of its words and swaps one adjacent pair, so copies are similar but rarely
    identical (the near-duplicate stage collapses only the closest ones, as it would in real data).
    """
    base = austria()
    rng = random.Random(seed)
    rng.shuffle(base)  # every size mixes all five topics
    out = []
    for i in range(n):
        _rid, text, topic = base[i] if i < len(base) else rng.choice(base)
        if i >= len(base):
            words = text.split()
            kept = [w for w in words if rng.random() > 0.15] or words[:1]
            if len(kept) > 3:
                j = rng.randrange(len(kept) - 1)
                kept[j], kept[j + 1] = kept[j + 1], kept[j]
            text = " ".join(kept)
        out.append((f"s{i}", text, topic))
    return out
