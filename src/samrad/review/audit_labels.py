"""Readable names of the review actions in the audit log (samrad.audit.actions)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "review.analysis.run": _("Analysis run"),
    "review.area.status": _("Status of a culture area's summary changed"),
    "review.consultation.status": _("Status of the consultation changed"),
    "review.export": _("Export downloaded"),
    "review.theme.edit": _("Theme renamed or rewritten"),
    "review.theme.include": _("Theme included in the summary"),
    "review.theme.exclude": _("Theme left out of the summary"),
    "review.theme.order": _("Themes reordered"),
    "review.theme.merge": _("Themes merged"),
    "review.theme.split": _("Theme split"),
    "review.theme.add": _("Theme written by an analyst"),
    "review.theme.delete": _("Theme removed"),
    "review.statements.move": _("Statements moved"),
    "review.point.add": _("Point added"),
    "review.point.edit": _("Point edited"),
    "review.point.order": _("Points reordered"),
    "review.point.delete": _("Point removed"),
    "review.quote.approved": _("Quote approved"),
    "review.quote.rejected": _("Quote rejected"),
    "review.quote.candidate": _("Quote back to candidate"),
    "review.quote.edit": _("Quote text edited"),
    "review.quote.restore": _("Quote text back to samrad's proposal"),
    "review.quote.order": _("Quotes reordered"),
    "review.quote.propose": _("Quote candidate proposed by an analyst"),
}


def register() -> None:
    from samrad.audit.actions import register as add

    for action, label in LABELS.items():
        add(action, label)
