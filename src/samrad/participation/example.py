"""Demo stage: the example's (invented) participants and their registrations for the 1 June dialogue."""

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from samrad.consultations.models import Consultation
from samrad.core.csvfiles import lookup, read_rows
from samrad.demo import EXAMPLE_EVENT

from .models import Participant, Registration

COLUMNS = ["ref", "name", "email", "organisation", "role", "municipality", "area", "needs"]


@transaction.atomic
def load_participants(consultation: Consultation, directory: Path) -> str:
    path = directory / "participants.csv"
    event = consultation.events.get(slug=EXAMPLE_EVENT)
    areas = {a.slug: a for a in consultation.areas.all()}
    roles = {r.slug: r for r in consultation.role_categories.all()}
    municipalities = {m.slug: m for m in consultation.municipalities.all()}
    count = 0
    for row_no, row in read_rows(path, COLUMNS):
        participant, _created = Participant.objects.update_or_create(
            consultation=consultation,
            external_ref=row["ref"],
            defaults={
                "name": row["name"],
                "email": row["email"],
                "organisation": row["organisation"],
                "role_category": lookup(roles, row["role"], path, row_no, "role") if row["role"] else None,
                "municipality": lookup(municipalities, row["municipality"], path, row_no, "municipality")
                if row["municipality"]
                else None,
            },
        )
        Registration.objects.update_or_create(
            event=event,
            participant=participant,
            defaults={
                "area": lookup(areas, row["area"], path, row_no, "area"),
                "needs": row["needs"],
                "status": Registration.Status.ATTENDED,
            },
        )
        count += 1
    return _("%(count)d participants registered for %(event)s") % {"count": count, "event": event.title}
