"""`samrad demo`'s groups stage: the 1 June dialogue's three rounds, and the example notes attached to them."""

import pytest
from django.urls import reverse

from samrad.intake.models import Contribution
from samrad.participation.example import group_for_example_ref
from samrad.participation.models import Group, GroupMembership
from tests.participation.conftest import EVENT

pytestmark = pytest.mark.django_db


def test_demo_forms_three_rounds_visible_on_the_staff_page(example, client, users):
    event = example.events.get(slug=EVENT)
    for number in (1, 2, 3):
        placed = GroupMembership.objects.filter(group__round__event=event, group__round__number=number)
        assert placed.count() == 102, number
    client.force_login(users["facilitator"])
    html = client.get(reverse("participation:groups", args=[example.slug, EVENT])).content.decode()
    assert html.count('class="group"') == sum(r.groups.count() for r in event.rounds.all())
    for heading in (
        "Omgång 1: Utmaningar",
        "Omgång 2: Utvalda exempel attraktivitet",
        "Omgång 3: Utvalda exempel hållbarhet",
    ):
        assert heading in html
    assert "Grupp 1 – Bibliotek" in html


def test_example_notes_attach_to_formed_groups(example):
    """Every note has a group of its round; refs map onto the formed groups (one fixture: the demo is slow)."""
    notes = Contribution.objects.filter(consultation=example, source="group_note").select_related("group__round")
    assert notes.count() > 100
    for note in notes:
        assert note.group is not None, note.provenance
        assert note.group.round.number == int(note.provenance["round"])
        if note.group.round.number == 1 and note.group.area.slug != "litteratur":
            assert note.group.area == note.area

    event = example.events.get(slug=EVENT)
    musik = list(Group.objects.filter(round__event=event, round__number=1, area__slug="musik").order_by("number"))
    assert group_for_example_ref(event, 1, "r1-musik-2", "musik") == musik[1]
    assert group_for_example_ref(event, 1, f"r1-musik-{len(musik) + 1}", "musik") == musik[0]  # wraps around
    g2 = group_for_example_ref(event, 2, "r2-g07", "film")
    g3 = group_for_example_ref(event, 3, "r3-g07", "film")
    assert g2.round.number == 2 and g3.round.number == 3 and g2.number == g3.number
    film = set(GroupMembership.objects.filter(group=g2, participant__registrations__area__slug="film"))
    groups_with_film = Group.objects.filter(
        round__event=event, round__number=2, memberships__participant__registrations__area__slug="film"
    )
    assert film or not groups_with_film.exists()
    assert group_for_example_ref(event, 2, "nonsense", "film") is None
