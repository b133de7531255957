"""Headings for the keys of exported records, on the participant's own page (the JSON keeps the keys)."""

from django.utils.translation import gettext_lazy as _

FIELD_LABELS = {
    "name": _("Name"),
    "email": _("E-mail address"),
    "organisation": _("Organisation"),
    "role_category": _("Role category"),
    "municipality": _("Municipality"),
    "registered_at": _("Registered"),
    "event": _("Event"),
    "starts_at": _("Starts"),
    "culture_area": _("Culture area"),
    "status": _("Status"),
    "needs": _("Accessibility or other needs"),
    "round": _("Round"),
    "group": _("Group"),
    "received_at": _("Received"),
    "source": _("Source"),
    "question": _("Question"),
    "text": _("Text"),
}
