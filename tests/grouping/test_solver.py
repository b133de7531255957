"""The CP-SAT paths (whole block, neighbourhoods) and determinism: same input and seed, same groups."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from samrad.grouping import EventPlan, RoundSpec, plan_event
from samrad.grouping import solver as solver_module
from samrad.grouping.greedy import SwapSearch, deal
from samrad.grouping.rules.tiers import build_problem
from samrad.grouping.samples import NEIGHBOURS, sample_people
from samrad.grouping.sizes import group_sizes
from samrad.grouping.solver import SolverSettings, solve_block

ROUNDS = [RoundSpec(1, "same_area"), RoundSpec(2, "mixed"), RoundSpec(3, "keep_previous", keep_round=2)]


def groups_of(plan: EventPlan) -> list[list[tuple[str, ...]]]:
    return [[g.members for g in r.groups] for r in plan.rounds]


@pytest.fixture
def no_swaps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start CP-SAT from the bare deal so that it has work to do."""
    monkeypatch.setattr(solver_module, "SWAP_DRAWS_PER_PERSON", 0)
    monkeypatch.setattr(solver_module, "SWAP_DRAWS_BASE", 0)


def mixed_problem(n: int, seed: int = 1):  # type: ignore[no-untyped-def]
    people = sample_people(n, seed)
    return build_problem(people, group_sizes(n, 2, 4), ("areas", "municipality", "role"), [])


@pytest.mark.usefixtures("no_swaps")
def test_cpsat_on_the_whole_block_improves_the_deal_and_reaches_the_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(solver_module, "_neighbourhoods", lambda *args: False)
    problem = mixed_problem(24)
    dealt = SwapSearch(problem, deal(problem, __import__("random").Random(0)))
    solution = solve_block(problem, SolverSettings(seed=1, time_limit=250))
    assert solution.method == "deal + swaps + CP-SAT"
    assert solution.objective > dealt.score
    assert solution.optimal and solution.objective == problem.bound()
    assert sorted(len(g) for g in solution.groups) == sorted(problem.sizes)


@pytest.mark.usefixtures("no_swaps")
def test_cpsat_neighbourhoods_improve_large_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(solver_module, "FULL_MODEL_MAX_PEOPLE", 10)
    problem = mixed_problem(80)
    dealt = SwapSearch(problem, deal(problem, __import__("random").Random(0)))
    solution = solve_block(problem, SolverSettings(seed=1, time_limit=125))
    assert solution.method == "deal + swaps + CP-SAT neighbourhoods"
    assert solution.objective > dealt.score
    assert problem.tier_values(solution.groups) == solution.values
    assert sorted(len(g) for g in solution.groups) == sorted(problem.sizes)
    assert sorted(i for g in solution.groups for i in g) == list(range(80))


@pytest.fixture(autouse=True)
def deterministic_budget_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """A small deterministic budget under a wall-clock limit no loaded CI machine reaches: what these
    tests check is the deterministic path (a wall-clock stop is reported, and may differ by design)."""
    monkeypatch.setattr(solver_module, "DET_PER_SECOND", 0.01)


def no_wall_clock_stop(plan: EventPlan) -> EventPlan:
    assert not [n for r in plan.rounds for n in r.report.notices if n.code == "wall_clock_stop"]
    return plan


def test_same_input_and_seed_give_the_same_groups() -> None:
    people = sample_people(120, 4)
    a = no_wall_clock_stop(plan_event(people, ROUNDS, seed=7, time_limit=60, area_neighbours=NEIGHBOURS))
    b = no_wall_clock_stop(plan_event(people, ROUNDS, seed=7, time_limit=60, area_neighbours=NEIGHBOURS))
    assert groups_of(a) == groups_of(b)
    others = [plan_event(people, ROUNDS, seed=s, time_limit=60, area_neighbours=NEIGHBOURS) for s in (8, 9)]
    # the seed does matter: the problem has many optimal groupings
    assert any(groups_of(o) != groups_of(a) for o in others)


@pytest.mark.usefixtures("no_swaps")
@pytest.mark.parametrize("full_model_limit", [1000, 10])
def test_cpsat_paths_are_deterministic(monkeypatch: pytest.MonkeyPatch, full_model_limit: int) -> None:
    monkeypatch.setattr(solver_module, "FULL_MODEL_MAX_PEOPLE", full_model_limit)
    people = sample_people(60, 5)
    runs = [groups_of(no_wall_clock_stop(plan_event(people, ROUNDS, seed=3, time_limit=60))) for _ in range(2)]
    assert runs[0] == runs[1]


_SCRIPT = """
import json
from samrad.grouping import RoundSpec, plan_event, solver
from samrad.grouping.samples import NEIGHBOURS, sample_people
solver.DET_PER_SECOND = 0.01
rounds = [RoundSpec(1, "same_area"), RoundSpec(2, "mixed"), RoundSpec(3, "keep_previous", keep_round=2)]
plan = plan_event(sample_people(150, 2), rounds, seed=11, time_limit=60, area_neighbours=NEIGHBOURS)
print(json.dumps([[list(g.members) for g in r.groups] for r in plan.rounds]))
"""


def test_same_groups_in_another_process_with_another_hash_seed() -> None:
    """String hashing differs between processes; nothing may depend on set or dict-of-str order."""
    plan = plan_event(sample_people(150, 2), ROUNDS, seed=11, time_limit=60, area_neighbours=NEIGHBOURS)
    expected = [[list(g.members) for g in r.groups] for r in plan.rounds]
    src = str(Path(solver_module.__file__).resolve().parents[2])
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": src}
        out = subprocess.run([sys.executable, "-c", _SCRIPT], env=env, capture_output=True, text=True, check=True)
        assert json.loads(out.stdout) == expected


@pytest.mark.usefixtures("no_swaps")
def test_a_wall_clock_stop_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    problem = mixed_problem(150)
    settings = SolverSettings(seed=1, time_limit=3000, deadline=time.monotonic() + 0.2)
    solution = solve_block(problem, settings)
    assert solution.wall_clock_stop
    assert sorted(len(g) for g in solution.groups) == sorted(problem.sizes)
