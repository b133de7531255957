"""What participation keeps about people, for the privacy app's show / erase / purge (samrad.core.personaldata).

- Registrations: event, culture area and status stay as an anonymous count; the free-text needs are blanked, the
  personal link stops working, and a place at an event still to come is given up (the waiting list moves up).
- Group memberships: shown; they hold nothing but which group, so they stay as they are.
- The participant row: anonymised last (the registry runs it after every other provider has seen the person),
  so that registrations and contributions still count towards the publication thresholds.
"""

from django.utils.translation import gettext_lazy as _

from .models import GroupMembership, Participant, Registration, new_token


def register_providers() -> None:
    from samrad.core.personaldata import Provider, register

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
            key="participation.participant",
            label=_("Participant"),
            fields=(_("name"), _("e-mail address"), _("organisation"), _("role category"), _("municipality")),
            export=export_participants,
            erase=erase_participants,
            count=lambda consultation: remaining(consultation).count(),
        )
    )


def remaining(consultation):
    """The consultation's participants not yet erased."""
    return Participant.objects.filter(consultation=consultation, erasure__isnull=True)


# --- participants ------------------------------------------------------------------------------------------
def export_participants(subject) -> list[dict]:
    from samrad.core.personaldata import local_time

    return [
        {
            "name": p.name,
            "email": p.email,
            "organisation": p.organisation,
            "role_category": str(p.role_category or ""),
            "municipality": str(p.municipality or ""),
            "registered_at": local_time(p.created_at),
        }
        for p in subject.participants
    ]


def erase_participants(subject) -> int:
    from samrad.core.personaldata import REDACTED

    for p in subject.participants:
        # Kept as an anonymous row: registrations and contributions still count towards the thresholds.
        # Role category and municipality stay: they are coarse categories used in the statistics.
        p.name, p.email, p.organisation, p.external_ref, p.token = REDACTED, "", "", "", new_token()
        p.save(update_fields=["name", "email", "organisation", "external_ref", "token"])
    return len(subject.participants)


# --- registrations -----------------------------------------------------------------------------------------
def export_registrations(subject) -> list[dict]:
    from samrad.core.personaldata import local_time

    rows = Registration.objects.filter(participant__in=subject.participant_ids).select_related("event", "area")
    return [
        {
            "event": r.event.title,
            "starts_at": local_time(r.event.starts_at),
            "culture_area": str(r.area or ""),
            "status": r.get_status_display(),
            "needs": r.needs,
            "registered_at": local_time(r.created_at),
        }
        for r in rows
    ]


def erase_registrations(subject) -> int:
    """The registration stays (event, area, status) as an anonymous count; the free-text needs go. The personal
    link stops working (a new token no one has), and an event still to come loses the person: their place or
    waiting-list place is cancelled and the next on the waiting list moves up (told by e-mail when the
    erasure came through a page that knows the site's address)."""
    from django.db import transaction

    from . import emails
    from .registration import can_cancel, cancel

    rows = list(Registration.objects.filter(participant__in=subject.participant_ids).select_related("event"))
    moved = []
    for registration in rows:
        if can_cancel(registration):
            moved += cancel(registration, label="erasure")
        Registration.objects.filter(pk=registration.pk).update(needs="", token=new_token())
    if moved and subject.base_url:
        base_url = subject.base_url
        transaction.on_commit(lambda: [emails.send(r, "moved_up", base_url) for r in moved])
    return len(rows)


def count_registrations(consultation) -> int:
    return Registration.objects.filter(participant__in=remaining(consultation)).count()


# --- group memberships -------------------------------------------------------------------------------------
def export_groups(subject) -> list[dict]:
    rows = GroupMembership.objects.filter(participant__in=subject.participant_ids).select_related("group__round__event")
    return [{"event": m.group.round.event.title, "round": m.group.round.number, "group": str(m.group)} for m in rows]


def count_groups(consultation) -> int:
    return GroupMembership.objects.filter(participant__in=remaining(consultation)).count()
