"""A rejected form survives the redirect (post/redirect/get): what was typed and the errors are kept in the
session for the next page view, which shows that one form filled in and marked, and its <details> open."""

from django import forms
from django.utils.datastructures import MultiValueDict

SESSION_KEY = "review_rejected_form"


def keep(request, key: str, errors: dict[str, list[str]], page: str) -> None:
    """Keep the rejected form `key` for the next view of `page` (the path it is shown on)."""
    data = {k: v for k, v in request.POST.lists() if k != "csrfmiddlewaretoken"}
    request.session[SESSION_KEY] = {"key": key, "data": data, "errors": errors, "page": page}


def take(request) -> dict | None:
    """The rejected form kept for this page, if any; it is shown once."""
    kept = request.session.pop(SESSION_KEY, None)
    return kept if kept and kept.get("page") == request.path else None


def form_for(rejected: dict | None, key: str, form_class: type[forms.Form], **kwargs) -> forms.Form:
    """The form for `key`: bound to what was typed (with its errors) if that is the rejected one."""
    if rejected and rejected.get("key") == key:
        data = MultiValueDict(rejected["data"])
        form = form_class(data=data, **{k: v for k, v in kwargs.items() if k != "initial"})
        form.full_clean()
        for field, messages in rejected.get("errors", {}).items():
            for message in messages:
                if message not in form.errors.get(field, []):
                    form.add_error(field if field in form.fields else None, message)
        form.rejected = True
        return form
    form = form_class(**kwargs)
    form.rejected = False
    return form


def selected(rejected: dict | None, key: str, name: str) -> set[str]:
    """Checkboxes ticked in the rejected form `key` (so a failed move keeps the selection)."""
    if rejected and rejected.get("key") == key:
        return set(rejected["data"].get(name, []))
    return set()
