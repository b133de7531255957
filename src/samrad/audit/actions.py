"""Readable names for audit actions, shown on the audit-log page. Apps add theirs with register()."""

from django.utils.translation import gettext_lazy as _

LABELS: dict[str, str] = {
    "auth.login": _("Logged in"),
    "auth.login_failed": _("Failed login"),
    "auth.logout": _("Logged out"),
    "role.granted": _("Role granted"),
    "role.revoked": _("Role revoked"),
    "user.created": _("Staff account created"),
    "privacy.erased": _("Personal data erased"),
    "privacy.export": _("Personal data exported"),
    "privacy.subject_export": _("A participant downloaded their data"),
    "privacy.purged": _("Personal data removed after the retention period"),
    "ops.restored": _("Database restored from a backup"),
}


def register(action: str, label) -> None:
    LABELS[action] = label


def label(action: str) -> str:
    return str(LABELS.get(action, action))
