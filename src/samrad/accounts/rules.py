"""Who may do what, as named rules in one place (django-rules).

Objects passed to the rules are Consultations unless the rule name says otherwise. A Django superuser
may do everything. Staff views are let in by one of these names through `samrad.core.guard`; inside a view,
`has_perm(name, obj)` decides what else to show. Tests check them per role.
"""

import rules

from samrad.accounts.models import ConsultationRole

Role = ConsultationRole.Role


def _consultation_of(obj):
    if obj is None:
        return None
    for attr in ("consultation", "event", "round"):
        if hasattr(obj, attr) and not hasattr(obj, "plan_period_start"):
            return _consultation_of(getattr(obj, attr))
    return obj


def _has_role(user, obj, roles) -> bool:
    consultation = _consultation_of(obj)
    if not user.is_authenticated or not user.is_active or consultation is None:
        return False
    return ConsultationRole.objects.filter(user=user, consultation=consultation, role__in=roles).exists()


@rules.predicate
def is_administrator(user, obj=None) -> bool:
    return _has_role(user, obj, [Role.ADMINISTRATOR])


@rules.predicate
def is_analyst(user, obj=None) -> bool:
    return _has_role(user, obj, [Role.ANALYST, Role.ADMINISTRATOR])


@rules.predicate
def is_facilitator(user, obj=None) -> bool:
    return _has_role(user, obj, [Role.FACILITATOR, Role.ANALYST, Role.ADMINISTRATOR])


@rules.predicate
def is_group_facilitator(user, group=None) -> bool:
    """A facilitator may write only their own groups' notes; analysts and administrators any group's."""
    if group is None or not user.is_authenticated or not user.is_active:
        return False
    if getattr(group, "facilitator_id", None) == user.pk and _has_role(user, group, [Role.FACILITATOR]):
        return True
    return _has_role(user, group, [Role.ANALYST, Role.ADMINISTRATOR])


# An account that has been deactivated keeps no rights, superuser or not.
is_superuser = rules.is_active & rules.is_superuser

# The consultation's plan, registrations and personal data.
rules.add_perm("samrad.manage_consultation", is_superuser | is_administrator)
rules.add_perm("samrad.view_registrations", is_superuser | is_administrator | is_facilitator)
rules.add_perm("samrad.export_personal_data", is_superuser | is_administrator)
rules.add_perm("samrad.manage_groups", is_superuser | is_administrator)
# Notes and contributions.
rules.add_perm("samrad.write_group_notes", is_superuser | is_group_facilitator)  # obj: Group
rules.add_perm("samrad.lock_notes", is_superuser | is_administrator)
rules.add_perm("samrad.import_contributions", is_superuser | is_administrator | is_analyst)
# Analysis and publication: only analysts see unpublished text.
rules.add_perm("samrad.view_unpublished", is_superuser | is_analyst)
rules.add_perm("samrad.review", is_superuser | is_analyst)
rules.add_perm("samrad.publish", is_superuser | is_administrator | is_analyst)
rules.add_perm("samrad.view_feedback", is_superuser | is_analyst)
# Follow-up and the audit log.
rules.add_perm("samrad.edit_followup", is_superuser | is_administrator | is_analyst)
rules.add_perm("samrad.view_audit_log", is_superuser | is_administrator)

# --- Follow-up (followup app): participation counts below the publication minimum. ---
rules.add_perm("samrad.view_participation_counts", is_superuser | is_administrator | is_analyst)

# --- ops: staff pages, roles, privacy (samrad.accounts, samrad.audit, samrad.privacy) ---------------------
# Any role on the consultation: its line on the staff landing page (/personal/).
rules.add_perm("samrad.view_staff_tools", is_superuser | is_facilitator)
# Grant and revoke roles on the consultation.
rules.add_perm("samrad.manage_roles", is_superuser | is_administrator)
# The consultation's personal-data inventory; export and erase a person's data on their request.
rules.add_perm("samrad.manage_personal_data", is_superuser | is_administrator)
