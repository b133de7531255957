"""The swap search's incremental bookkeeping agrees with scoring from scratch."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from samrad.grouping.greedy import SwapSearch, deal
from samrad.grouping.problem import Problem, Tier
from samrad.grouping.sizes import group_sizes


def random_problem(rng: random.Random, n: int) -> Problem:
    return Problem(
        group_sizes(n, 2, 4),
        [
            Tier("areas", "distinct", codes=[rng.randrange(4) for _ in range(n)], names=list("abcd")),
            Tier(
                "new_people",
                "pairs",
                cliques=[tuple(rng.sample(range(4), rng.randrange(3))) for _ in range(n)],
            ),
            Tier("role", "distinct", codes=[rng.randrange(4) - 1 for _ in range(n)], names=list("xyz")),
        ],
    )


@settings(max_examples=60, deadline=None)
@given(st.integers(4, 30), st.integers(0, 2**32 - 1))
def test_swap_delta_and_reassign_match_a_fresh_score(n: int, seed: int) -> None:
    rng = random.Random(seed)
    problem = random_problem(rng, n)
    search = SwapSearch(problem, deal(problem, rng))
    for _ in range(20):
        i, j = rng.randrange(n), rng.randrange(n)
        if search.assign[i] == search.assign[j]:
            continue
        before = search.score
        d, changes = search.delta(i, j)
        search.swap(i, j, d, changes)
        fresh = problem.tier_values(search.groups())
        assert search.values == fresh
        assert search.score == problem.objective(fresh) == before + d
    # many people moved at once, sizes kept (a rotation of three groups' first members)
    groups = search.groups()
    if len(groups) >= 3:
        a, b, c = groups[0][0], groups[1][0], groups[2][0]
        search.reassign({a: 1, b: 2, c: 0})
        assert search.values == problem.tier_values(search.groups())
        assert search.score == problem.objective(search.values)


@settings(max_examples=30, deadline=None)
@given(st.integers(4, 40), st.integers(0, 2**32 - 1))
def test_swaps_never_lower_the_score_or_change_sizes(n: int, seed: int) -> None:
    rng = random.Random(seed)
    problem = random_problem(rng, n)
    search = SwapSearch(problem, deal(problem, rng))
    start = search.score
    search.run(rng, 2000)
    assert search.score >= start
    assert sorted(len(g) for g in search.groups()) == sorted(problem.sizes)
    assert search.score <= problem.bound()
