"""What every workspace view does first: find the consultation and check the named rule; and afterwards that
unpublished text is not cached. (The site-wide content security policy, samrad.security, forbids inline script.)"""

import re
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from samrad.consultations.models import Consultation

from ..actions import ActionError, Actor, Group

_ANCHOR = re.compile(r"[a-z0-9-]{1,40}")


def workspace(perm: str = "samrad.review", methods: tuple[str, ...] = ("GET",)):
    """View decorator: the view gets the Consultation; anonymous users are sent to log in, users without the
    rule get a 403 page (the same for POST, so nothing is changed)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, consultation, *args, **kwargs):
            c = get_object_or_404(Consultation, slug=consultation)
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path() if request.method == "GET" else _overview(c))
            if not request.user.has_perm(perm, c):
                return render(request, "review/forbidden.html", {"consultation": c}, status=403)
            response = view(request, c, *args, **kwargs)
            response.headers["Cache-Control"] = "private, no-store"
            return response

        return wrapper

    return decorate


def group_of(consultation: Consultation, area: str, question: str) -> Group:
    return Group(
        consultation,
        get_object_or_404(consultation.areas, slug=area),
        get_object_or_404(consultation.questions, slug=question),
    )


def actor(request) -> Actor:
    return Actor(user=request.user)


def group_url(group: Group, anchor: str = "") -> str:
    url = reverse(
        "review:group",
        kwargs={"consultation": group.consultation.slug, "area": group.area.slug, "question": group.question.slug},
    )
    anchor = anchor if _ANCHOR.fullmatch(anchor or "") else ""
    return f"{url}#{anchor}" if anchor else url


class Rejected(ActionError):
    """A form that did not validate: it has been kept for the next page view; back to where it was."""

    def __init__(self, message: str, anchor: str = ""):
        super().__init__(message)
        self.anchor = anchor


def _overview(c: Consultation) -> str:
    return reverse("review:overview", kwargs={"consultation": c.slug})


def group_action(view):
    """A POST action on one group: the view gets the Group and returns (message, anchor); an ActionError
    becomes an error message. Always redirects back to the group page (post/redirect/get)."""

    @workspace(methods=("POST",))
    @wraps(view)
    def wrapper(request, consultation, area, question, *args, **kwargs):
        group = group_of(consultation, area, question)
        try:
            result = view(request, group, *args, **kwargs)
        except ActionError as exc:
            messages.error(request, str(exc))
            return redirect(group_url(group, getattr(exc, "anchor", "") or request.POST.get("anchor", "")))
        if hasattr(result, "status_code"):
            return result
        message, anchor = result
        if message:
            messages.success(request, message)
        return redirect(group_url(group, anchor))

    return wrapper
