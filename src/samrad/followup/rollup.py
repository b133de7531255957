"""How far the follow-up has come: activities roll up to focus areas, goals and sectors.

The rule, stated on every page that shows it:
- a focus area counts the activities linked to it;
- a goal counts the activities linked to the goal or to any of its focus areas (each activity once);
- a sector counts the activities it proposed;
- progress is the share of activities that are done among those not dropped. Dropped activities are shown
  but do not count against the goal: the notes say why they were dropped.
The counts per status are always shown beside the share, so a "100 %" of one activity reads as what it is.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import Activity, Status

ORDER = [Status.DONE, Status.ONGOING, Status.PLANNED, Status.PROPOSED, Status.DROPPED]


@dataclass(frozen=True)
class Progress:
    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, statuses: Iterable[str]) -> "Progress":
        return cls(dict(Counter(statuses)))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)

    @property
    def done(self) -> int:
        return self.count(Status.DONE)

    @property
    def dropped(self) -> int:
        return self.count(Status.DROPPED)

    @property
    def counted(self) -> int:
        """Activities that count towards progress: all but the dropped ones."""
        return self.total - self.dropped

    @property
    def share(self) -> float | None:
        return self.done / self.counted if self.counted else None

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(100 * self.share)

    def parts(self) -> list[tuple[str, str, int]]:
        """(status, label, count) for the statuses present, in a fixed order: done first, dropped last."""
        return [(s.value, s.label, self.counts[s]) for s in ORDER if self.counts.get(s)]


def progress_of(activities: Iterable[Activity]) -> Progress:
    seen: dict[int, str] = {}
    for activity in activities:
        seen[activity.pk] = activity.status
    return Progress.of(seen.values())


def goal_activities(goal) -> list[Activity]:
    """The goal's activities: linked directly or through one of its focus areas, each once, in plan order."""
    direct = Activity.objects.filter(goals=goal)
    via_focus = Activity.objects.filter(focus_areas__goal=goal)
    return list((direct | via_focus).distinct().select_related("sector"))
