"""Roles per consultation. Permissions themselves are named rules in samrad/accounts/rules.py."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samrad.consultations.models import Consultation


class ConsultationRole(models.Model):
    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Administrator")
        ANALYST = "analyst", _("Analyst")
        FACILITATOR = "facilitator", _("Facilitator")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_roles")
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "consultation", "role"], name="uniq_consultation_role"),
        ]
        verbose_name = _("consultation role")
        verbose_name_plural = _("consultation roles")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.consultation}"
