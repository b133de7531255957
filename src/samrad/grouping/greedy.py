"""Fast start: deal people into groups like cards, then improve by swapping pairs.

Used as the CP-SAT hint and as the fallback. Pure Python, deterministic for a given random.Random.

Dealing: sort people so that each tier's values come in runs (most common value first), then deal them
round-robin over the groups. A value held by k people then lands in min(k, groups) different groups,
which already maximises the first tier in most cases.

Swapping: pick a person who collides with someone in their group on some tier, pick anyone else, swap if
the weighted objective does not get worse (sideways moves let the search cross plateaus). Group sizes
never change. Stops at the iteration budget or when the objective reaches the bound.
"""

from __future__ import annotations

import random
from collections import Counter

from .problem import Problem

# Stop swapping after this many epochs in a row without a gain.
STAGNANT_EPOCHS = 2


def deal(problem: Problem, rng: random.Random) -> list[int]:
    """Assignment person -> group index, sizes exactly problem.sizes."""
    keys: list[list[int]] = [[] for _ in range(problem.n)]
    for t in problem.tiers:
        if t.kind == "distinct":
            freq = Counter(t.codes)
            rank = {c: r for r, (c, _) in enumerate(sorted(freq.items(), key=lambda kv: (-kv[1], kv[0])))}
            for i, c in enumerate(t.codes):
                keys[i].append(rank[c] if c >= 0 else len(rank))
        else:
            for i, ks in enumerate(t.cliques):
                keys[i].append(min(ks) if ks else -1)
    tiebreak = list(range(problem.n))
    rng.shuffle(tiebreak)
    order = sorted(range(problem.n), key=lambda i: (keys[i], tiebreak[i]))

    n_groups = len(problem.sizes)
    room = list(problem.sizes)
    assign = [0] * problem.n
    g = 0
    for i in order:
        while room[g] == 0:
            g = (g + 1) % n_groups
        assign[i] = g
        room[g] -= 1
        g = (g + 1) % n_groups
    return assign


class SwapSearch:
    """Incremental tier counts per group, so a swap is scored in O(tiers) instead of O(group)."""

    def __init__(self, problem: Problem, assign: list[int]) -> None:
        self.p = problem
        self.assign = list(assign)
        n_groups = len(problem.sizes)
        self.distinct = [(ti, t) for ti, t in enumerate(problem.tiers) if t.kind == "distinct"]
        self.pairs = [(ti, t) for ti, t in enumerate(problem.tiers) if t.kind == "pairs"]
        # counts[ti][g * n_cats + c]
        self.counts: dict[int, list[int]] = {}
        for ti, t in self.distinct:
            cnt = [0] * (n_groups * max(t.n_cats, 1))
            for i, c in enumerate(t.codes):
                if c >= 0:
                    cnt[self.assign[i] * t.n_cats + c] += 1
            self.counts[ti] = cnt
        self.clique_counts: dict[int, list[dict[int, int]]] = {}
        for ti, t in self.pairs:
            per_group: list[dict[int, int]] = [{} for _ in range(n_groups)]
            for i, ks in enumerate(t.cliques):
                d = per_group[self.assign[i]]
                for k in ks:
                    d[k] = d.get(k, 0) + 1
            self.clique_counts[ti] = per_group
        self.values = problem.tier_values(self.groups())
        self.score = problem.objective(self.values)
        # Flat views for the hot loops (attribute lookups dominate pure-Python swap scoring).
        w = problem.weights
        self._d = [(ti, t.codes, t.n_cats, self.counts[ti], w[ti]) for ti, t in self.distinct]
        self._p = [(ti, t.cliques, self.clique_counts[ti], w[ti]) for ti, t in self.pairs]
        self._n_tiers = len(problem.tiers)

    def groups(self) -> list[list[int]]:
        out: list[list[int]] = [[] for _ in self.p.sizes]
        for i, g in enumerate(self.assign):
            out[g].append(i)
        return out

    def collides(self, i: int) -> bool:
        g = self.assign[i]
        for _, codes, n_cats, cnt, _ in self._d:
            c = codes[i]
            if c >= 0 and cnt[g * n_cats + c] > 1:
                return True
        for _, cliques, per_group, _ in self._p:
            d = per_group[g]
            for k in cliques[i]:
                if d[k] > 1:
                    return True
        return False

    def colliders(self) -> list[int]:
        """Everyone who shares a value, or an earlier group, with someone in their group."""
        flags = [False] * self.p.n
        assign = self.assign
        for _, codes, n_cats, cnt, _ in self._d:
            for i, (g, c) in enumerate(zip(assign, codes, strict=True)):
                if c >= 0 and cnt[g * n_cats + c] > 1:
                    flags[i] = True
        for _, cliques, per_group, _ in self._p:
            for i, (g, ks) in enumerate(zip(assign, cliques, strict=True)):
                if ks and not flags[i]:
                    d = per_group[g]
                    flags[i] = any(d[k] > 1 for k in ks)
        return [i for i, f in enumerate(flags) if f]

    def delta(self, i: int, j: int) -> tuple[int, list[int]]:
        """Weighted objective change and per-tier raw value changes if i and j swap groups."""
        g1, g2 = self.assign[i], self.assign[j]
        total = 0
        changes = [0] * self._n_tiers
        for ti, codes, n_cats, cnt, weight in self._d:
            a, b = codes[i], codes[j]
            if a == b:
                continue
            base1, base2 = g1 * n_cats, g2 * n_cats
            d = 0
            if a >= 0:
                d += (cnt[base2 + a] == 0) - (cnt[base1 + a] == 1)
            if b >= 0:
                d += (cnt[base1 + b] == 0) - (cnt[base2 + b] == 1)
            if d:
                changes[ti] = d
                total += weight * d
        for ti, cliques, per_group, weight in self._p:
            ci, cj = cliques[i], cliques[j]
            if not ci and not cj:
                continue
            d1, d2 = per_group[g1], per_group[g2]
            d = 0
            for k in ci:
                if k not in cj:  # i takes k from g1 to g2
                    d += d2.get(k, 0) - (d1[k] - 1)
            for k in cj:
                if k not in ci:
                    d += d1.get(k, 0) - (d2[k] - 1)
            if d:
                changes[ti] = d
                total -= weight * d  # more pairs is worse
        return total, changes

    def swap(self, i: int, j: int, d: int, changes: list[int]) -> None:
        g1, g2 = self.assign[i], self.assign[j]
        for _, codes, n_cats, cnt, _ in self._d:
            a, b = codes[i], codes[j]
            if a == b:
                continue
            if a >= 0:
                cnt[g1 * n_cats + a] -= 1
                cnt[g2 * n_cats + a] += 1
            if b >= 0:
                cnt[g2 * n_cats + b] -= 1
                cnt[g1 * n_cats + b] += 1
        for _, cliques, per_group, _ in self._p:
            d1, d2 = per_group[g1], per_group[g2]
            for k in cliques[i]:
                d1[k] -= 1
                d2[k] = d2.get(k, 0) + 1
            for k in cliques[j]:
                d2[k] -= 1
                d1[k] = d1.get(k, 0) + 1
        self.assign[i], self.assign[j] = g2, g1
        self.score += d
        for ti, c in enumerate(changes):
            self.values[ti] += c

    def group_values(self, g: int) -> list[int]:
        """Raw tier values of group g, read off the counts."""
        out = []
        for ti, t in enumerate(self.p.tiers):
            if t.kind == "distinct":
                cnt = self.counts[ti]
                base = g * t.n_cats
                out.append(sum(1 for c in range(t.n_cats) if cnt[base + c]))
            else:
                d = self.clique_counts[ti][g]
                out.append(sum(c * (c - 1) // 2 for c in d.values()))
        return out

    def reassign(self, moves: dict[int, int]) -> None:
        """Apply many moves at once (person -> new group); the caller keeps group sizes intact."""
        touched = sorted({self.assign[i] for i in moves} | set(moves.values()))
        before = [self.group_values(g) for g in touched]
        for i, new in moves.items():
            old = self.assign[i]
            if old == new:
                continue
            for ti, t in self.distinct:
                c = t.codes[i]
                if c >= 0:
                    self.counts[ti][old * t.n_cats + c] -= 1
                    self.counts[ti][new * t.n_cats + c] += 1
            for ti, t in self.pairs:
                d_old, d_new = self.clique_counts[ti][old], self.clique_counts[ti][new]
                for k in t.cliques[i]:
                    d_old[k] -= 1
                    d_new[k] = d_new.get(k, 0) + 1
            self.assign[i] = new
        after = [self.group_values(g) for g in touched]
        for b, a in zip(before, after, strict=True):
            for ti in range(len(self.values)):
                self.values[ti] += a[ti] - b[ti]
        self.score = self.p.objective(self.values)

    def run(self, rng: random.Random, iterations: int, target: int | None = None) -> int:
        """Swap until `iterations` candidate moves were drawn or the score reaches `target`.

        Works in epochs: list who collides, then draw the first person of a swap from that list (the
        only people whose move can help) and the second half the time from it too (a swap of two
        colliders often fixes both), half the time from everyone (to reach groups with room).
        """
        n = self.p.n
        if n < 2 or len(self.p.sizes) < 2 or not self.p.tiers:
            return 0
        done = 0
        used = 0
        idle = 0
        rand = rng.random
        assign = self.assign
        while used < iterations and idle < STAGNANT_EPOCHS:
            if target is not None and self.score >= target:
                break
            start_score = self.score
            colliders = self.colliders()
            used += n // 8 + 1  # the scan costs about that many draws
            if not colliders:
                break
            m = len(colliders)
            epoch = min(iterations - used, 16 * m + 64)
            used += epoch
            for _ in range(epoch):
                i = colliders[int(rand() * m)]
                if not self.collides(i):
                    continue
                j = colliders[int(rand() * m)] if rand() < 0.5 else int(rand() * n)
                if assign[i] == assign[j]:
                    continue
                d, changes = self.delta(i, j)
                if d >= 0:
                    self.swap(i, j, d, changes)
                    done += 1
                    if target is not None and d > 0 and self.score >= target:
                        break
            # Epochs without any gain: what is left needs exchanges of more than two people, which
            # the CP-SAT neighbourhoods find far more cheaply than more random draws.
            idle = idle + 1 if self.score == start_score else 0
        return done


def greedy_assignment(problem: Problem, rng: random.Random, iterations: int, target: int | None = None) -> SwapSearch:
    search = SwapSearch(problem, deal(problem, rng))
    search.run(rng, iterations, target)
    return search
