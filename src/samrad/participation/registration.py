"""Signing up, cancelling and the waiting list: the rules, apart from the pages that use them.

The event row is locked while places are counted, so two people signing up for the last place at the same
moment cannot both get it (PostgreSQL: SELECT … FOR UPDATE; SQLite: writes are serialised anyway).
E-mails are sent by the caller after the transaction, so a slow mail server never holds the lock.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from samrad.audit.log import record
from samrad.consultations.models import Event

from .models import ConsentText, Participant, Registration

Status = Registration.Status


class Window:
    """Where an event's registration stands at a given moment."""

    NONE = "none"  # the event takes no registrations
    NOT_OPEN = "not_open"
    OPEN = "open"
    CLOSED = "closed"


def window(event: Event, now=None) -> str:
    now = now or timezone.now()
    if not event.has_registration:
        return Window.NONE
    if event.registration_opens_at and now < event.registration_opens_at:
        return Window.NOT_OPEN
    closes = event.registration_closes_at or event.starts_at
    if now >= closes or now >= event.starts_at:
        return Window.CLOSED
    return Window.OPEN


def can_cancel(registration: Registration, now=None) -> bool:
    """Cancelling is possible until the event starts, also after registration has closed."""
    now = now or timezone.now()
    return registration.status in (Status.REGISTERED, Status.WAITLISTED) and now < registration.event.starts_at


def active_count(event: Event) -> int:
    return event.registrations.filter(status__in=Registration.ACTIVE).count()


def places_left(event: Event) -> int | None:
    if event.capacity is None:
        return None
    return max(0, event.capacity - active_count(event))


def find_duplicate(event: Event, email: str) -> Registration | None:
    """A registration for the event with the same e-mail address that still counts (not cancelled)."""
    if not email:
        return None
    return (
        event.registrations.filter(participant__email__iexact=email.strip())
        .exclude(status=Status.CANCELLED)
        .select_related("participant")
        .first()
    )


class DuplicateRegistration(Exception):
    def __init__(self, existing: Registration):
        self.existing = existing
        super().__init__(existing.pk)


@dataclass
class SignUp:
    name: str
    email: str
    organisation: str = ""
    role_category: object = None
    municipality: object = None
    area: object = None
    needs: str = ""
    consent_text: str = ""
    language: str = ""


@transaction.atomic
def register(event: Event, data: SignUp, *, now=None) -> Registration:
    """Register a person, or put them on the waiting list when the event is full."""
    now = now or timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    existing = find_duplicate(event, data.email)
    if existing is not None:
        raise DuplicateRegistration(existing)
    participant = Participant.objects.create(
        consultation_id=event.consultation_id,
        name=data.name.strip(),
        email=data.email.strip(),
        organisation=data.organisation.strip(),
        role_category=data.role_category,
        municipality=data.municipality,
    )
    full = event.capacity is not None and active_count(event) >= event.capacity
    registration = Registration.objects.create(
        event=event,
        participant=participant,
        area=data.area,
        needs=data.needs.strip(),
        status=Status.WAITLISTED if full else Status.REGISTERED,
        source=Registration.Source.WEB,
        language=data.language,
        consent=ConsentText.for_text(data.consent_text, data.language) if data.consent_text else None,
        consent_at=now if data.consent_text else None,
        status_changed_at=now,
    )
    # The audit log names the registration, not the person: personal data stay in one place.
    record(
        "registration.created",
        consultation=event.consultation,
        obj=registration,
        label="public",
        event=event.slug,
        status=registration.status,
    )
    return registration


@transaction.atomic
def cancel(registration: Registration, *, actor=None, now=None, label: str = "") -> list[Registration]:
    """Cancel; returns the registrations moved up from the waiting list (to be told by e-mail)."""
    now = now or timezone.now()
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        return []
    previous = registration.status
    registration.status = Status.CANCELLED
    registration.status_changed_at = now
    registration.save(update_fields=["status", "status_changed_at"])
    record(
        "registration.cancelled",
        actor=actor,
        consultation=event.consultation,
        obj=registration,
        label=label or ("" if actor else "participant"),
        previous=previous,
    )
    return fill_free_places(event, now=now)


def set_status(registration: Registration, status: str, *, actor=None, now=None) -> list[Registration]:
    """Staff change a status on the day (attended, did not come, …). Returns anyone moved up."""
    if status == Status.CANCELLED:
        return cancel(registration, actor=actor, now=now)
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        previous = registration.status
        registration.status = status
        registration.status_changed_at = now
        registration.save(update_fields=["status", "status_changed_at"])
        record(
            "registration.status_changed",
            actor=actor,
            consultation=event.consultation,
            obj=registration,
            previous=previous,
            status=status,
        )
        # A no-show frees no place: the event has started. Only a cancellation moves the list up.
        return []


def fill_free_places(event: Event, *, now=None) -> list[Registration]:
    """Move people up from the waiting list, first come first served, while there are free places."""
    if event.capacity is None:
        return []
    now = now or timezone.now()
    free = event.capacity - active_count(event)
    if free <= 0 or now >= event.starts_at:
        return []
    moved = list(
        event.registrations.filter(status=Status.WAITLISTED)
        .order_by("created_at", "pk")
        .select_related("participant")[:free]
    )
    for registration in moved:
        registration.status = Status.REGISTERED
        registration.status_changed_at = now
        registration.save(update_fields=["status", "status_changed_at"])
        record("registration.moved_up", consultation=event.consultation, obj=registration, label="system")
    return moved


def waiting_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None when not waiting."""
    if registration.status != Status.WAITLISTED:
        return None
    ahead = registration.event.registrations.filter(status=Status.WAITLISTED).filter(
        created_at__lt=registration.created_at
    )
    same_time_before = registration.event.registrations.filter(
        status=Status.WAITLISTED, created_at=registration.created_at, pk__lt=registration.pk
    )
    return ahead.count() + same_time_before.count() + 1


@transaction.atomic
def add_walk_in(
    event: Event,
    *,
    name: str,
    email: str = "",
    organisation: str = "",
    role_category=None,
    municipality=None,
    area=None,
    actor=None,
    now=None,
) -> Registration:
    """Someone who turns up on the day without a registration: attended, whatever the capacity."""
    now = now or timezone.now()
    participant = Participant.objects.create(
        consultation_id=event.consultation_id,
        name=name.strip(),
        email=email.strip(),
        organisation=organisation.strip(),
        role_category=role_category,
        municipality=municipality,
    )
    registration = Registration.objects.create(
        event=event,
        participant=participant,
        area=area,
        status=Status.ATTENDED,
        source=Registration.Source.WALK_IN,
        status_changed_at=now,
    )
    record("registration.walk_in", actor=actor, consultation=event.consultation, obj=registration)
    return registration
