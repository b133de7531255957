"""Small helpers shared by the participation views."""

from django.shortcuts import get_object_or_404, redirect

from samrad.consultations.models import Event
from samrad.core.redirects import local_path


def get_event(consultation_slug: str, event_slug: str) -> Event:
    return get_object_or_404(
        Event.objects.select_related("consultation"), consultation__slug=consultation_slug, slug=event_slug
    )


def base_url(request) -> str:
    return request.build_absolute_uri("/")


def back(request, default: str):
    """Redirect to the form's `next` when it is a local URL, else to `default` (no open redirect)."""
    return redirect(local_path(request, request.POST.get("next", ""), default))
