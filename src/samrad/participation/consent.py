"""The consent text shown on the sign-up page. Its SHA-256 is the version stored with each registration
(ConsentText keeps the full text once per version), so one can always show exactly what a person agreed to."""

from django.utils.translation import gettext as _

from samrad.consultations.models import Event


def consent_text(event: Event) -> str:
    """What the person agrees to: this text plus the consultation's record of processing, when there is one,
    so that a change in the record (purpose, legal basis, retention) makes a new consent version."""
    text = _base_text(event)
    from samrad.privacy.models import ProcessingRecord

    record = ProcessingRecord.objects.filter(consultation=event.consultation).first()
    if record is not None:
        retention = record.retention_date()
        text += "\n\n" + _("Controller: %(controller)s. Purpose: %(purpose)s. Legal basis: %(basis)s.") % {
            "controller": record.controller,
            "purpose": record.purpose,
            "basis": record.legal_basis,
        }
        if retention:
            text += " " + _("Kept until %(date)s at the latest.") % {"date": retention.isoformat()}
    return text


def _base_text(event: Event) -> str:
    return _(
        "%(organiser)s stores your name, e-mail address, organisation, role, municipality, culture area and any "
        "needs you write, in order to organise “%(title)s”, form the discussion groups and contact you about the "
        "dialogue. Only the people who organise the dialogue see the information; it is not published. It is "
        "deleted when the consultation has been concluded. You can cancel at any time with your personal link, "
        "and you can ask %(organiser)s to show you or delete your data."
    ) % {"organiser": event.consultation.organiser, "title": event.title}
