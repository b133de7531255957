"""Who took part: tables, bar charts and the county map; public (protected counts) and for staff (true counts)."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from samrad import sweden
from samrad.consultations.models import Consultation
from samrad.core.guard import guard
from samrad.publication.counts import overview

from . import geo
from .charts import bar_chart, choropleth
from .views import base_context


def _bar(counts, minimum: int, key: str, title: str) -> str:
    """One of the page's bar charts; each has its numbers in a table below it, which the description says."""
    return bar_chart(
        counts,
        minimum=minimum,
        chart_id=f"chart-{key}",
        title=title,
        desc=_("Bar chart. The same numbers are in the table below the chart."),
    )


def _page(request, consultation, *, protected: bool):
    o = overview(consultation, protected=protected)
    minimum = o.minimum
    places = list(consultation.meeting_places.select_related("municipality"))
    planned = [r for r in o.municipalities.rows if r.key]  # the plan's municipalities, not "not stated"
    shapes, _missing = geo.shapes_of([r.code for r in planned])
    charts = {
        key: _bar(counts, minimum, key, title)
        for key, counts, title in (
            ("areas", o.areas, _("Participants per culture area")),
            ("municipalities", o.municipalities, _("Participants per municipality")),
            ("roles", o.roles, _("Participants per role")),
        )
    }
    map_svg = legend = None
    if shapes:
        shown = [r for r in planned if r.shown_rate is not None]
        top = max(shown, key=lambda r: r.shown_rate) if shown else None
        desc = _(
            "Map of the consultation's municipalities, coloured by participants per 10,000 inhabitants; darker is "
            "more. Hatched: too few participants to show. Grey: inhabitants not known. Dots: cultural meeting "
            "places. The values are in the table next to the map."
        )
        if top:
            desc += " " + _("Highest: %(name)s.") % {"name": top.label}
        map_svg, legend = choropleth(
            planned,
            places,
            minimum=minimum,
            map_id="participation-map",
            title=_("Participants per 10,000 inhabitants by municipality"),
            desc=desc,
        )
    return render(
        request,
        "followup/participation.html",
        base_context(
            consultation,
            o=o,
            minimum=minimum,
            charts=charts,
            map_svg=map_svg,
            legend=legend,
            attribution=sweden.attribution(),
            planned=planned,
            not_on_map=[r.label for r in planned if r.code not in shapes],
            no_population=[r.label for r in planned if r.code in shapes and not r.population],
            places=places,
            places_invented=any(p.is_invented for p in places),
            staff_view=not protected,
            can_see_all=request.user.has_perm("samrad.view_participation_counts", consultation),
        ),
    )


def participation(request, consultation):
    return _page(request, get_object_or_404(Consultation, slug=consultation), protected=True)


@guard("samrad.view_participation_counts")
def participation_staff(request, consultation):
    return _page(request, consultation, protected=False)
