"""Check the input before forming any group; every problem found becomes an Issue (all at once)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .errors import Issue
from .model import AREAS, NEW_PEOPLE, RULES, Person, RoundSpec
from .sizes import splittable

BUILTIN_PRIORITIES = {AREAS, NEW_PEOPLE, "municipality", "role"}


def check_people(people: Sequence[Person]) -> list[Issue]:
    issues = []
    for index, p in enumerate(people, start=1):
        if not str(p.id).strip():
            issues.append(Issue("empty_person_id", {"index": index}))
    counts = Counter(p.id for p in people)
    for pid, count in sorted(counts.items()):
        if count > 1 and str(pid).strip():
            issues.append(Issue("duplicate_person", {"person": pid, "count": count}))
    return issues


def participants(people: Sequence[Person], spec: RoundSpec) -> tuple[list[Person], list[Person]]:
    """(taking part, not taking part) for a round limited to some areas."""
    if spec.areas is None:
        return list(people), []
    wanted = set(spec.areas)
    inside = [p for p in people if p.area in wanted]
    outside = [p for p in people if p.area not in wanted]
    return inside, outside


def check_rounds(people: Sequence[Person], rounds: Sequence[RoundSpec]) -> list[Issue]:
    issues: list[Issue] = []
    seen: dict[int, RoundSpec] = {}
    attrs = {k for p in people for k in p.attrs}
    for spec in rounds:
        r = spec.number
        if r in seen:
            issues.append(Issue("duplicate_round", {"round": r}))
        if spec.rule not in RULES:
            issues.append(Issue("unknown_rule", {"round": r, "rule": spec.rule}))
            seen[r] = spec
            continue
        if spec.rule == "keep_previous":
            issues.extend(_check_keep(people, spec, seen))
            seen[r] = spec
            continue
        if spec.keep_round is not None:
            issues.append(Issue("keep_round_not_keep", {"round": r, "keep": spec.keep_round, "rule": spec.rule}))
        bounds_ok = True
        if spec.min_size < 1:
            issues.append(Issue("min_below_one", {"round": r, "min": spec.min_size}))
            bounds_ok = False
        if spec.min_size > spec.max_size:
            issues.append(Issue("min_above_max", {"round": r, "min": spec.min_size, "max": spec.max_size}))
            bounds_ok = False
        for rule in spec.soft_rules():
            if rule not in BUILTIN_PRIORITIES and rule not in attrs:
                issues.append(Issue("unknown_priority", {"round": r, "rule": rule}))
        inside, _ = participants(people, spec)
        if spec.rule == "same_area":
            for p in inside:
                if not p.area:
                    issues.append(Issue("missing_area", {"round": r, "person": p.id, "name": p.label}))
        if bounds_ok and not splittable(len(inside), spec.min_size, spec.max_size):
            issues.append(
                Issue(
                    "cannot_split",
                    {"round": r, "count": len(inside), "min": spec.min_size, "max": spec.max_size},
                )
            )
        seen[r] = spec
    return issues


def _check_keep(people: Sequence[Person], spec: RoundSpec, earlier: dict[int, RoundSpec]) -> list[Issue]:
    r = spec.number
    if spec.keep_round is None:
        return [Issue("keep_round_missing", {"round": r})]
    source = earlier.get(spec.keep_round)
    if source is None or spec.keep_round == r:
        return [Issue("unknown_keep_round", {"round": r, "keep": spec.keep_round})]
    mine = {p.id for p in participants(people, spec)[0]}
    theirs = {p.id for p in participants(people, source)[0]}
    if mine != theirs:
        diff = sorted(mine ^ theirs)
        names = ", ".join(diff[:5]) + (" …" if len(diff) > 5 else "")
        return [Issue("keep_other_people", {"round": r, "keep": spec.keep_round, "names": names})]
    return []
