"""Group sizes fixed up front, and the per-rule bound the reports rely on."""

from __future__ import annotations

import itertools
import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from samrad.grouping.problem import Problem, Tier, distinct_bound
from samrad.grouping.sizes import group_sizes, largest_splittable_below, splittable


@settings(deadline=None)
@given(st.integers(0, 200), st.integers(1, 6), st.integers(0, 4))
def test_sizes_are_within_bounds_even_and_fewest(n: int, low: int, extra: int) -> None:
    high = low + extra
    brute = n == 0 or any(k * low <= n <= k * high for k in range(1, n + 1))
    assert splittable(n, low, high) == brute
    if not brute:
        return
    sizes = group_sizes(n, low, high)
    assert sum(sizes) == n
    assert all(low <= s <= high for s in sizes)
    assert not sizes or max(sizes) - min(sizes) <= 1
    assert len(sizes) == (-(-n // high) if n else 0)


def test_sizes_examples() -> None:
    assert group_sizes(10, 2, 4) == [4, 3, 3]
    assert group_sizes(5, 2, 4) == [3, 2]
    assert not splittable(5, 4, 4)
    assert not splittable(1, 2, 4)
    assert largest_splittable_below(6, 4, 4) == 4
    assert largest_splittable_below(1, 2, 4) == 0


def _max_flow(counts: list[int], sizes: list[int]) -> int:
    """source -> value (cap count) -> group (cap 1) -> sink (cap size), by scipy."""
    nv, ng = len(counts), len(sizes)
    n = 2 + nv + ng
    cap = np.zeros((n, n), dtype=np.int32)
    for v, c in enumerate(counts):
        cap[0, 1 + v] = c
        for g in range(ng):
            cap[1 + v, 1 + nv + g] = 1
    for g, s in enumerate(sizes):
        cap[1 + nv + g, n - 1] = s
    return int(maximum_flow(csr_matrix(cap), 0, n - 1).flow_value)


@settings(deadline=None)
@given(st.lists(st.integers(1, 12), min_size=1, max_size=6), st.lists(st.integers(1, 5), min_size=1, max_size=8))
def test_distinct_bound_is_the_max_flow(counts: list[int], sizes: list[int]) -> None:
    assert distinct_bound(counts, sizes) == _max_flow(counts, sizes)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 9), st.integers(0, 2**32 - 1))
def test_bound_is_never_beaten_and_weights_are_lexicographic(n: int, seed: int) -> None:
    """Enumerate every grouping of a tiny block: no value beats the per-rule bounds, and the weighted
    objective orders groupings exactly as comparing rule values in priority order does."""
    rng = random.Random(seed)
    sizes = group_sizes(n, 2, 3)
    tiers = [
        Tier("areas", "distinct", codes=[rng.randrange(3) for _ in range(n)], names=["a", "b", "c"]),
        Tier(
            "new_people",
            "pairs",
            cliques=[(rng.randrange(2),) if rng.random() < 0.6 else () for _ in range(n)],
        ),
        Tier("role", "distinct", codes=[rng.randrange(3) - 1 for _ in range(n)], names=["x", "y"]),
    ]
    problem = Problem(sizes, tiers)
    bounds = problem.tier_bounds()
    seen = []
    for perm in itertools.islice(itertools.permutations(range(n)), 2000):
        groups, start = [], 0
        for s in sizes:
            groups.append(list(perm[start : start + s]))
            start += s
        values = problem.tier_values(groups)
        assert values[0] <= bounds[0] and values[2] <= bounds[2] and values[1] >= bounds[1]
        key = (values[0], -values[1], values[2])
        seen.append((key, problem.objective(values)))
    for (k1, o1), (k2, o2) in itertools.combinations(seen[:300], 2):
        assert (k1 < k2) == (o1 < o2)
        assert (k1 == k2) == (o1 == o2)
    assert max(o for _, o in seen) <= problem.bound()
