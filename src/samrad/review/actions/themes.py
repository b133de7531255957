"""Themes and the statements behind them: rename, rewrite, include, order, merge, split, move, delete, add.

Every change marks the themes it touches as edited (a re-run never rewrites them), marks moved statements as
placed by an analyst (a re-run never moves them) and is recorded in the audit log with before and after.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import privacy
from ..models import Origin, Point, Statement, Theme
from .common import ActionError, Actor, Section, move_in_order, next_order, theme_snapshot

LABEL_LENGTH = 200


@transaction.atomic
def edit_theme(theme: Theme, *, headline: str, label: str, by: Actor) -> bool:
    headline, label = headline.strip(), label.strip() or theme.label
    if (headline, label) == (theme.headline, theme.label):
        return False
    before = {"headline": theme.headline, "label": theme.label}
    theme.headline, theme.label, theme.edited = headline, label[:LABEL_LENGTH], True
    theme.save()
    by.record(
        "review.theme.edit", theme.consultation, theme, before=before, after={"headline": headline, "label": label}
    )
    return True


@transaction.atomic
def set_included(theme: Theme, included: bool, *, by: Actor) -> None:
    if theme.published == included:
        return
    theme.published = included
    theme.save(update_fields=["published", "updated_at"])
    by.record("review.theme.include" if included else "review.theme.exclude", theme.consultation, theme)


@transaction.atomic
def reorder_theme(theme: Theme, direction: str, *, by: Actor) -> None:
    section = Section(theme.consultation, theme.area, theme.question)
    before, after = move_in_order(theme, section.themes(), direction)
    if before != after:
        by.record("review.theme.order", theme.consultation, theme, before=before, after=after)


@transaction.atomic
def merge_themes(target: Theme, others: list[Theme], *, by: Actor) -> Theme:
    """`others` go into `target`: their statements and points join it, and they disappear."""
    others = [o for o in others if o.pk != target.pk]
    if not others:
        raise ActionError(_("Choose another theme to merge with."))
    if any((o.area_id, o.question_id) != (target.area_id, target.question_id) for o in others):
        raise ActionError(_("Only themes of the same culture area and question can be merged."))
    before = {"into": theme_snapshot(target), "merged": [theme_snapshot(o) for o in others]}
    Statement.objects.filter(theme__in=others).update(theme=target, assigned_by=Origin.ANALYST)
    order = next_order(target.points.all())
    for point in Point.objects.filter(theme__in=others).order_by("theme__order", "order", "pk"):
        Point.objects.filter(pk=point.pk).update(theme=target, order=order, updated_at=timezone.now())
        order += 1
    keywords = list(target.keywords)
    for other in others:
        keywords += [k for k in other.keywords if k not in keywords]
    target.keywords, target.edited = keywords, True
    if any(o.published for o in others) and not target.published:
        target.published = True
    target.save()
    for other in others:
        other.delete()
    by.record("review.theme.merge", target.consultation, target, before=before, after=theme_snapshot(target))
    return target


@transaction.atomic
def move_statements(statements: list[Statement], destination: Theme | None, *, by: Actor) -> int:
    """Move statements to a theme or to the rest (None). Points resting only on them follow them."""
    statements = [s for s in statements if s.theme_id != (destination.pk if destination else None)]
    if not statements:
        return 0
    _check_same_section(statements, destination)
    ids = {s.pk for s in statements}
    before = {s.pk: s.theme_id for s in statements}
    left = set(before.values())
    Statement.objects.filter(pk__in=ids).update(theme=destination, assigned_by=Origin.ANALYST)
    followed = _points_follow(statements[0], left, ids, destination)
    touched = {t for t in left if t} | ({destination.pk} if destination else set())
    Theme.objects.filter(pk__in=touched).update(edited=True)
    by.record(
        "review.statements.move",
        statements[0].consultation,
        destination,
        statements=sorted(ids),
        before={str(k): v for k, v in before.items()},
        after=destination.pk if destination else None,
        points_followed=followed,
    )
    return len(statements)


@transaction.atomic
def new_theme(
    section: Section,
    *,
    headline: str,
    statements: list[Statement],
    by: Actor,
    label: str = "",
    after: Theme | None = None,
) -> Theme:
    """A theme written by an analyst, resting on the chosen statements (a split when they come from one theme)."""
    _check_same_section(statements, None, section)
    headline = headline.strip() or (privacy.redact(statements[0].text) if statements else "")
    if not headline:
        raise ActionError(_("Write a headline for the new theme."))
    if after is not None:
        order = after.order + 1
        section.themes().filter(order__gte=order).update(order=F("order") + 1)
    else:
        order = next_order(section.themes())
    theme = Theme.objects.create(
        **section.scope,
        label=(label.strip() or headline)[:LABEL_LENGTH],
        headline=headline,
        headline_statement=statements[0] if statements else None,
        order=order,
        origin=Origin.ANALYST,
        edited=True,
    )
    sources = sorted({s.theme_id for s in statements if s.theme_id})
    by.record(
        "review.theme.split" if sources else "review.theme.add",
        section.consultation,
        theme,
        after={"headline": headline, "statements": sorted(s.pk for s in statements)},
        from_themes=sources,
    )
    if statements:
        move_statements(statements, theme, by=by)
    return theme


@transaction.atomic
def delete_theme(theme: Theme, *, by: Actor) -> None:
    """Its statements go to the rest; its points go with it (the audit log keeps their text)."""
    before = theme_snapshot(theme)
    theme.statements.update(theme=None, assigned_by=Origin.ANALYST)
    consultation = theme.consultation
    by.record("review.theme.delete", consultation, theme, before=before)
    theme.delete()


def _check_same_section(statements, destination, section: Section | None = None) -> None:
    keys = {(s.area_id, s.question_id) for s in statements}
    if destination is not None:
        keys.add((destination.area_id, destination.question_id))
    if section is not None:
        keys.add((section.area.pk, section.question.pk))
    if len(keys) > 1:
        raise ActionError(_("Statements can only be moved within one culture area and question."))


def _points_follow(sample: Statement, left: set, ids: set[int], destination: Theme | None) -> list[int]:
    """Points (of the themes or rest the statements left) whose every source moved go along with them."""
    dest_id = destination.pk if destination else None
    scope = {"consultation_id": sample.consultation_id, "area_id": sample.area_id, "question_id": sample.question_id}
    candidates = Point.objects.filter(**scope).exclude(theme_id=dest_id).prefetch_related("sources")
    candidates = [p for p in candidates if p.theme_id in left]
    siblings = Point.objects.filter(**scope, theme_id=dest_id)
    order = next_order(siblings)
    followed = []
    for point in candidates:
        sources = {s.pk for s in point.sources.all()}
        if sources and sources <= ids:
            Point.objects.filter(pk=point.pk).update(theme_id=dest_id, order=order, updated_at=timezone.now())
            order += 1
            followed.append(point.pk)
    return followed
