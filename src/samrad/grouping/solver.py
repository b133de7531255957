"""Solve a block: greedy start, then OR-Tools CP-SAT on the whole block or on neighbourhoods of it.

What the reported bound means. For each soft rule on its own we compute the best value any grouping
with these group sizes can reach (problem.tier_bounds: an exact max-flow value for "different X"; 0 for
"pairs who meet again"). Their weighted sum is an upper bound on the weighted objective; when a
solution reaches it, every rule is at its own optimum and the solution is optimal, full stop. When CP-SAT
solves the whole block, its own proven bound is used too (the smaller wins). Neighbourhood runs on large
blocks prove nothing globally, so there the bound is the per-rule one alone.

Order of work: deal and swap (greedy.py); if the bound is not reached, CP-SAT on neighbourhoods of a
few groups (large-neighbourhood search: small models that solve to optimality in milliseconds and find
the multi-person exchanges swaps miss); for blocks of up to FULL_MODEL_MAX_PEOPLE, finally one model of
the whole block, which can prove optimality when the per-rule bounds cannot be reached together.

Why not one big CP-SAT model from the start: a person x group boolean model of 100 people has ~2,500
booleans and a weak LP bound (measured: bound 2.07e6 for an optimum of 9.37e5 after 5 s). The per-rule
bounds above are exact per rule and, on realistic data, usually reached by the swap search in
milliseconds, which leaves CP-SAT the part where it is good: closing the last gap on a few groups.

Determinism: the swap search uses a seeded random.Random; CP-SAT runs with a fixed seed, a deterministic
time budget (max_deterministic_time) and, with more than one worker, interleave_search, which CP-SAT
documents as deterministic. The wall-clock limit is only a safety net; if it fires, the report says so.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .greedy import SwapSearch, deal
from .problem import Problem, subproblem

# Swap-search draws: per person plus a constant (deterministic effort, not time).
SWAP_DRAWS_PER_PERSON = 40
SWAP_DRAWS_BASE = 1000
# Blocks up to this many people get one CP-SAT model over everything; larger ones get neighbourhoods.
FULL_MODEL_MAX_PEOPLE = 160
# Groups per neighbourhood in large blocks (half with collisions, half drawn at random), CP-SAT
# deterministic time per neighbourhood, budget charged per drawn neighbourhood, and draws without
# potential before the neighbourhoods grow. Small neighbourhoods solve to optimality in milliseconds;
# measured on 10,000 people, 4 groups found improvements the swap search could not, 16 groups stalled.
NEIGHBOURHOOD_GROUPS = 4
NEIGHBOURHOOD_DET_TIME = 0.1
DRAW_COST = 0.0005
MAX_MISSES = 3000
SEED_REFRESH = 10
# CP-SAT deterministic time units granted per wall-clock second of the caller's time limit.
DET_PER_SECOND = 0.25


@dataclass
class SolverSettings:
    seed: int = 0
    time_limit: float = 10.0
    num_workers: int = 2
    deadline: float | None = None  # time.monotonic() value after which nothing new is started

    def remaining(self) -> float:
        if self.deadline is None:
            return self.time_limit
        return max(0.0, self.deadline - time.monotonic())


@dataclass
class BlockSolution:
    groups: list[list[int]]
    values: list[int]
    bounds: list[int]
    objective: int
    best_bound: int
    optimal: bool
    method: str
    wall_clock_stop: bool = False
    cpsat_failed: bool = False


def solve_block(problem: Problem, settings: SolverSettings, budget_share: float = 1.0) -> BlockSolution:
    """Best grouping of one block. budget_share: this block's fraction of the round's time limit."""
    bounds = problem.tier_bounds()
    bound = problem.objective(bounds)
    rng = random.Random(settings.seed)
    search = SwapSearch(problem, deal(problem, rng))
    search.run(rng, SWAP_DRAWS_PER_PERSON * problem.n + SWAP_DRAWS_BASE, target=bound)
    method = "deal + swaps"
    best_bound = bound
    optimal = search.score >= bound
    wall = False
    failed = False
    det_budget = DET_PER_SECOND * settings.time_limit * budget_share
    small = problem.n <= FULL_MODEL_MAX_PEOPLE
    if not optimal and len(problem.sizes) > 1 and det_budget > 0:
        # Neighbourhoods first: cheap, and they find the multi-person exchanges swaps miss. Small blocks
        # keep half the budget for one model of everything, which can also prove optimality.
        if len(problem.sizes) > 2 * NEIGHBOURHOOD_GROUPS:  # else a neighbourhood is nearly everything
            wall = _neighbourhoods(problem, search, settings, det_budget / 2 if small else det_budget, bound, rng)
            optimal = search.score >= bound
            method = "deal + swaps + CP-SAT neighbourhoods"
        if not optimal and small and not wall:
            result = _cpsat(problem, search.assign, settings, det_budget / 2, symmetry=True)
            wall = result.wall_clock_stop
            failed = result.assign is None
            if result.assign is not None and result.objective > search.score:
                search = SwapSearch(problem, result.assign)
            best_bound = min(bound, result.bound)
            optimal = result.proven or search.score >= best_bound
            method += " + CP-SAT"
    return BlockSolution(
        groups=search.groups(),
        values=list(search.values),
        bounds=bounds,
        objective=search.score,
        best_bound=max(best_bound, search.score),
        optimal=optimal,
        method=method,
        wall_clock_stop=wall,
        cpsat_failed=failed,
    )


@dataclass
class _CpResult:
    assign: list[int] | None
    objective: int
    bound: int
    proven: bool
    det_time: float
    wall_clock_stop: bool


def _cpsat(
    problem: Problem,
    hint: list[int],
    settings: SolverSettings,
    det_budget: float,
    workers: int | None = None,
    symmetry: bool = False,
) -> _CpResult:
    """Person x group model of the whole (small) problem, hinted with `hint`, objective >= hint's.

    Groups of equal size are interchangeable, which makes proofs slow: we break that symmetry by
    requiring that, among equal-sized groups, a later group's first member comes after an earlier
    group's first member (and relabel the hint to match).
    """
    n_groups = len(problem.sizes)
    hint = _canonical(hint, problem.sizes) if symmetry else hint
    m = cp_model.CpModel()
    x = [[m.new_bool_var(f"x{i}_{g}") for g in range(n_groups)] for i in range(problem.n)]
    for i in range(problem.n):
        m.add_exactly_one(x[i])
        for g in range(n_groups):
            m.add_hint(x[i][g], hint[i] == g)
    for g, size in enumerate(problem.sizes):
        m.add(sum(x[i][g] for i in range(problem.n)) == size)
    if symmetry:
        _break_symmetry(m, x, hint, problem.sizes)

    objective_terms: list[cp_model.LinearExprT] = []
    constant = 0
    bounds = problem.tier_bounds()
    for ti, t in enumerate(problem.tiers):
        w = problem.weights[ti]
        if t.kind == "distinct":
            tier_terms = _distinct_terms(m, x, n_groups, ti, t.codes, hint)
            m.add(sum(tier_terms) <= bounds[ti])
            objective_terms.append(w * sum(tier_terms))
        else:
            constant += w * problem.ranges[ti]
            tier_terms = _pair_terms(m, x, n_groups, ti, t.cliques, hint)
            if tier_terms:
                objective_terms.append(-w * sum(tier_terms))
    total = sum(objective_terms) + constant
    hint_value = problem.objective(problem.tier_values(_groups(hint, n_groups)))
    m.add(total >= hint_value)
    m.maximize(total)

    solver = cp_model.CpSolver()
    p = solver.parameters
    p.random_seed = settings.seed
    p.num_workers = workers or settings.num_workers
    p.interleave_search = p.num_workers > 1
    p.max_deterministic_time = det_budget
    wall_limit = max(0.05, settings.remaining())
    p.max_time_in_seconds = wall_limit
    status = solver.solve(m)
    det = solver.response_proto.deterministic_time
    # Not proven and the deterministic budget not used up: only the wall clock stops CP-SAT then (it
    # stops a little before the limit, so elapsed time alone is not a reliable sign).
    wall_stop = status != cp_model.OPTIMAL and det < det_budget * 0.95
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _CpResult(None, hint_value, problem.bound(), False, det, wall_stop)
    assign = [next(g for g in range(n_groups) if solver.boolean_value(x[i][g])) for i in range(problem.n)]
    value = problem.objective(problem.tier_values(_groups(assign, n_groups)))
    cp_bound = int(solver.best_objective_bound + 1e-6)
    return _CpResult(assign, value, cp_bound, status == cp_model.OPTIMAL, det, wall_stop)


def _break_symmetry(m: cp_model.CpModel, x: list[list], hint: list[int], sizes: list[int]) -> None:
    """Among equal-sized groups, a later group's first member comes after an earlier group's first member."""
    n, n_groups = len(x), len(sizes)
    # seen[i][g]: someone among persons 0..i is in group g
    seen = [[m.new_bool_var(f"s{i}_{g}") for g in range(n_groups)] for i in range(n)]
    first: dict[int, int] = {}
    for i, g in enumerate(hint):
        first.setdefault(g, i)
    for g in range(n_groups):
        for i in range(n):
            m.add_hint(seen[i][g], first.get(g, n) <= i)
            before = seen[i - 1][g] if i else None
            m.add_implication(x[i][g], seen[i][g])
            if before is None:
                m.add(seen[i][g] <= x[i][g])
            else:
                m.add_implication(before, seen[i][g])
                m.add(seen[i][g] <= before + x[i][g])
            if g and sizes[g] == sizes[g - 1]:
                if before is None:
                    m.add(x[i][g] == 0)
                else:
                    m.add_implication(x[i][g], seen[i - 1][g - 1])


def _distinct_terms(m: cp_model.CpModel, x: list[list], n_groups: int, ti: int, codes, hint: list[int]) -> list:
    """A "different X" tier: one indicator per group and value present in it (a lone holder is its own)."""
    holders: dict[int, list[int]] = {}
    for i, c in enumerate(codes):
        if c >= 0:
            holders.setdefault(c, []).append(i)
    terms: list[cp_model.LinearExprT] = []
    for g in range(n_groups):
        for c, people in sorted(holders.items()):
            if len(people) == 1:
                terms.append(x[people[0]][g])
                continue
            d = m.new_bool_var(f"d{ti}_{g}_{c}")
            m.add(d <= sum(x[i][g] for i in people))
            m.add_hint(d, any(hint[i] == g for i in people))
            terms.append(d)
    return terms


def _pair_terms(m: cp_model.CpModel, x: list[list], n_groups: int, ti: int, cliques, hint: list[int]) -> list:
    """A "meet again" tier: per group and clique, the pairs of its members placed together (a penalty)."""
    members: dict[int, list[int]] = {}
    for i, ks in enumerate(cliques):
        for k in ks:
            members.setdefault(k, []).append(i)
    terms: list[cp_model.LinearExprT] = []
    for k, people in sorted(members.items()):
        if len(people) < 2:
            continue
        top = len(people) * (len(people) - 1) // 2
        for g in range(n_groups):
            z = sum(x[i][g] for i in people)
            pairs = m.new_int_var(0, top, f"p{ti}_{g}_{k}")
            together = sum(1 for i in people if hint[i] == g)
            m.add_hint(pairs, together * (together - 1) // 2)
            # pairs >= C(z, 2), written as the convex envelope of its integer points
            for j in range(1, len(people)):
                m.add(pairs >= j * z - j * (j + 1) // 2)
            terms.append(pairs)
    return terms


def _neighbourhoods(
    problem: Problem,
    search: SwapSearch,
    settings: SolverSettings,
    det_budget: float,
    bound: int,
    rng: random.Random,
) -> bool:
    """Large-neighbourhood search: re-solve a few groups at a time with CP-SAT until the deterministic
    budget is spent or the bound is reached. Half of each neighbourhood are groups where someone
    collides, half are other groups (which hold what the colliding groups lack). Returns True if the
    wall clock stopped it."""
    n_groups = len(problem.sizes)
    spent = 0.0
    size = NEIGHBOURHOOD_GROUPS
    misses = 0
    groups = search.groups()
    troubled_set = {search.assign[i] for i in search.colliders()}
    troubled = sorted(troubled_set)
    tier_bounds = problem.tier_bounds()
    seeds = _Seeds(problem, search, tier_bounds)
    stale = 0
    while spent < det_budget and search.score < bound and troubled:
        if settings.remaining() <= 0.05:
            return True
        # Draw neighbourhoods until one could improve at all (its own bound above its value); the
        # check is cheap and most draws are already optimal on their own. Draws cost budget too.
        spent += DRAW_COST
        k = min(size, n_groups)
        chosen = set(seeds.draw(rng) if rng.random() < 0.5 else ())
        if not chosen:
            chosen = set(rng.sample(troubled, min(len(troubled), k // 2)))
        while len(chosen) < k:
            chosen.add(rng.randrange(n_groups))
        picked = sorted(chosen)
        members = [i for g in picked for i in groups[g]]
        sub = subproblem(problem, members, [problem.sizes[g] for g in picked])
        local_hint = [picked.index(search.assign[i]) for i in members]
        before = sub.objective(sub.tier_values(_groups(local_hint, len(picked))))
        if sub.bound() <= before:
            misses += 1
            if misses > MAX_MISSES:
                if size >= 2 * NEIGHBOURHOOD_GROUPS:
                    break
                size += 2  # nothing to gain in small neighbourhoods any more: look wider
                misses = 0
            continue
        result = _cpsat(sub, local_hint, settings, NEIGHBOURHOOD_DET_TIME, workers=1)
        spent += result.det_time
        if result.wall_clock_stop:
            return True
        if result.assign is not None and result.objective > before:
            search.reassign({i: picked[result.assign[local]] for local, i in enumerate(members)})
            # Only the picked groups changed: update what depends on them, not the whole block.
            for g in picked:
                groups[g] = []
            for i in members:
                groups[search.assign[i]].append(i)
            for g in picked:
                if any(search.collides(i) for i in groups[g]):
                    troubled_set.add(g)
                else:
                    troubled_set.discard(g)
            troubled = sorted(troubled_set)
            stale += 1
            if stale >= SEED_REFRESH:  # the seeds only guide the draws, so they may be a little old
                seeds = _Seeds(problem, search, tier_bounds)
                stale = 0
            misses = 0
    return False


class _Seeds:
    """Pairs of groups that point at a possible gain in the first soft rule not yet at its bound:
    a group holding two people with value c, where c is in fewer groups than it could be, and a group
    without c. (For the new-people rule: a group with a pair who met before.)"""

    def __init__(self, problem: Problem, search: SwapSearch, bounds: list[int]) -> None:
        self.pairs: list[tuple[list[int], list[int]]] = []
        n_groups = len(problem.sizes)
        for ti, t in enumerate(problem.tiers):
            value = search.values[ti]
            if t.kind == "pairs":
                if value > bounds[ti]:
                    bad = [g for g in range(n_groups) if any(c > 1 for c in search.clique_counts[ti][g].values())]
                    self.pairs.append((bad, list(range(n_groups))))
                    return
                continue
            if value >= bounds[ti]:
                continue
            cnt = search.counts[ti]
            n_cats = t.n_cats
            totals = [0] * n_cats
            for c in t.codes:
                if c >= 0:
                    totals[c] += 1
            for c in range(n_cats):
                holders = [g for g in range(n_groups) if cnt[g * n_cats + c]]
                if len(holders) >= min(totals[c], n_groups):
                    continue
                doubles = [g for g in holders if cnt[g * n_cats + c] > 1]
                lacking = [g for g in range(n_groups) if not cnt[g * n_cats + c]]
                if doubles and lacking:
                    self.pairs.append((doubles, lacking))
            return

    def draw(self, rng: random.Random) -> tuple[int, ...]:
        if not self.pairs:
            return ()
        doubles, lacking = self.pairs[rng.randrange(len(self.pairs))]
        a = doubles[rng.randrange(len(doubles))]
        b = lacking[rng.randrange(len(lacking))]
        return (a, b) if a != b else (a,)


def _canonical(assign: list[int], sizes: list[int]) -> list[int]:
    """Relabel groups so that, within each run of equal sizes, groups come in order of first member."""
    first: dict[int, int] = {}
    for i, g in enumerate(assign):
        first.setdefault(g, i)
    relabel: dict[int, int] = {}
    start = 0
    while start < len(sizes):
        end = start
        while end < len(sizes) and sizes[end] == sizes[start]:
            end += 1
        run = sorted(range(start, end), key=lambda g: first.get(g, len(assign)))
        for new, old in zip(range(start, end), run, strict=True):
            relabel[old] = new
        start = end
    return [relabel[g] for g in assign]


def _groups(assign: list[int], n_groups: int) -> list[list[int]]:
    out: list[list[int]] = [[] for _ in range(n_groups)]
    for i, g in enumerate(assign):
        out[g].append(i)
    return out
