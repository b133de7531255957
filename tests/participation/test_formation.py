"""The adapter between registrations and the grouping engine, against the real database."""

from collections import Counter

import pytest

from samrad.audit.models import AuditEvent
from samrad.consultations.models import Round
from samrad.participation.example import load_participants
from samrad.participation.formation import FormationError, form, taking_part
from samrad.participation.latechanges import rebalance
from samrad.participation.models import Group, GroupMembership, Registration
from tests.conftest import EXAMPLE_DIR
from tests.participation.conftest import EVENT, add_registrations

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(example_plan):
    load_participants(example_plan, EXAMPLE_DIR)
    return example_plan.events.get(slug=EVENT)


def members(event, number):
    """{group number: set of participant ids} of a round."""
    out = {}
    for m in GroupMembership.objects.filter(group__round__event=event, group__round__number=number).select_related(
        "group"
    ):
        out.setdefault(m.group.number, set()).add(m.participant_id)
    return out


def placements(event, number):
    return Counter(
        GroupMembership.objects.filter(group__round__event=event, group__round__number=number).values_list(
            "participant_id", flat=True
        )
    )


def test_everyone_is_placed_exactly_once_per_round(event):
    formed = form(event, seed=1, time_limit=5)
    people = set(taking_part(event).values_list("participant_id", flat=True))
    assert len(people) == 102
    for number in (1, 2, 3):
        counts = placements(event, number)
        assert set(counts) == people and set(counts.values()) == {1}, number
        assert all(2 <= len(ms) <= 4 for ms in members(event, number).values())
    # Round 1: same area (an area's group holds only its own people unless the report says they joined).
    notices = [n.code for n in formed.results[0].report.notices]
    for group in Group.objects.filter(round__event=event, round__number=1):
        areas = set(
            Registration.objects.filter(event=event, participant__memberships__group=group).values_list(
                "area__slug", flat=True
            )
        )
        assert group.area is not None
        assert areas == {group.area.slug} or any(c.startswith("joined") for c in notices)
    # Round 3 keeps round 2's groups exactly.
    assert members(event, 3) == members(event, 2)
    assert AuditEvent.objects.filter(action="groups.formed").count() == 1


def test_mixed_round_mixes_areas(event):
    form(event, seed=1, time_limit=5)
    area_of = dict(Registration.objects.filter(event=event).values_list("participant_id", "area__slug"))
    mixed = [len({area_of[p] for p in ms}) == len(ms) for ms in members(event, 2).values()]
    assert sum(mixed) >= 0.9 * len(mixed)


def test_duplicate_email_in_the_example_is_reported(event):
    formed = form(event, seed=1, time_limit=5)
    text = " ".join(formed.roster.warnings)
    assert "p004" in text and "p097" in text and "mikael.ohman@example.net" in text


def test_reforming_replaces_groups_and_keeps_facilitators_by_number(event, users):
    form(event, seed=1, time_limit=5)
    group = Group.objects.get(round__event=event, round__number=2, number=3)
    group.facilitator = users["facilitator"]
    group.save()
    form(event, round_number=2, seed=7, time_limit=5)
    assert Group.objects.get(round__event=event, round__number=2, number=3).facilitator == users["facilitator"]
    assert members(event, 3) == members(event, 2)
    assert set(placements(event, 2).values()) == {1}


def test_keep_previous_needs_its_round(event):
    with pytest.raises(FormationError) as info:
        form(event, round_number=3)
    assert "omgång 2 först" in str(info.value)


def test_only_registered_and_attended_take_part(event):
    regs = list(Registration.objects.filter(event=event).order_by("pk"))
    regs[0].status = Registration.Status.CANCELLED
    regs[1].status = Registration.Status.WAITLISTED
    regs[2].status = Registration.Status.NO_SHOW
    Registration.objects.bulk_update(regs[:3], ["status"])
    form(event, seed=1, time_limit=5)
    placed = set(placements(event, 1))
    assert not {r.participant_id for r in regs[:3]} & placed and len(placed) == 99


def test_round_areas_limit_who_takes_part(event):
    rnd = event.rounds.get(number=2)
    rnd.areas.set(event.consultation.areas.filter(slug__in=["musik", "teater"]))
    formed = form(event, round_number=1, seed=1, time_limit=5)  # round 1 has no limit
    assert formed.results[0].spec.number == 1
    form(event, round_number=2, seed=1, time_limit=5)
    placed = set(placements(event, 2))
    expected = set(
        Registration.objects.filter(event=event, area__slug__in=["musik", "teater"]).values_list(
            "participant_id", flat=True
        )
    )
    assert placed == expected


# --- bad input: each message names the person or the setting ---------------------------------------------


@pytest.fixture
def small_event(example_plan):
    return example_plan.events.get(slug=EVENT)


def test_missing_area_in_a_same_area_round_names_the_person(small_event):
    add_registrations(
        small_event,
        [
            ("Ada Area", "musik", "orebro", "kommun"),
            ("Bo Area", "musik", "nora", "kommun"),
            ("Nils Utan", None, None, None),
        ],
    )
    with pytest.raises(FormationError) as info:
        form(small_event, time_limit=2)
    assert "Nils Utan" in str(info.value) and "kulturområde" in str(info.value)
    assert not Group.objects.filter(round__event=small_event).exists()


def test_impossible_bounds_name_the_round_and_sizes(small_event):
    add_registrations(small_event, [(f"P{i}", "musik", "orebro", "kommun") for i in range(5)])
    Round.objects.filter(event=small_event).update(min_size=4, max_size=4)
    with pytest.raises(FormationError) as info:
        form(small_event, time_limit=2)
    text = str(info.value)
    assert "5 deltagare" in text and "4–4" in text
    assert not Group.objects.filter(round__event=small_event).exists()


def test_no_registrations(small_event):
    with pytest.raises(FormationError) as info:
        form(small_event)
    assert "inga anmälningar" in str(info.value).lower() or "har inga" in str(info.value)


def test_unknown_municipality_is_reported_not_dropped(small_event):
    regs = add_registrations(
        small_event,
        [("Ann Okänd", "musik", None, "kommun"), ("Bea", "musik", "nora", "kommun"), ("Cid", "dans", "kumla", None)],
    )
    Round.objects.filter(event=small_event).update(min_size=1)
    formed = form(small_event, time_limit=2)
    assert any("Ann Okänd" in w and "kommun" in w for w in formed.roster.warnings)
    assert set(placements(small_event, 2)) == {r.participant_id for r in regs}


def test_reforming_a_round_with_notes_is_refused(event):
    from samrad.intake.models import Contribution

    form(event, seed=1, time_limit=5)
    group = Group.objects.get(round__event=event, round__number=3, number=1)
    Contribution.objects.create(
        consultation=event.consultation, source="group_note", raw_text="x", received_at=event.ends_at, group=group
    )
    with pytest.raises(FormationError) as info:
        form(event, round_number=2, seed=2)
    assert "Omgång 3" in str(info.value) and "1" in str(info.value)
    assert Group.objects.filter(pk=group.pk).exists()


# --- late changes ---------------------------------------------------------------------------------------


def test_no_shows_and_walk_ins_rebalance_with_few_moves(event):
    from samrad.participation.registration import add_walk_in

    form(event, seed=1, time_limit=5)
    before = members(event, 2)
    # Two people of one group of three do not come; one walk-in arrives.
    group = next(n for n, ms in sorted(before.items()) if len(ms) == 3)
    gone = sorted(before[group])[:2]
    Registration.objects.filter(event=event, participant_id__in=gone).update(status=Registration.Status.NO_SHOW)
    walk = add_walk_in(event, name="Valle Walk", area=event.consultation.areas.get(slug="film"))
    result = rebalance(event.rounds.get(number=2))
    after = members(event, 2)
    counts = placements(event, 2)
    present = set(taking_part(event).values_list("participant_id", flat=True))
    assert set(counts) == present and set(counts.values()) == {1}
    assert walk.participant_id in counts and not set(gone) & set(counts)
    assert all(2 <= len(ms) <= 4 for ms in after.values())
    texts = [m.text() for m in result.moves]
    assert any("Valle Walk" in t for t in texts)
    assert len(result.moved) <= 3  # the one left alone moves (and perhaps a couple more), not everyone
    assert members(event, 3) == after  # round 3 keeps round 2's groups
    assert AuditEvent.objects.filter(action="groups.rebalanced").exists()


def test_rebalance_before_forming_is_a_clear_error(event):
    with pytest.raises(FormationError) as info:
        rebalance(event.rounds.get(number=1))
    assert "bilda dem först" in str(info.value).lower() or "inga grupper" in str(info.value).lower()
