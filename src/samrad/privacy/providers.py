"""Providers for the personal data the foundation's models hold: participants, registrations, group
memberships and contributions. (Registered here until their own apps take them over.)"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samrad.intake.models import Contribution
from samrad.participation.models import GroupMembership, Participant, Registration, new_token

from .registry import REDACTED, Provider, Subject, register

# Headings for the keys of exported records, on the participant's own page (the JSON keeps the keys).
FIELD_LABELS = {
    "name": _("Name"),
    "email": _("E-mail address"),
    "organisation": _("Organisation"),
    "role_category": _("Role category"),
    "municipality": _("Municipality"),
    "registered_at": _("Registered"),
    "event": _("Event"),
    "starts_at": _("Starts"),
    "culture_area": _("Culture area"),
    "status": _("Status"),
    "needs": _("Accessibility or other needs"),
    "round": _("Round"),
    "group": _("Group"),
    "received_at": _("Received"),
    "source": _("Source"),
    "question": _("Question"),
    "text": _("Text"),
}


def _remaining(consultation):
    return Participant.objects.filter(consultation=consultation, erasure__isnull=True)


def _iso(value):
    """Swedish time, with its offset: what the person saw when they registered or wrote."""
    return timezone.localtime(value).isoformat(timespec="minutes") if value else None


# --- participants ------------------------------------------------------------------------------------------
def export_participants(subject: Subject) -> list[dict]:
    return [
        {
            "name": p.name,
            "email": p.email,
            "organisation": p.organisation,
            "role_category": str(p.role_category or ""),
            "municipality": str(p.municipality or ""),
            "registered_at": _iso(p.created_at),
        }
        for p in subject.participants
    ]


def erase_participants(subject: Subject) -> int:
    from .models import ErasedParticipant

    for p in subject.participants:
        # Kept as an anonymous row: registrations and contributions still count towards the thresholds.
        # Role category and municipality stay: they are coarse categories used in the statistics.
        p.name, p.email, p.organisation, p.external_ref, p.token = REDACTED, "", "", "", new_token()
        p.save(update_fields=["name", "email", "organisation", "external_ref", "token"])
        ErasedParticipant.objects.get_or_create(
            participant=p, defaults={"reason": subject.reason, "kept_contributions": subject.keep_contributions}
        )
    return len(subject.participants)


# --- registrations -----------------------------------------------------------------------------------------
def export_registrations(subject: Subject) -> list[dict]:
    rows = Registration.objects.filter(participant__in=subject.participant_ids).select_related("event", "area")
    return [
        {
            "event": r.event.title,
            "starts_at": _iso(r.event.starts_at),
            "culture_area": str(r.area or ""),
            "status": r.get_status_display(),
            "needs": r.needs,
            "registered_at": _iso(r.created_at),
        }
        for r in rows
    ]


def erase_registrations(subject: Subject) -> int:
    # The registration stays (event, area, status) as an anonymous count; the free-text needs go.
    return Registration.objects.filter(participant__in=subject.participant_ids).exclude(needs="").update(needs="")


def count_registrations(consultation) -> int:
    return Registration.objects.filter(participant__in=_remaining(consultation)).count()


# --- group memberships -------------------------------------------------------------------------------------
def export_groups(subject: Subject) -> list[dict]:
    rows = GroupMembership.objects.filter(participant__in=subject.participant_ids).select_related("group__round__event")
    return [{"event": m.group.round.event.title, "round": m.group.round.number, "group": str(m.group)} for m in rows]


def count_groups(consultation) -> int:
    return GroupMembership.objects.filter(participant__in=_remaining(consultation)).count()


# --- contributions -----------------------------------------------------------------------------------------
def export_contributions(subject: Subject) -> list[dict]:
    rows = Contribution.objects.filter(participant__in=subject.participant_ids).select_related("question", "area")
    return [
        {
            "received_at": _iso(c.received_at),
            "source": c.get_source_display(),
            "question": str(c.question or ""),
            "culture_area": str(c.area or ""),
            "text": c.raw_text,
        }
        for c in rows
    ]


def erase_contributions(subject: Subject) -> int:
    """Delete the person's contributions unless they may stay as anonymous text; in either case blank the
    person's name and e-mail address wherever they occur in the consultation's texts (e.g. a group note)."""
    changed = 0
    if not subject.keep_contributions:
        changed, _ = Contribution.objects.filter(participant__in=subject.participant_ids).delete()
    if not subject.identifiers:
        return changed
    touched = []
    rows = Contribution.objects.filter(consultation=subject.consultation).only("pk", "raw_text", "provenance")
    for c in rows.iterator(chunk_size=500):
        text, provenance = subject.scrub(c.raw_text), subject.scrub_json(c.provenance)
        if text != c.raw_text or provenance != c.provenance:
            # The one exception to "raw text is never altered": the law requires the name to go.
            c.raw_text, c.provenance = text, {**provenance, "redacted": "erasure"}
            touched.append(c)
    Contribution.objects.bulk_update(touched, ["raw_text", "provenance"], batch_size=500)
    return changed + len(touched)


def count_contributions(consultation) -> int:
    return Contribution.objects.filter(participant__in=_remaining(consultation)).count()


# --- free text anywhere else in the consultation ------------------------------------------------------------
# Apps whose text is handled above or must not change: the plan, the audit log (append-only, and never holds
# personal data), the record of processing.
NOT_SCRUBBED = {"consultations", "audit", "privacy", "intake", "participation"}


def _free_text_fields():
    """(model, [TextField/JSONField names]) for every model with a `consultation` link outside NOT_SCRUBBED:
    summaries, quotes, feedback and whatever later apps derive from what people said."""
    from django.apps import apps
    from django.db import models

    from samrad.consultations.models import Consultation

    for model in apps.get_models():
        if model._meta.app_label in NOT_SCRUBBED:
            continue
        link = next((f for f in model._meta.fields if f.name == "consultation"), None)
        if link is None or link.related_model is not Consultation:
            continue
        names = [f.name for f in model._meta.fields if isinstance(f, models.TextField | models.JSONField)]
        if names:
            yield model, names


def scrub_free_text(subject: Subject) -> int:
    """Blank the person's name and e-mail address in derived texts (quotes, statements, feedback, …)."""
    if not subject.identifiers:
        return 0
    changed = 0
    for model, names in _free_text_fields():
        touched = []
        rows = model._base_manager.filter(consultation=subject.consultation).only("pk", *names)
        for row in rows.iterator(chunk_size=500):
            dirty = False
            for name in names:
                value = getattr(row, name)
                clean = subject.scrub_json(value)
                if clean != value:
                    setattr(row, name, clean)
                    dirty = True
            if dirty:
                touched.append(row)
        model._base_manager.bulk_update(touched, names, batch_size=500)
        changed += len(touched)
    return changed


def register_builtin() -> None:
    register(
        Provider(
            key="intake.contribution",
            label=_("Contributions"),
            fields=(_("what you said or wrote, with question, culture area and time"),),
            export=export_contributions,
            erase=erase_contributions,
            count=count_contributions,
        )
    )
    register(
        Provider(
            key="participation.registration",
            label=_("Registrations"),
            fields=(_("event, culture area, status"), _("accessibility or other needs")),
            export=export_registrations,
            erase=erase_registrations,
            count=count_registrations,
        )
    )
    register(
        Provider(
            key="participation.group",
            label=_("Discussion groups"),
            fields=(_("which group you were in"),),
            export=export_groups,
            count=count_groups,
        )
    )
    register(
        Provider(
            key="privacy.free_text",
            label=_("Texts derived from contributions"),
            fields=(_("your name or e-mail address, if someone wrote it in a summary, quote or comment"),),
            erase=scrub_free_text,
        )
    )
    register(
        Provider(
            key="participation.participant",
            label=_("Participant"),
            fields=(_("name"), _("e-mail address"), _("organisation"), _("role category"), _("municipality")),
            export=export_participants,
            erase=erase_participants,
            count=lambda consultation: _remaining(consultation).count(),
        )
    )


def same_person(participant) -> list:
    """All rows of this person in the consultation: the same e-mail address, or just this row."""
    if not participant.email:
        return [participant]
    rows = Participant.objects.filter(
        Q(pk=participant.pk) | Q(email__iexact=participant.email), consultation_id=participant.consultation_id
    )
    return list(rows.filter(erasure__isnull=True).order_by("pk")) or [participant]
