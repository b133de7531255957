"""What the workspace views share: the guard for their rule, one section (area × question) from the URL, and
the POST actions' round trip back to the section page. (The site-wide content security policy,
samrad.security, forbids inline script.)"""

import re
from functools import wraps

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from samrad.consultations.models import Consultation
from samrad.core.guard import guard

from ..actions import ActionError, Actor, Section

_ANCHOR = re.compile(r"[a-z0-9-]{1,40}")


def section_of(consultation: Consultation, area: str, question: str) -> Section:
    return Section(
        consultation,
        get_object_or_404(consultation.areas, slug=area),
        get_object_or_404(consultation.questions, slug=question),
    )


def actor(request) -> Actor:
    return Actor(user=request.user)


def section_url(section: Section, anchor: str = "") -> str:
    url = reverse(
        "review:section",
        kwargs={
            "consultation": section.consultation.slug,
            "area": section.area.slug,
            "question": section.question.slug,
        },
    )
    anchor = anchor if _ANCHOR.fullmatch(anchor or "") else ""
    return f"{url}#{anchor}" if anchor else url


class Rejected(ActionError):
    """A form that did not validate: it has been kept for the next page view; back to where it was."""

    def __init__(self, message: str, anchor: str = ""):
        super().__init__(message)
        self.anchor = anchor


def section_action(view):
    """A POST action on one section: the view gets the Section and returns (message, anchor); an ActionError
    becomes an error message. Always redirects back to the section page (post/redirect/get)."""

    @guard("samrad.review", methods=("POST",), after_login="review:overview")
    @wraps(view)
    def wrapper(request, consultation, area, question, *args, **kwargs):
        section = section_of(consultation, area, question)
        try:
            result = view(request, section, *args, **kwargs)
        except ActionError as exc:
            messages.error(request, str(exc))
            return redirect(section_url(section, getattr(exc, "anchor", "") or request.POST.get("anchor", "")))
        if hasattr(result, "status_code"):
            return result
        message, anchor = result
        if message:
            messages.success(request, message)
        return redirect(section_url(section, anchor))

    return wrapper
