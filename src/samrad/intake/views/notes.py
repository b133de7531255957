"""The facilitators' notes page (one per group; by account or by the group's link), the staff overview with
locking, and the revision history. The page works as a plain form; intake.js adds autosave on top."""

import secrets

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samrad.core.guard import guard
from samrad.participation.models import Group

from .. import notes
from ..models import Contribution, NoteRevision

GROUP_RELATED = ("round__event__consultation", "round__question", "facilitator")


def _int(value, default=0) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return default


def by_link(request, consultation, token):
    group = Group.objects.select_related(*GROUP_RELATED).filter(token=token).first()
    if group is None or group.round.event.consultation.slug != consultation:
        raise Http404
    return _page(request, group, reverse("intake:notes_link", args=[consultation, token]))


def _group(consultation, pk) -> Group:
    """The group whose notes the rule is asked about: a facilitator writes only their own groups' notes."""
    return get_object_or_404(
        Group.objects.select_related(*GROUP_RELATED), pk=pk, round__event__consultation=consultation
    )


@guard("samrad.write_group_notes", methods=("GET", "POST"), on=_group)
def by_account(request, consultation, pk):
    group = _group(consultation, pk)
    return _page(request, group, reverse("intake:notes_group", args=[consultation.slug, pk]))


def _page(request, group, url):
    if group.round.question is None:
        raise Http404
    areas = notes.areas_for(group)
    editor = notes.Editor.of(request, group)
    if request.method == "POST" and "area" in request.POST:
        return _autosave(request, group, areas, editor)
    problems: dict[str, str] = {}
    theirs: dict[str, str] = {}
    typed: dict[str, str] = {}
    if request.method == "POST":
        client = request.POST.get("client", "")[:64] or secrets.token_hex(8)
        seq = _int(request.POST.get("seq"), 1)
        for area in areas:
            field = f"text-{area.slug}"
            if field not in request.POST:
                continue
            typed[area.slug] = request.POST[field]
            try:
                result = notes.save_note(
                    group,
                    area,
                    request.POST[field],
                    base_version=_int(request.POST.get(f"version-{area.slug}")),
                    client=client,
                    seq=seq,
                    editor=editor,
                )
            except notes.NotesLocked as exc:
                problems[area.slug] = str(exc)
                continue
            if result.status == "conflict":
                problems[area.slug] = _(
                    "Someone else saved a newer version of this note while you were writing. Their text is shown "
                    "below the box; yours is still in the box. Save again to replace their text with yours."
                )
                theirs[area.slug] = result.text
        if not problems:
            messages.success(request, _("The notes have been saved."))
            return redirect(url)
    return _render(request, group, areas, url, problems=problems, theirs=theirs, typed=typed)


def _autosave(request, group, areas, editor):
    area = next((a for a in areas if a.slug == request.POST.get("area")), None)
    if area is None:
        return JsonResponse(
            {"status": "error", "message": _("This culture area is not one of the group's.")}, status=400
        )
    try:
        result = notes.save_note(
            group,
            area,
            request.POST.get("text", ""),
            base_version=_int(request.POST.get("version")),
            client=request.POST.get("client", "")[:64],
            seq=_int(request.POST.get("seq")),
            editor=editor,
        )
    except notes.NotesLocked as exc:
        return JsonResponse({"status": "locked", "message": str(exc)}, status=423)
    return JsonResponse(
        {
            "status": result.status,
            "version": result.version,
            "text": result.text,
            "saved_at": timezone.localtime().strftime("%H:%M"),
        },
        status=200 if result.ok else 409,
    )


def _render(request, group, areas, url, *, problems=None, theirs=None, typed=None):
    problems, theirs, typed = problems or {}, theirs or {}, typed or {}
    existing = notes.notes_of(group)
    fields = []
    for area in areas:
        note = existing.get(area.pk)
        version = notes.current_version(note)
        fields.append(
            {
                "area": area,
                "text": typed.get(area.slug, note.raw_text if note else ""),
                "version": version,
                "problem": problems.get(area.slug, ""),
                "theirs": theirs.get(area.slug),
            }
        )
    event = group.round.event
    lock = notes.lock_of(event)
    error_links = [(f"text-{f['area'].slug}", f"{f['area'].name}: {f['problem']}") for f in fields if f["problem"]]
    return render(
        request,
        "intake/notes.html",
        {
            "consultation": event.consultation,
            "group": group,
            "group_label": notes.group_label(group),
            "round": group.round,
            "event": event,
            "question": group.round.question,
            "fields": fields,
            "lock": lock,
            "url": url,
            "client": secrets.token_hex(8),
            "error_links": error_links,
        },
        status=409 if problems else 200,
    )


@guard("samrad.view_registrations")
def overview(request, consultation):
    show_links = request.user.has_perm("samrad.manage_groups", consultation)
    can_lock = request.user.has_perm("samrad.lock_notes", consultation)
    note_counts: dict[int, int] = {}
    for group_id in Contribution.objects.filter(
        consultation=consultation, source=Contribution.Source.GROUP_NOTE, group__isnull=False
    ).values_list("group_id", flat=True):
        note_counts[group_id] = note_counts.get(group_id, 0) + 1
    events = []
    for event in consultation.events.prefetch_related("rounds__groups__facilitator", "rounds__question"):
        rounds = []
        for round_ in event.rounds.all():
            groups = [
                {"group": g, "label": notes.group_label(g), "notes": note_counts.get(g.pk, 0)}
                for g in round_.groups.all()
                if request.user.has_perm("samrad.write_group_notes", g) or show_links or can_lock
            ]
            if groups:
                rounds.append({"round": round_, "groups": groups})
        if rounds:
            events.append({"event": event, "rounds": rounds, "lock": notes.lock_of(event)})
    return render(
        request,
        "intake/notes_overview.html",
        {"consultation": consultation, "events": events, "show_links": show_links, "can_lock": can_lock},
    )


@guard("samrad.lock_notes", methods=("POST",), after_login="intake:notes_overview")
def lock(request, consultation, event_slug):
    event = get_object_or_404(consultation.events, slug=event_slug)
    if request.POST.get("action") == "unlock":
        notes.unlock(event, request.user)
        messages.success(request, _("The notes of %(event)s are open for editing again.") % {"event": event.title})
    else:
        notes.lock(event, request.user)
        messages.success(
            request, _("The notes of %(event)s are locked. Later edits are refused.") % {"event": event.title}
        )
    return redirect("intake:notes_overview", consultation=consultation.slug)


# Those who oversee the notes (everyone who may lock them may see unpublished text), not the facilitators.
@guard("samrad.view_unpublished")
def history(request, consultation, pk):
    group = _group(consultation, pk)
    revisions = (
        NoteRevision.objects.filter(contribution__group=group)
        .select_related("contribution__area")
        .order_by("contribution__area__order", "version")
    )
    return render(
        request,
        "intake/notes_history.html",
        {
            "consultation": consultation,
            "group": group,
            "group_label": notes.group_label(group),
            "revisions": revisions,
        },
    )
