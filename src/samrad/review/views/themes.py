"""POST actions on themes and on the statements ticked in a theme's (or the rest's) list."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import stash
from ..actions import points, quotes, themes
from ..forms import MergeForm, NewThemeForm, SelectionForm, ThemeForm
from ..models import Statement, Theme
from .common import Rejected, actor, section_action, section_url

REST = "rest"


def theme_of(section, pk) -> Theme:
    if not str(pk).isdigit():
        raise Http404
    return get_object_or_404(Theme, pk=pk, **section.scope)


def reject(request, section, key: str, form, anchor: str, message: str | None = None):
    """Keep the form as typed for the section page, and go back there with a message."""
    errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
    stash.keep(request, key, errors, page=section_url(section))
    raise Rejected(message or _("Nothing was changed: correct the form marked below."), anchor)


@section_action
def theme_edit(request, section, pk):
    theme = theme_of(section, pk)
    form = ThemeForm(request.POST, prefix=f"t{pk}")
    anchor = f"tema-{pk}"
    if not form.is_valid():
        reject(request, section, f"theme-{pk}", form, anchor)
    changed = themes.edit_theme(
        theme, headline=form.cleaned_data["headline"], label=form.cleaned_data["label"], by=actor(request)
    )
    return (_("The theme was saved.") if changed else _("Nothing to save: the theme was not changed.")), anchor


@section_action
def theme_include(request, section, pk):
    theme = theme_of(section, pk)
    include = request.POST.get("include") == "1"
    themes.set_included(theme, include, by=actor(request))
    message = _("The theme is included in the summary.") if include else _("The theme is left out of the summary.")
    return message, f"tema-{pk}"


@section_action
def theme_order(request, section, pk):
    theme = theme_of(section, pk)
    themes.reorder_theme(theme, _direction(request), by=actor(request))
    return _("The order of the themes was changed."), f"tema-{pk}"


@section_action
def theme_merge(request, section, pk):
    theme = theme_of(section, pk)
    others = section.themes().exclude(pk=pk)
    form = MergeForm(request.POST, prefix=f"m{pk}", themes=others)
    if not form.is_valid():
        reject(request, section, f"merge-{pk}", form, f"tema-{pk}")
    other = theme_of(section, form.cleaned_data["other"])
    themes.merge_themes(theme, [other], by=actor(request))
    return _("The themes were merged: “%(headline)s” now holds both.") % {"headline": theme.headline}, f"tema-{pk}"


@section_action
def theme_delete(request, section, pk):
    theme = theme_of(section, pk)
    themes.delete_theme(theme, by=actor(request))
    return _("The theme was removed; its statements are now in the rest."), "ovrigt"


@section_action
def theme_add(request, section):
    statements = list(section.statements())
    form = NewThemeForm(request.POST, prefix="new", statements=statements)
    if not form.is_valid():
        reject(request, section, "new-theme", form, "egen-rad")
    chosen = [s for s in statements if s.pk in set(form.cleaned_data["statements"])]
    theme = themes.new_theme(section, headline=form.cleaned_data["headline"], statements=chosen, by=actor(request))
    if not chosen:
        return _("Your theme was added. It rests on no statements yet: choose some or explain why."), f"tema-{theme.pk}"
    return _("Your theme was added."), f"tema-{theme.pk}"


@section_action
def selection(request, section, source):
    """One form per theme (or the rest) around its statement list; its buttons say what to do."""
    source_theme = None if source == REST else theme_of(section, source)
    listed = list(section.statements().filter(theme=source_theme))
    anchor = f"tema-{source}" if source_theme else "ovrigt"
    by = actor(request)
    destinations = [(REST, "")] + [(str(t.pk), "") for t in section.themes()]
    form = SelectionForm(request.POST, prefix=f"s{source}", statements=listed, destinations=destinations)
    if not form.is_valid():
        reject(request, section, f"selection-{source}", form, anchor)
    ids = set(form.cleaned_data["statements"])
    chosen = [s for s in listed if s.pk in ids]
    if request.POST.get(f"s{source}-do") == "split":
        theme = themes.new_theme(
            section, headline=form.cleaned_data["headline"], statements=chosen, by=by, after=source_theme
        )
        return ngettext(
            "%(n)d statement now forms the new theme “%(headline)s”.",
            "%(n)d statements now form the new theme “%(headline)s”.",
            len(chosen),
        ) % {"n": len(chosen), "headline": theme.headline}, f"tema-{theme.pk}"
    target = form.cleaned_data["destination"]
    if not target:
        form.add_error("destination", _("Choose where to move the statements."))
        reject(request, section, f"selection-{source}", form, anchor)
    destination = None if target == REST else theme_of(section, target)
    moved = themes.move_statements(chosen, destination, by=by)
    where = _("the rest") if destination is None else _("the theme “%(headline)s”") % {"headline": destination.headline}
    return ngettext("%(n)d statement was moved to %(where)s.", "%(n)d statements were moved to %(where)s.", moved) % {
        "n": moved,
        "where": where,
    }, anchor


@section_action
def pick(request, section):
    """A statement chosen as a point (of the theme it is in, or the rest) or proposed as a quote."""
    by = actor(request)
    if request.POST.get("quote", "").isdigit():
        statement = get_object_or_404(Statement, pk=request.POST["quote"], **section.scope, stale=False)
        quote = quotes.propose(section, statement, by=by)
        return _("The statement was added as a quote candidate."), f"citat-{quote.pk}"
    if not request.POST.get("point", "").isdigit():
        raise Http404
    statement = get_object_or_404(Statement, pk=request.POST["point"], **section.scope, stale=False)
    point = points.point_from_statement(section, statement, by=by)
    return _("The statement was added as a point."), f"punkt-{point.pk}"


def _direction(request) -> str:
    return "up" if request.POST.get("direction") == "up" else "down"
