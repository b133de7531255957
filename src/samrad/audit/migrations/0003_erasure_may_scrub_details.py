"""On PostgreSQL, the append-only trigger lets an erasure blank a person's name in an event's details.

The one exception to "append-only" besides SET NULL (migration 0002): an erasure blanks the person's name and
e-mail address where an analyst typed them into a text the log keeps (a theme headline, a point). Only the
`data` column may change, and only inside a transaction that has said so with
`SELECT set_config('samrad.audit_erasure', 'on', true)` (samrad.audit.privacy does, and turns it off again).
"""

import importlib

from django.db import migrations

# Migration modules start with a digit: imported by name. Its function is what the reverse restores.
BEFORE = importlib.import_module("samrad.audit.migrations.0002_append_only_trigger").CREATE

CREATE = """
CREATE OR REPLACE FUNCTION samrad_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_label = OLD.actor_label
     AND NEW.action = OLD.action AND NEW.object_type = OLD.object_type AND NEW.object_id = OLD.object_id
     AND (NEW.data = OLD.data OR current_setting('samrad.audit_erasure', true) = 'on')
     AND (NEW.actor_id IS NULL OR NEW.actor_id = OLD.actor_id)
     AND (NEW.consultation_id IS NULL OR NEW.consultation_id = OLD.consultation_id) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only: % of audit_auditevent refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def restore(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BEFORE, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]
    operations = [migrations.RunPython(create, restore)]
