"""The audit log, read-only: per consultation for its administrators, everything for superusers."""

import datetime as dt

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samrad.core.guard import guard

from . import actions, details
from .models import AuditEvent

PER_PAGE = 50


class FilterForm(forms.Form):
    action = forms.ChoiceField(label=_("What"), required=False)
    who = forms.CharField(label=_("Who (user name)"), required=False, max_length=200)
    since = forms.DateField(label=_("From date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        names = sorted(set(events.values_list("action", flat=True).distinct()), key=actions.label)
        self.fields["action"].choices = [("", _("All"))] + [(a, actions.label(a)) for a in names]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("is before the from date."))
        return data

    def apply(self, events):
        if not self.is_valid():
            return events
        data = self.cleaned_data
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("who"):
            events = events.filter(actor_label__icontains=data["who"].strip())
        tz = timezone.get_current_timezone()
        if data.get("since"):
            events = events.filter(at__gte=dt.datetime.combine(data["since"], dt.time.min, tzinfo=tz))
        if data.get("until"):
            events = events.filter(
                at__lt=dt.datetime.combine(data["until"] + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
            )
        return events


def _page(request, events, context, template="audit/log.html"):
    form = FilterForm(request.GET or None, events=events)
    filtered = form.apply(events).select_related("actor")
    page = Paginator(filtered, PER_PAGE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    rows = [
        {"event": e, "label": actions.label(e.action), "details": details.describe(e), "object": details.what_object(e)}
        for e in page
    ]
    return render(request, template, {**context, "form": form, "page": page, "rows": rows, "query": query.urlencode()})


@guard("samrad.view_audit_log")
def consultation_log(request, consultation):
    events = AuditEvent.objects.filter(consultation=consultation)
    return _page(request, events, {"consultation": consultation})


@guard("samrad.view_audit_log")
def all_events(request):
    """Everything, including logins and events outside any consultation: the rule asked about no consultation,
    which only superusers hold."""
    return _page(request, AuditEvent.objects.all(), {"consultation": None})
