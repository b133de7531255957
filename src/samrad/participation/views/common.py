"""Small helpers shared by the participation views."""

from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme

from samrad.consultations.models import Event


def get_event(consultation_slug: str, event_slug: str) -> Event:
    return get_object_or_404(
        Event.objects.select_related("consultation"), consultation__slug=consultation_slug, slug=event_slug
    )


def base_url(request) -> str:
    return request.build_absolute_uri("/")


def back(request, default: str):
    """Redirect to the form's `next` when it is a local URL, else to `default` (no open redirect)."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)
