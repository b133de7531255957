"""Compare predicted themes with gold labels: adjusted Rand index, NMI, share left in the rest.

Each statement is scored with its record's gold label; the rest counts as one more cluster (so
sending hard cases to the rest is not free), and its share is reported beside the scores.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

REST_LABEL = "__rest__"


@dataclass
class Scores:
    ari: float
    nmi: float
    rest_share: float
    n: int  # statements compared
    missing: int  # statements whose record has no gold label
    themes: int

    def to_dict(self) -> dict[str, Any]:
        return {"ari": round(self.ari, 4), "nmi": round(self.nmi, 4), "rest_share": round(self.rest_share, 4),
                "n": self.n, "missing": self.missing, "themes": self.themes}


def predicted_labels(result: Mapping[str, Any]) -> dict[str, str]:
    """statement id → theme id (or the rest label) from a result document."""
    return {s["id"]: (s["theme_id"] or REST_LABEL) for s in result["statements"]}


def score(result: Mapping[str, Any], gold: Mapping[str, str]) -> Scores:
    """``gold``: record id → label."""
    y_true, y_pred = [], []
    missing = 0
    for s in result["statements"]:
        g = gold.get(s["record_id"])
        if g is None:
            missing += 1
            continue
        y_true.append(g)
        y_pred.append(s["theme_id"] or REST_LABEL)
    if not y_true:
        return Scores(ari=0.0, nmi=0.0, rest_share=0.0, n=0, missing=missing, themes=0)
    return Scores(
        ari=float(adjusted_rand_score(y_true, y_pred)),
        nmi=float(normalized_mutual_info_score(y_true, y_pred)),
        rest_share=sum(1 for p in y_pred if p == REST_LABEL) / len(y_pred),
        n=len(y_true), missing=missing, themes=len({p for p in y_pred if p != REST_LABEL}),
    )
