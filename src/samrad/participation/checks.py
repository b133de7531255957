"""Problems in the registrations that staff should see before forming groups (nothing is dropped silently)."""

from collections import defaultdict

from .models import Registration


def duplicate_emails(event) -> list[tuple[str, list[Registration]]]:
    """Active registrations of the event that share an e-mail address (case-insensitive)."""
    by_email: dict[str, list[Registration]] = defaultdict(list)
    qs = event.registrations.filter(status__in=Registration.ACTIVE).select_related("participant")
    for registration in qs.order_by("created_at", "pk"):
        email = registration.participant.email.strip().lower()
        if email:
            by_email[email].append(registration)
    return [(email, regs) for email, regs in sorted(by_email.items()) if len(regs) > 1]
