"""On PostgreSQL, refuse UPDATE and DELETE of audit events in the database itself.

The one UPDATE allowed sets actor_id or consultation_id to NULL when that user or consultation is deleted
(Django's on_delete=SET_NULL); every other column must stay as it was. TRUNCATE is not blocked: test
databases are emptied with it. SQLite gets no trigger: Django empties SQLite test databases with DELETE, and
the model and queryset guards apply there (see docs/operations.md, Deployment: use PostgreSQL in production).
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION samrad_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_label = OLD.actor_label
     AND NEW.action = OLD.action AND NEW.object_type = OLD.object_type AND NEW.object_id = OLD.object_id
     AND NEW.data = OLD.data
     AND (NEW.actor_id IS NULL OR NEW.actor_id = OLD.actor_id)
     AND (NEW.consultation_id IS NULL OR NEW.consultation_id = OLD.consultation_id) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only: % of audit_auditevent refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS samrad_audit_append_only ON audit_auditevent;
CREATE TRIGGER samrad_audit_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
  FOR EACH ROW EXECUTE FUNCTION samrad_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS samrad_audit_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS samrad_audit_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
