from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "samrad.audit"
    label = "audit"

    def ready(self):
        from samrad.core.staff_links import register

        from . import signals  # noqa: F401  (connects the login receivers)

        register("audit", _("Audit log"), "audit:consultation", "samrad.view_audit_log", order=910)
