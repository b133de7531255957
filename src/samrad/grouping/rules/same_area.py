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
    placer = _Placer(people, by_area, min_size, max_size, neighbours, rng)
    movers = placer.split_areas()
    orphans = placer.to_named_neighbours(movers)  # 1. the named neighbour, all at once
    placer.small_areas_together(orphans)  # 2. small neighbouring areas together
    leftover = placer.one_by_one(orphans)  # 3. one by one, smallest group first
    if leftover:  # 4. the rest: a shared block, topped up with as few people from other blocks as possible
        placer.shared_block(leftover)
    ordered = sorted(placer.blocks.values(), key=lambda b: (b.area is None, b.key))
    for b in ordered:
        b.members.sort()
    return ordered, placer.placements


class _Placer:
    """area_blocks()'s steps: who stays in their area's block, and where those who cannot stay go."""

    def __init__(self, people, by_area, min_size: int, max_size: int, neighbours: Mapping[str, str], rng):
        self.people, self.by_area, self.neighbours, self.rng = people, by_area, neighbours, rng
        self.min_size, self.max_size = min_size, max_size
        self.blocks: dict[str, Block] = {}
        self.placements: list[Placement] = []
        self.counts = {a: len(m) for a, m in by_area.items()}

    def _splittable(self, n: int) -> bool:
        return splittable(n, self.min_size, self.max_size)

    def place(self, area: str, people_idx: list[int], host: Block, kind: Kind) -> None:
        host.members.extend(people_idx)
        for i in people_idx:
            self.placements.append(Placement(i, area, host.key, kind, self.counts[area]))

    def split_areas(self) -> dict[str, list[int]]:
        """Each area keeps the most people it can split into groups; returns those who must move, per area."""
        movers: dict[str, list[int]] = {}
        for area in sorted(self.by_area):
            members = self.by_area[area]
            keep = largest_splittable_below(len(members), self.min_size, self.max_size)
            leaving = sorted(self.rng.sample(members, len(members) - keep)) if keep else list(members)
            gone = set(leaving)
            staying = [i for i in members if i not in gone]
            if staying:
                self.blocks[area] = Block(area, area, staying)
            if leaving:
                movers[area] = leaving
        return movers

    def to_named_neighbours(self, movers: dict[str, list[int]]) -> dict[str, list[int]]:
        orphans: dict[str, list[int]] = {}
        for area in sorted(movers):
            host_key = self.neighbours.get(area)
            host = self.blocks.get(host_key) if host_key and host_key != area else None
            if host is not None and self._splittable(len(host.members) + len(movers[area])):
                self.place(area, movers[area], host, "neighbour")
            else:
                orphans[area] = movers[area]
        return orphans

    def small_areas_together(self, orphans: dict[str, list[int]]) -> None:
        for cluster in _neighbour_clusters(orphans, self.neighbours):
            people_idx = [i for a in cluster for i in orphans[a]]
            if len(cluster) > 1 and self._splittable(len(people_idx)):
                key = _fresh_key(" + ".join(cluster), self.blocks)
                block = Block(key, None, [])
                self.blocks[key] = block
                for a in cluster:
                    self.place(a, orphans.pop(a), block, "small_areas")

    def one_by_one(self, orphans: dict[str, list[int]]) -> list[tuple[str, int]]:
        leftover: list[tuple[str, int]] = []
        for area in sorted(orphans):
            for i in orphans[area]:
                host = _best_host(area, self.blocks, self.neighbours, self.min_size, self.max_size)
                if host is None:
                    leftover.append((area, i))
                else:
                    self.place(area, [i], host, "neighbour" if host.key == self.neighbours.get(area) else "smallest")
        return leftover

    def shared_block(self, leftover: list[tuple[str, int]]) -> None:
        block = Block(_fresh_key(" + ".join(sorted({a for a, _ in leftover})), self.blocks), None, [])
        for area, i in leftover:
            self.place(area, [i], block, "small_areas")
        if not self._splittable(len(block.members)):
            sizes = {key: len(b.members) for key, b in self.blocks.items()}
            take = top_up(len(block.members), sizes, self.min_size, self.max_size)
            for key, count in sorted(take.items()):
                self._take_from(key, count, block)
        self.blocks[block.key] = block

    def _take_from(self, key: str, count: int, block: Block) -> None:
        donor = self.blocks[key]
        chosen = sorted(self.rng.sample(donor.members, count))
        donor.members = [i for i in donor.members if i not in set(chosen)]
        for i in chosen:
            origin = self.people[i].area or key
            block.members.append(i)
            moved = Placement(i, origin, block.key, "shared", self.counts.get(origin, 0))
            # Someone already sent here from a small area moves on: one record per person, the last.
            earlier = [n for n, p in enumerate(self.placements) if p.person == i]
            if earlier:
                self.placements[earlier[0]] = moved
            else:
                self.placements.append(moved)
        if not donor.members:
            del self.blocks[key]


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
