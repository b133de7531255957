from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "samrad.audit"
    label = "audit"

    def ready(self):
        from samrad.core.staff_links import register

        from . import privacy, signals  # noqa: F401  (signals connects the login receivers)

        privacy.register_providers()

        register("audit", _("Audit log"), "audit:consultation", "samrad.view_audit_log", order=910)
