"""What the consultation page says about its events and survey today, so it is never out of date:
an event that has taken place is "held" and offers no sign-up; the survey "opens", "is open until" or "closed"."""

from dataclasses import dataclass

from django.utils import timezone

from samrad.participation.registration import Window, window


def now():
    """The moment the page describes (tests replace it)."""
    return timezone.now()


@dataclass(frozen=True)
class EventToday:
    event: object
    state: str  # held | ongoing | upcoming
    registration: str  # none | not_open | open | closed (only for upcoming events)


def events_today(consultation, at) -> list[EventToday]:
    rows = []
    for event in consultation.events.all():
        if at >= event.ends_at:
            rows.append(EventToday(event, "held", Window.NONE))
        elif at >= event.starts_at:
            rows.append(EventToday(event, "ongoing", Window.NONE))
        else:
            rows.append(EventToday(event, "upcoming", window(event, at)))
    return rows


def survey_today(survey, at) -> str:
    """before | open | closed"""
    if at < survey.opens_at:
        return "before"
    return "open" if survey.is_open(at) else "closed"
