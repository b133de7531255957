"""Invariants of plan_event on random populations: nothing dropped, hard rules kept."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samrad.grouping import EventPlan, GroupingError, Person, RoundSpec, plan_event
from samrad.grouping.sizes import splittable

from .strategies import event_rounds, people_lists, size_bounds

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_plan(plan: EventPlan, people: list[Person], rounds: list[RoundSpec]) -> None:
    ids = [p.id for p in people]
    by_id = {p.id: p for p in people}
    for spec, result in zip(rounds, plan.rounds, strict=True):
        assert result.spec == spec
        placed = [m for g in result.groups for m in g.members]
        # everyone exactly once
        assert Counter(placed) == Counter(ids)
        assert [g.number for g in result.groups] == list(range(1, len(result.groups) + 1))
        if spec.rule == "keep_previous":
            assert result.groups == plan.round(spec.keep_round or 0).groups
            continue
        for g in result.groups:
            assert spec.min_size <= len(g) <= spec.max_size
        if spec.rule == "same_area":
            guests = {pid for n in result.report.notices if n.code.startswith("joined_") for pid in n.people}
            for g in result.groups:
                hosts = {by_id[m].area for m in g.members if m not in guests}
                # a group is one area, apart from people the report says were joined elsewhere
                assert len(hosts) <= 1
                if hosts:
                    assert g.area in hosts
            for pid in guests:
                group = next(g for g in result.groups if pid in g.members)
                assert group.area != by_id[pid].area
        report = result.report
        for tier in report.tiers:
            assert (tier.value <= tier.bound) if tier.sense == "max" else (tier.value >= tier.bound)
        assert report.objective <= report.best_bound
        assert report.status in ("optimal", "feasible") if placed else report.status == "empty"
        if report.status == "optimal":
            assert report.objective == report.best_bound and report.gap == 0


@FAST
@given(people_lists(max_size=36), size_bounds(), st.integers(0, 10**6))
def test_plan_places_everyone_within_the_rules(people: list[Person], bounds: tuple[int, int], seed: int) -> None:
    low, high = bounds
    rounds = event_rounds(low, high)
    if not splittable(len(people), low, high):
        with pytest.raises(GroupingError) as info:
            plan_event(people, rounds, seed=seed, time_limit=0.5)
        assert "cannot_split" in info.value.codes
        return
    plan = plan_event(people, rounds, seed=seed, time_limit=0.5)
    check_plan(plan, people, rounds)


@FAST
@given(people_lists(min_size=4, max_size=30), st.integers(0, 10**6))
def test_mixed_round_never_repeats_an_avoidable_meeting_in_the_orebro_format(people: list[Person], seed: int) -> None:
    """Groups of 2-4 after a same-area round: a pair meeting again is reported by name, and the rule's
    value is what the report says."""
    rounds = event_rounds(2, 4)
    plan = plan_event(people, rounds, seed=seed, time_limit=0.5)
    first, second = plan.rounds[0], plan.rounds[1]
    met = {frozenset((a, b)) for g in first.groups for a in g.members for b in g.members if a < b}
    again = [
        frozenset((a, b))
        for g in second.groups
        for a in g.members
        for b in g.members
        if a < b and frozenset((a, b)) in met
    ]
    reported = [frozenset(u.people) for u in second.report.unmet if u.rule == "new_people"]
    assert sorted(map(sorted, again)) == sorted(map(sorted, reported))
    tier = next(t for t in second.report.tiers if t.rule == "new_people")
    assert tier.value == len(again)


@settings(max_examples=15, deadline=None)
@given(people_lists(min_size=8, max_size=30), st.integers(0, 10**6))
def test_area_filter_takes_out_exactly_the_others(people: list[Person], seed: int) -> None:
    wanted = ("Musik", "Teater", "Dans")
    inside = [p for p in people if p.area in wanted]
    spec = RoundSpec(1, "mixed", 1, 4, areas=wanted)
    plan = plan_event(people, [spec], seed=seed, time_limit=0.5)
    result = plan.rounds[0]
    assert Counter(m for g in result.groups for m in g.members) == Counter(p.id for p in inside)
    assert set(result.not_taking_part) == {p.id for p in people if p.area not in wanted}
