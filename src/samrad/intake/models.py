"""Contributions: what people said, kept exactly as received, with where it came from."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from samrad.consultations.models import Area, Consultation, Event, Municipality, Question, RoleCategory


class Contribution(models.Model):
    """One answer to one question. `raw_text` is never altered; everything after it is derived."""

    class Source(models.TextChoices):
        GROUP_NOTE = "group_note", _("Group note")
        SURVEY = "survey", _("Survey")
        WORKSHOP = "workshop", _("Workshop")
        IMPORT = "import", _("Import")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="contributions")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("culture area"))
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("question"))
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("event"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    raw_text = models.TextField(_("text as received"))
    # Who: a known participant, a group (notes), or an anonymous respondent key (survey, import).
    participant = models.ForeignKey(
        "participation.Participant", null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    group = models.ForeignKey(
        "participation.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    respondent = models.CharField(_("respondent key"), max_length=100, blank=True, db_index=True)
    role_category = models.ForeignKey(RoleCategory, null=True, blank=True, on_delete=models.SET_NULL)
    municipality = models.ForeignKey(Municipality, null=True, blank=True, on_delete=models.SET_NULL)
    received_at = models.DateTimeField(_("received"))
    # Where the raw record came from: file, row, checksum, submission id, … (never used to alter raw_text).
    provenance = models.JSONField(_("provenance"), default=dict, blank=True)
    # Unique per consultation; makes re-imports and resent forms idempotent.
    dedup_key = models.CharField(max_length=200, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consultation", "received_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "dedup_key"], name="uniq_contribution_dedup_key"),
        ]
        indexes = [models.Index(fields=["consultation", "area", "question"])]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return self.raw_text[:60]

    @property
    def author_key(self) -> str:
        """A stable, non-identifying key for counting distinct authors."""
        if self.participant_id:
            return f"participant:{self.participant_id}"
        if self.respondent:
            return f"respondent:{self.respondent}"
        if self.group_id:
            return f"group:{self.group_id}"
        return f"contribution:{self.pk}"
