"""Every named rule per role, against the real database; a role on one consultation gives nothing on another."""

import pytest
from django.contrib.auth.models import AnonymousUser

from samrad.consultations.models import Round
from samrad.participation.models import Group
from tests.ops.people import other_consultation, user, with_role
from tests.permissions.matrix import ALL_PERMS, EXPECTED_PERMS

pytestmark = pytest.mark.django_db

# The same table the permission matrix (tests/permissions/) checks every view against.
ALL = ALL_PERMS
EXPECTED = {
    "anonymous": EXPECTED_PERMS["anonymous"],
    "no role": EXPECTED_PERMS["no_role"],
    "facilitator": EXPECTED_PERMS["facilitator_a"],
    "analyst": EXPECTED_PERMS["analyst"],
    "administrator": EXPECTED_PERMS["administrator"],
    "superuser": EXPECTED_PERMS["superuser"],
}


def _person(kind, consultation):
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "no role":
        return user("utan-roll")
    if kind == "superuser":
        return user("superanvandare", superuser=True)
    return with_role(f"person-{kind}", consultation, kind)


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_rules_per_role(kind, example_plan):
    other = other_consultation()
    person = _person(kind, example_plan)
    granted = {name for name in ALL if person.has_perm(name, example_plan)}
    assert granted == EXPECTED[kind]
    # A role on the example consultation gives nothing on another one; a superuser has everything everywhere.
    granted_elsewhere = {name for name in ALL if person.has_perm(name, other)}
    assert granted_elsewhere == (ALL if kind == "superuser" else set())


@pytest.mark.parametrize("kind", ["facilitator", "analyst", "administrator"])
def test_rules_follow_objects_inside_the_consultation(kind, example_plan):
    person = _person(kind, example_plan)
    round_ = Round.objects.filter(event__consultation=example_plan).first()
    assert person.has_perm("samrad.view_registrations", round_.event)
    assert person.has_perm("samrad.view_registrations", round_)


def test_write_group_notes_only_for_own_group_or_analysts(example_plan):
    other = other_consultation()
    round_ = Round.objects.filter(event__consultation=example_plan).first()
    mine = with_role("samtalsledare", example_plan, "facilitator")
    someone_else = with_role("annan-ledare", example_plan, "facilitator")
    analyst = with_role("analytiker", example_plan, "analyst")
    elsewhere = with_role("ledare-annanstans", other, "administrator")
    group = Group.objects.create(round=round_, number=1, facilitator=mine)
    assert mine.has_perm("samrad.write_group_notes", group)
    assert not someone_else.has_perm("samrad.write_group_notes", group)
    assert analyst.has_perm("samrad.write_group_notes", group)
    assert not elsewhere.has_perm("samrad.write_group_notes", group)
    assert not AnonymousUser().has_perm("samrad.write_group_notes", group)


def test_inactive_user_has_no_rules(example_plan):
    admin = with_role("inaktiv", example_plan, "administrator")
    admin.is_active = False
    admin.save()
    assert not admin.has_perm("samrad.manage_roles", example_plan)


def test_inactive_superuser_has_no_rules(example_plan):
    boss = user("gammal-chef", superuser=True)
    boss.is_active = False
    boss.save()
    assert not boss.has_perm("samrad.manage_roles", example_plan)
