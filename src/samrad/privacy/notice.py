"""The short privacy notice shown where personal data is collected (registration, survey consent step): what is
kept, why and for how long, each said once, in plain words, from the consultation's [privacy] section.

In a template:   {% load privacy %}{% processing_notice consultation %}
In Python:       from samrad.privacy.notice import notice_paragraphs; lines = notice_paragraphs(consultation)
                 (the sign-up page builds its consent text from the same lines, with its own list of what it keeps)
"""

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samrad.core.personaldata import providers

from .models import ProcessingRecord


def notice_context(consultation) -> dict:
    record = ProcessingRecord.objects.filter(consultation=consultation).first()
    return {
        "consultation": consultation,
        "processing": record,
        "collected": collected(record),
        "notice": notice_paragraphs(consultation, record=record),
    }


def collected(record) -> list[str]:
    """What is collected, in full (the record of processing page): the record's own list, else what samrad's
    providers store."""
    if record is not None and record.personal_data:
        return list(record.personal_data)
    return [str(f) for p in providers() for f in p.fields]


def sentence(text: str) -> str:
    """One sentence ending in exactly one full stop, whatever the text from the file ended with."""
    text = " ".join(str(text).split()).rstrip(" .,;:")
    if not text:
        return ""
    return text if text[-1] in "!?…" else text + "."


def spoken_list(items) -> str:
    """ "a, b and c" """
    items = [" ".join(str(i).split()).rstrip(" .,;") for i in items if str(i).strip()]
    if len(items) < 2:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def retention_sentence(record) -> str:
    """How long, said once: a date when it is known, else months after closing."""
    until = record.retention_date() if record is not None else None
    if until:
        return _("Your personal data is deleted on %(date)s at the latest.") % {"date": date_format(until, "j F Y")}
    if record is not None and record.retention_months is not None:
        return ngettext(
            "Your personal data is deleted %(months)d month after the consultation closes.",
            "Your personal data is deleted %(months)d months after the consultation closes.",
            record.retention_months,
        ) % {"months": record.retention_months}
    return _("Your personal data is deleted when the consultation is over.")


def notice_paragraphs(consultation, *, what=None, record=None) -> list[str]:
    """What is kept, why, for how long, who sees it and what the person can do: one paragraph each.
    `what`: the form's own list of what it keeps; else the record's list, else name and e-mail address."""
    if record is None:
        record = ProcessingRecord.objects.filter(consultation=consultation).first()
    if not what:
        what = record.personal_data if record is not None and record.personal_data else None
    what = what or [_("your name"), _("your e-mail address")]
    controller = record.controller if record is not None else consultation.organiser
    lines = [_("What we keep: %(what)s") % {"what": sentence(spoken_list(what))}]
    if record is not None and record.purpose.strip():
        lines.append(_("Why: %(purpose)s") % {"purpose": sentence(record.purpose)})
    lines.append(_("For how long: %(retention)s") % {"retention": retention_sentence(record)})
    lines.append(
        _(
            "Only the people who organise the consultation see it; it is not published. %(controller)s is "
            "responsible for your personal data."
        )
        % {"controller": controller}
    )
    lines.append(
        _("With the personal link you receive by e-mail you can see, download and erase your data at any time.")
    )
    return lines


def processing_notice(consultation, request=None) -> str:
    return render_to_string("privacy/_processing_notice.html", notice_context(consultation), request=request)


def has_processing_record(consultation) -> bool:
    """Forms that collect personal data should not open before the organiser has described the processing."""
    return ProcessingRecord.objects.filter(consultation=consultation).exists()
