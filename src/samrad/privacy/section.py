"""The [privacy] section of the consultation file: the record of processing.

[privacy]
controller = "Region Örebro län"                      # personuppgiftsansvarig
contact = "kultur@example.org"                         # e-mail or web address for questions
dpo = "dataskyddsombud@example.org"                    # optional: the data protection officer
purpose = "…"
legal_basis = "…"
personal_data = ["namn", "e-postadress", …]            # optional; default: what samrad stores
recipients = ["…"]                                     # optional
retention_until = 2023-06-30                           # either a date …
retention_months = 12                                  # … or months after the consultation closes
closed = 2022-12-31                                    # optional: when it closed (else: when its status became closed)
contributions = "…"                                    # optional: what happens to what people said
"""

import datetime as dt

from django.utils.translation import gettext as _

KEYS = {
    "controller",
    "contact",
    "dpo",
    "purpose",
    "legal_basis",
    "personal_data",
    "recipients",
    "retention_until",
    "retention_months",
    "closed",
    "contributions",
}


def _date(table, key, ctx):
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    ctx.problem(
        f"privacy.{key}", _("should be a date without quotes, e.g. 2023-06-30, not %(value)r.") % {"value": value}
    )
    return None


def _text_list(table, key, ctx) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        ctx.problem(f"privacy.{key}", _('should be a list of texts, e.g. ["namn", "e-postadress"].'))
        return []
    return [v.strip() for v in value]


def parse(value, ctx) -> dict | None:
    if not isinstance(value, dict):
        ctx.problem("privacy", _("should be a table: [privacy]."))
        return None
    for key in value:
        if key not in KEYS:
            ctx.problem(
                f"privacy.{key}",
                _("is not a known key. Known keys: %(known)s.") % {"known": ", ".join(sorted(KEYS))},
            )
    data = {
        "controller": ctx.get(value, "controller", "privacy", str),
        "contact": ctx.get(value, "contact", "privacy", str),
        "dpo": ctx.get(value, "dpo", "privacy", str, required=False, default=""),
        "purpose": ctx.get(value, "purpose", "privacy", str),
        "legal_basis": ctx.get(value, "legal_basis", "privacy", str),
        "personal_data": _text_list(value, "personal_data", ctx),
        "recipients": _text_list(value, "recipients", ctx),
        "retention_until": _date(value, "retention_until", ctx),
        "retention_months": ctx.get(value, "retention_months", "privacy", int, required=False),
        "closed_on": _date(value, "closed", ctx),
        "contributions": ctx.get(value, "contributions", "privacy", str, required=False, default=""),
    }
    has_until, has_months = "retention_until" in value, "retention_months" in value
    if has_until and has_months:
        ctx.problem(
            "privacy.retention_months",
            _("give either retention_until (a date) or retention_months (months after closing), not both."),
        )
    elif not has_until and not has_months:
        ctx.problem(
            "privacy",
            _(
                "says nothing about how long personal data is kept. Add retention_until = 2023-06-30 (a date) or "
                "retention_months = 12 (months after the consultation closes)."
            ),
        )
    months = data["retention_months"]
    if isinstance(months, int) and not 0 <= months <= 120:
        ctx.problem("privacy.retention_months", _("should be between 0 and 120 months."))
    return data


def validate(value, ctx) -> None:
    parse(value, ctx)


def apply(consultation, value, ctx) -> None:
    from .models import ProcessingRecord

    data = parse(value, ctx)
    if data is None or ctx.problems:
        return
    if data["closed_on"] is None:
        existing = ProcessingRecord.objects.filter(consultation=consultation).first()
        data["closed_on"] = existing.closed_on if existing else None
        if data["closed_on"] is None and consultation.status == consultation.Status.CLOSED:
            from django.utils import timezone

            data["closed_on"] = timezone.localdate()
    ProcessingRecord.objects.update_or_create(consultation=consultation, defaults=data)
