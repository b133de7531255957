"""The published version of each area: what the public page, the static site and every export show.

Analysts edit a draft (samrad.review's themes, points and quotes). Publishing copies the approved draft into a
snapshot here; later edits change only the draft until someone publishes again.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samrad.consultations.models import Area, Consultation


class Snapshot(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="snapshots")
    area = models.OneToOneField(Area, on_delete=models.CASCADE, related_name="snapshot")
    # {"sections": [{"question_slug", "question_kind", "heading", "themes": [{"headline", "points"}],
    #   "rest": [...], "quotes": [...]}]}, as samrad.publication.summary.Section serialises it.
    content = models.JSONField(_("published content"), default=dict)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who published when not a logged-in user: "samrad review", "samrad demo", "migration".
    published_label = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("published area")
        verbose_name_plural = _("published areas")

    def __str__(self) -> str:
        return f"{self.area} ({self.published_at:%Y-%m-%d %H:%M})"
