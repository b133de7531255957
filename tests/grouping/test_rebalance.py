"""Late changes: no-shows out, walk-ins in, hard rules kept, few people moved."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from samrad.grouping import Group, GroupingError, Move, Person, RoundSpec, notice_text, plan_event
from samrad.grouping.rebalance import rebalance
from samrad.grouping.sizes import splittable

from .strategies import MUNICIPALITIES, ROLES, people_lists

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def min_moves(sizes: list[int], incoming: int, low: int, high: int) -> int:
    """Brute force: fewest people taken out of their group, over every choice of final sizes."""
    best = None
    for final in itertools.product([0, *range(low, high + 1)], repeat=len(sizes)):
        out = sum(max(0, c - f) for c, f in zip(sizes, final, strict=True))
        rest = sum(sizes) + incoming - sum(final)  # people who must go to new groups
        if rest >= 0 and splittable(rest, low, high) and (best is None or out < best):
            best = out
    assert best is not None
    return best


@st.composite
def late_changes(draw: st.DrawFn, rule: str):  # type: ignore[no-untyped-def]
    people = draw(people_lists(min_size=4, max_size=18))
    low = draw(st.integers(1, 3))
    high = draw(st.integers(max(low, 2), 4))
    assume(splittable(len(people), low, high))
    spec = RoundSpec(1, rule, low, high)
    plan = plan_event(people, [spec], seed=draw(st.integers(0, 99)), time_limit=0.3)
    present = [p for p in people if draw(st.booleans()) or draw(st.booleans())]  # about 3 in 4 come
    n_walk = draw(st.integers(0, 4))
    walk_ins = [
        Person(
            f"w{i}",
            f"Walk-in {i}",
            draw(st.sampled_from(["Musik", "Dans", "Film"])),
            draw(st.sampled_from(MUNICIPALITIES)),
            draw(st.sampled_from(ROLES)),
        )
        for i in range(n_walk)
    ]
    return plan.rounds[0].groups, people, present, walk_ins, spec


def check(
    groups: list[Group],
    before: tuple[Group, ...],
    present: list[Person],
    walk_ins: list[Person],
    spec: RoundSpec,
    notices: list,
) -> None:  # type: ignore[type-arg]
    placed = Counter(m for g in groups for m in g.members)
    assert placed == Counter(p.id for p in [*present, *walk_ins])
    for g in groups:
        assert spec.min_size <= len(g) <= spec.max_size
    if spec.rule == "same_area":
        area = {p.id: p.area for p in [*present, *walk_ins]}
        was_guest = {m for g in before for m in g.members if area.get(m) not in (None, g.area)}
        joined = {pid for n in notices if n.code.startswith("joined_") for pid in n.people}
        for g in groups:
            for m in g.members:
                assert area[m] == g.area or m in was_guest or m in joined or g.area is None


@FAST
@given(late_changes("mixed"))
def test_mixed_rebalance_keeps_the_rules_and_moves_the_fewest(case) -> None:  # type: ignore[no-untyped-def]
    before, _people, present, walk_ins, spec = case
    total = len(present) + len(walk_ins)
    if not splittable(total, spec.min_size, spec.max_size) or 0 < total < spec.min_size:
        with pytest.raises(GroupingError):
            rebalance(before, present, walk_ins, spec)
        return
    result = rebalance(before, present, walk_ins, spec)
    check(result.groups, before, present, walk_ins, spec, result.notices)
    here = {p.id for p in present}
    sizes = [sum(1 for m in g.members if m in here) for g in before]
    assert len(result.moved) == min_moves(sizes, len(walk_ins), spec.min_size, spec.max_size)
    # every move is consistent with before and after
    after = {m: g.number for g in result.groups for m in g.members}
    for move in result.moved:
        assert move.person in before[move.from_group - 1].members and after[move.person] == move.to_group


@FAST
@given(late_changes("same_area"))
def test_same_area_rebalance_keeps_groups_single_area(case) -> None:  # type: ignore[no-untyped-def]
    before, _people, present, walk_ins, spec = case
    try:
        result = rebalance(before, present, walk_ins, spec)
    except GroupingError as err:
        assert set(err.codes) <= {"rebalance_impossible", "rebalance_too_few"}
        return
    check(result.groups, before, present, walk_ins, spec, result.notices)


def people_in(groups: list[list[str]], area: str = "Musik") -> tuple[list[Group], list[Person]]:
    out = [Group(i, tuple(m), area) for i, m in enumerate(groups, start=1)]
    return out, [Person(pid, pid.upper(), area) for g in groups for pid in g]


def test_nothing_changed_means_nothing_moves() -> None:
    groups, present = people_in([["a", "b", "c", "d"], ["e", "f", "g"]])
    new, moves = rebalance(groups, present, [], RoundSpec(1, "same_area"))
    assert new == groups and moves == []


def test_a_no_show_from_a_group_of_four_moves_nobody() -> None:
    groups, present = people_in([["a", "b", "c", "d"], ["e", "f", "g"]])
    result = rebalance(groups, [p for p in present if p.id != "b"], [], RoundSpec(1, "mixed"))
    assert result.moved == []
    assert result.moves[0].person == "b" and result.moves[0].to_group is None


def test_a_walk_in_joins_the_group_with_room() -> None:
    groups, present = people_in([["a", "b", "c", "d"], ["e", "f", "g"]])
    walk_in = Person("w", "W", "Musik")
    _new, moves = rebalance(groups, present, [walk_in], RoundSpec(1, "same_area"))
    assert next(m for m in moves if m.person == "w").to_group == 2
    assert len([m for m in moves if m.from_group is not None]) == 0


def test_a_group_left_with_one_person_is_dissolved_or_filled_with_one_move() -> None:
    groups, present = people_in([["a", "b", "c", "d"], ["e", "f", "g", "h"], ["i", "j"]])
    result = rebalance(groups, [p for p in present if p.id != "j"], [], RoundSpec(1, "mixed"))
    assert len(result.moved) == 1
    assert all(2 <= len(g) <= 4 for g in result.groups)


def test_walk_in_from_an_area_without_groups_joins_the_neighbour() -> None:
    groups, present = people_in([["a", "b", "c"]], "Bibliotek")
    walk_in = Person("anna", "Anna", "Litteratur")
    result = rebalance(
        groups, present, [walk_in], RoundSpec(1, "same_area"), area_neighbours={"Litteratur": "Bibliotek"}
    )
    assert result.groups[0].members == ("a", "b", "c", "anna")
    [notice] = [n for n in result.notices if n.code.startswith("joined_")]
    assert notice_text(notice, "en") == (
        "Anna was joined to Litteratur's neighbour Bibliotek because they were the only one in their area."
    )


def test_walk_ins_of_a_new_area_get_their_own_group() -> None:
    groups, present = people_in([["a", "b", "c", "d"]])
    walk_ins = [Person("x", "X", "Dans"), Person("y", "Y", "Dans")]
    result = rebalance(groups, present, walk_ins, RoundSpec(1, "same_area"))
    assert result.groups[1] == Group(2, ("x", "y"), "Dans")
    assert any(n.code == "rebalance_new_group" for n in result.notices)
    assert result.moved == []


def test_impossible_rebalance_says_why() -> None:
    groups, present = people_in([["a", "b"]])
    with pytest.raises(GroupingError) as info:
        rebalance(groups, present[:1], [], RoundSpec(1, "mixed"))
    assert (
        str(info.value)
        == "Bara 1 deltagare är på plats, men en grupp behöver minst 2. Det går inte att bilda någon grupp."
    )
    groups, present = people_in([["a", "b", "c", "d"], ["e", "f", "g", "h"]])
    with pytest.raises(GroupingError) as info:
        rebalance(groups, present[:5], [], RoundSpec(1, "mixed", 4, 4), lang="en")
    assert str(info.value) == "5 participants present cannot be split into groups of 4–4 people."


def test_bad_rebalance_input_is_named() -> None:
    groups, present = people_in([["a", "b", "c"]])
    stranger = Person("zz", "Zed", "Musik")
    with pytest.raises(GroupingError) as info:
        rebalance(groups, [*present, stranger], [Person("a", "A again", "Musik")], RoundSpec(1, "mixed"), lang="en")
    assert set(info.value.codes) == {"unknown_present", "walk_in_already_placed", "duplicate_person"}
    assert "zz is listed as present but is in no group" in str(info.value)


def test_a_leftover_joins_the_smallest_pool_that_can_take_them() -> None:
    # pairs only: b2 does not come, so b1 is alone; the walk-in from Film is alone too
    groups = [Group(1, ("a1", "a2"), "Musik"), Group(2, ("b1", "b2"), "Dans")]
    present = [Person("a1", "A1", "Musik"), Person("a2", "A2", "Musik"), Person("b1", "B1", "Dans")]
    result = rebalance(groups, present, [Person("f1", "F1", "Film")], RoundSpec(1, "same_area", 2, 2))
    assert result.groups[0] == groups[0]
    assert result.groups[1] == Group(3, ("f1", "b1"), "Film")
    assert result.moved == [Move("b1", 2, 3)]
    [notice] = [n for n in result.notices if n.people == ("b1",)]
    assert notice.code == "joined_smallest_alone"


def test_walk_ins_that_fit_nowhere_share_a_group_and_are_told() -> None:
    # groups of exactly 3, all full: the walk-ins from Film and Slöjd fit in no area's groups
    groups = [Group(1, ("a1", "a2", "a3"), "Musik"), Group(2, ("b1", "b2", "b3"), "Dans")]
    present = [Person(m, m.upper(), g.area) for g in groups for m in g.members]
    walk_ins = [Person("f1", "F1", "Film"), Person("s1", "S1", "Slöjd"), Person("t1", "T1", "Teater")]
    result = rebalance(groups, present, walk_ins, RoundSpec(1, "same_area", 3, 3), lang="en")
    assert result.groups[:2] == groups and result.moved == []
    shared = result.groups[2]
    assert set(shared.members) == {"f1", "s1", "t1"} and shared.area is None
    [notice] = [n for n in result.notices if n.code == "joined_small_areas"]
    assert set(notice.people) == {"f1", "s1", "t1"}
    assert "(Film, Slöjd, Teater) and form shared groups" in notice_text(notice, "en")
