"""The consultation's calendar: a page, a feed for calendar programs (.ics), and one .ics per event."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language

from samrad.consultations.models import Consultation

from .ical import build_calendar
from .views import base_context


def registration_path(consultation, event) -> str:
    """The event's sign-up page (built by the registration app; the fallback is the path the plan names)."""
    try:
        return reverse("participation:signup", kwargs={"consultation": consultation.slug, "event": event.slug})
    except NoReverseMatch:
        prefix = "" if get_language() == "sv" else f"/{get_language()}"
        return f"{prefix}/{consultation.slug}/{event.slug}/anmalan/"


def registration_state(event, now) -> str:
    """'' (no registration), 'not_open', 'open' or 'closed'."""
    if not event.has_registration:
        return ""
    if event.registration_opens_at and now < event.registration_opens_at:
        return "not_open"
    if now >= (event.registration_closes_at or event.starts_at):
        return "closed"
    return "open"


def calendar(request, consultation):
    c = get_object_or_404(Consultation, slug=consultation)
    now = timezone.now()
    events = list(c.events.all())
    for e in events:
        e.registration = registration_state(e, now)
        e.registration_url = registration_path(c, e) if e.registration == "open" else ""
    feed = request.build_absolute_uri(reverse("followup:calendar_feed", args=[c.slug]))
    return render(
        request,
        "followup/calendar.html",
        base_context(
            c,
            upcoming=[e for e in events if e.ends_at >= now],
            past=[e for e in events if e.ends_at < now][::-1],
            feed_url=feed,
            webcal_url="webcal://" + feed.split("://", 1)[1],
        ),
    )


def _ics(request, consultation, events, filename: str) -> HttpResponse:
    body = build_calendar(
        consultation,
        events,
        host=request.get_host().split(":")[0],
        url_for=lambda e: (
            request.build_absolute_uri(reverse("followup:calendar", args=[consultation.slug])) + f"#{e.slug}"
        ),
        registration_url_for=lambda e: request.build_absolute_uri(registration_path(consultation, e)),
        stamp=consultation.updated_at,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def calendar_feed(request, consultation):
    c = get_object_or_404(Consultation, slug=consultation)
    return _ics(request, c, c.events.all(), f"{c.slug}.ics")


def event_ics(request, consultation, event):
    c = get_object_or_404(Consultation, slug=consultation)
    e = get_object_or_404(c.events, slug=event)
    return _ics(request, c, [e], f"{e.slug}.ics")
