"""The consultation's status (planning → open → analysing → published → closed): while it is neither published
nor closed, the public results page carries the plan's "under bearbetning" banner (samrad.results.published).

Reloading the consultation file sets the status again when the file names one."""

from django.db import transaction
from django.utils.translation import gettext as _

from samrad.consultations.models import Consultation

from .common import ActionError, Actor


@transaction.atomic
def set_status(consultation: Consultation, status: str, *, by: Actor) -> bool:
    if status not in Consultation.Status.values:
        raise ActionError(
            _("Unknown status %(status)r. Choose one of: %(known)s.")
            % {"status": status, "known": ", ".join(Consultation.Status.values)}
        )
    if status == consultation.status:
        return False
    before = consultation.status
    consultation.status = status
    consultation.save(update_fields=["status", "updated_at"])
    by.record("review.consultation.status", consultation, consultation, before=before, after=status)
    return True
