from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language

from samrad.core import text

register = template.Library()

_NAMES = {"sv": "Svenska", "en": "English"}


@register.simple_tag(takes_context=True)
def language_links(context):
    """Links to this page in the other languages (works without JavaScript)."""
    request = context.get("request")
    if request is None:
        return ""
    current = get_language()
    items = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        items.append((translate_url(request.get_full_path(), code), code, _NAMES.get(code, code)))
    return format_html_join(
        " ", '<a href="{}" hreflang="{}" lang="{}">{}</a>', ((url, code, code, name) for url, code, name in items)
    )


@register.filter
def paragraphs(text: str):
    """Plain text with blank lines → escaped <p> paragraphs."""
    parts = [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]
    return format_html_join("\n", "<p>{}</p>", ((p,) for p in parts))


@register.simple_tag
def area_anchor(area):
    return format_html("{}", f"omrade-{area.slug}")


register.filter("join_points", text.join_points)
register.filter("sentence", text.sentence)


@register.filter
def error_anchor(bound_field) -> str:
    """The id an error summary links to: the control itself, or the first option of a radio/checkbox group."""
    return bound_field.id_for_label or f"{bound_field.auto_id}_0"
