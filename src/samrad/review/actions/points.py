"""The "Exempelvis:" points of a theme and the lines of the rest ("Övrigt:"): choose, write, edit, order, remove."""

from django.db import transaction
from django.utils.translation import gettext as _

from .. import privacy
from ..models import Origin, Point, Statement, Theme
from .common import ActionError, Actor, Section, move_in_order, next_order, point_snapshot


def _siblings(point_or_theme, section: Section):
    theme = point_or_theme if isinstance(point_or_theme, Theme) or point_or_theme is None else point_or_theme.theme
    return theme.points.all() if theme is not None else section.rest_points()


def _touch(theme: Theme | None) -> None:
    if theme is not None and not theme.edited:
        Theme.objects.filter(pk=theme.pk).update(edited=True)
        theme.edited = True


@transaction.atomic
def add_point(
    section: Section, theme: Theme | None, *, text: str, sources: list[Statement], by: Actor, origin=Origin.ANALYST
) -> Point:
    """A point written (or chosen) by an analyst; `theme` None: a line of the rest."""
    text = text.strip()
    if not text:
        raise ActionError(_("Write the text of the point."))
    point = Point.objects.create(
        **section.scope, theme=theme, text=text, order=next_order(_siblings(theme, section)), origin=origin
    )
    point.sources.set(sources)
    _touch(theme)
    by.record("review.point.add", section.consultation, point, after=point_snapshot(point))
    return point


def point_from_statement(section: Section, statement: Statement, *, by: Actor) -> Point:
    """The statement (redacted) as a point of the theme it is in, or as a rest line when it is in the rest."""
    if statement.points.filter(theme_id=statement.theme_id).exists():
        raise ActionError(_("That statement is already a point here."))
    return add_point(
        section, statement.theme, text=privacy.redact(statement.text), sources=[statement], by=by, origin=Origin.MACHINE
    )


@transaction.atomic
def edit_point(point: Point, *, text: str, by: Actor) -> bool:
    text = text.strip()
    if not text:
        raise ActionError(_("Write the text of the point."))
    if text == point.text:
        return False
    before = point.text
    point.text = text
    point.save()
    _touch(point.theme)
    by.record("review.point.edit", point.consultation, point, before=before, after=text)
    return True


@transaction.atomic
def reorder_point(section: Section, point: Point, direction: str, *, by: Actor) -> None:
    before, after = move_in_order(point, _siblings(point, section), direction)
    if before != after:
        _touch(point.theme)
        by.record("review.point.order", point.consultation, point, before=before, after=after)


@transaction.atomic
def delete_point(point: Point, *, by: Actor) -> None:
    before = point_snapshot(point)
    _touch(point.theme)
    by.record("review.point.delete", point.consultation, point, before=before)
    point.delete()
