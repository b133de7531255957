"""Build a round's Report from block solutions, and render notices and unmet rules as text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .messages import DEFAULT_LANG, join_names, message
from .model import AREAS, MUNICIPALITY, NEW_PEOPLE, ROLE, Group, Notice, Person, Report, TierScore, Unmet


@dataclass
class BlockOutcome:
    """What plan.py keeps from each block solution, in raw tier values."""

    values: list[int]
    bounds: list[int]
    ranges: list[int]
    optimal: bool
    method: str
    wall_clock_stop: bool = False
    cpsat_failed: bool = False


def lexicographic_weights(ranges: Sequence[int]) -> list[int]:
    """W_t = prod over later tiers u of (R_u + 1), as problem.Problem."""
    weights = []
    w = 1
    for r in reversed(ranges):
        weights.append(w)
        w *= r + 1
    return weights[::-1]


def round_report(
    rules: Sequence[str],
    kinds: Sequence[str],
    outcomes: Sequence[BlockOutcome],
    unmet: Sequence[Unmet],
    notices: Sequence[Notice],
    solve_time: float,
) -> Report:
    if not outcomes:
        return Report(status="empty", solve_time=solve_time, notices=tuple(notices))
    n_tiers = len(rules)
    ranges = [sum(o.ranges[t] for o in outcomes) for t in range(n_tiers)]
    weights = lexicographic_weights(ranges)

    def weighted(values: Sequence[int], rng: Sequence[int]) -> int:
        total = 0
        for t in range(n_tiers):
            gain = values[t] if kinds[t] == "distinct" else rng[t] - values[t]
            total += weights[t] * gain
        return total

    values = [sum(o.values[t] for o in outcomes) for t in range(n_tiers)]
    bounds = [sum(o.bounds[t] for o in outcomes) for t in range(n_tiers)]
    objective = weighted(values, ranges)
    # A block proven optimal contributes its own value to the bound, the others their per-rule bounds.
    best_bound = sum(weighted(o.values if o.optimal else o.bounds, o.ranges) for o in outcomes)
    best_bound = max(best_bound, objective)
    optimal = all(o.optimal for o in outcomes)
    tiers = tuple(
        TierScore(rule, values[t], bounds[t], "max" if kinds[t] == "distinct" else "min")
        for t, rule in enumerate(rules)
    )
    gap = (best_bound - objective) / best_bound if best_bound else 0.0
    methods = sorted({o.method for o in outcomes})
    extra = []
    if any(o.wall_clock_stop for o in outcomes):
        extra.append(Notice("wall_clock_stop"))
    if any(o.cpsat_failed for o in outcomes):
        extra.append(Notice("solver_fallback"))
    return Report(
        status="optimal" if optimal else "feasible",
        objective=objective,
        best_bound=best_bound,
        gap=gap,
        solve_time=solve_time,
        tiers=tiers,
        weights=tuple(weights),
        unmet=tuple(unmet),
        notices=tuple(notices) + tuple(extra),
        method="; ".join(methods),
    )


def find_unmet(
    groups: Sequence[Group],
    people: Mapping[str, Person],
    rules: Sequence[str],
    earlier: Sequence[Sequence[Group]],
) -> list[Unmet]:
    """Per group and soft rule, the people concerned: who share a value, or who met before."""
    met_before: dict[frozenset[str], None] = {}
    for round_groups in earlier:
        for g in round_groups:
            for a_index, a in enumerate(g.members):
                for b in g.members[a_index + 1 :]:
                    met_before[frozenset((a, b))] = None
    out = []
    for g in groups:
        for rule in rules:
            if rule == NEW_PEOPLE:
                for a_index, a in enumerate(g.members):
                    for b in g.members[a_index + 1 :]:
                        if frozenset((a, b)) in met_before:
                            out.append(Unmet(rule, g.number, (a, b)))
                continue
            attr = "area" if rule == AREAS else rule
            values = [people[m].attribute(attr) for m in g.members]
            counts = Counter(v for v in values if v is not None)
            for value, count in sorted(counts.items()):
                if count > 1:
                    who = tuple(m for m, v in zip(g.members, values, strict=True) if v == value)
                    out.append(Unmet(rule, g.number, who, value))
    return out


def notice_text(notice: Notice, lang: str = DEFAULT_LANG) -> str:
    params = {k: join_names(list(v), lang) if isinstance(v, tuple) else v for k, v in notice.params.items()}
    return message(notice.code, lang, params)


_UNMET_CODES = {
    AREAS: "unmet_areas",
    NEW_PEOPLE: "unmet_new_people",
    MUNICIPALITY: "unmet_municipality",
    ROLE: "unmet_role",
}


def unmet_text(unmet: Unmet, people: Mapping[str, Person], lang: str = DEFAULT_LANG) -> str:
    names = join_names([people[p].label if p in people else p for p in unmet.people], lang)
    code = _UNMET_CODES.get(unmet.rule, "unmet_attr")
    return message(code, lang, {"group": unmet.group, "names": names, "value": unmet.value, "rule": unmet.rule})


def report_lines(report: Report, people: Mapping[str, Person], lang: str = DEFAULT_LANG) -> list[str]:
    """Human-readable summary: status, per-rule values against bounds, notices, unmet rules."""
    lines = []
    if report.status in ("optimal", "feasible"):
        lines.append(
            f"{report.status}: objective {report.objective}, bound {report.best_bound}, "
            f"gap {report.gap:.2%}, {report.solve_time:.2f} s ({report.method})"
        )
        for t in report.tiers:
            label = message(f"rule_{t.rule}", lang) if f"rule_{t.rule}" in _RULE_WORDS else t.rule
            lines.append(f"  {label}: {t.value} ({'≤' if t.sense == 'max' else '≥'} {t.bound})")
    lines.extend(notice_text(n, lang) for n in report.notices)
    lines.extend(unmet_text(u, people, lang) for u in report.unmet)
    return lines


_RULE_WORDS = {"rule_areas", "rule_new_people", "rule_municipality", "rule_role"}
