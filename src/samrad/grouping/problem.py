"""A block: people (0..n-1) to be put into groups of fixed sizes, scored by lexicographic soft rules.

Every round is reduced to one or more blocks (a same-area round: one per area; a mixed round: one).
Soft rules come in two kinds:

* distinct (areas, municipalities, roles, any attribute): maximise, over all groups, the number of
  different known values in the group. People whose value is unknown neither help nor collide.
* pairs (new people): minimise the number of pairs in a group who already shared a group in an earlier
  round ("cliques" are those earlier groups).

Lexicographic weights: tier t gets weight W_t = prod over later tiers u of (R_u + 1), where R_u is the
largest possible value of tier u (people with a known value for a distinct tier; all earlier pairs for
the pairs tier). So one unit of an earlier tier outweighs every later tier together: the weighted sum
orders solutions exactly lexicographically. The pairs tier enters the sum as R - pairs (pairs avoided)
so the objective is a non-negative maximisation and a relative gap makes sense.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["distinct", "pairs"]


@dataclass
class Tier:
    rule: str
    kind: Kind
    codes: list[int] = field(default_factory=list)  # distinct: category of each person, -1 unknown
    names: list[str] = field(default_factory=list)  # distinct: category names by code
    cliques: list[tuple[int, ...]] = field(default_factory=list)  # pairs: earlier groups of each person

    n_cats: int = 0

    def __post_init__(self) -> None:
        self.n_cats = len(self.names)

    def range(self) -> int:
        """Largest possible value of this tier (R in the module docstring)."""
        if self.kind == "distinct":
            return sum(1 for c in self.codes if c >= 0)
        members = Counter(k for ks in self.cliques for k in ks)
        return sum(c * (c - 1) // 2 for c in members.values())


@dataclass
class Problem:
    sizes: list[int]
    tiers: list[Tier]
    n: int = 0
    weights: list[int] = field(default_factory=list)
    ranges: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.n = sum(self.sizes)
        for t in self.tiers:
            length = len(t.codes) if t.kind == "distinct" else len(t.cliques)
            if length != self.n:
                raise ValueError(f"tier {t.rule}: {length} entries for {self.n} people")
        self.ranges = [t.range() for t in self.tiers]
        weights = []
        w = 1
        for r in reversed(self.ranges):
            weights.append(w)
            w *= r + 1
        self.weights = weights[::-1]

    # --- values -----------------------------------------------------------------------------------
    def tier_values(self, groups: list[list[int]]) -> list[int]:
        """Raw values: distinct -> number of distinct known values summed over groups; pairs -> pairs."""
        values = []
        for t in self.tiers:
            total = 0
            for members in groups:
                if t.kind == "distinct":
                    total += len({t.codes[i] for i in members if t.codes[i] >= 0})
                else:
                    counts = Counter(k for i in members for k in t.cliques[i])
                    total += sum(c * (c - 1) // 2 for c in counts.values())
            values.append(total)
        return values

    def objective(self, values: list[int]) -> int:
        return sum(w * self._gain(i, v) for i, (w, v) in enumerate(zip(self.weights, values, strict=True)))

    def _gain(self, i: int, value: int) -> int:
        return value if self.tiers[i].kind == "distinct" else self.ranges[i] - value

    # --- bounds -----------------------------------------------------------------------------------
    def tier_bounds(self) -> list[int]:
        """Each tier's best possible value on its own, ignoring the others (valid, often tight).

        distinct: a max-flow bound (see distinct_bound); pairs: 0 (nothing better is claimed).
        """
        out = []
        for t in self.tiers:
            if t.kind == "distinct":
                counts = Counter(c for c in t.codes if c >= 0)
                out.append(distinct_bound(list(counts.values()), self.sizes))
            else:
                out.append(0)
        return out

    def bound(self) -> int:
        return self.objective(self.tier_bounds())


def distinct_bound(counts: list[int], sizes: list[int]) -> int:
    """Most (group, value) pairs possible: value c can reach at most counts[c] groups, group g holds at
    most sizes[g] values. That is a max flow source->value (cap count)->group (cap 1)->sink (cap size);
    for this complete bipartite graph the min cut has a closed form over "keep the j largest values and
    the k largest groups": sum(counts beyond j) + j*k + sum(sizes beyond k). Exact for one tier alone.
    """
    n = sorted(counts, reverse=True)
    s = sorted(sizes, reverse=True)
    tail_n = [0] * (len(n) + 1)
    for j in range(len(n) - 1, -1, -1):
        tail_n[j] = tail_n[j + 1] + n[j]
    tail_s = [0] * (len(s) + 1)
    for k in range(len(s) - 1, -1, -1):
        tail_s[k] = tail_s[k + 1] + s[k]
    best = tail_n[0]
    for j in range(len(n) + 1):
        for k in range(len(s) + 1):
            cut = tail_n[j] + j * k + tail_s[k]
            if cut < best:
                best = cut
    return best


def subproblem(problem: Problem, members: list[int], sizes: list[int]) -> Problem:
    """The same tiers restricted to `members` (local index = position in `members`)."""
    tiers = []
    for t in problem.tiers:
        if t.kind == "distinct":
            tiers.append(Tier(t.rule, "distinct", codes=[t.codes[i] for i in members], names=t.names))
        else:
            tiers.append(Tier(t.rule, "pairs", cliques=[t.cliques[i] for i in members]))
    return Problem(list(sizes), tiers)


def groups_from_assignment(assign: list[int], n_groups: int) -> list[list[int]]:
    groups: list[list[int]] = [[] for _ in range(n_groups)]
    for i, g in enumerate(assign):
        groups[g].append(i)
    return groups
