"""Every staff page shows the staff bar (who is logged in, the way back to their consultations, log out)."""

import pytest
from django.urls import reverse

from tests.permissions.conftest import world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_staff_pages_of_intake_and_participation_have_the_staff_bar(client, world):  # noqa: F811
    c, e = world.consultation.slug, world.event.slug
    client.force_login(world.users["administrator"])
    for name, args in [
        ("intake:import", [c]),
        ("intake:contributions", [c]),
        ("intake:notes_overview", [c]),
        ("intake:notes_group", [c, world.group_a.pk]),
        ("intake:notes_history", [c, world.group_a.pk]),
        ("participation:registrations", [c, e]),
        ("participation:groups", [c, e]),
    ]:
        page = client.get(reverse(name, args=args)).content.decode()
        assert 'class="staffbar"' in page and "accounts/accounts.css" in page, name
