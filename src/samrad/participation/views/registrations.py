"""Staff pages: the registration list (filter, export) and changes on the day (status, walk-ins)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samrad.audit.log import record
from samrad.core.guard import guard

from .. import emails
from ..checks import duplicate_emails
from ..exports import as_csv, as_xlsx, registration_table
from ..forms import RegistrationFilterForm, WalkInForm
from ..models import Registration
from ..registration import active_count, add_walk_in, set_status
from .common import back, base_url, get_event

VIEW, EXPORT, MANAGE = "samrad.view_registrations", "samrad.export_personal_data", "samrad.manage_groups"


def _registrations(event):
    return event.registrations.select_related(
        "participant__role_category", "participant__municipality", "area", "consent"
    ).order_by("created_at", "pk")


@guard(VIEW)
def registration_list(request, consultation, event):
    event = get_event(consultation.slug, event)
    form = RegistrationFilterForm(request.GET or None, event=event)
    qs = form.apply(_registrations(event)) if request.GET else _registrations(event)
    counts = {s: 0 for s, _label in Registration.Status.choices}
    for status in event.registrations.values_list("status", flat=True):
        counts[status] += 1
    walk_in = WalkInForm(event=event) if request.user.has_perm(MANAGE, event) else None
    return render(
        request,
        "participation/staff/registrations.html",
        {
            "event": event,
            "consultation": event.consultation,
            "form": form,
            "registrations": qs,
            "counts": counts,
            "active": active_count(event),
            "duplicates": duplicate_emails(event),
            "can_export": request.user.has_perm(EXPORT, event),
            "can_manage": request.user.has_perm(MANAGE, event),
            "statuses": Registration.Status.choices,
            "walk_in_form": walk_in,
            "query": request.GET.urlencode(),
        },
    )


@guard(EXPORT)
def export(request, consultation, event, fmt):
    event = get_event(consultation.slug, event)
    form = RegistrationFilterForm(request.GET or None, event=event)
    qs = form.apply(_registrations(event)) if request.GET else _registrations(event)
    header, rows = registration_table(qs)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    name = f"{event.slug}-anmalningar-{stamp}"
    if fmt == "xlsx":
        body = as_xlsx(header, rows, _("Registrations"))
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = as_csv(header, rows)
        content_type = "text/csv; charset=utf-8"
    record(
        "registrations.exported",
        actor=request.user,
        consultation=event.consultation,
        obj=event,
        format=fmt,
        rows=len(rows),
        filters=form.as_params() if request.GET else {},
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@guard(MANAGE, methods=("POST",))
def change_status(request, consultation, event, pk):
    event = get_event(consultation.slug, event)
    registration = get_object_or_404(Registration, event=event, pk=pk)
    status = request.POST.get("status", "")
    if status not in Registration.Status.values:
        messages.error(request, _("Choose a status from the list."))
    else:
        moved = set_status(registration, status, actor=request.user)
        messages.success(
            request,
            _("%(name)s: %(status)s.")
            % {"name": registration.participant.name, "status": registration.get_status_display()},
        )
        for other in moved:
            sent = emails.send(other, "moved_up", base_url(request))
            messages.info(
                request,
                (
                    _("%(name)s moved up from the waiting list and was told by e-mail.")
                    if sent
                    else _("%(name)s moved up from the waiting list (the e-mail could not be sent).")
                )
                % {"name": other.participant.name},
            )
    return back(request, reverse("participation:registrations", args=[consultation.slug, event.slug]))


@guard(MANAGE, methods=("POST",))
def walk_in(request, consultation, event):
    event = get_event(consultation.slug, event)
    form = WalkInForm(request.POST, event=event)
    if not form.is_valid():
        form.prepare_aria()
        return render(
            request,
            "participation/staff/walk_in.html",
            {"event": event, "consultation": event.consultation, "form": form},
            status=400,
        )
    d = form.cleaned_data
    registration = add_walk_in(event, actor=request.user, **d)
    messages.success(request, _("%(name)s was added as a walk-in.") % {"name": registration.participant.name})
    return back(request, reverse("participation:registrations", args=[consultation.slug, event.slug]))
