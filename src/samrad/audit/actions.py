"""Readable names for audit actions, shown on the audit-log page. Apps add theirs with register(); the review app
registers its own (review/audit_labels.py). tests/audit/test_labels.py fails when an action used anywhere in
samrad has no name."""

from django.utils.translation import gettext_lazy as _

LABELS: dict[str, str] = {
    # accounts, audit
    "auth.login": _("Logged in"),
    "auth.login_failed": _("Failed login"),
    "auth.logout": _("Logged out"),
    "role.granted": _("Role granted"),
    "role.revoked": _("Role revoked"),
    "user.created": _("Staff account created"),
    # privacy, operations
    "privacy.erased": _("Personal data erased"),
    "privacy.export": _("Personal data exported"),
    "privacy.subject_export": _("A participant downloaded their data"),
    "privacy.purged": _("Personal data removed after the retention period"),
    "ops.restored": _("Database restored from a backup"),
    # participation
    "registration.created": _("Registration received"),
    "registration.cancelled": _("Registration cancelled"),
    "registration.status_changed": _("Registration status changed"),
    "registration.moved_up": _("Moved up from the waiting list"),
    "registration.walk_in": _("Walk-in registered"),
    "registrations.exported": _("Registration list exported"),
    "groups.formed": _("Groups formed"),
    "groups.rebalanced": _("Groups rebalanced"),
    "groups.breakout_exported": _("Breakout rooms exported"),
    "group.facilitator_set": _("Facilitator chosen for a group"),
    # intake
    "contributions.import": _("Contributions imported"),
    "notes.lock": _("Notes locked"),
    "notes.unlock": _("Notes unlocked"),
    # follow-up
    "followup.collaboration.created": _("Collaboration added"),
    "followup.collaboration.updated": _("Collaboration edited"),
    "followup.goal.created": _("Goal added"),
    "followup.goal.updated": _("Goal edited"),
    "followup.sector.created": _("Sector added"),
    "followup.sector.updated": _("Sector edited"),
    "followup.focusarea.created": _("Focus area added"),
    "followup.focusarea.updated": _("Focus area edited"),
    "followup.activity.created": _("Activity added"),
    "followup.activity.updated": _("Activity edited"),
    "followup.note.created": _("Progress note added"),
    "followup.note.deleted": _("Progress note removed"),
    "followup.places.imported": _("Meeting places imported"),
}


def register(action: str, label) -> None:
    LABELS[action] = label


def label(action: str) -> str:
    return str(LABELS.get(action, action))
