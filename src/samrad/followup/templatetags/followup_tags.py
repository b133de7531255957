from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samrad.followup.models import Status
from samrad.followup.rollup import ORDER, Progress

register = template.Library()


def status_count(status: str, n: int) -> str:
    forms = {
        Status.DONE: ngettext("%(n)d done", "%(n)d done", n),
        Status.ONGOING: ngettext("%(n)d ongoing", "%(n)d ongoing", n),
        Status.PLANNED: ngettext("%(n)d planned", "%(n)d planned", n),
        Status.PROPOSED: ngettext("%(n)d proposed", "%(n)d proposed", n),
        Status.DROPPED: ngettext("%(n)d dropped", "%(n)d dropped", n),
    }
    return forms[Status(status)] % {"n": n}


@register.inclusion_tag("followup/_collaborations.html", takes_context=True)
def collaboration_sections(context, consultation):
    from samrad.followup.views import collaborations_context

    return {**collaborations_context(consultation), "request": context.get("request")}


@register.simple_tag
def status_badge(status: str):
    return format_html('<span class="status status-{}">{}</span>', status, Status(status).label)


@register.simple_tag
def progress_text(progress: Progress) -> str:
    """The roll-up in words: counts first, the share only beside them."""
    if not progress.total:
        return _("No activities yet.")
    if not progress.counted:
        return _("Every activity has been dropped (%(n)d).") % {"n": progress.total}
    return ngettext(
        "%(done)d of %(counted)d activity done (%(percent)d %%)",
        "%(done)d of %(counted)d activities done (%(percent)d %%)",
        progress.counted,
    ) % {"done": progress.done, "counted": progress.counted, "percent": progress.percent}


@register.simple_tag
def progress_parts(progress: Progress):
    parts = [status_count(s, progress.count(s)) for s in ORDER if progress.count(s)]
    return ", ".join(parts)


@register.simple_tag
def progress_bar(progress: Progress):
    """A stacked bar by status, as SVG: the CSP forbids style="width:…". Decorative: the same numbers are always
    written out beside it."""
    if not progress.total:
        return ""
    segments, x = [], 0.0
    for status in ORDER:
        n = progress.count(status)
        if n:
            width = 100 * n / progress.total
            segments.append((f"{x:.2f}", f"{width:.2f}", status))
            x += width
    return format_html(
        '<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">'
        "{}</svg>",
        format_html_join(
            "",
            '<rect x="{}" y="0" width="{}" height="10" class="seg status-{}"></rect>',
            segments,
        ),
    )


@register.simple_tag
def count_cell(cell, minimum: int, staff: bool = False):
    """A protected count as the public sees it; for staff, the true count and what the public sees instead."""
    from samrad.publication.counts import NOT_ASKED, hidden_text

    if cell is None:
        return ""
    if staff and cell.reason != NOT_ASKED:
        if cell.reason:
            return format_html(
                '{} <span class="muted">({})</span>',
                cell.value,
                _("public: %(text)s") % {"text": hidden_text(minimum, cell.reason)},
            )
        return format_html("{}", cell.value)
    if cell.hidden:
        return format_html('<span class="hidden-count">{}</span>', hidden_text(minimum, cell.reason))
    return format_html("{}", cell.shown)


@register.simple_tag
def rate_cell(row, staff: bool = False):
    from samrad.followup.charts import _num

    rate = row.rate if staff else row.shown_rate
    return "–" if rate is None else _num(rate)
