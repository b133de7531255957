"""What the audit log keeps about people, for the privacy app's erase / purge (samrad.core.personaldata).

The log refers to people by id, never by name. But an analyst may type a name into a text whose before and
after the log keeps (a theme headline, a point, a quote): on erasure, the person's name and e-mail address
are blanked in the details of the consultation's events, and the event is marked `_redacted: "erasure"`. This
is the one change the append-only log allows (the law outranks "append-only"; see migration 0003).
"""

from django.db import connection, models, transaction
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent

REDACTED_KEY = "_redacted"


def register_providers() -> None:
    from samrad.core.personaldata import Provider, register

    register(
        Provider(
            key="audit.details",
            label=_("Audit log of staff changes"),
            fields=(_("your name or e-mail address, if staff wrote it in a text the log keeps"),),
            erase=scrub_events,
        )
    )


@transaction.atomic
def scrub_events(subject) -> int:
    if not subject.identifiers:
        return 0
    changed = []
    events = AuditEvent.objects.filter(consultation=subject.consultation).only("pk", "data")
    for event in events.iterator(chunk_size=500):
        data = {k: v for k, v in event.data.items() if k != REDACTED_KEY}
        clean = subject.scrub_json(data)
        if clean != data:
            changed.append((event.pk, {**clean, REDACTED_KEY: "erasure"}))
    if not changed:
        return 0
    _allow_erasure(True)
    try:
        for pk, data in changed:
            # The plain queryset's update: AuditQuerySet refuses every other change, on purpose.
            models.QuerySet.update(AuditEvent.objects.filter(pk=pk), data=data)
    finally:
        _allow_erasure(False)
    return len(changed)


def _allow_erasure(on: bool) -> None:
    """Tell PostgreSQL's append-only trigger that this transaction blanks names (and then that it is done)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('samrad.audit_erasure', %s, true)", ["on" if on else "off"])
