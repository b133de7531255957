"""Turn a round's soft rules into problem tiers for a block of people."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import AREAS, NEW_PEOPLE, Group, Person
from ..problem import Problem, Tier


def build_problem(
    people: Sequence[Person], sizes: list[int], priorities: Sequence[str], earlier: Sequence[Sequence[Group]]
) -> Problem:
    """earlier: the groups of each earlier round of the event (kept rounds left out: they repeat)."""
    tiers = []
    for rule in priorities:
        if rule == NEW_PEOPLE:
            tiers.append(Tier(NEW_PEOPLE, "pairs", cliques=_cliques(people, earlier)))
        else:
            values = [p.attribute("area" if rule == AREAS else rule) for p in people]
            names = sorted({v for v in values if v is not None})
            index = {v: c for c, v in enumerate(names)}
            codes = [index[v] if v is not None else -1 for v in values]
            tiers.append(Tier(rule, "distinct", codes=codes, names=names))
    return Problem(list(sizes), tiers)


def _cliques(people: Sequence[Person], earlier: Sequence[Sequence[Group]]) -> list[tuple[int, ...]]:
    """Per person, ids of the earlier groups they were in (only groups with another person here)."""
    here = {p.id for p in people}
    ids: dict[str, list[int]] = {p.id: [] for p in people}
    clique = 0
    for groups in earlier:
        for g in groups:
            present = [m for m in g.members if m in here]
            if len(present) > 1:
                for m in present:
                    ids[m].append(clique)
            clique += 1
    return [tuple(ids[p.id]) for p in people]
