"""Collapse exact and near-duplicate statements (campaign answers, copy-paste), keeping the count.

A campaign that sends the same sentence 300 times must be visible as one statement with 300 behind it,
not as the biggest theme. Exact copies are found by a normalised key; near copies (a word changed,
reordered, inflected) by MinHash over the statement's terms, verified with the real Jaccard similarity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

_KEY_RE = re.compile(r"[^\w]+", re.U)
_PRIME = (1 << 61) - 1


def exact_key(text: str) -> str:
    return _KEY_RE.sub(" ", text.casefold()).strip()


@dataclass
class DedupResult:
    rep: list[int]  # for each statement, the index of the statement it collapses into (itself if kept)
    kind: list[str]  # "exact" or "near" for collapsed statements, "" for kept ones
    sets: dict[int, list[int]] = field(default_factory=dict)  # kept index → collapsed indices

    @property
    def collapsed(self) -> int:
        return sum(len(v) for v in self.sets.values())


@dataclass
class Deduplicator:
    """Find duplicates among statements of one group.

    Parameters
    ----------
    threshold:
        Jaccard similarity of term sets at or above which two statements are near-duplicates.
    min_terms:
        Statements with fewer terms are only collapsed when exactly equal ("Mer pengar" twice is two
        people saying the same short thing, but "mer pengar kultur" vs "mer pengar idrott" is not a copy).
    num_perm, bands:
        MinHash signature length and LSH bands (rows per band = num_perm // bands).
    """

    threshold: float = 0.7
    min_terms: int = 5
    num_perm: int = 32
    bands: int = 8
    random_state: int = 0

    def fit(self, texts: Sequence[str], terms: Sequence[Sequence[str]]) -> DedupResult:
        n = len(texts)
        parent = list(range(n))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def union(i: int, j: int) -> None:
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)  # the earliest statement stays the representative

        # Exact copies.
        first: dict[str, int] = {}
        for i, t in enumerate(texts):
            k = exact_key(t)
            if k in first:
                union(first[k], i)
            else:
                first[k] = i
        exact_root = [find(i) for i in range(n)]

        # Near copies among the distinct texts with enough terms.
        candidates = [i for i in sorted(set(first.values())) if len(set(terms[i])) >= self.min_terms]
        if self.threshold < 1.0 and len(candidates) > 1:
            for i, j in self._candidate_pairs(candidates, terms):
                a, b = set(terms[i]), set(terms[j])
                if len(a & b) / len(a | b) >= self.threshold:
                    union(i, j)

        rep = [find(i) for i in range(n)]
        kind = ["" if rep[i] == i else ("exact" if exact_root[i] == rep[i] else "near") for i in range(n)]
        sets: dict[int, list[int]] = {}
        for i in range(n):
            if rep[i] != i:
                sets.setdefault(rep[i], []).append(i)
        return DedupResult(rep=rep, kind=kind, sets=sets)

    def _candidate_pairs(self, idx: list[int], terms: Sequence[Sequence[str]]) -> set[tuple[int, int]]:
        vocab: dict[str, int] = {}
        rng = np.random.default_rng(self.random_state)
        a = rng.integers(1, 1 << 31, size=self.num_perm, dtype=np.uint64)
        b = rng.integers(0, 1 << 31, size=self.num_perm, dtype=np.uint64)
        rows = self.num_perm // self.bands
        buckets: list[dict[bytes, list[int]]] = [{} for _ in range(self.bands)]
        for i in idx:
            ids = np.fromiter((vocab.setdefault(t, len(vocab) + 1) for t in set(terms[i])), dtype=np.uint64)
            # Universal hashing mod a Mersenne prime; ids and coefficients are < 2**31 so nothing overflows.
            sig = ((a[:, None] * ids[None, :] + b[:, None]) % np.uint64(_PRIME)).min(axis=1)
            for band in range(self.bands):
                key = sig[band * rows:(band + 1) * rows].tobytes()
                buckets[band].setdefault(key, []).append(i)
        pairs: set[tuple[int, int]] = set()
        for band in buckets:
            for members in band.values():
                if len(members) < 2:
                    continue
                # A huge bucket means many near-identical texts: linking each to its predecessor suffices.
                if len(members) > 40:
                    pairs.update(zip(members, members[1:], strict=False))
                    continue
                for x in range(len(members)):
                    for y in range(x + 1, len(members)):
                        pairs.add((members[x], members[y]))
        return pairs
