"""Fixtures for the participation tests: an event with registration open now, users with roles."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from samrad.accounts.models import ConsultationRole
from samrad.participation.models import Participant, Registration

EVENT = "kulturdialog-2022-06-01"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def open_event(example_plan):
    """The example's 1 June dialogue, moved so that registration is open now (capacity 3)."""
    event = example_plan.events.get(slug=EVENT)
    now = timezone.now()
    event.registration_opens_at = now - dt.timedelta(days=1)
    event.registration_closes_at = now + dt.timedelta(days=5)
    event.starts_at = now + dt.timedelta(days=7)
    event.ends_at = event.starts_at + dt.timedelta(hours=3)
    event.capacity = 3
    event.save()
    return event


def signup_data(event, **overrides):
    c = event.consultation
    data = {
        "name": "Anna Andersson",
        "email": "anna@example.org",
        "organisation": "Teater Ett",
        "role_category": str(c.role_categories.get(slug="kulturskapare").pk),
        "municipality": str(c.municipalities.get(slug="orebro").pk),
        "area": str(c.areas.get(slug="teater").pk),
        "needs": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def users(example_plan, django_user_model):
    """One user per role for the example consultation, plus a user with no role ('participant')."""
    made = {}
    for role in ["administrator", "analyst", "facilitator"]:
        user = django_user_model.objects.create_user(username=role)  # no password: no slow hashing
        ConsultationRole.objects.create(user=user, consultation=example_plan, role=role)
        made[role] = user
    made["participant"] = django_user_model.objects.create_user(username="participant")
    return made


def add_registrations(event, specs):
    """specs: (name, area slug or None, municipality slug or None, role slug or None[, status])."""
    c = event.consultation
    out = []
    for spec in specs:
        name, area, muni, role = spec[:4]
        status = spec[4] if len(spec) > 4 else Registration.Status.REGISTERED
        p = Participant.objects.create(
            consultation=c,
            name=name,
            email=f"{name.lower().replace(' ', '.')}@example.org",
            municipality=c.municipalities.get(slug=muni) if muni else None,
            role_category=c.role_categories.get(slug=role) if role else None,
        )
        out.append(
            Registration.objects.create(
                event=event, participant=p, area=c.areas.get(slug=area) if area else None, status=status
            )
        )
    return out
