"""Publishing an area: the one way text reaches the public.

    from samrad.publication import publish_area, withdraw_area, pending_changes
    changes = pending_changes(area)            # what publishing now would change on the public page
    snapshot = publish_area(area, user)        # or publish_area(area, None, label="samrad review")
    withdraw_area(area, user)                  # the public page shows "being prepared" again

Both actions are audited; PublicationError carries a message for the analyst (translated).
"""

import difflib
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from samrad.audit.log import record
from samrad.consultations.models import Area

from . import drafts
from .models import Snapshot
from .summary import Section, sections_of
from .thresholds import area_status


class PublicationError(Exception):
    """An area that cannot be published as asked; the message is for the analyst."""


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed" or "changed"
    before: str = ""
    after: str = ""


@dataclass
class Changes:
    published: bool  # the area has a published version now
    changes: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changes) or not self.published

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)


def lines(sections: list[Section]) -> list[str]:
    """The published text as lines a person can compare: one per headline, example, Övrigt item and quote."""
    example, other, quote = gettext("Example:"), gettext("Other:"), gettext("Quote:")
    out = []
    for s in sections:
        heading = s.display_heading
        for theme in s.themes:
            out.append(f"{heading} · {theme.headline}")
            out.extend(f"{heading} · {example} {p}" for p in theme.points)
        out.extend(f"{heading} · {other} {r}" for r in s.rest)
        out.extend(f"{heading} · {quote} {q}" for q in s.quotes)
    return out


def diff(before: list[str], after: list[str]) -> list[Change]:
    changes: list[Change] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        old, new = before[i1:i2], after[j1:j2]
        paired = min(len(old), len(new)) if op == "replace" else 0
        changes.extend(Change("changed", a, b) for a, b in zip(old[:paired], new[:paired], strict=True))
        changes.extend(Change("removed", a) for a in old[paired:])
        changes.extend(Change("added", after=b) for b in new[paired:])
    return changes


def pending_changes(area: Area) -> Changes:
    """What publishing the area's draft now would change on the public page (empty when nothing would)."""
    snapshot = Snapshot.objects.filter(area=area).first()
    return Changes(snapshot is not None, diff(lines(sections_of(snapshot)), lines(drafts.draft_sections(area))))


def _who(user) -> object | None:
    return user if getattr(user, "is_authenticated", False) else None


@transaction.atomic
def publish_area(area: Area, user=None, *, label: str = "") -> Snapshot:
    """Copy the area's approved draft into its published snapshot. The threshold is checked here, on the server."""
    status = area_status(area)
    if status.withheld:
        raise PublicationError(
            gettext(
                "%(area)s cannot be published: %(n)d people took part and the minimum is %(min)d. "
                "You can keep working on it."
            )
            % {"area": area.name, "n": status.participants, "min": status.minimum}
        )
    snapshot, created, changes = store_snapshot(area, user, label=label)
    record(
        "publication.publish",
        actor=_who(user),
        consultation=area.consultation,
        obj=snapshot,
        label=label,
        area=area.slug,
        first=created,
        added=changes.count("added"),
        removed=changes.count("removed"),
        changed=changes.count("changed"),
    )
    drafts.area_published.send(Snapshot, area=area, user=_who(user), label=label)
    return snapshot


def store_snapshot(area: Area, user=None, *, label: str = "") -> tuple[Snapshot, bool, Changes]:
    """Copy the draft into the snapshot, without the checks, the audit or the signal: `publish_area` is the way
    in for people and scripts; this is its last step, and keeps "published means a snapshot" for statuses
    written to the workspace's model directly."""
    changes = pending_changes(area)
    content = {"sections": [s.as_dict() for s in drafts.draft_sections(area)]}
    now = timezone.now()
    snapshot, created = Snapshot.objects.update_or_create(
        area=area,
        defaults={
            "consultation": area.consultation,
            "content": content,
            "published_at": now,
            "published_by": _who(user),
            "published_label": label,
        },
    )
    return snapshot, created, changes


@transaction.atomic
def withdraw_area(area: Area, user=None, *, label: str = "") -> bool:
    """Take the area off the public page; the draft is kept. False when it was not published."""
    deleted, _n = Snapshot.objects.filter(area=area).delete()
    if deleted:
        record("publication.withdraw", actor=_who(user), consultation=area.consultation, label=label, area=area.slug)
    drafts.area_withdrawn.send(Snapshot, area=area, user=_who(user), label=label)
    return bool(deleted)
