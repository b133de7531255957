"""Feedback from readers of the public pages ("Hade du nytta av innehållet på denna sida?")."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from samrad.consultations.models import Consultation


class Feedback(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="feedback")
    page = models.CharField(_("page"), max_length=200)
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.page}: {'+' if self.helpful else '-'}"
