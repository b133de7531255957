"""The privacy app's own provider: the person's name and e-mail address blanked in texts derived from what
people said (summaries, quotes, feedback, …), wherever an app keeps them next to a consultation. The apps
that store personal data register their own providers (participation/privacy.py, intake/privacy.py)."""

from django.utils.translation import gettext_lazy as _

from samrad.core.personaldata import Provider, Subject, register

# Apps whose text their own providers handle (intake, participation) or that must not change: the plan, the
# audit log (append-only, and never holds personal data), the record of processing.
NOT_SCRUBBED = {"consultations", "audit", "privacy", "intake", "participation"}


def _free_text_fields():
    """(model, [text and JSON field names]) for every model with a `consultation` link outside NOT_SCRUBBED:
    summaries, quotes, feedback and whatever later apps derive from what people said."""
    from django.apps import apps
    from django.db import models

    from samrad.consultations.models import Consultation

    for model in apps.get_models():
        if model._meta.app_label in NOT_SCRUBBED:
            continue
        link = next((f for f in model._meta.fields if f.name == "consultation"), None)
        if link is None or link.related_model is not Consultation:
            continue
        # Short texts too (a theme's label), but not fields with fixed choices, whose values are codes.
        names = [
            f.name
            for f in model._meta.fields
            if isinstance(f, models.TextField | models.JSONField | models.CharField)
            and not f.choices
            and not isinstance(f, models.SlugField)  # a link, not a text; "Lindqvist" is never in one
        ]
        if names:
            yield model, names


def scrub_free_text(subject: Subject) -> int:
    """Blank the person's name and e-mail address in derived texts (quotes, statements, feedback, …)."""
    if not subject.identifiers:
        return 0
    changed = 0
    for model, names in _free_text_fields():
        touched = []
        rows = model._base_manager.filter(consultation=subject.consultation).only("pk", *names)
        for row in rows.iterator(chunk_size=500):
            dirty = False
            for name in names:
                value = getattr(row, name)
                clean = subject.scrub_json(value)
                if clean != value:
                    setattr(row, name, clean)
                    dirty = True
            if dirty:
                touched.append(row)
        model._base_manager.bulk_update(touched, names, batch_size=500)
        changed += len(touched)
    return changed


def register_provider() -> None:
    register(
        Provider(
            key="privacy.free_text",
            label=_("Texts derived from contributions"),
            fields=(_("your name or e-mail address, if someone wrote it in a summary, quote or comment"),),
            erase=scrub_free_text,
        )
    )
