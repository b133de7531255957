"""What every review action shares: who does it, the section (area × question) it works in, ordering, audit
snapshots."""

from dataclasses import dataclass

from django.utils import timezone

from samrad.audit.log import record
from samrad.consultations.models import Area, Consultation, Question

from ..models import Point, Quote, Statement, Theme


class ActionError(Exception):
    """An action that cannot be done as asked; the message is for the analyst (translated)."""


@dataclass(frozen=True)
class Actor:
    """Who acts: a logged-in user, or a named process ("samrad demo") when there is none."""

    user: object | None = None
    label: str = ""

    def record(self, action: str, consultation, obj=None, **data):
        return record(action, actor=self.user, consultation=consultation, obj=obj, label=self.label, **data)


@dataclass(frozen=True)
class Section:
    """The statements, themes, rest and quotes answering one question in one area."""

    consultation: Consultation
    area: Area
    question: Question

    @property
    def scope(self) -> dict:
        return {"consultation": self.consultation, "area": self.area, "question": self.question}

    def statements(self):
        return Statement.objects.filter(**self.scope, stale=False)

    def themes(self):
        return Theme.objects.filter(**self.scope).order_by("order", "pk")

    def rest_points(self):
        return Point.objects.filter(**self.scope, theme=None).order_by("order", "pk")

    def quotes(self):
        return Quote.objects.filter(**self.scope).order_by("order", "-score", "pk")


def theme_snapshot(theme: Theme) -> dict:
    return {
        "id": theme.pk,
        "label": theme.label,
        "headline": theme.headline,
        "included": theme.published,
        "statements": sorted(theme.statements.values_list("pk", flat=True)),
        "points": [p.text for p in theme.points.order_by("order", "pk")],
    }


def point_snapshot(point: Point) -> dict:
    return {
        "id": point.pk,
        "theme": point.theme_id,
        "text": point.text,
        "sources": sorted(point.sources.values_list("pk", flat=True)),
    }


def move_in_order(obj, siblings, direction: str) -> tuple[list[int], list[int]]:
    """Swap `obj` with its neighbour ("up" or "down") and number the siblings 0…n; returns (before, after) ids."""
    items = list(siblings.order_by("order", "pk"))
    before = [i.pk for i in items]
    index = next(i for i, item in enumerate(items) if item.pk == obj.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for order, item in enumerate(items):
        if item.order != order:
            # updated_at: the order is part of the published text, so "last updated" moves too.
            type(item).objects.filter(pk=item.pk).update(order=order, updated_at=timezone.now())
            item.order = order
    return before, [i.pk for i in items]


def next_order(queryset) -> int:
    last = queryset.order_by("-order").values_list("order", flat=True).first()
    return 0 if last is None else last + 1
