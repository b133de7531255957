"""Plain data in and out of the engine. No behaviour beyond small conveniences."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Rule = Literal["same_area", "mixed", "keep_previous"]
RULES: tuple[str, ...] = ("same_area", "mixed", "keep_previous")

# Soft-rule names, in the default lexicographic order of a round's priorities (rules/tiers.py turns them
# into the solver's tiers).
AREAS = "areas"
NEW_PEOPLE = "new_people"
MUNICIPALITY = "municipality"
ROLE = "role"
DEFAULT_MIXED_PRIORITIES: tuple[str, ...] = (AREAS, NEW_PEOPLE, MUNICIPALITY, ROLE)
DEFAULT_SAME_AREA_PRIORITIES: tuple[str, ...] = (NEW_PEOPLE, MUNICIPALITY, ROLE)


@dataclass(frozen=True)
class Person:
    """A registrant. `attrs` holds extra attributes a round may ask to spread (by name)."""

    id: str
    name: str = ""
    area: str | None = None
    municipality: str | None = None
    role: str | None = None
    email: str | None = None
    attrs: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def label(self) -> str:
        return self.name or self.id

    def attribute(self, name: str) -> str | None:
        if name == "area":
            return self.area
        if name == MUNICIPALITY:
            return self.municipality
        if name == ROLE:
            return self.role
        return self.attrs.get(name)


@dataclass(frozen=True)
class RoundSpec:
    """One round of an event.

    `priorities` orders the soft rules lexicographically: every unit of an earlier rule outweighs any
    amount of the later ones. None means the default for the rule (DEFAULT_*_PRIORITIES).
    `areas` limits the round to registrants of those areas (None: everyone), as the plan's Round.areas.
    """

    number: int
    rule: Rule | str
    min_size: int = 2
    max_size: int = 4
    keep_round: int | None = None
    priorities: tuple[str, ...] | None = None
    areas: tuple[str, ...] | None = None

    def soft_rules(self) -> tuple[str, ...]:
        if self.priorities is not None:
            return self.priorities
        return DEFAULT_SAME_AREA_PRIORITIES if self.rule == "same_area" else DEFAULT_MIXED_PRIORITIES


@dataclass(frozen=True)
class Group:
    """Members are person ids in input order. `area` is the host area of a same-area group."""

    number: int
    members: tuple[str, ...]
    area: str | None = None

    def __len__(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class Notice:
    """Something the facilitator should know; rendered by report.notice_text in Swedish or English."""

    code: str
    params: Mapping[str, str | int | tuple[str, ...]] = field(default_factory=dict, hash=False)
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unmet:
    """A soft rule not met in one group: who is concerned and what they share."""

    rule: str
    group: int
    people: tuple[str, ...]
    value: str = ""


@dataclass(frozen=True)
class TierScore:
    """Value of one soft rule over the whole round, with a proven bound on it.

    sense "max": higher is better (distinct areas, municipalities, roles over all groups).
    sense "min": lower is better (pairs of people who meet again).
    """

    rule: str
    value: int
    bound: int
    sense: Literal["max", "min"] = "max"

    @property
    def met(self) -> bool:
        return self.value == self.bound


Status = Literal["optimal", "feasible", "kept", "empty"]


@dataclass(frozen=True)
class Report:
    """How good a round's groups are and how sure we are.

    objective and best_bound are the lexicographically weighted sum of the tiers (weights in `weights`),
    gap = (best_bound - objective) / best_bound. The bound is an upper bound for the group sizes chosen
    up front; see solver.py for what it does and does not cover.
    """

    status: Status
    objective: int = 0
    best_bound: int = 0
    gap: float = 0.0
    solve_time: float = 0.0
    tiers: tuple[TierScore, ...] = ()
    weights: tuple[int, ...] = ()
    unmet: tuple[Unmet, ...] = ()
    notices: tuple[Notice, ...] = ()
    method: str = ""

    @property
    def worst_rule_gap(self) -> float:
        """Largest relative shortfall of a "different X" rule against its own bound (0 = all reached).

        The weighted gap is dominated by the first rule; this one shows how far the later rules are.
        """
        gaps = [(t.bound - t.value) / t.bound for t in self.tiers if t.sense == "max" and t.bound]
        return max(gaps, default=0.0)


@dataclass(frozen=True)
class RoundResult:
    spec: RoundSpec
    groups: tuple[Group, ...]
    report: Report
    not_taking_part: tuple[str, ...] = ()

    def group_of(self) -> dict[str, int]:
        return {pid: g.number for g in self.groups for pid in g.members}


@dataclass(frozen=True)
class EventPlan:
    rounds: tuple[RoundResult, ...]
    people: tuple[Person, ...]
    seed: int = 0

    def round(self, number: int) -> RoundResult:
        for r in self.rounds:
            if r.spec.number == number:
                return r
        raise KeyError(number)

    def person(self, pid: str) -> Person:
        for p in self.people:
            if p.id == pid:
                return p
        raise KeyError(pid)


@dataclass(frozen=True)
class Move:
    """One change made by rebalance: from_group None = walk-in, to_group None = left (no-show)."""

    person: str
    from_group: int | None
    to_group: int | None
