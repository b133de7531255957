"""Staff page per event: rounds and their groups."""

from django.shortcuts import render

from .common import get_event, require


def groups_page(request, consultation, event):
    event = get_event(consultation, event)
    if refused := require(request, "samrad.view_registrations", event):
        return refused
    return render(request, "participation/staff/groups.html", {"event": event, "consultation": event.consultation})
