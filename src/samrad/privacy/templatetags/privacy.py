from django import template

from ..notice import notice_context

register = template.Library()


@register.inclusion_tag("privacy/_processing_notice.html")
def processing_notice(consultation):
    """{% processing_notice consultation %}: the short notice for a consent step."""
    return notice_context(consultation)
