"""record(): the one way to write to the audit log."""

from typing import Any

from samrad.audit.models import AuditEvent


def record(action: str, *, actor=None, consultation=None, obj=None, label: str = "", **data: Any) -> AuditEvent:
    """Append an event. `actor` is a user (or None for the system/anonymous); `obj` any model instance."""
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    actor_label = label or (actor_user.get_username() if actor_user else "system")
    return AuditEvent.objects.create(
        actor=actor_user,
        actor_label=actor_label,
        action=action,
        consultation=consultation,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        data=data,
    )
