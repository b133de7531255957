"""Write the follow-up sections to the database, inside the loader's transaction.

Rows are matched by slug, so loading the same file twice changes nothing. Rows from the file that are no longer in
it are removed; rows staff created on the web are left alone. Problems found here (an unknown event, a date
outside the plan period) go to ctx like any other, and the loader then rolls the whole load back.
"""

import datetime as dt

from django.utils.translation import gettext as _

from samrad.followup.models import (
    Activity,
    ActivityNote,
    Collaboration,
    FocusArea,
    FollowupInfo,
    Goal,
    Sector,
    ThemeLink,
)

from .validate import plan_of


def apply_collaborations(consultation, value, ctx) -> None:
    rows = plan_of(ctx).collaborations or []
    events = {e.slug: e for e in consultation.events.all()}
    for order, row in enumerate(rows):
        for i, slug in enumerate(row["events"]):
            if slug not in events:
                ctx.problem(
                    f"{row['_path']}.events",
                    _("item %(n)d names the event %(value)r, which is not in [[events]].")
                    % {"n": i + 1, "value": slug},
                )
        obj, _created = Collaboration.objects.update_or_create(
            consultation=consultation,
            slug=row["slug"],
            defaults={
                "title": row["title"],
                "intro": row["intro"],
                "results": row["results"],
                "goals_heading": row["goals_heading"],
                "order": order,
                "from_file": True,
            },
        )
        obj.events.set([events[s] for s in row["events"] if s in events])
    consultation.collaborations.filter(from_file=True).exclude(slug__in=[r["slug"] for r in rows]).delete()


def _collaboration(consultation, slug: str):
    return Collaboration.objects.filter(consultation=consultation, slug=slug).first() if slug else None


def _focus_areas(consultation, rows: list[dict], *, goal=None, sector=None) -> None:
    for order, row in enumerate(rows):
        FocusArea.objects.update_or_create(
            consultation=consultation,
            slug=row["slug"],
            defaults={"goal": goal, "sector": sector, "text": row["text"], "order": order, "from_file": True},
        )


def apply_goals(consultation, value, ctx) -> None:
    plan = plan_of(ctx)
    rows = plan.goals or []
    for order, row in enumerate(rows):
        goal, _created = Goal.objects.update_or_create(
            consultation=consultation,
            slug=row["slug"],
            defaults={
                "collaboration": _collaboration(consultation, row["collaboration"]),
                "name": row["name"],
                "text": row["text"],
                "target_groups": row["target_groups"],
                "order": order,
                "from_file": True,
            },
        )
        _focus_areas(consultation, row["focus_areas"], goal=goal)
    consultation.goals.filter(from_file=True).exclude(slug__in=[r["slug"] for r in rows]).delete()
    consultation.focus_areas.filter(from_file=True, goal__isnull=False).exclude(
        slug__in=list(plan.focus_areas)
    ).delete()


def apply_sectors(consultation, value, ctx) -> None:
    plan = plan_of(ctx)
    rows = plan.sectors or []
    for order, row in enumerate(rows):
        sector, _created = Sector.objects.update_or_create(
            consultation=consultation,
            slug=row["slug"],
            defaults={
                "collaboration": _collaboration(consultation, row["collaboration"]),
                "name": row["name"],
                "intro": row["intro"],
                "focus_text": row["focus_text"],
                "order": order,
                "from_file": True,
            },
        )
        _focus_areas(consultation, row["focus_areas"], sector=sector)
        for a_order, activity in enumerate(row["activities"]):
            Activity.objects.update_or_create(
                consultation=consultation,
                slug=activity["slug"],
                defaults={
                    "sector": sector,
                    "text": activity["text"],
                    "order": a_order,
                    "is_invented": False,
                    "from_file": True,
                },
            )
    consultation.sectors.filter(from_file=True).exclude(slug__in=[r["slug"] for r in rows]).delete()
    consultation.focus_areas.filter(from_file=True, sector__isnull=False).exclude(
        slug__in=list(plan.focus_areas)
    ).delete()
    _remove_stale_activities(consultation, plan, ctx)


def _remove_stale_activities(consultation, plan, ctx) -> None:
    stale = consultation.activities.filter(from_file=True).exclude(slug__in=list(plan.activities))
    for activity in stale:
        if activity.notes.filter(from_file=False).exists():
            ctx.problem(
                "sectors",
                _(
                    "the activity %(value)r is no longer in the file, but staff have written notes on it. Keep it "
                    "in the file, or remove it on the follow-up staff pages first."
                )
                % {"value": activity.slug},
            )
        else:
            activity.delete()


def _check_period(ctx, consultation, key: str, value: dt.date | None) -> None:
    if value is None:
        return
    first, last = consultation.plan_period_start, consultation.plan_period_end
    if not (first <= value.year <= last):
        ctx.problem(
            key,
            _("%(date)s is outside the plan period %(first)d–%(last)d. Give a date from %(first)d to %(last)d.")
            % {"date": value.isoformat(), "first": first, "last": last},
        )


def apply_followup(consultation, value, ctx) -> None:
    plan = plan_of(ctx)
    followup = plan.followup
    if followup is None:
        return
    FollowupInfo.objects.update_or_create(
        consultation=consultation, defaults={"is_invented": followup["invented"], "note": followup["note"]}
    )
    areas = set(consultation.areas.values_list("slug", flat=True))
    questions = set(consultation.questions.values_list("slug", flat=True))
    goals = {g.slug: g for g in consultation.goals.all()}
    focus_areas = {f.slug: f for f in consultation.focus_areas.all()}
    sectors = {s.slug: s for s in consultation.sectors.all()}
    named = []
    for entry in followup["activities"]:
        path = entry["_path"]
        for key in ("starts", "ends"):
            _check_period(ctx, consultation, f"{path}.{key}", entry[key])
        for note in entry["notes"]:
            _check_period(ctx, consultation, f"{note['_path']}.date", note["date"])
        for theme in entry["themes"]:
            if theme["area"] and theme["area"] not in areas:
                ctx.problem(
                    f"{theme['_path']}.area",
                    _("names the culture area %(value)r, which is not in [[areas]].") % {"value": theme["area"]},
                )
            if theme["question"] and theme["question"] not in questions:
                ctx.problem(
                    f"{theme['_path']}.question",
                    _("names the question %(value)r, which is not in [[questions]].") % {"value": theme["question"]},
                )
        activity = _activity_for(consultation, entry, followup["invented"], sectors)
        if activity is None:
            continue  # reported by validate
        named.append(activity.pk)
        activity.responsible = entry["responsible"]
        activity.starts, activity.ends = entry["starts"], entry["ends"]
        activity.progress_invented = followup["invented"]
        activity.progress_from_file = True
        activity.save()
        activity.goals.set([goals[s] for s in entry["goals"] if s in goals])
        activity.focus_areas.set([focus_areas[s] for s in entry["focus_areas"] if s in focus_areas])
        activity.theme_links.all().delete()
        ThemeLink.objects.bulk_create(
            ThemeLink(
                activity=activity,
                area_slug=t["area"],
                question_slug=t["question"],
                label=t["label"],
                ref=t["ref"],
                order=i,
            )
            for i, t in enumerate(entry["themes"])
        )
        activity.notes.filter(from_file=True).delete()
        ActivityNote.objects.bulk_create(
            ActivityNote(
                activity=activity,
                date=n["date"],
                status=n["status"],
                text=n["text"],
                author=n["author"],
                is_invented=followup["invented"],
                from_file=True,
            )
            for n in entry["notes"]
            if n["date"]
        )
        activity.refresh_status()
    # Follow-up the file no longer names: what came from the file goes, staff's own notes stay.
    for activity in consultation.activities.filter(progress_from_file=True).exclude(pk__in=named):
        activity.notes.filter(from_file=True).delete()
        activity.theme_links.all().delete()
        activity.goals.clear()
        activity.focus_areas.clear()
        activity.responsible, activity.starts, activity.ends = "", None, None
        activity.progress_invented = activity.progress_from_file = False
        activity.save()
        activity.refresh_status()
    _remove_stale_activities(consultation, plan, ctx)


def _activity_for(consultation, entry: dict, invented: bool, sectors: dict):
    if entry["text"]:
        activity, _created = Activity.objects.update_or_create(
            consultation=consultation,
            slug=entry["slug"],
            defaults={
                "text": entry["text"],
                "sector": sectors.get(entry["sector"]),
                "is_invented": invented,
                "from_file": True,
            },
        )
        return activity
    return consultation.activities.filter(slug=entry["slug"]).first()
