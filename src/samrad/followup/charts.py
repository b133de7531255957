"""Charts and the map as static SVG, drawn on the server.

Each SVG is an image with a title and a description (role="img", aria-labelledby); the page puts a data table
next to it with the same numbers, which is the text alternative. Hidden counts are drawn as hidden (no bar, a
hatched municipality) and never as a value.
"""

import math
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samrad.publication.counts import Row, Table, hidden_text

from . import geo

BLUES = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
HATCH = "url(#hidden-hatch)"
UNKNOWN = "#d5d9de"  # inhabitants not known: no rate to colour by
BAR = "#1d4f91"


def _num(value: float, decimals: int = 1) -> str:
    return number_format(round(value, decimals), decimals)


def bar_chart(table: Table, *, minimum: int, chart_id: str, title: str, desc: str) -> SafeString:
    width, bar_max, row_h, top = 400, 290, 42, 6
    shown = [r.cell.shown for r in table.rows if r.cell.shown is not None]
    scale = bar_max / max(shown) if shown and max(shown) else 0
    height = top + row_h * len(table.rows) + 4
    rows = []
    for i, row in enumerate(table.rows):
        y = top + i * row_h
        label = format_html('<text x="0" y="{}" class="chart-label">{}</text>', y + 14, row.label)
        if row.cell.hidden:
            bar = format_html(
                '<text x="0" y="{}" class="chart-value chart-hidden">{}</text>',
                y + 33,
                hidden_text(minimum, row.cell.reason),
            )
        else:
            length = max(1.0, row.cell.shown * scale)
            bar = format_html(
                '<rect x="0" y="{}" width="{}" height="14" fill="{}"></rect>'
                '<text x="{}" y="{}" class="chart-value">{}</text>',
                y + 21,
                f"{length:.1f}",
                BAR,
                f"{length + 6:.1f}",
                y + 33,
                row.cell.shown,
            )
        rows.append(label + bar)
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-labelledby="{}-t {}-d" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}</svg>',
        width,
        height,
        width,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        desc,
        format_html_join("", "{}", ((r,) for r in rows)),
    )


@dataclass(frozen=True)
class Legend:
    colour: str
    label: str


def _nice_step(largest: float, classes: int = 4) -> float:
    raw = largest / classes
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def classes_for(rates: list[float]) -> tuple[float, int]:
    """Equal steps from 0 with a round step size: (step, number of classes, at most 5)."""
    if not rates:
        return 1.0, 1
    step = _nice_step(max(rates))
    return step, min(len(BLUES), max(1, math.floor(max(rates) / step) + 1))


def _fits(projection: geo.Projection, shape, name: str) -> bool:
    """Room for the name inside the shape's box (11 px text, about 6 px a letter)? Small ones go unlabelled:
    their names are in the tooltip and the table."""
    width, height = projection.size(shape)
    return width >= 0.8 * 6 * len(name) and height >= 12


def _labels(candidates: list[tuple[float, float, float, str]]) -> list[SafeString]:
    """Names at their label points, the widest municipalities first, skipping any that would overlap another."""
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for _width, x, y, name in sorted(candidates, key=lambda c: -c[0]):
        half = 3 * len(name) + 2
        box = (x - half, y - 11, x + half, y + 3)  # the text sits on y, centred on x
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            continue
        placed.append(box)
        out.append(format_html('<text x="{}" y="{}" class="map-label">{}</text>', f"{x:.1f}", f"{y:.1f}", name))
    return out


def choropleth(rows: list[Row], places, *, minimum: int, map_id: str, title: str, desc: str):
    """The consultation's municipalities coloured by participants per 10,000 inhabitants.

    Returns (svg, legend), or (None, []) when no row has a Swedish municipality code with a boundary."""
    shapes, _missing = geo.shapes_of([r.code for r in rows if r.code])
    if not shapes:
        return None, []
    projection = geo.Projection(shapes.values())
    rows_by_code = {r.code: r for r in rows if r.code in shapes}
    rates = [r.shown_rate for r in rows_by_code.values() if r.shown_rate is not None]
    step, count = classes_for(rates)
    palette = BLUES[-count:] if count < len(BLUES) else BLUES

    def colour(rate: float) -> str:
        return palette[min(count - 1, int(rate // step))]

    paths, candidates = [], []
    unknown = False
    for code, shape in shapes.items():
        row = rows_by_code[code]
        if row.cell.hidden:
            fill, tip = HATCH, format_html("{} ({}): {}", row.label, code, hidden_text(minimum, row.cell.reason))
        elif row.shown_rate is None:
            unknown = True
            fill = UNKNOWN
            tip = format_html(
                "{} ({}): {} {}; {}", row.label, code, row.cell.shown, _("participants"), _("inhabitants not known")
            )
        else:
            fill = colour(row.shown_rate)
            tip = format_html(
                "{} ({}): {} {}, {} {}",
                row.label,
                code,
                row.cell.shown,
                _("participants"),
                _num(row.shown_rate),
                _("per 10,000 inhabitants"),
            )
        paths.append(
            format_html(
                '<path d="{}" fill="{}" class="municipality" data-code="{}"><title>{}</title></path>',
                projection.path(shape),
                fill,
                code,
                tip,
            )
        )
        if _fits(projection, shape, str(row.label)):
            x, y = projection(*shape.label)
            candidates.append((projection.size(shape)[0], x, y, str(row.label)))
    labels = _labels(candidates)
    dots = []
    for place in places:
        x, y = projection.point(float(place.latitude), float(place.longitude))
        dots.append(
            format_html(
                '<circle cx="{}" cy="{}" r="4" class="place"><title>{}{}</title></circle>',
                f"{x:.1f}",
                f"{y:.1f}",
                place.name,
                f" ({place.kind})" if place.kind else "",
            )
        )
    or_more = _("%(value)s or more")
    legend = [
        Legend(c, f"{_num(i * step)}–{_num((i + 1) * step)}" if i < count - 1 else or_more % {"value": _num(i * step)})
        for i, c in enumerate(palette)
    ]
    if unknown:
        legend.append(Legend(UNKNOWN, _("Inhabitants not known: no rate")))
    svg = format_html(
        '<svg class="map" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-labelledby="{}-t {}-d" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-t">{}</title><desc id="{}-d">{}</desc>'
        '<defs><pattern id="hidden-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"></rect>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#6b7480" stroke-width="2"></line></pattern></defs>'
        '<g class="municipalities">{}</g><g class="places">{}</g><g class="labels">{}</g></svg>',
        f"{projection.width:.0f}",
        f"{projection.height:.0f}",
        f"{projection.width:.0f}",
        f"{projection.height:.0f}",
        map_id,
        map_id,
        map_id,
        title,
        map_id,
        desc,
        format_html_join("", "{}", ((p,) for p in paths)),
        format_html_join("", "{}", ((d,) for d in dots)),
        format_html_join("", "{}", ((t,) for t in labels)),
    )
    return svg, legend
