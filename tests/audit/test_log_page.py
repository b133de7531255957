"""The audit-log page: administrators of the consultation only, filters, pages."""

import datetime as dt

import pytest

from samrad.audit.log import record
from samrad.audit.models import AuditEvent
from tests.ops.people import other_consultation, user, with_role

pytestmark = pytest.mark.django_db


def test_only_administrators_of_the_consultation_see_its_log(client, example_plan):
    other = other_consultation()
    record("test.visible", consultation=example_plan, label="anna")
    record("test.elsewhere", consultation=other, label="bertil")
    for kind, status in [("facilitator", 403), ("analyst", 403), ("administrator", 200)]:
        client.force_login(with_role(f"p-{kind}", example_plan, kind))
        assert client.get("/personal/orebro-2022/logg/").status_code == status
    page = client.get("/personal/orebro-2022/logg/").content.decode()
    assert "test.visible" in page and "test.elsewhere" not in page
    client.force_login(with_role("admin-annat", other, "administrator"))
    assert client.get("/personal/orebro-2022/logg/").status_code == 403


def test_logins_are_on_the_superusers_page_only(client, example_plan):
    admin = with_role("admin", example_plan, "administrator")
    client.force_login(admin)
    record("auth.login", actor=admin)
    assert "Loggade in" not in client.get("/personal/orebro-2022/logg/").content.decode()
    assert client.get("/personal/logg/").status_code == 403
    client.force_login(user("chef", superuser=True))
    assert "Loggade in" in client.get("/personal/logg/").content.decode()


def test_filters_by_action_user_and_date(client, example_plan):
    admin = with_role("admin", example_plan, "administrator")
    record("role.granted", actor=admin, consultation=example_plan, user="a", role="analyst")
    record("role.revoked", consultation=example_plan, label="någon-annan", user="a", role="analyst")
    client.force_login(admin)
    page = client.get("/personal/orebro-2022/logg/", {"action": "role.revoked"}).content.decode()
    assert "Roll borttagen" in page and "Roll tilldelad</td>" not in page
    page = client.get("/personal/orebro-2022/logg/", {"who": "admin"}).content.decode()
    assert "Roll tilldelad</td>" in page and "Roll borttagen</td>" not in page
    today = dt.date.today()
    future = today + dt.timedelta(days=2)
    page = client.get("/personal/orebro-2022/logg/", {"since": future.isoformat()}).content.decode()
    assert "0 händelser" in page
    page = client.get(
        "/personal/orebro-2022/logg/", {"since": future.isoformat(), "until": today.isoformat()}
    ).content.decode()
    assert "är före från-datumet" in page


def test_pages_of_fifty(client, example_plan):
    admin = with_role("admin", example_plan, "administrator")
    AuditEvent.objects.bulk_create(
        [AuditEvent(action="test.bulk", actor_label="x", consultation=example_plan, data={"n": i}) for i in range(120)]
    )
    client.force_login(admin)
    first = client.get("/personal/orebro-2022/logg/", {"action": "test.bulk"}).content.decode()
    assert "Sida 1 av 3" in first and "sida=2" in first and "action=test.bulk" in first
    last = client.get("/personal/orebro-2022/logg/", {"action": "test.bulk", "sida": 3}).content.decode()
    assert last.count("<tr><td>") == 20
