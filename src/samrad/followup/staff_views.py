"""Staff pages: edit collaborations, goals, sectors, focus areas and activities; write progress notes; upload places.

Every page needs the rule `samrad.edit_followup` on the consultation. Every change is written to the audit log.
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samrad.audit.log import record
from samrad.core.guard import guard

from . import places as places_import
from .forms import (
    ActivityForm,
    CollaborationForm,
    FocusAreaForm,
    GoalForm,
    NoteForm,
    PlacesUploadForm,
    SectorForm,
    unique_slug,
)
from .models import Activity, ActivityNote, Collaboration, FocusArea, Goal, Sector, ThemeLink
from .views import base_context

EDIT = "samrad.edit_followup"
GET_POST = ("GET", "POST")


@guard(EDIT)
def index(request, consultation):
    return render(
        request,
        "followup/staff/index.html",
        base_context(
            consultation,
            collaborations=consultation.collaborations.all(),
            goals=consultation.goals.prefetch_related("focus_areas"),
            sectors=consultation.sectors.prefetch_related("focus_areas"),
            activities=consultation.activities.select_related("sector"),
            places=consultation.meeting_places.count(),
        ),
    )


# kind -> (model, form, title of a new one, whether the form needs the consultation)
KINDS = {
    "samverkan": (Collaboration, CollaborationForm, "collaboration", False),
    "mal": (Goal, GoalForm, "goal", True),
    "sektor": (Sector, SectorForm, "sector", True),
    "fokusomrade": (FocusArea, FocusAreaForm, "focus area", False),
}


def _title(kind: str, new: bool) -> str:
    titles = {
        ("samverkan", True): _("New collaboration"),
        ("samverkan", False): _("Edit collaboration"),
        ("mal", True): _("New goal"),
        ("mal", False): _("Edit goal"),
        ("sektor", True): _("New sector"),
        ("sektor", False): _("Edit sector"),
        ("fokusomrade", True): _("New focus area"),
        ("fokusomrade", False): _("Edit focus area"),
    }
    return titles[(kind, new)]


@guard(EDIT, methods=GET_POST)
def edit(request, consultation, kind, pk=None):
    if kind not in KINDS:
        raise Http404
    model, form_class, _name, needs_consultation = KINDS[kind]
    instance = get_object_or_404(model, consultation=consultation, pk=pk) if pk else model(consultation=consultation)
    if kind == "fokusomrade" and not pk:
        parent = (
            request.GET.get("mal") or request.POST.get("mal"),
            request.GET.get("sektor") or request.POST.get("sektor"),
        )
        if parent[0]:
            instance.goal = get_object_or_404(Goal, consultation=consultation, pk=parent[0])
        elif parent[1]:
            instance.sector = get_object_or_404(Sector, consultation=consultation, pk=parent[1])
        else:
            raise Http404
    kwargs = {"consultation": consultation} if needs_consultation else {}
    form = form_class(request.POST or None, instance=instance, **kwargs)
    if request.method == "POST" and form.is_valid():
        created = instance.pk is None
        with transaction.atomic():
            obj = form.save(commit=False)
            if created:
                text = getattr(obj, "name", None) or getattr(obj, "title", None) or obj.text
                obj.slug = unique_slug(model, consultation, text[:50])
            obj.save()
            form.save_m2m()
            record(
                f"followup.{model._meta.model_name}.{'created' if created else 'updated'}",
                actor=request.user,
                consultation=consultation,
                obj=obj,
                changed=form.changed_data,
            )
        messages.success(request, _("Saved."))
        return redirect("followup:staff", consultation.slug)
    return render(
        request,
        "followup/staff/form.html",
        base_context(consultation, form=form, title=_title(kind, not pk), instance=instance),
    )


@guard(EDIT, methods=GET_POST)
def activity(request, consultation, pk=None):
    instance = (
        get_object_or_404(Activity, consultation=consultation, pk=pk) if pk else Activity(consultation=consultation)
    )
    form = ActivityForm(request.POST or None, instance=instance, consultation=consultation, prefix="activity")
    if request.method == "POST" and form.is_valid():
        created = instance.pk is None
        with transaction.atomic():
            obj = form.save(commit=False)
            if created:
                obj.slug = unique_slug(Activity, consultation, obj.text[:50])
            obj.save()
            form.save_m2m()
            if "themes" in form.changed_data or created:
                obj.theme_links.all().delete()
                ThemeLink.objects.bulk_create(
                    ThemeLink(activity=obj, order=i, **t) for i, t in enumerate(form.cleaned_data["themes"])
                )
            record(
                f"followup.activity.{'created' if created else 'updated'}",
                actor=request.user,
                consultation=consultation,
                obj=obj,
                changed=form.changed_data,
            )
        messages.success(request, _("The activity is saved."))
        return redirect("followup:staff_activity", consultation.slug, obj.pk)
    notes = instance.notes.order_by("-date", "-pk") if instance.pk else []
    note_form = NoteForm(consultation=consultation, prefix="note") if instance.pk else None
    return render(
        request,
        "followup/staff/activity.html",
        base_context(consultation, form=form, note_form=note_form, activity=instance, notes=notes),
    )


@guard(EDIT, methods=GET_POST)
def add_note(request, consultation, pk):
    activity = get_object_or_404(Activity, consultation=consultation, pk=pk)
    form = NoteForm(request.POST or None, consultation=consultation, prefix="note")
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            note = form.save(commit=False)
            note.activity = activity
            note.created_by = request.user
            note.save()
            old = activity.status
            new = activity.refresh_status()
            record(
                "followup.note.created",
                actor=request.user,
                consultation=consultation,
                obj=note,
                activity=activity.slug,
                status_before=old,
                status_after=new,
            )
        messages.success(request, _("The note is saved."))
        return redirect("followup:staff_activity", consultation.slug, activity.pk)
    return render(
        request,
        "followup/staff/activity.html",
        base_context(
            consultation,
            form=ActivityForm(instance=activity, consultation=consultation, prefix="activity"),
            note_form=form,
            activity=activity,
            notes=activity.notes.order_by("-date", "-pk"),
        ),
    )


@guard(EDIT, methods=("POST",), after_login="followup:staff")
def delete_note(request, consultation, pk):
    note = get_object_or_404(ActivityNote, activity__consultation=consultation, pk=pk)
    activity = note.activity
    with transaction.atomic():
        record(
            "followup.note.deleted",
            actor=request.user,
            consultation=consultation,
            obj=note,
            activity=activity.slug,
            date=note.date.isoformat(),
            text=note.text,
            status=note.status,
        )
        note.delete()
        activity.refresh_status()
    messages.success(request, _("The note is deleted. The deletion is in the audit log."))
    return redirect("followup:staff_activity", consultation.slug, activity.pk)


@guard(EDIT, methods=GET_POST)
def upload_places(request, consultation):
    form = PlacesUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = places_import.import_places(
            consultation,
            upload.read(),
            upload.name,
            dry_run=form.cleaned_data["dry_run"],
            invented=form.cleaned_data["invented"],
            actor=request.user,
        )
        if report.ok and not form.cleaned_data["dry_run"] and not report.warnings:
            messages.success(
                request, _("%(count)d meeting places imported; the map shows them now.") % {"count": report.imported}
            )
            return redirect(reverse("followup:participation", args=[consultation.slug]) + "#motesplatser")
    return render(
        request,
        "followup/staff/places.html",
        base_context(consultation, form=form, report=report),
    )
