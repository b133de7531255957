"""Publication thresholds are computed on the server from who actually took part."""

import pytest
from django.utils import timezone

from samrad.consultations.models import Round
from samrad.intake.models import Contribution
from samrad.participation.models import Group, GroupMembership, Participant, Registration
from samrad.publication.thresholds import area_statuses, people_per_area, suppress

pytestmark = pytest.mark.django_db


def register(consultation, area, n, *, status=Registration.Status.REGISTERED, prefix="p"):
    event = consultation.events.get(slug="kulturdialog-2022-06-01")
    people = []
    for i in range(n):
        p = Participant.objects.create(consultation=consultation, name=f"{prefix}{area.slug}{i}")
        Registration.objects.create(event=event, participant=p, area=area, status=status)
        people.append(p)
    return people


def answer(consultation, area, respondent, text="Svar"):
    return Contribution.objects.create(
        consultation=consultation,
        area=area,
        source="survey",
        raw_text=text,
        respondent=respondent,
        received_at=timezone.now(),
    )


def status_of(consultation, slug):
    return next(s for s in area_statuses(consultation) if s.area.slug == slug)


def test_areas_in_plan_order_with_counts(example_plan):
    musik = example_plan.areas.get(slug="musik")
    register(example_plan, musik, 5)
    statuses = area_statuses(example_plan)
    assert [s.area.slug for s in statuses][:3] == ["bibliotek", "bild-och-form", "dans"]
    assert status_of(example_plan, "musik").participants == 5
    assert status_of(example_plan, "musik").published
    assert status_of(example_plan, "dans").withheld


def test_below_minimum_is_withheld_and_at_minimum_published(example_plan):
    litteratur = example_plan.areas.get(slug="litteratur")
    register(example_plan, litteratur, 3)
    answer(example_plan, litteratur, "r1")
    assert status_of(example_plan, "litteratur").participants == 4
    assert status_of(example_plan, "litteratur").withheld
    answer(example_plan, litteratur, "r2")
    assert status_of(example_plan, "litteratur").published


def test_same_person_is_counted_once(example_plan):
    dans = example_plan.areas.get(slug="dans")
    people = register(example_plan, dans, 4)
    for _ in range(3):
        answer(example_plan, dans, "same-respondent")
    Contribution.objects.create(
        consultation=example_plan,
        area=dans,
        source="import",
        raw_text="x",
        participant=people[0],
        received_at=timezone.now(),
    )
    assert status_of(example_plan, "dans").participants == 5


def test_cancelled_and_waitlisted_do_not_count(example_plan):
    film = example_plan.areas.get(slug="film")
    register(example_plan, film, 4)
    register(example_plan, film, 3, status=Registration.Status.CANCELLED, prefix="c")
    register(example_plan, film, 3, status=Registration.Status.WAITLISTED, prefix="w")
    assert status_of(example_plan, "film").participants == 4


def test_group_note_counts_members_of_that_area_only(example_plan):
    """A note about Dans from a mixed group counts the group's Dans people, not the others."""
    dans, musik = example_plan.areas.get(slug="dans"), example_plan.areas.get(slug="musik")
    event = example_plan.events.get(slug="kulturdialog-2022-06-01")
    # Registered for another event only, so registrations for the dialogue do not count them already.
    d = register(example_plan, dans, 2, status=Registration.Status.NO_SHOW)
    m = register(example_plan, musik, 2, status=Registration.Status.NO_SHOW)
    group = Group.objects.create(round=Round.objects.get(event=event, number=2), number=1)
    for p in d + m:
        GroupMembership.objects.create(group=group, participant=p)
    Contribution.objects.create(
        consultation=example_plan,
        area=dans,
        source="group_note",
        raw_text="Dans",
        group=group,
        event=event,
        received_at=timezone.now(),
    )
    people = people_per_area(example_plan)
    assert people[dans.pk] == {f"participant:{p.pk}" for p in d}
    assert musik.pk not in people


def test_minimum_comes_from_the_plan(example_plan):
    rule = example_plan.publication_rule
    rule.min_participants = 2
    rule.save()
    register(example_plan, example_plan.areas.get(slug="slojd"), 2)
    assert status_of(example_plan, "slojd").published


def test_suppress_small_counts():
    assert suppress(4, 5) is None
    assert suppress(5, 5) == 5
