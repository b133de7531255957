"""Late changes: take out no-shows, put in walk-ins, move as few people as possible.

Two steps, per pool of groups a person may join (a same-area round: the groups of one area; otherwise
all groups):

1. Sizes. A small CP-SAT model over group sizes only: final size f_g is 0 (dissolved) or within
   [min, max]; people taken out of a group must move. Lexicographic: fewest moves, then fewest dissolved
   groups, then fewest new groups; then evenness (newcomers fill the smallest groups first).
2. People. Who leaves a group that must shrink: those whose leaving costs the group the least variety
   (an area, municipality or role another member also has). Movers and walk-ins then join the groups
   with room, each where they add the most variety (for a same-area round: municipality and role).

A same-area pool whose people cannot be split within the bounds sends its surplus (walk-ins first, then
people from its smallest groups) to the neighbour area, else to the pool where they fit best, as in the
plan. If the people present cannot be split at all, GroupingError says so.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from .errors import GroupingError, Issue
from .messages import DEFAULT_LANG
from .model import Group, Move, Notice, Person, RoundSpec
from .rebalance_sizes import target_sizes
from .rules.same_area import top_up
from .sizes import largest_splittable_below, splittable

# Groups with room looked at per walk-in or mover when there are many.
CANDIDATES = 200


@dataclass
class Rebalanced:
    """Unpacks as (groups, moves); notices say what else happened (dissolved, new, neighbour joins)."""

    groups: list[Group]
    moves: list[Move]
    notices: list[Notice] = field(default_factory=list)

    def __iter__(self) -> Iterator[object]:
        return iter((self.groups, self.moves))

    @property
    def moved(self) -> list[Move]:
        """Only people already placed who changed group (not walk-ins, not no-shows)."""
        return [m for m in self.moves if m.from_group is not None and m.to_group is not None]


@dataclass(frozen=True)
class _Guest:
    person: str
    origin: str
    host: str
    kind: str
    count: int


@dataclass
class _Pool:
    key: str
    area: str | None
    groups: list[int]  # group numbers
    walk_ins: list[str] = field(default_factory=list)  # ids, including guests sent from other pools


def rebalance(
    existing: Sequence[Group],
    present: Sequence[Person],
    walk_ins: Sequence[Person],
    spec: RoundSpec,
    *,
    area_neighbours: Mapping[str, str] | None = None,
    lang: str = DEFAULT_LANG,
) -> Rebalanced:
    """New groups for a round after late changes. `present`: the registrants who showed up (everyone
    else in `existing` is a no-show); `walk_ins`: people not in any group yet."""
    neighbours = area_neighbours or {}
    people = {p.id: p for p in [*present, *walk_ins]}
    _check(existing, present, walk_ins, spec, lang)
    same_area = spec.rule == "same_area"
    here = {p.id for p in present}
    members = {g.number: [m for m in g.members if m in here] for g in existing}
    areas = {g.number: g.area for g in existing}
    moves = [Move(m, g.number, None) for g in existing for m in g.members if m not in here]

    pools: dict[str, _Pool] = {}
    for g in existing:
        key = (g.area or f"#{g.number}") if same_area else ""
        pools.setdefault(key, _Pool(key, g.area if same_area else None, [])).groups.append(g.number)
    for p in walk_ins:
        key = (p.area or "") if same_area else ""
        pools.setdefault(key, _Pool(key, p.area if same_area else None, [])).walk_ins.append(p.id)

    notices: list[Notice] = []
    evicted: dict[str, int] = {}  # person -> group they were taken out of to go to another pool
    guests: list[_Guest] = []
    if same_area:
        guests = _send_surplus(pools, members, spec, neighbours, evicted)

    next_number = max([g.number for g in existing], default=0) + 1
    for key in sorted(pools):
        next_number = _fill_pool(
            pools[key], members, areas, people, spec, same_area, next_number, moves, evicted, notices
        )

    group_of = {m: n for n, ms in members.items() for m in ms}
    shared = [g for g in guests if g.kind == "small_areas"]
    if shared:
        notices.append(
            Notice(
                "joined_small_areas",
                {
                    "names": tuple(people[g.person].label for g in shared),
                    "areas": ", ".join(sorted({g.origin for g in shared})),
                    "host": shared[0].host,
                },
                tuple(g.person for g in shared),
            )
        )
    for guest in guests:
        if guest.kind == "small_areas":
            continue
        p = people[guest.person]
        code = "joined_shared" if guest.kind == "shared" else f"joined_{guest.kind}_"
        code += "" if guest.kind == "shared" else ("alone" if guest.count == 1 else "split")
        notices.append(
            Notice(
                code,
                {
                    "name": p.label,
                    "person": p.id,
                    "area": guest.origin,
                    "host": guest.host,
                    "group": group_of[p.id],
                    "count": guest.count,
                    "min": spec.min_size,
                    "max": spec.max_size,
                },
                (p.id,),
            )
        )
    for g in existing:
        if not members[g.number]:
            count = sum(1 for m in g.members if m in here)
            notices.append(Notice("rebalance_dissolved", {"group": g.number, "count": count}))
    groups = [Group(n, tuple(members[n]), areas[n]) for n in sorted(members) if members[n]]
    return Rebalanced(groups, moves, notices)


def _check(
    existing: Sequence[Group],
    present: Sequence[Person],
    walk_ins: Sequence[Person],
    spec: RoundSpec,
    lang: str,
) -> None:
    where: dict[str, list[int]] = {}
    for g in existing:
        for m in g.members:
            where.setdefault(m, []).append(g.number)
    issues = _people_issues(where, present, walk_ins) + _spec_issues(spec, walk_ins)
    if issues:
        raise GroupingError(issues, lang)
    total = len(present) + len(walk_ins)
    if 0 < total < spec.min_size:
        raise GroupingError([Issue("rebalance_too_few", {"count": total, "min": spec.min_size})], lang)
    if not splittable(total, spec.min_size, spec.max_size):
        raise GroupingError(
            [Issue("rebalance_impossible", {"count": total, "min": spec.min_size, "max": spec.max_size})],
            lang,
        )


def _people_issues(
    where: Mapping[str, list[int]], present: Sequence[Person], walk_ins: Sequence[Person]
) -> list[Issue]:
    """Someone in two groups, listed twice, present but in no group, or a walk-in already placed."""
    issues = [
        Issue("duplicate_member", {"person": pid, "groups": ", ".join(map(str, gs))})
        for pid, gs in sorted(where.items())
        if len(gs) > 1
    ]
    seen: dict[str, int] = {}
    for p in [*present, *walk_ins]:
        seen[p.id] = seen.get(p.id, 0) + 1
    issues += [Issue("duplicate_person", {"person": pid, "count": n}) for pid, n in sorted(seen.items()) if n > 1]
    issues += [Issue("unknown_present", {"person": p.id}) for p in present if p.id not in where]
    issues += [
        Issue("walk_in_already_placed", {"person": p.id, "name": p.label, "group": where[p.id][0]})
        for p in walk_ins
        if p.id in where
    ]
    return issues


def _spec_issues(spec: RoundSpec, walk_ins: Sequence[Person]) -> list[Issue]:
    """Group sizes that cannot work, and a walk-in without an area in a same-area round."""
    r = spec.number
    issues = []
    if spec.min_size < 1:
        issues.append(Issue("min_below_one", {"round": r, "min": spec.min_size}))
    if spec.min_size > spec.max_size:
        issues.append(Issue("min_above_max", {"round": r, "min": spec.min_size, "max": spec.max_size}))
    if spec.rule == "same_area":
        issues += [Issue("missing_area", {"round": r, "person": p.id, "name": p.label}) for p in walk_ins if not p.area]
    return issues


def _pool_total(pool: _Pool, members: Mapping[int, list[str]]) -> int:
    return sum(len(members[g]) for g in pool.groups) + len(pool.walk_ins)


def _send_surplus(
    pools: dict[str, _Pool],
    members: dict[int, list[str]],
    spec: RoundSpec,
    neighbours: Mapping[str, str],
    evicted: dict[str, int],
) -> list[_Guest]:
    """Make every same-area pool splittable by sending its surplus elsewhere (walk-ins first). Whoever
    fits nowhere forms a shared pool, topped up with the fewest people from other pools."""
    lo, hi = spec.min_size, spec.max_size
    guests = []
    homeless: list[tuple[str, str, int]] = []  # person, origin area, registrants there
    for key in sorted(pools):
        pool = pools[key]
        total = _pool_total(pool, members)
        surplus = total - largest_splittable_below(total, lo, hi)
        for pid in _take(pool, surplus, members, evicted):
            host = _host_pool(key, pools, members, neighbours, lo, hi)
            if host is None:
                homeless.append((pid, pool.area or key, total))
                continue
            host.walk_ins.append(pid)
            kind = "neighbour" if host.key == neighbours.get(key) else "smallest"
            guests.append(_Guest(pid, pool.area or key, host.key, kind, total))
    if homeless:
        shared = _Pool(" + ".join(sorted({area for _, area, _ in homeless})) + " *", None, [])
        shared.walk_ins = [pid for pid, _, _ in homeless]
        guests += [_Guest(pid, area, shared.key, "small_areas", count) for pid, area, count in homeless]
        if not splittable(len(shared.walk_ins), lo, hi):
            sizes = {key: _pool_total(pool, members) for key, pool in pools.items()}
            for key, count in sorted(top_up(len(shared.walk_ins), sizes, lo, hi).items()):
                for pid in _take(pools[key], count, members, evicted):
                    shared.walk_ins.append(pid)
                    guests.append(_Guest(pid, pools[key].area or key, shared.key, "shared", sizes[key]))
        pools[shared.key] = shared
    return guests


def _take(pool: _Pool, count: int, members: dict[int, list[str]], evicted: dict[str, int]) -> list[str]:
    """`count` people out of a pool: walk-ins first (not yet placed, so no move), then from the
    smallest groups (which would otherwise be the ones left too small)."""
    out: list[str] = []
    while pool.walk_ins and len(out) < count:
        out.append(pool.walk_ins.pop())
    for g in sorted(pool.groups, key=lambda n: (len(members[n]), n)):
        while members[g] and len(out) < count:
            pid = members[g].pop()
            evicted[pid] = g
            out.append(pid)
    return out


def _host_pool(
    origin: str,
    pools: Mapping[str, _Pool],
    members: Mapping[int, list[str]],
    neighbours: Mapping[str, str],
    lo: int,
    hi: int,
) -> _Pool | None:
    neighbour = pools.get(neighbours.get(origin, ""))
    if neighbour is not None and splittable(_pool_total(neighbour, members) + 1, lo, hi):
        return neighbour
    fits = [
        p
        for k, p in sorted(pools.items())
        if k != origin and _pool_total(p, members) > 0 and splittable(_pool_total(p, members) + 1, lo, hi)
    ]
    return min(fits, key=lambda p: (_pool_total(p, members), p.key)) if fits else None


def _fill_pool(
    pool: _Pool,
    members: dict[int, list[str]],
    areas: dict[int, str | None],
    people: Mapping[str, Person],
    spec: RoundSpec,
    same_area: bool,
    next_number: int,
    moves: list[Move],
    evicted: Mapping[str, int],
    notices: list[Notice],
) -> int:
    current = [len(members[g]) for g in pool.groups]
    incoming = len(pool.walk_ins)
    if sum(current) + incoming == 0:
        return next_number
    targets, new_sizes = target_sizes(current, incoming, spec.min_size, spec.max_size)
    rules = ("municipality", "role") if same_area else ("area", "municipality", "role")
    travellers = list(pool.walk_ins)
    came_from: dict[str, int | None] = {pid: evicted.get(pid) for pid in pool.walk_ins}
    for g, target in zip(pool.groups, targets, strict=True):
        while len(members[g]) > target:
            pid = _least_needed(members[g], people, rules)
            members[g].remove(pid)
            travellers.append(pid)
            came_from[pid] = g
    slots = {g: t for g, t in zip(pool.groups, targets, strict=True)}
    for size in new_sizes:
        members[next_number] = []
        areas[next_number] = pool.area
        slots[next_number] = size
        notices.append(Notice("rebalance_new_group", {"group": next_number}))
        next_number += 1
    open_groups = sorted(g for g in slots if len(members[g]) < slots[g])
    for pid in travellers:
        # Where they add the most variety; among equals the emptiest. Many groups with room: look at the
        # CANDIDATES emptiest only, which keeps this linear in the number of travellers.
        candidates = open_groups
        if len(open_groups) > CANDIDATES:
            candidates = sorted(open_groups, key=lambda n: (len(members[n]) - slots[n], n))[:CANDIDATES]
        g = max(candidates, key=lambda n: (_gain(pid, members[n], people, rules), -len(members[n]), -n))
        members[g].append(pid)
        moves.append(Move(pid, came_from[pid], g))
        if len(members[g]) == slots[g]:
            open_groups.remove(g)
    return next_number


def _gain(pid: str, group: Sequence[str], people: Mapping[str, Person], rules: Sequence[str]) -> tuple[int, ...]:
    """Lexicographic: does pid bring a value this group lacks, per rule?"""
    p = people[pid]
    out = []
    for rule in rules:
        value = p.attribute(rule)
        out.append(int(value is not None and all(people[m].attribute(rule) != value for m in group)))
    return tuple(out)


def _least_needed(group: Sequence[str], people: Mapping[str, Person], rules: Sequence[str]) -> str:
    """The member whose leaving costs the group the least variety (ties: the last listed)."""

    def cost(pid: str) -> tuple[int, ...]:
        others = [m for m in group if m != pid]
        return _gain(pid, others, people, rules)

    return min(reversed(group), key=cost)
