"""Same-area rounds: one block per culture area, plus what to do with areas too small to split.

An area whose registrants cannot be split into groups within the size bounds keeps as many as can be
split (largest splittable number) and sends the rest elsewhere, in this order:

1. to the area the plan names as its neighbour, if that area has groups;
2. small areas that are each other's neighbours and all of whose people must move, together, if their
   sum can be split (Litteratur 1 + Bibliotek 1 -> one group of 2);
3. one by one, to the block where they land in the smallest group (the neighbour first if it fits);
4. whatever is still left forms a shared block, topped up with the fewest people taken from other
   blocks (each left splittable) so that it can be split; those people get a notice too. Always
   possible when the round as a whole can be split, which validation checks first.

Every person sent elsewhere gets a placement record that becomes a notice naming them.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..model import Person
from ..sizes import group_sizes, largest_splittable_below, splittable


@dataclass
class Block:
    key: str
    area: str | None
    members: list[int] = field(default_factory=list)  # indices into the round's people


Kind = Literal["neighbour", "smallest", "small_areas", "shared"]


@dataclass(frozen=True)
class Placement:
    person: int
    origin: str
    host: str
    kind: Kind
    count: int  # registrants of the origin area in this round


def area_blocks(
    people: Sequence[Person], min_size: int, max_size: int, neighbours: Mapping[str, str], rng: random.Random
) -> tuple[list[Block], list[Placement]]:
    by_area: dict[str, list[int]] = {}
    for i, p in enumerate(people):
        assert p.area is not None  # validated before
        by_area.setdefault(p.area, []).append(i)

    blocks: dict[str, Block] = {}
    movers: dict[str, list[int]] = {}
    for area in sorted(by_area):
        members = by_area[area]
        keep = largest_splittable_below(len(members), min_size, max_size)
        leaving = sorted(rng.sample(members, len(members) - keep)) if keep else list(members)
        gone = set(leaving)
        staying = [i for i in members if i not in gone]
        if staying:
            blocks[area] = Block(area, area, staying)
        if leaving:
            movers[area] = leaving

    placements: list[Placement] = []
    counts = {a: len(m) for a, m in by_area.items()}

    def place(area: str, people_idx: list[int], host: Block, kind: Kind) -> None:
        host.members.extend(people_idx)
        for i in people_idx:
            placements.append(Placement(i, area, host.key, kind, counts[area]))

    # 1. the named neighbour, all at once
    orphans: dict[str, list[int]] = {}
    for area in sorted(movers):
        host_key = neighbours.get(area)
        host = blocks.get(host_key) if host_key and host_key != area else None
        if host is not None and splittable(len(host.members) + len(movers[area]), min_size, max_size):
            place(area, movers[area], host, "neighbour")
        else:
            orphans[area] = movers[area]

    # 2. small neighbouring areas together
    for cluster in _neighbour_clusters(orphans, neighbours):
        people_idx = [i for a in cluster for i in orphans[a]]
        if len(cluster) > 1 and splittable(len(people_idx), min_size, max_size):
            key = _fresh_key(" + ".join(cluster), blocks)
            block = Block(key, None, [])
            blocks[key] = block
            for a in cluster:
                place(a, orphans.pop(a), block, "small_areas")

    # 3. one by one, smallest group first
    leftover: list[tuple[str, int]] = []
    for area in sorted(orphans):
        for i in orphans[area]:
            host = _best_host(area, blocks, neighbours, min_size, max_size)
            if host is None:
                leftover.append((area, i))
            else:
                place(area, [i], host, "neighbour" if host.key == neighbours.get(area) else "smallest")

    # 4. the rest: a shared block, topped up with as few people from other blocks as possible
    if leftover:
        block = Block(_fresh_key(" + ".join(sorted({a for a, _ in leftover})), blocks), None, [])
        for area, i in leftover:
            place(area, [i], block, "small_areas")
        if not splittable(len(block.members), min_size, max_size):
            sizes = {key: len(b.members) for key, b in blocks.items()}
            take = top_up(len(block.members), sizes, min_size, max_size)
            for key, count in sorted(take.items()):
                donor = blocks[key]
                chosen = sorted(rng.sample(donor.members, count))
                donor.members = [i for i in donor.members if i not in set(chosen)]
                for i in chosen:
                    origin = people[i].area or key
                    block.members.append(i)
                    moved = Placement(i, origin, block.key, "shared", counts.get(origin, 0))
                    # Someone already sent here from a small area moves on: one record per person, the last.
                    earlier = [n for n, p in enumerate(placements) if p.person == i]
                    if earlier:
                        placements[earlier[0]] = moved
                    else:
                        placements.append(moved)
                if not donor.members:
                    del blocks[key]
        blocks[block.key] = block

    ordered = sorted(blocks.values(), key=lambda b: (b.area is None, b.key))
    for b in ordered:
        b.members.sort()
    return ordered, placements


def _fresh_key(key: str, blocks: Mapping[str, Block]) -> str:
    """A shared block's name, never the name of an existing block (which it would replace)."""
    candidate, n = key, 1
    while candidate in blocks:
        n += 1
        candidate = f"{key} ({n})"
    return candidate


def top_up(short: int, sizes: Mapping[str, int], min_size: int, max_size: int) -> dict[str, int]:
    """How many to take from which block (name -> size) so that `short` + taken can be split and every
    donor can still be split (or is emptied): the fewest people in total. A small subset-sum."""
    cap = short + 2 * max_size * max_size + max_size  # beyond this every count is reachable anyway
    reach: dict[int, tuple[tuple[str, int], ...]] = {0: ()}
    for key in sorted(sizes):
        n = sizes[key]
        options = [r for r in range(1, n + 1) if splittable(n - r, min_size, max_size)]
        grown = dict(reach)
        for total, how in reach.items():
            for r in options:
                if total + r > cap:
                    break
                grown.setdefault(total + r, (*how, (key, r)))
        reach = grown
    fits = [t for t in reach if t and splittable(short + t, min_size, max_size)]
    if not fits:  # cannot happen when the whole round splits; keep everyone together then
        return {key: n for key, n in sizes.items() if n}
    return dict(reach[min(fits)])


def _neighbour_clusters(orphans: Mapping[str, list[int]], neighbours: Mapping[str, str]) -> list[list[str]]:
    parent = {a: a for a in orphans}

    def find(a: str) -> str:
        while parent[a] != a:
            a = parent[a]
        return a

    for a in sorted(orphans):
        b = neighbours.get(a)
        if b in parent and b != a:
            ra, rb = find(a), find(b)  # type: ignore[arg-type]
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    clusters: dict[str, list[str]] = {}
    for a in sorted(orphans):
        clusters.setdefault(find(a), []).append(a)
    return list(clusters.values())


def _best_host(
    area: str, blocks: Mapping[str, Block], neighbours: Mapping[str, str], min_size: int, max_size: int
) -> Block | None:
    """The block where one more person lands in the smallest group; the neighbour wins if it fits."""
    neighbour = blocks.get(neighbours.get(area, ""))
    if neighbour is not None and splittable(len(neighbour.members) + 1, min_size, max_size):
        return neighbour
    best: tuple[int, int, int, str] | None = None
    host = None
    for b in blocks.values():
        n = len(b.members)
        if not splittable(n + 1, min_size, max_size):
            continue
        sizes = group_sizes(n, min_size, max_size)
        # joining an existing group with room beats opening a new one
        needs_new_group = int(n + 1 > len(sizes) * max_size)
        key = (needs_new_group, min(sizes) if sizes else 0, n, b.key)
        if best is None or key < best:
            best, host = key, b
    return host
