"""The history of activities: their dated notes, with the status change each note made."""

from dataclasses import dataclass
from datetime import date

from .models import Activity, ActivityNote, Status


@dataclass(frozen=True)
class Entry:
    date: date
    activity: Activity
    note: ActivityNote
    old_status: str  # "" when the note did not change the status
    new_status: str

    @property
    def changed(self) -> bool:
        return bool(self.new_status)

    @property
    def old_label(self) -> str:
        return Status(self.old_status).label if self.old_status else ""

    @property
    def new_label(self) -> str:
        return Status(self.new_status).label if self.new_status else ""


def history(activities, *, newest_first: bool = True) -> list[Entry]:
    """Every note of these activities; a note that sets the status it already had is not a change."""
    activities = {a.pk: a for a in activities}
    notes = ActivityNote.objects.filter(activity_id__in=activities).order_by("activity_id", "date", "pk")
    entries = []
    current: dict[int, str] = {}
    for note in notes:
        before = current.get(note.activity_id, Status.PROPOSED)
        changed = bool(note.status) and note.status != before
        if note.status:
            current[note.activity_id] = note.status
        entries.append(
            Entry(
                date=note.date,
                activity=activities[note.activity_id],
                note=note,
                old_status=before if changed else "",
                new_status=note.status if changed else "",
            )
        )
    entries.sort(key=lambda e: (e.date, e.note.pk), reverse=newest_first)
    return entries
