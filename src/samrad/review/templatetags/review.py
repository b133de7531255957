"""Template helpers for the workspace. Everything from answers is escaped here (format_html)."""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import pgettext_lazy

# The languages the engine tells apart (samrad.synthesis LANGUAGES), for a statement in another language than
# the page's: it counts in its theme but never words a line, so the analyst should see it.
LANGUAGE_NAMES = {
    "sv": pgettext_lazy("language, inside a sentence", "Swedish"),
    "en": pgettext_lazy("language, inside a sentence", "English"),
    "de": pgettext_lazy("language, inside a sentence", "German"),
    "fr": pgettext_lazy("language, inside a sentence", "French"),
    "fi": pgettext_lazy("language, inside a sentence", "Finnish"),
}

register = template.Library()

CONTEXT_CHARS = 240


@register.simple_tag
def in_context(statement, chars: int = CONTEXT_CHARS):
    """The statement marked inside the raw contribution around it (as received, escaped)."""
    raw = statement.contribution.raw_text
    start, end = max(0, min(statement.start, len(raw))), max(0, min(statement.end, len(raw)))
    before_from, after_to = max(0, start - chars), min(len(raw), end + chars)
    return format_html(
        '<span class="raw">{}{}<mark>{}</mark>{}{}</span>',
        "… " if before_from > 0 else "",
        raw[before_from:start],
        raw[start:end],
        raw[end:after_to],
        " …" if after_to < len(raw) else "",
    )


@register.filter
def area_status_class(review) -> str:
    return f"status-{review.status}" if review else "status-draft"


@register.filter
def percent(share) -> str:
    """0.0323 → "3,2 %" (in the active language's number format)."""
    try:
        value = 100 * float(share or 0)
    except (TypeError, ValueError):
        return "–"
    return f"{number_format(value, 1)} %"


@register.filter
def group_name(contribution) -> str:
    """The discussion group a note came from: the group in the database, or the one named in its source file."""
    if contribution.group_id:
        return str(contribution.group)
    return str((contribution.provenance or {}).get("example_group", ""))


@register.filter
def kinds(redactions) -> str:
    """The kinds of what the redaction masked: "namn, telefon"."""
    return ", ".join(sorted({r.get("kind", "") for r in redactions or [] if r.get("kind")}))


@register.filter
def other_language(statement, page: str = "sv") -> str:
    """The name of a statement's language when it is not the page's ("English"), else ""."""
    lang = getattr(statement, "lang", "") or ""
    return str(LANGUAGE_NAMES.get(lang, lang)) if lang and lang != page else ""
