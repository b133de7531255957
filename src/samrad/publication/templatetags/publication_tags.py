from django import template
from django.utils.html import format_html

from samrad.publication.counts import hidden_text

register = template.Library()


@register.simple_tag
def public_count(cell, minimum: int):
    """A protected count as the public sees it: the number, or what stands in for it."""
    if cell is None:
        return ""
    if cell.hidden:
        return format_html('<span class="hidden-count">{}</span>', hidden_text(minimum, cell.reason))
    return format_html("{}", cell.shown)
