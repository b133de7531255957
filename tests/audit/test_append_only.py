"""The audit log is append-only: in the model, the queryset and (on PostgreSQL) the database itself."""

import pytest
from django.db import DatabaseError, connection, transaction

from samrad.audit.log import record
from samrad.audit.models import AppendOnlyError, AuditEvent
from tests.ops.people import user

pytestmark = pytest.mark.django_db
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")


def test_model_refuses_change_and_delete(db):
    event = record("test.something", label="tester", detail=1)
    event.action = "test.other"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.get().action == "test.something"


def test_queryset_refuses_update_and_delete(db):
    record("test.something", label="tester")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(action="test.something").delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_update(list(AuditEvent.objects.all()), ["action"])
    assert AuditEvent.objects.filter(action="test.something").count() == 1


@on_postgres
def test_database_refuses_raw_update_and_delete(db):
    event = record("test.something", label="tester", detail=1)
    for sql in (
        "UPDATE audit_auditevent SET action = 'forged' WHERE id = %s",
        "UPDATE audit_auditevent SET data = '{}'::jsonb WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.something"


def test_deleting_a_user_keeps_their_events(db):
    """The one change allowed (also by the trigger): the link to a deleted user becomes NULL; the name stays."""
    someone = user("avslutad")
    record("test.something", actor=someone)
    someone.delete()
    event = AuditEvent.objects.get()
    assert event.actor is None and event.actor_label == "avslutad"


def test_record_keeps_object_reference(example_plan):
    event = record("test.something", consultation=example_plan, obj=example_plan)
    assert (event.object_type, event.object_id) == ("consultations.consultation", str(example_plan.pk))
    assert event.actor_label == "system"
