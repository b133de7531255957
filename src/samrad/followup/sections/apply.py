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
    Status,
    ThemeLink,
)

from .validate import plan_of


def _upsert(model, consultation, rows: list[dict]) -> dict:
    """Create or update rows by slug in a few queries (the example plan loads in every test). Returns slug -> obj.

    Each row is {"slug": …, field: value, …} with foreign keys given as `<name>_id`."""
    existing = {o.slug: o for o in model.objects.filter(consultation=consultation, slug__in=[r["slug"] for r in rows])}
    fields = sorted({k for r in rows for k in r if k != "slug"})
    create, update = [], []
    for row in rows:
        obj = existing.get(row["slug"])
        values = {k: v for k, v in row.items() if k != "slug"}
        if obj is None:
            obj = model(consultation=consultation, slug=row["slug"], **values)
            create.append(obj)
        elif any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            update.append(obj)
        existing[row["slug"]] = obj
    model.objects.bulk_create(create)
    if update and fields:
        model.objects.bulk_update(update, fields)
    return existing


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
        obj = _upsert_from_file(Collaboration, consultation, row, order, ("title", "intro", "results", "goals_heading"))
        obj.events.set([events[s] for s in row["events"] if s in events])
    consultation.collaborations.filter(from_file=True).exclude(slug__in=[r["slug"] for r in rows]).delete()


def _collaboration(consultation, slug: str):
    return Collaboration.objects.filter(consultation=consultation, slug=slug).first() if slug else None


def _upsert_from_file(model, consultation, row: dict, order: int, fields: tuple[str, ...], **extra):
    """A Collaboration, Goal or Sector from the file, by slug: each keeps the file's order and is marked as from
    the file; only the fields copied from its row (and ``extra``, a goal's or sector's collaboration) differ."""
    obj, _created = model.objects.update_or_create(
        consultation=consultation,
        slug=row["slug"],
        defaults={**extra, **{f: row[f] for f in fields}, "order": order, "from_file": True},
    )
    return obj


def _remove_dropped_owners(model, consultation, rows: list[dict], plan) -> None:
    """Goals or sectors (model) no longer in the file, and their kind of focus areas that are gone from it too."""
    model.objects.filter(consultation=consultation, from_file=True).exclude(slug__in=[r["slug"] for r in rows]).delete()
    owned = {f"{model._meta.model_name}__isnull": False}  # goal__isnull or sector__isnull
    consultation.focus_areas.filter(from_file=True, **owned).exclude(slug__in=list(plan.focus_areas)).delete()


def _focus_area_rows(rows: list[dict], *, goal=None, sector=None) -> list[dict]:
    return [
        {
            "slug": row["slug"],
            "goal_id": goal.pk if goal else None,
            "sector_id": sector.pk if sector else None,
            "text": row["text"],
            "order": order,
            "from_file": True,
        }
        for order, row in enumerate(rows)
    ]


def apply_goals(consultation, value, ctx) -> None:
    plan = plan_of(ctx)
    rows = plan.goals or []
    focus = []
    for order, row in enumerate(rows):
        collaboration = _collaboration(consultation, row["collaboration"])
        goal = _upsert_from_file(
            Goal, consultation, row, order, ("name", "text", "target_groups"), collaboration=collaboration
        )
        focus += _focus_area_rows(row["focus_areas"], goal=goal)
    _upsert(FocusArea, consultation, focus)
    _remove_dropped_owners(Goal, consultation, rows, plan)


def apply_sectors(consultation, value, ctx) -> None:
    plan = plan_of(ctx)
    rows = plan.sectors or []
    focus, activities = [], []
    for order, row in enumerate(rows):
        collaboration = _collaboration(consultation, row["collaboration"])
        sector = _upsert_from_file(
            Sector, consultation, row, order, ("name", "intro", "focus_text"), collaboration=collaboration
        )
        focus += _focus_area_rows(row["focus_areas"], sector=sector)
        activities += [
            {
                "slug": a["slug"],
                "sector_id": sector.pk,
                "text": a["text"],
                "order": i,
                "is_invented": False,
                "from_file": True,
            }
            for i, a in enumerate(row["activities"])
        ]
    _upsert(FocusArea, consultation, focus)
    _upsert(Activity, consultation, activities)
    _remove_dropped_owners(Sector, consultation, rows, plan)
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


def _per_activity(entries: list[dict], activities: dict, key: str):
    """(activity pk, position, item) for each item in the entries' list ``key``: their theme links or notes."""
    return ((activities[e["slug"]].pk, i, item) for e in entries for i, item in enumerate(e[key]))


def apply_followup(consultation, value, ctx) -> None:
    plan = plan_of(ctx)
    followup = plan.followup
    if followup is None:
        return
    invented = followup["invented"]
    FollowupInfo.objects.update_or_create(
        consultation=consultation, defaults={"is_invented": invented, "note": followup["note"]}
    )
    _check_followup(consultation, followup, ctx)
    sectors = {s.slug: s.pk for s in consultation.sectors.all()}
    _upsert(
        Activity,
        consultation,
        [
            {
                "slug": e["slug"],
                "text": e["text"],
                "sector_id": sectors.get(e["sector"]),
                "is_invented": invented,
                "from_file": True,
            }
            for e in followup["activities"]
            if e["text"] and e["slug"]
        ],
    )
    progress = [
        {
            "slug": e["slug"],
            "responsible": e["responsible"],
            "starts": e["starts"],
            "ends": e["ends"],
            "progress_invented": invented,
            "progress_from_file": True,
        }
        for e in followup["activities"]
        if e["slug"]
    ]
    existing = set(consultation.activities.values_list("slug", flat=True))
    activities = _upsert(Activity, consultation, [p for p in progress if p["slug"] in existing])
    entries = [e for e in followup["activities"] if e["slug"] in activities]
    named = [activities[e["slug"]].pk for e in entries]
    goals = {g.slug: g.pk for g in consultation.goals.all()}
    focus_areas = {f.slug: f.pk for f in consultation.focus_areas.all()}
    _replace_links(Activity.goals.through, "goal_id", named, entries, activities, goals, "goals")
    _replace_links(Activity.focus_areas.through, "focusarea_id", named, entries, activities, focus_areas, "focus_areas")
    ThemeLink.objects.filter(activity_id__in=named).delete()
    ThemeLink.objects.bulk_create(
        ThemeLink(
            activity_id=pk, area_slug=t["area"], question_slug=t["question"], label=t["label"], ref=t["ref"], order=i
        )
        for pk, i, t in _per_activity(entries, activities, "themes")
    )
    ActivityNote.objects.filter(activity_id__in=named, from_file=True).delete()
    ActivityNote.objects.bulk_create(
        ActivityNote(
            activity_id=pk,
            date=n["date"],
            status=n["status"],
            text=n["text"],
            author=n["author"],
            is_invented=invented,
            from_file=True,
        )
        for pk, _i, n in _per_activity(entries, activities, "notes")
        if n["date"]
    )
    # Follow-up the file no longer names: what came from the file goes, staff's own notes stay.
    for activity in consultation.activities.filter(progress_from_file=True).exclude(pk__in=named):
        activity.notes.filter(from_file=True).delete()
        activity.theme_links.all().delete()
        activity.goals.clear()
        activity.focus_areas.clear()
        activity.responsible, activity.starts, activity.ends = "", None, None
        activity.progress_invented = activity.progress_from_file = False
        activity.save()
    refresh_statuses(consultation)
    _remove_stale_activities(consultation, plan, ctx)


def _check_followup(consultation, followup: dict, ctx) -> None:
    """What needs the plan: the plan period, the culture areas and questions named by themes."""
    areas = set(consultation.areas.values_list("slug", flat=True))
    questions = set(consultation.questions.values_list("slug", flat=True))
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


def _replace_links(through, column: str, named: list[int], entries, activities, targets: dict, key: str) -> None:
    through.objects.filter(activity_id__in=named).delete()
    through.objects.bulk_create(
        through(activity_id=activities[e["slug"]].pk, **{column: targets[slug]})
        for e in entries
        for slug in dict.fromkeys(e[key])
        if slug in targets
    )


def refresh_statuses(consultation) -> None:
    """Every activity's status from its latest status-setting note (the same rule as Activity.refresh_status)."""
    latest: dict[int, str] = {}
    for activity_id, status in (
        ActivityNote.objects.filter(activity__consultation=consultation)
        .exclude(status="")
        .order_by("activity_id", "date", "pk")
        .values_list("activity_id", "status")
    ):
        latest[activity_id] = status
    changed = []
    for activity in consultation.activities.only("pk", "status"):
        status = latest.get(activity.pk, Status.PROPOSED)
        if activity.status != status:
            activity.status = status
            changed.append(activity)
    Activity.objects.bulk_update(changed, ["status"])
