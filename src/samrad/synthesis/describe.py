"""Describe a theme the way an analyst would: keywords, a headline statement, a few distinct examples.

Keywords come from class-based TF-IDF (terms frequent in this theme and rare in the group's other
themes). The headline is the statement closest to the theme's centre that is readable on its own; the
"Exempelvis:" points are chosen by maximal marginal relevance, so they add something the headline and
each other do not already say.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass
class ThemeDescription:
    keywords: list[str]  # internal terms, best first
    headline: int  # index (into the group's unique statements)
    points: list[int]


def class_tfidf(
    term_lists: Sequence[Sequence[str]],
    weights: np.ndarray,
    labels: np.ndarray,
    k: int,
    top: int = 6,
    max_share: float = 0.3,
) -> list[list[str]]:
    """Top terms per class by c-TF-IDF: tf(term, class) · log(1 + mean class size / tf(term, all)).

    Terms in more than ``max_share`` of all the group's statements ("län", "kultur" in a regional culture
    consultation) describe the consultation, not a theme, and are only used when nothing else is left.
    """
    per_class: list[Counter[str]] = [Counter() for _ in range(k)]
    group_df: Counter[str] = Counter()
    for terms, w, lab in zip(term_lists, weights, labels, strict=True):
        group_df.update(dict.fromkeys(set(terms), float(w)))
        if lab < 0:
            continue
        for t in set(terms):
            per_class[lab][t] += float(w)
    n_total = float(np.sum(weights)) or 1.0
    common = {t for t, v in group_df.items() if v / n_total > max_share} if n_total >= 10 else set()
    total: Counter[str] = Counter()
    for c in per_class:
        total.update(c)
    avg = np.mean([sum(c.values()) for c in per_class]) if per_class else 0.0
    out = []
    for c in per_class:
        size = sum(c.values()) or 1.0
        # A keyword must occur in two statements (or in the only ones there are): no one-off words.
        floor = min(2.0, max(c.values(), default=0.0))
        scored = [((v / size) * np.log1p(avg / total[t]), t) for t, v in c.items() if v >= floor]
        # Sort by score, then alphabetically, so ties never depend on dictionary order.
        scored.sort(key=lambda x: (-x[0], x[1]))
        specific = [t for _, t in scored if t not in common]
        out.append((specific or [t for _, t in scored])[:top])
    return out


def distinct(forms: Sequence[str]) -> list[str]:
    """Drop a keyword contained in one already chosen, or containing it ("samverkan" vs
    "samverkansmodellen", "film" vs "filmområdet"): the label should name different things."""
    chosen: list[str] = []
    for f in forms:
        low = f.lower()
        if any(low in c.lower() or c.lower() in low for c in chosen):
            continue
        chosen.append(f)
    return chosen


@dataclass
class Describer:
    """Parameters
    ----------
    max_points:
        "Exempelvis:" points per theme (besides the headline).
    diversity:
        MMR trade-off: 0 picks only the most central statements, 1 only the most different ones.
    redundancy:
        Statements at least this similar to one already chosen are never chosen.
    """

    max_points: int = 4
    diversity: float = 0.45
    redundancy: float = 0.85
    ideal_chars: tuple[int, int] = (40, 220)

    def describe(
        self,
        V: np.ndarray,
        texts: Sequence[str],
        terms: Sequence[Sequence[str]],
        members: np.ndarray,
        centroid: np.ndarray,
        keywords: list[str],
        penalty: Sequence[float] | None = None,
    ) -> ThemeDescription:
        """``members``: indices of the theme's unique statements in the group arrays."""
        sims = V[members] @ centroid
        kw = set(keywords[:4])
        quality = np.array([self._readability(texts[i], terms[i], kw) for i in members])
        score = sims + 0.15 * quality
        if penalty is not None:
            # Fragments of a longer answer and sentences leaning on earlier ones make poor headlines.
            score = score - 0.2 * np.asarray([penalty[i] for i in members], dtype=float)
        order = np.lexsort((members, -score))  # best score first; index breaks ties
        headline_pos = int(order[0])
        chosen = [headline_pos]
        candidates = [int(p) for p in order[1:] if len(texts[members[p]].split()) >= 3] or [int(p) for p in order[1:]]
        Vm = V[members]
        while len(chosen) < self.max_points + 1 and candidates:
            best, best_val = -1, -np.inf
            chosen_vecs = Vm[chosen]
            for p in candidates:
                red = float(np.max(chosen_vecs @ Vm[p]))
                if red >= self.redundancy:
                    continue
                val = (1 - self.diversity) * score[p] - self.diversity * red
                if val > best_val:
                    best, best_val = p, val
            if best < 0:
                break
            chosen.append(best)
            candidates.remove(best)
        return ThemeDescription(
            keywords=keywords,
            headline=int(members[headline_pos]),
            points=[int(members[p]) for p in chosen[1:]],
        )

    def _readability(self, text: str, terms: Sequence[str], keywords: set[str]) -> float:
        """0–1: readable length, a full clause, and says something about the theme's keywords."""
        n = len(text)
        lo, hi = self.ideal_chars
        length = 1.0 if lo <= n <= hi else max(0.0, 1.0 - (lo - n) / lo) if n < lo else max(0.0, 1 - (n - hi) / hi)
        kw = min(1.0, len(keywords.intersection(terms)) / 2) if keywords else 0.0
        return 0.5 * length + 0.5 * kw
