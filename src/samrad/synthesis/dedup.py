"""Collapse exact and near-duplicate statements (campaign answers, copy-paste), keeping the count.

A campaign that sends the same sentence 300 times must be visible as one statement with 300 behind it,
not as the biggest theme. Exact copies are found by a normalised key; near copies (a word changed,
reordered, inflected) by MinHash over the statement's terms, verified with the real Jaccard similarity.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .model import DuplicateSet, Statement
from .segment import SectionWork

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
    """Find duplicates among statements of one section (area × question).

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
    num_perm: int = 48
    bands: int = 16
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
            uniq = sorted(set(terms[i]))  # sorted: set order depends on the process's hash seed
            ids = np.fromiter((vocab.setdefault(t, len(vocab) + 1) for t in uniq), dtype=np.uint64)
            # Universal hashing mod a Mersenne prime; ids and coefficients are < 2**31 so nothing overflows.
            sig = ((a[:, None] * ids[None, :] + b[:, None]) % np.uint64(_PRIME)).min(axis=1)
            for band in range(self.bands):
                key = sig[band * rows : (band + 1) * rows].tobytes()
                buckets[band].setdefault(key, []).append(i)
        pairs: set[tuple[int, int]] = set()
        for table in buckets:
            for members in table.values():
                if len(members) < 2:
                    continue
                # A huge bucket means many near-identical texts: linking each to its predecessor suffices.
                if len(members) > 40:
                    pairs.update(itertools.pairwise(members))
                    continue
                for x in range(len(members)):
                    for y in range(x + 1, len(members)):
                        pairs.add((members[x], members[y]))
        return pairs


@dataclass
class Deduplicated:
    """Per section: the distinct statements kept (indices into the run's statements) and their weights."""

    kept: list[list[int]]
    weights: list[np.ndarray]  # 1 + collapsed copies, per kept statement
    members_of: dict[int, list[int]]  # kept statement → the statements collapsed into it
    duplicates: list[DuplicateSet]

    def with_duplicates(self, section: int, positions: Sequence[int] | np.ndarray) -> list[int]:
        """Statement indices of the kept statements at ``positions`` of a section, with their copies."""
        out = []
        for j in positions:
            i = self.kept[section][int(j)]
            out.append(i)
            out.extend(self.members_of.get(i, []))
        return sorted(out)


@dataclass
class DeduplicateStage:
    """Collapse copies within each area × question (not across: the same words answer different questions)."""

    deduplicator: Deduplicator = field(default_factory=Deduplicator)

    def run(self, statements: list[Statement], sections: Sequence[SectionWork]) -> Deduplicated:
        out = Deduplicated(kept=[], weights=[], members_of={}, duplicates=[])
        for work in sections:
            idx = work.statements
            dr = self.deduplicator.fit([statements[i].text for i in idx], [statements[i].terms for i in idx])
            kept = [idx[j] for j in range(len(idx)) if dr.rep[j] == j]
            out.kept.append(kept)
            for rep, coll in dr.sets.items():
                collapsed = [idx[c] for c in coll]
                out.members_of[idx[rep]] = collapsed
                for m in collapsed:
                    statements[m].duplicate_of = statements[idx[rep]].id
                kinds = {dr.kind[c] for c in coll}
                out.duplicates.append(
                    DuplicateSet(
                        statement_id=statements[idx[rep]].id,
                        member_ids=[statements[m].id for m in collapsed],
                        kind="exact" if kinds == {"exact"} else "near",
                    )
                )
            out.weights.append(np.array([1 + len(out.members_of.get(i, [])) for i in kept], dtype=float))
        return out
