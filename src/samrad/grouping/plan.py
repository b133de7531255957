"""plan_event: every round of an event, in order; plan_round: one round given the earlier ones."""

from __future__ import annotations

import random
import time
from collections.abc import Mapping, Sequence

from .errors import GroupingError, Issue
from .messages import DEFAULT_LANG
from .model import EventPlan, Group, Notice, Person, Report, RoundResult, RoundSpec
from .report import BlockOutcome, find_unmet, round_report
from .rules.same_area import Block, Placement, area_blocks
from .rules.tiers import build_problem
from .sizes import group_sizes
from .solver import SolverSettings, solve_block
from .validate import check_people, check_rounds, participants


def plan_event(
    people: Sequence[Person],
    rounds: Sequence[RoundSpec],
    *,
    seed: int = 0,
    time_limit: float = 10.0,
    area_neighbours: Mapping[str, str] | None = None,
    num_workers: int = 2,
    lang: str = DEFAULT_LANG,
) -> EventPlan:
    """Groups for every round. time_limit (seconds) is for the whole event, shared by the rounds that
    need solving in proportion to their size. Same input and seed give the same groups."""
    issues = check_people(people) + check_rounds(people, rounds)
    if time_limit <= 0:
        issues.append(Issue("bad_time_limit", {"value": time_limit}))
    if issues:
        raise GroupingError(issues, lang)
    deadline = time.monotonic() + time_limit
    to_solve = [participants(people, s)[0] for s in rounds if s.rule != "keep_previous"]
    total = sum(len(p) for p in to_solve) or 1
    results: list[RoundResult] = []
    for spec in rounds:
        share = 0.0 if spec.rule == "keep_previous" else len(participants(people, spec)[0]) / total
        results.append(
            _plan_round(people, spec, results, seed, time_limit * share, deadline, area_neighbours or {}, num_workers)
        )
    return EventPlan(tuple(results), tuple(people), seed)


def plan_round(
    people: Sequence[Person],
    spec: RoundSpec,
    *,
    earlier: Sequence[RoundResult] = (),
    seed: int = 0,
    time_limit: float = 10.0,
    area_neighbours: Mapping[str, str] | None = None,
    num_workers: int = 2,
    lang: str = DEFAULT_LANG,
) -> RoundResult:
    """One round, avoiding repeat meetings from `earlier` (which also holds the round a keep refers to)."""
    issues = check_people(people) + check_rounds(people, [r.spec for r in earlier] + [spec])
    issues = [i for i in issues if i.params.get("round") == spec.number or "round" not in i.params]
    if time_limit <= 0:
        issues.append(Issue("bad_time_limit", {"value": time_limit}))
    if issues:
        raise GroupingError(issues, lang)
    return _plan_round(
        people,
        spec,
        list(earlier),
        seed,
        time_limit,
        time.monotonic() + time_limit,
        area_neighbours or {},
        num_workers,
    )


def _plan_round(
    people: Sequence[Person],
    spec: RoundSpec,
    earlier: list[RoundResult],
    seed: int,
    time_limit: float,
    deadline: float,
    neighbours: Mapping[str, str],
    num_workers: int,
) -> RoundResult:
    started = time.monotonic()
    inside, outside = participants(people, spec)
    not_taking_part = tuple(p.id for p in outside)
    extra: list[Notice] = []
    if outside:
        extra.append(
            Notice(
                "not_taking_part",
                {"count": len(outside), "areas": ", ".join(spec.areas or ())},
                not_taking_part,
            )
        )
    if spec.rule == "keep_previous":
        source = next(r for r in earlier if r.spec.number == spec.keep_round)
        kept = Notice("kept_groups", {"keep": source.spec.number})
        report = Report(status="kept", notices=(kept, *extra))
        return RoundResult(spec, source.groups, report, not_taking_part)

    rng = random.Random(f"{seed}:{spec.number}")
    if spec.rule == "same_area":
        blocks, placements = area_blocks(inside, spec.min_size, spec.max_size, neighbours, rng)
    else:
        blocks, placements = ([Block("", None, list(range(len(inside))))] if inside else []), []
    earlier_groups = [list(r.groups) for r in earlier if r.spec.rule != "keep_previous"]
    rules = spec.soft_rules()

    groups: list[tuple[str | None, list[str]]] = []
    outcomes: list[BlockOutcome] = []
    kinds: list[str] = []
    for block in blocks:
        members = [inside[i] for i in block.members]
        problem = build_problem(members, group_sizes(len(members), spec.min_size, spec.max_size), rules, earlier_groups)
        kinds = [t.kind for t in problem.tiers]
        settings = SolverSettings(
            seed=random.Random(f"{seed}:{spec.number}:{block.key}").getrandbits(31),
            time_limit=max(time_limit, 0.0),
            num_workers=num_workers,
            deadline=deadline,
        )
        solution = solve_block(problem, settings, budget_share=len(members) / max(1, len(inside)))
        outcomes.append(
            BlockOutcome(
                solution.values,
                solution.bounds,
                problem.ranges,
                solution.optimal,
                solution.method,
                solution.wall_clock_stop,
                solution.cpsat_failed,
            )
        )
        # Canonical order: members in input order, groups by their first member.
        block_groups = sorted((sorted(block.members[i] for i in g) for g in solution.groups), key=lambda g: g[0])
        groups.extend((block.area, [inside[i].id for i in g]) for g in block_groups)

    final = tuple(Group(n, tuple(members), area) for n, (area, members) in enumerate(groups, start=1))
    by_id = {p.id: p for p in people}
    unmet = find_unmet(final, by_id, rules, earlier_groups)
    notices = _placement_notices(placements, inside, final, spec) + extra
    report = round_report(rules, kinds, outcomes, unmet, notices, time.monotonic() - started)
    return RoundResult(spec, final, report, not_taking_part)


def _placement_notices(
    placements: Sequence[Placement], inside: Sequence[Person], groups: Sequence[Group], spec: RoundSpec
) -> list[Notice]:
    group_of = {m: g for g in groups for m in g.members}
    notices = []
    joint: dict[str, list[Placement]] = {}
    for pl in placements:
        person = inside[pl.person]
        reason = "alone" if pl.count == 1 else "split"
        params: dict[str, str | int] = {
            "name": person.label,
            "person": person.id,
            "area": pl.origin,
            "host": pl.host,
            "group": group_of[person.id].number,
            "count": pl.count,
            "min": spec.min_size,
            "max": spec.max_size,
        }
        if pl.kind == "small_areas":
            joint.setdefault(pl.host, []).append(pl)
            continue
        code = "joined_shared" if pl.kind == "shared" else f"joined_{pl.kind}_{reason}"
        notices.append(Notice(code, params, (person.id,)))
    for host, pls in joint.items():
        ids = tuple(inside[pl.person].id for pl in pls)
        names = [inside[pl.person].label for pl in pls]
        areas = sorted({pl.origin for pl in pls})
        notices.append(
            Notice("joined_small_areas", {"names": tuple(names), "areas": ", ".join(areas), "host": host}, ids)
        )
    return notices
