"""Public record of processing; a participant's own data through their personal link; the staff page for
data-subject requests and the consultation's personal-data inventory."""

import datetime as dt
import json
import re

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from samrad.audit.log import record
from samrad.consultations.models import Consultation
from samrad.core.guard import guard
from samrad.core.personaldata import providers
from samrad.participation.models import Participant

from .erasure import erase_person, export_data, purge_plan
from .exports import log_personal_data_export
from .forms import EraseForm, FindPersonForm
from .labels import FIELD_LABELS
from .models import ErasedParticipant, ProcessingRecord
from .notice import notice_context

ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def record_page(request, consultation):
    return render(request, "privacy/record.html", notice_context(get_object_or_404(Consultation, slug=consultation)))


def _private(response):
    """A page reached with a personal link: never cached or indexed. The site's Referrer-Policy (same-origin)
    keeps the link from other sites; no-referrer would make browsers send Origin: null, which CSRF refuses."""
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _participant(token):
    return Participant.objects.filter(token=token, erasure__isnull=True).select_related("consultation").first()


def _gone(request):
    return _private(render(request, "privacy/link_unknown.html", status=404))


def _readable(value):
    """Times in the export are ISO 8601; on the page they are written the Swedish way."""
    if isinstance(value, str) and ISO_TIME.match(value):
        return date_format(dt.datetime.fromisoformat(value), "j F Y, H:i")
    return value


def _sections(data: dict) -> list[dict]:
    """The export, with readable headings instead of the JSON keys."""
    return [
        {
            "label": section["label"],
            "records": [
                {str(FIELD_LABELS.get(k, k)): _readable(v) for k, v in item.items()} for item in section["records"]
            ],
        }
        for section in data["data"].values()
        if section["records"]
    ]


@never_cache
def my_data(request, token):
    participant = _participant(token)
    if participant is None:
        return _gone(request)
    data = export_data(participant)
    context = {
        **notice_context(participant.consultation),
        "token": token,
        "sections": _sections(data),
    }
    return _private(render(request, "privacy/my_data.html", context))


def _json_response(data: dict, filename: str):
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _private(response)


@never_cache
def download(request, token):
    participant = _participant(token)
    if participant is None:
        return _gone(request)
    record("privacy.subject_export", consultation=participant.consultation, obj=participant, label="participant")
    return _json_response(export_data(participant), f"mina-uppgifter-{participant.consultation.slug}.json")


@never_cache
def erase(request, token):
    participant = _participant(token)
    if participant is None:
        return _gone(request)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        consultation = participant.consultation
        erase_person(
            participant,
            keep_contributions=form.cleaned_data["contributions"] == "keep",
            base_url=request.build_absolute_uri("/"),
        )
        return redirect("privacy:erased", consultation=consultation.slug)
    context = {**notice_context(participant.consultation), "form": form, "token": token}
    return _private(render(request, "privacy/erase.html", context))


def erased(request, consultation):
    consultation = get_object_or_404(Consultation, slug=consultation)
    return _private(render(request, "privacy/erased.html", {"consultation": consultation}))


# --- staff ---------------------------------------------------------------------------------------------------
STAFF = "samrad.manage_personal_data"


@guard(STAFF, methods=("GET", "POST"))
def staff_page(request, consultation):
    # The address is personal data: it comes in the body of a POST, never in a URL, where server logs and
    # browser history would keep it. The result links carry the participant's id only.
    form = FindPersonForm(request.POST if request.method == "POST" else None)
    matches = None
    if form.is_valid():
        matches = list(
            Participant.objects.filter(
                consultation=consultation, email__iexact=form.cleaned_data["email"], erasure__isnull=True
            ).order_by("pk")
        )
    return _staff_render(request, consultation, form, matches)


def _staff_render(request, consultation, form, matches):
    processing = ProcessingRecord.objects.filter(consultation=consultation).first()
    plan = purge_plan(consultation)
    inventory = [{"label": p.label, "fields": [str(f) for f in p.fields], "count": plan[p.key]} for p in providers()]
    today = timezone.localdate()
    return render(
        request,
        "privacy/staff.html",
        {
            "consultation": consultation,
            "processing": processing,
            "retention": processing.retention_date() if processing else None,
            "due": processing.is_due(today) if processing else False,
            "inventory": inventory,
            "erased": ErasedParticipant.objects.filter(participant__consultation=consultation).count(),
            "form": form,
            "matches": matches,
        },
    )


@guard(STAFF, methods=("POST",), after_login="privacy:staff")
def staff_export(request, consultation, pk):
    participant = get_object_or_404(Participant, pk=pk, consultation=consultation, erasure__isnull=True)
    data = export_data(participant)
    rows = sum(len(section["records"]) for section in data["data"].values())
    log_personal_data_export(
        request.user,
        consultation,
        "data-subject access request",
        rows=rows,
        fields=sorted(data["data"]),
        participant=participant.pk,
    )
    return _json_response(data, f"personuppgifter-{consultation.slug}-{participant.pk}.json")


@guard(STAFF, methods=("POST",), after_login="privacy:staff")
def staff_erase(request, consultation, pk):
    participant = get_object_or_404(Participant, pk=pk, consultation=consultation, erasure__isnull=True)
    if request.POST.get("confirm") != "yes":
        # The person stays on the page (found by id: the address was in the search, not in any URL).
        messages.error(request, _("Tick the box to confirm the erasure. Nothing was erased."))
        return _staff_render(request, consultation, FindPersonForm(), [participant])
    erase_person(
        participant,
        actor=request.user,
        keep_contributions=request.POST.get("contributions", "keep") == "keep",
        reason=ErasedParticipant.Reason.STAFF,
        base_url=request.build_absolute_uri("/"),
    )
    messages.success(request, _("The person's data was erased. The audit log records that it was done, not what."))
    return redirect("privacy:staff", consultation=consultation.slug)
