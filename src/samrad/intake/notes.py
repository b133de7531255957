"""Facilitator notes: one Contribution per group × question × culture area, saved as the facilitator types.

- Each save is a NoteRevision (append-only): who (account or group link), when, old and new text.
- Saves carry the version they were based on, and the browser tab's id and sequence number. A retry of a save
  already stored is recognised (same tab and number) and changes nothing; a late request from a tab that has
  since saved newer text is ignored; an edit based on an old version made by another tab is refused as a
  conflict, so no one silently overwrites what someone else wrote. The text that was refused stays in the
  browser, which shows it and offers to save it again.
- Once staff lock an event's notes (NotesLock), saves are refused. The event row is locked during a save and
  during locking, so a save cannot slip in after the lock on PostgreSQL either.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samrad.audit import log
from samrad.consultations.models import Area, Event, Round
from samrad.participation.models import Group, Registration

from .models import Contribution, NoteRevision, NotesLock
from .survey import dedup_key
from .text import storable


class NotesLocked(Exception):
    def __init__(self, lock: NotesLock):
        self.lock = lock
        super().__init__(
            _(
                "The notes of this dialogue were locked on %(when)s and can no longer be changed. Your text was "
                "not saved. Ask the consultation's administrator if something needs correcting."
            )
            % {"when": timezone.localtime(lock.locked_at).strftime("%Y-%m-%d %H:%M")}
        )


@dataclass(frozen=True)
class Editor:
    """Who is saving: a logged-in user, or whoever holds the group's link."""

    user: object | None
    via: str
    label: str

    @classmethod
    def of(cls, request, group: Group) -> "Editor":
        if request.user.is_authenticated:
            return cls(request.user, NoteRevision.Via.ACCOUNT, request.user.get_username())
        return cls(None, NoteRevision.Via.LINK, _("link of group %(group)s") % {"group": group_label(group)})


@dataclass(frozen=True)
class SaveResult:
    status: str  # "saved", "unchanged", "stale" (an older request from the same tab), "conflict"
    contribution: Contribution | None
    version: int
    text: str

    @property
    def ok(self) -> bool:
        return self.status != "conflict"


def group_label(group: Group) -> str:
    return group.name or f"{group.round.number}:{group.number}"


def areas_for(group: Group) -> list[Area]:
    """The culture areas a group's notes can be attributed to: its members' areas in this event, in plan order.

    A group without members (formed by hand, members not recorded) may write about any area of the round.
    """
    event_id = group.round.event_id
    area_ids = set(
        Registration.objects.filter(
            event_id=event_id, participant__memberships__group=group, area__isnull=False
        ).values_list("area_id", flat=True)
    )
    if area_ids:
        return list(Area.objects.filter(pk__in=area_ids).order_by("order", "pk"))
    round_areas = list(group.round.areas.all())
    return round_areas or list(group.round.event.consultation.areas.all())


def note_key(group: Group, question_slug: str, area: Area | None) -> str:
    return dedup_key("note", str(group.pk), question_slug, area.slug if area else "-")


def _group_notes(group: Group):
    """The group's notes for this round's question, oldest first: written here or brought in by an import."""
    return Contribution.objects.filter(
        group=group, source=Contribution.Source.GROUP_NOTE, question=group.round.question
    ).order_by("pk")


def notes_of(group: Group) -> dict[int | None, Contribution]:
    """area id -> the group's note for this round's question (the oldest, should there be two)."""
    notes: dict[int | None, Contribution] = {}
    for contribution in _group_notes(group):
        notes.setdefault(contribution.area_id, contribution)
    return notes


def current_version(contribution: Contribution | None) -> int:
    if contribution is None:
        return 0
    last = contribution.revisions.order_by("-version").values_list("version", flat=True).first()
    return last or 0


def lock_of(event: Event) -> NotesLock | None:
    return NotesLock.objects.filter(event=event).first()


def save_note(
    group: Group, area: Area | None, text: str, *, base_version: int, client: str, seq: int, editor: Editor
) -> SaveResult:
    """Store one note's new text if it is safe to; see the module docstring. Raises NotesLocked."""
    round_: Round = group.round
    question = round_.question
    text, _changed = storable(text)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=round_.event_id)
        lock = lock_of(event)
        if lock:
            raise NotesLocked(lock)
        key = note_key(group, question.slug if question else "-", area)
        # The note the page shows, whatever its key: an imported note has none of the `note:` form.
        contribution = _group_notes(group).select_for_update().filter(area=area).first()
        version = current_version(contribution)
        current_text = contribution.raw_text if contribution else ""
        if NoteRevision.objects.filter(contribution=contribution, client=client, seq__gte=seq).exists():
            return SaveResult("stale", contribution, version, current_text)
        if text == current_text:
            return SaveResult("unchanged", contribution, version, current_text)
        others = NoteRevision.objects.filter(contribution=contribution, version__gt=base_version).exclude(client=client)
        if base_version > version or (contribution is not None and others.exists()):
            return SaveResult("conflict", contribution, version, current_text)
        now = timezone.now()
        if contribution is None:
            contribution = Contribution.objects.create(
                consultation_id=event.consultation_id,
                area=area,
                question=question,
                event=event,
                group=group,
                source=Contribution.Source.GROUP_NOTE,
                raw_text=text,
                received_at=now,
                provenance={"channel": "notes", "group": group_label(group), "round": round_.number},
                dedup_key=key,
            )
        else:
            contribution.raw_text = text
            contribution.received_at = now
            contribution.save(update_fields=["raw_text", "received_at"])
        NoteRevision.objects.create(
            contribution=contribution,
            version=version + 1,
            previous_text=current_text,
            text=text,
            at=now,
            actor=editor.user,
            actor_label=editor.label,
            via=editor.via,
            client=client[:64],
            seq=seq,
        )
    return SaveResult("saved", contribution, version + 1, text)


def lock(event: Event, user) -> NotesLock:
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=event.pk)
        existing = lock_of(event)
        if existing:
            return existing
        notes_lock = NotesLock.objects.create(
            event=event, locked_at=timezone.now(), locked_by=user, locked_by_label=user.get_username()
        )
        count = Contribution.objects.filter(event=event, source=Contribution.Source.GROUP_NOTE).count()
        log.record("notes.lock", actor=user, consultation=event.consultation, obj=event, notes=count)
    return notes_lock


def unlock(event: Event, user) -> None:
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=event.pk)
        deleted, _rows = NotesLock.objects.filter(event=event).delete()
        if deleted:
            log.record("notes.unlock", actor=user, consultation=event.consultation, obj=event)
