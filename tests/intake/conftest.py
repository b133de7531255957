"""Fixtures for the intake tests: an open survey window, groups with members, users with roles."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from samrad.accounts.models import ConsultationRole
from samrad.participation.models import Group, GroupMembership, Participant, Registration

EVENT = "kulturdialog-2022-06-01"


@pytest.fixture
def open_survey(example_plan):
    window = example_plan.survey
    window.opens_at = timezone.now() - dt.timedelta(days=1)
    window.closes_at = timezone.now() + dt.timedelta(days=1)
    window.save()
    return example_plan


def _member(consultation, event, group, name, area_slug):
    person = Participant.objects.create(consultation=consultation, name=name)
    Registration.objects.create(event=event, participant=person, area=consultation.areas.get(slug=area_slug))
    GroupMembership.objects.create(group=group, participant=person)
    return person


def make_user(consultation, username, role=None):
    user = get_user_model().objects.create_user(username)  # no password: tests log in with force_login
    if role:
        ConsultationRole.objects.create(user=user, consultation=consultation, role=role)
    return user


@pytest.fixture
def facilitator(example_plan):
    return make_user(example_plan, "facilitator", ConsultationRole.Role.FACILITATOR)


@pytest.fixture
def administrator(example_plan):
    return make_user(example_plan, "admin", ConsultationRole.Role.ADMINISTRATOR)


@pytest.fixture
def groups(example_plan, facilitator):
    """Round 1: a same-area group (bibliotek). Round 2: a mixed group (bibliotek, musik)."""
    event = example_plan.events.get(slug=EVENT)
    round1, round2 = event.rounds.get(number=1), event.rounds.get(number=2)
    same = Group.objects.create(round=round1, number=1, facilitator=facilitator)
    mixed = Group.objects.create(round=round2, number=1, facilitator=facilitator)
    for i, area in enumerate(["bibliotek", "bibliotek"]):
        _member(example_plan, event, same, f"Same {i}", area)
    other = Participant.objects.create(consultation=example_plan, name="Musik person")
    Registration.objects.create(event=event, participant=other, area=example_plan.areas.get(slug="musik"))
    GroupMembership.objects.create(group=mixed, participant=other)
    GroupMembership.objects.create(group=mixed, participant=Participant.objects.get(name="Same 0"))
    return same, mixed
