"""An event's details in words, for the audit-log page: "Headline: 'A' → 'B'", never a Python dict.

Each key of an event's data gets a readable name (FIELDS, else the key with spaces); a before/after pair is
shown as a change; a snapshot of a theme or point as its headline or text; lists as lists.
"""

from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .privacy import REDACTED_KEY

FIELDS = {
    "accepted_multiline_cells": gettext_lazy("Cells over many lines accepted"),
    "activity": gettext_lazy("Activity"),
    "added": gettext_lazy("Added"),
    "area": gettext_lazy("Culture area"),
    "backup": gettext_lazy("Backup"),
    "bytes": gettext_lazy("Bytes"),
    "changed": gettext_lazy("Changed"),
    "counts": gettext_lazy("Counts"),
    "created_at": gettext_lazy("Created"),
    "duplicates": gettext_lazy("Repeated respondents"),
    "event": gettext_lazy("Dialogue"),
    "facilitator": gettext_lazy("Facilitator"),
    "fields": gettext_lazy("Fields"),
    "file": gettext_lazy("File"),
    "filters": gettext_lazy("Filters"),
    "format": gettext_lazy("Format"),
    "from_themes": gettext_lazy("From themes"),
    "group": gettext_lazy("Group"),
    "headline": gettext_lazy("Headline"),
    "imported": gettext_lazy("Imported"),
    "included": gettext_lazy("Included"),
    "into": gettext_lazy("Merged into"),
    "merged": gettext_lazy("Merged"),
    "joined": gettext_lazy("Joined"),
    "kept_contributions": gettext_lazy("Contributions kept"),
    "label": gettext_lazy("Label"),
    "left": gettext_lazy("Left"),
    "missing_email": gettext_lazy("Without e-mail address"),
    "moved": gettext_lazy("Moved"),
    "new_quotes": gettext_lazy("New quotes"),
    "new_statements": gettext_lazy("New statements"),
    "new_themes": gettext_lazy("New themes"),
    "notes": gettext_lazy("Notes"),
    "participant": gettext_lazy("Participant"),
    "participants": gettext_lazy("Participants"),
    "people": gettext_lazy("People"),
    "points": gettext_lazy("Points"),
    "points_followed": gettext_lazy("Points that followed"),
    "previous": gettext_lazy("Previous status"),
    "reason": gettext_lazy("Reason"),
    "replaced": gettext_lazy("Replaced"),
    "role": gettext_lazy("Role"),
    "round": gettext_lazy("Round"),
    "rounds": gettext_lazy("Rounds"),
    "rows": gettext_lazy("Rows"),
    "seed": gettext_lazy("Seed"),
    "sha256": gettext_lazy("Checksum (SHA-256)"),
    "skipped": gettext_lazy("Already there"),
    "sources": gettext_lazy("Sources"),
    "statement": gettext_lazy("Statement"),
    "statements": gettext_lazy("Statements"),
    "status": gettext_lazy("Status"),
    "status_after": gettext_lazy("Status after"),
    "status_before": gettext_lazy("Status before"),
    "text": gettext_lazy("Text"),
    "theme": gettext_lazy("Theme"),
    "user": gettext_lazy("User"),
    "username": gettext_lazy("User name"),
    "what": gettext_lazy("What"),
}

# What a before/after pair that is not a dict stands for, by action.
CHANGE_OF = {
    "order": gettext_lazy("Order"),
    "status": gettext_lazy("Status"),
    "edit": gettext_lazy("Text"),
    "restore": gettext_lazy("Text"),
    "approved": gettext_lazy("Status"),
    "rejected": gettext_lazy("Status"),
    "candidate": gettext_lazy("Status"),
    "move": gettext_lazy("Theme"),
}
MAX_ITEMS = 12
MAX_TEXT = 300


def field(key: str) -> str:
    if key in FIELDS:
        return str(FIELDS[key])
    if "." in key:  # a privacy provider's key, in an erasure's or purge's counts
        from samrad.core.personaldata import PROVIDERS

        if key in PROVIDERS:
            return str(PROVIDERS[key].label)
    return key.replace("_", " ").capitalize()


def value(v) -> str:
    """One value in words: text quoted, yes/no, lists joined, a theme or point by its headline or text."""
    if v is None or v == "":
        return "–"
    if isinstance(v, bool):
        return _("yes") if v else _("no")
    if isinstance(v, str):
        return "'" + (v if len(v) <= MAX_TEXT else v[:MAX_TEXT] + "…") + "'"
    if isinstance(v, int | float):
        return str(v)
    if isinstance(v, list):
        shown = ", ".join(value(x) for x in v[:MAX_ITEMS])
        more = len(v) - MAX_ITEMS
        return shown + (" " + _("and %(n)d more") % {"n": more} if more > 0 else "") if v else "–"
    if isinstance(v, dict):
        for key in ("headline", "text"):  # a snapshot of a theme or point
            if isinstance(v.get(key), str):
                return value(v[key])
        return "; ".join(f"{field(k)}: {value(x)}" for k, x in v.items())
    return str(v)


def change(label, before, after) -> list[str]:
    if isinstance(before, dict) and isinstance(after, dict) and set(before) & set(after):
        # Two versions of one thing: only what changed.
        keys = [k for k in (*before, *[k for k in after if k not in before]) if before.get(k) != after.get(k)]
        return [f"{field(k)}: {value(before.get(k))} → {value(after.get(k))}" for k in keys]
    if label:
        return [f"{label}: {value(before)} → {value(after)}"]
    return [_("Before: %(value)s") % {"value": value(before)}, _("After: %(value)s") % {"value": value(after)}]


def describe(event) -> list[str]:
    """The event's details, one line each."""
    data = dict(event.data or {})
    redacted = data.pop(REDACTED_KEY, None)
    lines = []
    if "before" in data and "after" in data:
        label = CHANGE_OF.get(event.action.rsplit(".", 1)[-1])
        lines += change(label and str(label), data.pop("before"), data.pop("after"))
    elif "before" in data:
        lines.append(_("Before: %(value)s") % {"value": value(data.pop("before"))})
    elif "after" in data:
        lines.append(_("After: %(value)s") % {"value": value(data.pop("after"))})
    lines += [f"{field(k)}: {value(v)}" for k, v in data.items()]
    if redacted:
        lines.append(_("Names removed when a person's data was erased."))
    return lines


def what_object(event) -> str:
    """ "Theme 12" rather than "review.theme 12"."""
    if not event.object_type:
        return ""
    try:
        name = apps.get_model(event.object_type)._meta.verbose_name
    except (LookupError, ValueError):
        name = event.object_type
    return f"{str(name).capitalize()} {event.object_id}".strip()
