"""The record of processing per consultation (GDPR art. 30, in the words a participant reads), and which
participants have been erased."""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from samrad.consultations.models import Consultation


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


class ProcessingRecord(models.Model):
    """Loaded from the [privacy] section of the consultation file."""

    consultation = models.OneToOneField(Consultation, on_delete=models.CASCADE, related_name="processing_record")
    controller = models.CharField(_("controller"), max_length=200)
    contact = models.CharField(_("contact"), max_length=300)
    dpo = models.CharField(_("data protection officer"), max_length=300, blank=True)
    purpose = models.TextField(_("purpose"))
    legal_basis = models.TextField(_("legal basis"))
    personal_data = models.JSONField(_("personal data collected"), default=list, blank=True)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    retention_until = models.DateField(_("personal data kept until"), null=True, blank=True)
    retention_months = models.PositiveIntegerField(
        _("months personal data is kept after the consultation closes"), null=True, blank=True
    )
    closed_on = models.DateField(
        _("consultation closed on"),
        null=True,
        blank=True,
        help_text=_("From the file, or the day samrad saw the consultation's status become closed."),
    )
    contributions = models.TextField(_("what happens to contributions"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("record of processing")
        verbose_name_plural = _("records of processing")

    def __str__(self) -> str:
        return str(self.consultation)

    def retention_date(self) -> dt.date | None:
        """The last day personal data is kept; None while it depends on a closing day not yet known."""
        if self.retention_until:
            return self.retention_until
        if self.retention_months is not None and self.closed_on:
            return add_months(self.closed_on, self.retention_months)
        return None

    def is_due(self, today: dt.date) -> bool:
        retention = self.retention_date()
        return retention is not None and today > retention


class ErasedParticipant(models.Model):
    """A participant whose identity has been removed: kept only as an anonymous count."""

    class Reason(models.TextChoices):
        REQUEST = "request", _("The person's own request")
        STAFF = "staff", _("On request, by staff")
        RETENTION = "retention", _("Retention period ended")

    participant = models.OneToOneField(
        "participation.Participant", on_delete=models.CASCADE, related_name="erasure", primary_key=True
    )
    erased_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    kept_contributions = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("erased participant")
        verbose_name_plural = _("erased participants")
