"""POST actions on points, rest lines and quotes, and on an area's status."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samrad.core.guard import guard
from samrad.core.redirects import local_path
from samrad.publication import api as publication

from ..actions import ActionError, areas, points, quotes
from ..forms import OwnLineForm, PointForm, QuoteForm
from ..models import AreaReview, Point, Quote
from .common import actor, section_action
from .themes import REST, reject, theme_of


@section_action
def point_add(request, section, source):
    theme = None if source == REST else theme_of(section, source)
    statements = list(section.statements().filter(theme=theme))
    form = OwnLineForm(request.POST, prefix=f"p{source}", statements=statements)
    anchor = f"tema-{source}" if theme else "ovrigt"
    if not form.is_valid():
        reject(request, section, f"line-{source}", form, anchor)
    chosen = [s for s in statements if s.pk in set(form.cleaned_data["sources"])]
    points.add_point(section, theme, text=form.cleaned_data["text"], sources=chosen, by=actor(request))
    if not chosen:
        return _("Your line was added. It rests on no statements: choose some or explain why."), anchor
    return _("Your line was added."), anchor


def _point(section, pk) -> Point:
    return get_object_or_404(Point, pk=pk, **section.scope)


def _point_anchor(point) -> str:
    return f"tema-{point.theme_id}" if point.theme_id else "ovrigt"


@section_action
def point_edit(request, section, pk):
    point = _point(section, pk)
    form = PointForm(request.POST, prefix=f"pt{pk}")
    if not form.is_valid():
        reject(request, section, f"point-{pk}", form, _point_anchor(point))
    changed = points.edit_point(point, text=form.cleaned_data["text"], by=actor(request))
    return (_("The point was saved.") if changed else _("Nothing to save: the point was not changed.")), _point_anchor(
        point
    )


@section_action
def point_order(request, section, pk):
    point = _point(section, pk)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    points.reorder_point(section, point, direction, by=actor(request))
    return _("The order of the points was changed."), _point_anchor(point)


@section_action
def point_delete(request, section, pk):
    point = _point(section, pk)
    anchor = _point_anchor(point)
    points.delete_point(point, by=actor(request))
    return _("The point was removed."), anchor


def _quote(section, pk) -> Quote:
    return get_object_or_404(Quote, pk=pk, **section.scope)


@section_action
def quote_edit(request, section, pk):
    quote = _quote(section, pk)
    anchor = f"citat-{pk}"
    if request.POST.get(f"q{pk}-do") == "restore":
        quotes.restore(quote, by=actor(request))
        return _("The quote is back to samrad's proposal."), anchor
    form = QuoteForm(request.POST, prefix=f"q{pk}")
    if not form.is_valid():
        reject(request, section, f"quote-{pk}", form, anchor)
    found = quotes.edit_text(quote, text=form.cleaned_data["text"], by=actor(request))
    if found:
        messages.warning(request, personal_data_warning(found))
    return _("The quote text was saved."), anchor


@section_action
def quote_status(request, section, pk):
    quote = _quote(section, pk)
    status = request.POST.get("status", "")
    quotes.set_status(quote, status, by=actor(request))
    found = quotes.findings(quote)
    if status == Quote.Status.APPROVED and found:
        messages.warning(request, personal_data_warning(found))
    message = {
        Quote.Status.APPROVED: _("The quote is approved for publication."),
        Quote.Status.REJECTED: _("The quote was rejected."),
        Quote.Status.CANDIDATE: _("The quote is a candidate again."),
    }[status]
    return message, f"citat-{pk}"


@section_action
def quote_order(request, section, pk):
    quote = _quote(section, pk)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    quotes.reorder(section, quote, direction, by=actor(request))
    return _("The order of the quotes was changed."), f"citat-{pk}"


def personal_data_warning(found) -> str:
    listed = ", ".join(f"{f.kind}: {f.text}" for f in found)
    return _(
        "Check the quote before it is published: it contains what looks like personal data (%(found)s). "
        "Replace it with [namn], [e-post] or [telefon]."
    ) % {"found": listed}


@guard("samrad.publish", methods=("POST",), after_login="review:overview")
def area_status(request, consultation, area):
    area = get_object_or_404(consultation.areas, slug=area)
    status = request.POST.get("status", "")
    overview = reverse("review:overview", kwargs={"consultation": consultation.slug})
    back = local_path(request, request.POST.get("next", ""), overview)
    if status == AreaReview.Status.PUBLISHED and request.POST.get("confirm") != "1":
        # Publishing is shown first: the lines the public page gains, loses or sees changed.
        return render(
            request,
            "review/publish.html",
            {"consultation": consultation, "area": area, "changes": publication.pending_changes(area), "next": back},
        )
    try:
        review = areas.set_status(area, status, by=actor(request))
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(area)s: the summary is now “%(status)s”.")
            % {"area": area.name, "status": review.get_status_display()},
        )
        if review.status == AreaReview.Status.PUBLISHED:
            messages.info(
                request, _("The public page shows this version now. Later edits wait for the next publishing.")
            )
    return redirect(back)
