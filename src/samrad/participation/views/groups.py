"""Staff pages per event: rounds and groups, forming and re-balancing, facilitators, lists and breakout files."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samrad.accounts.models import ConsultationRole
from samrad.audit.log import record
from samrad.core.guard import guard

from .. import group_exports
from ..checks import duplicate_emails
from ..formation import FormationError, form
from ..groupview import event_rounds
from ..latechanges import rebalance
from ..models import Group
from .common import back, get_event

VIEW, EXPORT, MANAGE = "samrad.view_registrations", "samrad.export_personal_data", "samrad.manage_groups"
MAX_TIME_LIMIT = 120


def _groups_url(event) -> str:
    return reverse("participation:groups", args=[event.consultation.slug, event.slug])


def _facilitators(event):
    return (
        get_user_model()
        .objects.filter(
            consultation_roles__consultation=event.consultation,
            consultation_roles__role=ConsultationRole.Role.FACILITATOR,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


@guard(VIEW)
def groups_page(request, consultation, event):
    event = get_event(consultation.slug, event)
    can_manage = request.user.has_perm(MANAGE, event)
    return render(
        request,
        "participation/staff/groups.html",
        {
            "event": event,
            "consultation": event.consultation,
            "rounds": event_rounds(event),
            "duplicates": duplicate_emails(event),
            "can_manage": can_manage,
            "can_export": request.user.has_perm(EXPORT, event),
            "facilitators": list(_facilitators(event)) if can_manage else [],
            "max_time_limit": MAX_TIME_LIMIT,
        },
    )


def _int(value, default, low, high):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


@guard(MANAGE, methods=("POST",))
def form_groups(request, consultation, event):
    event = get_event(consultation.slug, event)
    raw_round = request.POST.get("round", "")
    seed = _int(request.POST.get("seed", "0") or "0", 0, 0, 2**31 - 1)
    limit = _int(request.POST.get("time_limit", "10") or "10", 10, 1, MAX_TIME_LIMIT)
    number = _int(raw_round, None, 1, 1000) if raw_round else None
    problems = []
    if seed is None:
        problems.append(_("Seed: write a whole number of 0 or more."))
    if limit is None:
        problems.append(_("Time limit: write a whole number of seconds from 1 to %(max)s.") % {"max": MAX_TIME_LIMIT})
    if raw_round and number is None:
        problems.append(_("Round: choose a round from the list."))
    if not problems:
        try:
            formed = form(event, round_number=number, seed=seed, time_limit=limit, actor=request.user)
        except FormationError as exc:
            problems = exc.messages
        else:
            rounds = ", ".join(str(r.spec.number) for r in formed.results)
            messages.success(request, _("Groups formed for round %(rounds)s.") % {"rounds": rounds})
    for problem in problems:
        messages.error(request, _("The groups were not formed: %(problem)s") % {"problem": problem})
    return back(request, _groups_url(event))


@guard(MANAGE, methods=("POST",))
def rebalance_round(request, consultation, event, number):
    event = get_event(consultation.slug, event)
    rnd = get_object_or_404(event.rounds, number=number)
    try:
        result = rebalance(rnd, actor=request.user)
    except FormationError as exc:
        for problem in exc.messages:
            messages.error(request, _("The groups were not re-balanced: %(problem)s") % {"problem": problem})
    else:
        if not result.moves:
            messages.success(request, _("Round %(n)s: nothing to change.") % {"n": number})
        else:
            messages.success(
                request,
                _("Round %(n)s re-balanced: %(moved)s moved, %(left)s left, %(joined)s joined.")
                % {
                    "n": number,
                    "moved": len(result.moved),
                    "left": len([m for m in result.moves if m.to_group is None]),
                    "joined": len([m for m in result.moves if m.from_group is None]),
                },
            )
    return back(request, _groups_url(event) + f"#omgang-{number}")


@guard(MANAGE, methods=("POST",))
def set_facilitator(request, consultation, event, group_id):
    event = get_event(consultation.slug, event)
    group = get_object_or_404(Group, pk=group_id, round__event=event)
    raw = request.POST.get("facilitator", "")
    if raw:
        user = _facilitators(event).filter(pk=raw).first() if raw.isdigit() else None
        if user is None:
            messages.error(request, _("Choose a facilitator from the list."))
            return back(request, _groups_url(event))
    else:
        user = None
    group.facilitator = user
    group.save(update_fields=["facilitator"])
    record(
        "group.facilitator_set",
        actor=request.user,
        consultation=event.consultation,
        obj=group,
        round=group.round.number,
        group=group.number,
        facilitator=user.get_username() if user else "",
    )
    messages.success(
        request,
        _("Round %(round)s, group %(group)s: facilitator saved.")
        % {"round": group.round.number, "group": group.number},
    )
    return back(request, _groups_url(event) + f"#omgang-{group.round.number}")


def _round_or_all(request, event):
    raw = request.GET.get("omgang", "")
    if raw and not raw.isdigit():
        raise Http404
    return int(raw) if raw else None


@guard(VIEW)
def print_lists(request, consultation, event):
    event = get_event(consultation.slug, event)
    rounds = event_rounds(event, only=_round_or_all(request, event))
    return render(
        request,
        "participation/staff/groups_print.html",
        {"event": event, "consultation": event.consultation, "rounds": rounds},
    )


@guard(VIEW)
def lists_pdf(request, consultation, event):
    event = get_event(consultation.slug, event)
    number = _round_or_all(request, event)
    rounds = event_rounds(event, only=number)
    body = group_exports.lists_pdf({"event": event, "consultation": event.consultation, "rounds": rounds})
    response = HttpResponse(body, content_type="application/pdf")
    suffix = f"-omgang-{number}" if number else ""
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-grupper{suffix}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@guard(EXPORT)
def breakout(request, consultation, event, number, kind):
    event = get_event(consultation.slug, event)
    views = event_rounds(event, only=number)
    if not views or not views[0].groups:
        raise Http404
    text, missing = (group_exports.zoom_csv if kind == "zoom" else group_exports.teams_csv)(views[0])
    record(
        "groups.breakout_exported",
        actor=request.user,
        consultation=event.consultation,
        obj=views[0].round,
        format=kind,
        round=number,
        missing_email=len(missing),
    )
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-omgang-{number}-{kind}.csv"'
    response["Cache-Control"] = "no-store"
    return response
