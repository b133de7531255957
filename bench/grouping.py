"""Benchmark of the grouping engine against two baselines, run by hand (never a timed test):

    .venv/bin/python bench/grouping.py                      # 100, 1,000, 10,000 participants, seed 1
    .venv/bin/python bench/grouping.py --sizes 100 --seeds 1 2 3 --markdown

Population: samrad.grouping.samples (nine culture areas skewed 30/20/15/12/10/5/4/3 % plus one person in
Litteratur, twelve municipalities weighted to Örebro, five role categories). Event: the Örebro format,
round 1 same area, round 2 mixed, round 3 keeps round 2, groups of 2-4
(--mixed-rounds K for K mixed rounds, --sizes-bounds for other group sizes).

Methods, all on the same blocks (areas, neighbour joins) and the same group sizes, scored by the same
objective and bound as the engine's reports:

* engine: samrad.grouping.plan_event with the given time limit (whole event, wall clock measured);
* random: a random permutation into the groups;
* groupeng: a rule-by-rule swap heuristic of the GroupEng / GroupSelect kind: start random; for each
  soft rule in priority order, for every group where two members share a value, try swaps with members
  of other groups (up to PARTNERS random groups) that fix it without making any higher-priority rule
  worse in either group; a few passes.

"rule gap" is the worst relative shortfall of a "different X" rule against its bound; "again" is the
number of pairs who meet for a second time (bound 0).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from samrad.grouping import Group, RoundSpec, plan_event
from samrad.grouping.problem import Problem
from samrad.grouping.report import lexicographic_weights
from samrad.grouping.rules.same_area import Block, area_blocks
from samrad.grouping.rules.tiers import build_problem
from samrad.grouping.samples import NEIGHBOURS, sample_people
from samrad.grouping.sizes import group_sizes

PARTNERS = 40
PASSES = 3


@dataclass
class Row:
    n: int
    seed: int
    round: str
    method: str
    seconds: float
    cpu: float
    status: str
    objective: int
    bound: int
    values: list[int]
    bounds: list[int]
    rules: list[str]

    @property
    def gap(self) -> float:
        return (self.bound - self.objective) / self.bound if self.bound else 0.0

    @property
    def rule_gap(self) -> float:
        gaps = [
            (b - v) / b
            for r, v, b in zip(self.rules, self.values, self.bounds, strict=True)
            if r != "new_people" and b
        ]
        return max(gaps, default=0.0)

    @property
    def again(self) -> int:
        return sum(v for r, v in zip(self.rules, self.values, strict=True) if r == "new_people")


def score(problems: list[Problem], groups: list[list[list[int]]]) -> tuple[int, int, list[int], list[int]]:
    """Round objective and bound with round-level lexicographic weights, as report.round_report."""
    kinds = [t.kind for t in problems[0].tiers]
    values = [0] * len(kinds)
    bounds = [0] * len(kinds)
    ranges = [0] * len(kinds)
    for problem, gs in zip(problems, groups, strict=True):
        for t, (v, b, r) in enumerate(
            zip(problem.tier_values(gs), problem.tier_bounds(), problem.ranges, strict=True)
        ):
            values[t] += v
            bounds[t] += b
            ranges[t] += r
    weights = lexicographic_weights(ranges)

    def weighted(vs: list[int]) -> int:
        return sum(
            w * (v if k == "distinct" else r - v)
            for w, v, r, k in zip(weights, vs, ranges, kinds, strict=True)
        )

    return weighted(values), weighted(bounds), values, bounds


def random_groups(problem: Problem, rng: random.Random) -> list[list[int]]:
    order = list(range(problem.n))
    rng.shuffle(order)
    out, start = [], 0
    for size in problem.sizes:
        out.append(order[start : start + size])
        start += size
    return out


def groupeng(problem: Problem, rng: random.Random) -> list[list[int]]:
    """Rule-by-rule repair by swaps, the way GroupEng balances its rules in priority order."""
    groups = random_groups(problem, rng)
    for t, tier in enumerate(problem.tiers):
        for _ in range(PASSES):
            improved = False
            for a in range(len(groups)):
                best_possible = len(groups[a]) if tier.kind == "distinct" else 0
                if _rule_value(problem, t, groups[a]) >= best_possible:
                    continue
                improved |= _swap_into(problem, groups, a, t, rng)
            if not improved:
                break
    return groups


def _rule_value(problem: Problem, t: int, members: list[int]) -> int:
    tier = problem.tiers[t]
    if tier.kind == "distinct":
        return len({tier.codes[i] for i in members if tier.codes[i] >= 0})
    counts = Counter(k for i in members for k in tier.cliques[i])
    return -sum(c * (c - 1) // 2 for c in counts.values())


def _improves(problem: Problem, t: int, before: tuple[list[int], ...], after: tuple[list[int], ...]) -> bool:
    """Rule t gets better and no rule before it gets worse."""
    for u in range(t):
        if sum(_rule_value(problem, u, g) for g in after) < sum(_rule_value(problem, u, g) for g in before):
            return False
    return sum(_rule_value(problem, t, g) for g in after) > sum(_rule_value(problem, t, g) for g in before)


def _swap_into(problem: Problem, groups: list[list[int]], a: int, t: int, rng: random.Random) -> bool:
    """The first swap between group a and one of up to PARTNERS random groups that improves rule t."""
    n_groups = len(groups)
    for b in rng.sample(range(n_groups), min(PARTNERS, n_groups)):
        if b == a:
            continue
        ga, gb = groups[a], groups[b]
        for i in range(len(ga)):
            for j in range(len(gb)):
                na, nb = list(ga), list(gb)
                na[i], nb[j] = gb[j], ga[i]
                if _improves(problem, t, (ga, gb), (na, nb)):
                    groups[a], groups[b] = na, nb
                    return True
    return False


def baseline_round(
    people, spec: RoundSpec, earlier: list[list[Group]], method: str, seed: int, n: int
) -> Row:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    started, cpu_started = time.perf_counter(), time.process_time()
    if spec.rule == "same_area":
        blocks, _ = area_blocks(people, spec.min_size, spec.max_size, NEIGHBOURS, random.Random(seed))
    else:
        blocks = [Block("", None, list(range(len(people))))]
    problems, all_groups = [], []
    round_groups: list[Group] = []
    for block in blocks:
        members = [people[i] for i in block.members]
        problem = build_problem(
            members, group_sizes(len(members), spec.min_size, spec.max_size), spec.soft_rules(), earlier
        )
        gs = random_groups(problem, rng) if method == "random" else groupeng(problem, rng)
        problems.append(problem)
        all_groups.append(gs)
        for g in gs:
            round_groups.append(Group(len(round_groups) + 1, tuple(members[i].id for i in g), block.area))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    objective, bound, values, bounds = score(problems, all_groups)
    earlier.append(round_groups)
    status = "optimal" if objective == bound else "feasible"
    return Row(
        n,
        seed,
        f"{spec.number} {spec.rule}",
        method,
        seconds,
        cpu,
        status,
        objective,
        bound,
        values,
        bounds,
        list(spec.soft_rules()),
    )


def event(mixed_rounds: int, low: int, high: int) -> list[RoundSpec]:
    """Round 1 same area, then `mixed_rounds` mixed rounds, then keep the last mixed round."""
    rounds = [RoundSpec(1, "same_area", low, high)]
    rounds += [RoundSpec(k, "mixed", low, high) for k in range(2, 2 + mixed_rounds)]
    return [*rounds, RoundSpec(2 + mixed_rounds, "keep_previous", keep_round=1 + mixed_rounds)]


def run(
    n: int, seed: int, time_limit: float, baselines: bool, rounds: list[RoundSpec]
) -> tuple[list[Row], tuple[float, float]]:
    people = sample_people(n, seed)
    started, cpu_started = time.perf_counter(), time.process_time()
    plan = plan_event(people, rounds, seed=seed, time_limit=time_limit, area_neighbours=NEIGHBOURS)
    total = (time.perf_counter() - started, time.process_time() - cpu_started)
    rows = []
    for r in plan.rounds[:-1]:
        rep = r.report
        rows.append(
            Row(
                n,
                seed,
                f"{r.spec.number} {r.spec.rule}",
                "engine",
                rep.solve_time,
                float("nan"),
                rep.status,
                rep.objective,
                rep.best_bound,
                [t.value for t in rep.tiers],
                [t.bound for t in rep.tiers],
                [t.rule for t in rep.tiers],
            )
        )
    if baselines:
        for method in ("random", "groupeng"):
            earlier: list[list[Group]] = []
            for spec in rounds[:-1]:
                rows.append(baseline_round(people, spec, earlier, method, seed, n))
    return rows, total


def fmt_rules(row: Row) -> str:
    short = {"areas": "areas", "new_people": "again", "municipality": "munic", "role": "roles"}
    parts = []
    for r, v, b in zip(row.rules, row.values, row.bounds, strict=True):
        parts.append(f"{short.get(r, r)} {v}" if r == "new_people" else f"{short.get(r, r)} {v}/{b}")
    return ", ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1])
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--mixed-rounds", type=int, default=1, help="mixed rounds after the same-area one")
    parser.add_argument("--sizes-bounds", default="2-4", help="group sizes MIN-MAX (default 2-4)")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)

    totals: dict[int, list[tuple[float, float]]] = {}
    rows: list[Row] = []
    for n in args.sizes:
        for seed in args.seeds:
            low, high = (int(x) for x in args.sizes_bounds.split("-"))
            got, total = run(
                n, seed, args.time_limit, not args.no_baselines, event(args.mixed_rounds, low, high)
            )
            rows.extend(got)
            totals.setdefault(n, []).append(total)
            print(
                f"# n={n} seed={seed}: engine whole event {total[0]:.2f} s wall, {total[1]:.2f} s CPU, "
                f"load average {os.getloadavg()[0]:.1f}",
                file=sys.stderr,
            )

    header = [
        "people",
        "seed",
        "round",
        "method",
        "wall s",
        "CPU s",
        "status",
        "gap",
        "rule gap",
        "rules (value/bound)",
    ]
    lines = []
    for r in rows:
        cpu = "–" if r.cpu != r.cpu else f"{r.cpu:.2f}"
        lines.append(
            [
                f"{r.n:,}",
                str(r.seed),
                r.round,
                r.method,
                f"{r.seconds:.2f}",
                cpu,
                r.status,
                f"{r.gap:.2e}",
                f"{r.rule_gap:.2%}",
                fmt_rules(r),
            ]
        )
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for line in lines:
            print("| " + " | ".join(line) + " |")
        print()
        print("| people | seeds | engine, whole event: wall s | CPU s |")
        print("|---|---|---|---|")
        for n, ts in totals.items():
            cells = []
            for values in ([t[0] for t in ts], [t[1] for t in ts]):
                cells.append(
                    f"{min(values):.2f}–{max(values):.2f} (median {statistics.median(values):.2f})"
                    if len(values) > 1
                    else f"{values[0]:.2f}"
                )
            print(f"| {n:,} | {len(ts)} | {cells[0]} | {cells[1]} |")
    else:
        widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(header)]
        print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
        for line in lines:
            print("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
