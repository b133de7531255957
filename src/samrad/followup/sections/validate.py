"""Check the follow-up sections of a consultation file and normalise them for apply.py.

The loader validates registered sections one by one, in the order they were registered (collaborations, goals,
sectors, followup), each with only its own value. References between them (a goal's collaboration, an activity's
focus areas) are checked against what the earlier sections declared, kept on the loader's context. Checks that
need the plan itself (event slugs, culture areas, the plan period) happen in apply.py, still inside the loader's
transaction, so a bad file changes nothing either way.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
STATUSES = ("proposed", "planned", "ongoing", "done", "dropped")


@dataclass
class FollowupPlan:
    """What the file's follow-up sections say, normalised. `None`: the section is not in the file."""

    collaborations: list[dict] | None = None
    goals: list[dict] | None = None
    sectors: list[dict] | None = None
    followup: dict | None = None
    focus_areas: dict[str, str] = field(default_factory=dict)  # slug -> key path
    activities: dict[str, str] = field(default_factory=dict)  # slug -> key path (sectors' and new ones)


def plan_of(ctx) -> FollowupPlan:
    """The follow-up plan of this load, kept on the loader's context between the sections."""
    if "_followup_plan" not in ctx.__dict__:
        ctx.__dict__["_followup_plan"] = FollowupPlan()
    return ctx.__dict__["_followup_plan"]


# Small typed readers; each reports a located problem and returns a safe default.


def _text(ctx, table: dict, key: str, path: str, *, required: bool = False) -> str:
    value = table.get(key)
    if value is None:
        if required:
            ctx.problem(f"{path}.{key}", _("is missing. Add %(key)s = … here.") % {"key": key})
        return ""
    if not isinstance(value, str):
        ctx.problem(f"{path}.{key}", _("should be text in quotes, not %(value)r.") % {"value": value})
        return ""
    if required and not value.strip():
        ctx.problem(f"{path}.{key}", _("is empty. Write the text here."))
    return value.strip()


def _slug(ctx, table: dict, key: str, path: str, *, required: bool = True) -> str:
    value = _text(ctx, table, key, path, required=required)
    if value and not SLUG.match(value):
        ctx.problem(
            f"{path}.{key}",
            _('%(value)r is not a valid slug: use lower-case letters a–z, digits and hyphens, e.g. "mal-1".')
            % {"value": value},
        )
        return ""
    return value


def _text_list(ctx, table: dict, key: str, path: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        ctx.problem(f"{path}.{key}", _('should be a list of texts, e.g. ["first", "second"].'))
        return []
    return [v.strip() for v in value if v.strip()]


def _tables(ctx, value, path: str) -> list[tuple[str, dict]]:
    if value is None:
        return []
    if not isinstance(value, list):
        ctx.problem(path, _("should be a list of tables: write each item as [[%(key)s]].") % {"key": path})
        return []
    out = []
    for i, item in enumerate(value):
        if isinstance(item, dict):
            out.append((f"{path}[{i}]", item))
        else:
            ctx.problem(f"{path}[{i}]", _("should be a table, written as [[%(key)s]].") % {"key": path})
    return out


def _unknown(ctx, table: dict, path: str, known: set[str]) -> None:
    for key in table:
        if key not in known:
            ctx.problem(
                f"{path}.{key}",
                _("is not a known key here. Known keys: %(known)s.") % {"known": ", ".join(sorted(known))},
            )


def _date(ctx, table: dict, key: str, path: str, *, end: bool = False) -> dt.date | None:
    """A date (2024-03-01) or a year (2024: the first or, for an end, the last day of it)."""
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1900 < value < 2200:
        return dt.date(value, 12, 31) if end else dt.date(value, 1, 1)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    ctx.problem(
        f"{path}.{key}",
        _("should be a date without quotes (2024-03-01) or a year (2024), not %(value)r.") % {"value": value},
    )
    return None


def _unique(ctx, seen: dict[str, str], slug: str, key: str, what: str) -> None:
    if not slug:
        return
    if slug in seen:
        ctx.problem(
            key,
            _("%(value)r is used twice as the slug of %(what)s (also at %(other)s). Slugs must be unique.")
            % {"value": slug, "what": what, "other": seen[slug]},
        )
    else:
        seen[slug] = key


def _focus_areas(ctx, table: dict, path: str, plan: FollowupPlan) -> list[dict]:
    out = []
    for fpath, item in _tables(ctx, table.get("focus_areas"), f"{path}.focus_areas"):
        slug = _slug(ctx, item, "slug", fpath)
        _unique(ctx, plan.focus_areas, slug, f"{fpath}.slug", _("a focus area"))
        out.append({"_path": fpath, "slug": slug, "text": _text(ctx, item, "text", fpath, required=True)})
        _unknown(ctx, item, fpath, {"slug", "text"})
    return out


def _reference(ctx, slug: str, known, key: str, section: str) -> None:
    if slug and slug not in known:
        ctx.problem(
            key,
            _("names %(value)r, which is not in %(section)s. Check the spelling or add it there.")
            % {"value": slug, "section": section},
        )


def validate_collaborations(value, ctx) -> None:
    plan = plan_of(ctx)
    plan.collaborations, seen = [], {}
    for path, item in _tables(ctx, value, "collaborations"):
        slug = _slug(ctx, item, "slug", path)
        _unique(ctx, seen, slug, f"{path}.slug", _("a collaboration"))
        events = _text_list(ctx, item, "events", path)
        plan.collaborations.append(
            {
                "_path": path,
                "slug": slug,
                "title": _text(ctx, item, "title", path, required=True),
                "intro": _text(ctx, item, "intro", path),
                "results": _text_list(ctx, item, "results", path),
                "goals_heading": _text(ctx, item, "goals_heading", path),
                "events": events,
            }
        )
        _unknown(ctx, item, path, {"slug", "title", "intro", "results", "goals_heading", "events"})


def _collaboration_ref(ctx, item: dict, path: str, plan: FollowupPlan) -> str:
    slug = _slug(ctx, item, "collaboration", path, required=False)
    known = {c["slug"] for c in plan.collaborations or []}
    _reference(ctx, slug, known, f"{path}.collaboration", "[[collaborations]]")
    return slug


def validate_goals(value, ctx) -> None:
    plan = plan_of(ctx)
    plan.goals, seen = [], {}
    for path, item in _tables(ctx, value, "goals"):
        slug = _slug(ctx, item, "slug", path)
        _unique(ctx, seen, slug, f"{path}.slug", _("a goal"))
        plan.goals.append(
            {
                "_path": path,
                "slug": slug,
                "collaboration": _collaboration_ref(ctx, item, path, plan),
                "name": _text(ctx, item, "name", path, required=True),
                "text": _text(ctx, item, "text", path, required=True),
                "target_groups": _text_list(ctx, item, "target_groups", path),
                "focus_areas": _focus_areas(ctx, item, path, plan),
            }
        )
        _unknown(ctx, item, path, {"slug", "collaboration", "name", "text", "target_groups", "focus_areas"})


def validate_sectors(value, ctx) -> None:
    plan = plan_of(ctx)
    plan.sectors, seen = [], {}
    for path, item in _tables(ctx, value, "sectors"):
        slug = _slug(ctx, item, "slug", path)
        _unique(ctx, seen, slug, f"{path}.slug", _("a sector"))
        activities = []
        for apath, activity in _tables(ctx, item.get("activities"), f"{path}.activities"):
            aslug = _slug(ctx, activity, "slug", apath)
            _unique(ctx, plan.activities, aslug, f"{apath}.slug", _("an activity"))
            activities.append(
                {"_path": apath, "slug": aslug, "text": _text(ctx, activity, "text", apath, required=True)}
            )
            _unknown(ctx, activity, apath, {"slug", "text"})
        plan.sectors.append(
            {
                "_path": path,
                "slug": slug,
                "collaboration": _collaboration_ref(ctx, item, path, plan),
                "name": _text(ctx, item, "name", path, required=True),
                "intro": _text(ctx, item, "intro", path),
                "focus_text": _text(ctx, item, "focus_text", path),
                "focus_areas": _focus_areas(ctx, item, path, plan),
                "activities": activities,
            }
        )
        _unknown(ctx, item, path, {"slug", "collaboration", "name", "intro", "focus_text", "focus_areas", "activities"})


def validate_followup(value, ctx) -> None:
    plan = plan_of(ctx)
    if not isinstance(value, dict):
        ctx.problem("followup", _("should be a table: [followup], with [[followup.activities]] below it."))
        return
    invented = value.get("invented", False)
    if not isinstance(invented, bool):
        ctx.problem("followup.invented", _("should be true or false."))
        invented = False
    plan.followup = {"invented": invented, "note": _text(ctx, value, "note", "followup"), "activities": []}
    _unknown(ctx, value, "followup", {"invented", "note", "activities"})
    sector_activities = dict(plan.activities)
    sectors = {s["slug"] for s in plan.sectors or []}
    goals = {g["slug"] for g in plan.goals or []}
    named: dict[str, str] = {}
    for path, item in _tables(ctx, value.get("activities"), "followup.activities"):
        entry = _followup_activity(ctx, item, path, plan, sector_activities, named, sectors, goals)
        plan.followup["activities"].append(entry)


def _followup_activity(ctx, item, path, plan, sector_activities, named, sectors, goals) -> dict:
    slug = _slug(ctx, item, "activity", path)
    text = _text(ctx, item, "text", path)
    if slug and slug in named:
        ctx.problem(
            f"{path}.activity",
            _("%(value)r is followed up twice (also at %(other)s). Put all its notes under one entry.")
            % {"value": slug, "other": named[slug]},
        )
    elif slug:
        named[slug] = f"{path}.activity"
    if slug and text:  # a new activity, defined here
        if slug in sector_activities:
            ctx.problem(
                f"{path}.text",
                _("%(value)r is already an activity of [[sectors]] (at %(other)s). Leave out text = … to follow it up.")
                % {"value": slug, "other": sector_activities[slug]},
            )
        else:
            plan.activities[slug] = f"{path}.activity"
    elif slug and slug not in sector_activities:
        ctx.problem(
            f"{path}.activity",
            _(
                "names the activity %(value)r, which is not among the activities of [[sectors]]. Check the "
                "spelling, or give it a text = … to add it as a new activity."
            )
            % {"value": slug},
        )
    sector = _slug(ctx, item, "sector", path, required=False)
    if sector and not text:
        ctx.problem(f"{path}.sector", _("only applies to a new activity (one with text = …)."))
    _reference(ctx, sector, sectors, f"{path}.sector", "[[sectors]]")
    starts = _date(ctx, item, "starts", path)
    ends = _date(ctx, item, "ends", path, end=True)
    if starts and ends and ends < starts:
        ctx.problem(f"{path}.ends", _("is before the activity starts (%(starts)s).") % {"starts": starts.isoformat()})
    linked_goals = _text_list(ctx, item, "goals", path)
    for slug_ in linked_goals:
        _reference(ctx, slug_, goals, f"{path}.goals", "[[goals]]")
    focus = _text_list(ctx, item, "focus_areas", path)
    for slug_ in focus:
        _reference(ctx, slug_, plan.focus_areas, f"{path}.focus_areas", "the focus areas of [[goals]] or [[sectors]]")
    _unknown(
        ctx,
        item,
        path,
        {"activity", "text", "sector", "responsible", "starts", "ends", "goals", "focus_areas", "themes", "notes"},
    )
    return {
        "_path": path,
        "slug": slug,
        "text": text,
        "sector": sector,
        "responsible": _text(ctx, item, "responsible", path),
        "starts": starts,
        "ends": ends,
        "goals": linked_goals,
        "focus_areas": focus,
        "themes": _themes(ctx, item, path),
        "notes": _notes(ctx, item, path),
    }


def _themes(ctx, item: dict, path: str) -> list[dict]:
    out = []
    for tpath, theme in _tables(ctx, item.get("themes"), f"{path}.themes"):
        row = {
            "_path": tpath,
            "area": _slug(ctx, theme, "area", tpath, required=False),
            "question": _slug(ctx, theme, "question", tpath, required=False),
            "label": _text(ctx, theme, "theme", tpath, required=True),
            "ref": _text(ctx, theme, "id", tpath),
        }
        out.append(row)
        _unknown(ctx, theme, tpath, {"area", "question", "theme", "id"})
    return out


def _notes(ctx, item: dict, path: str) -> list[dict]:
    out = []
    for npath, note in _tables(ctx, item.get("notes"), f"{path}.notes"):
        date = _date(ctx, note, "date", npath)
        if "date" not in note:
            ctx.problem(f"{npath}.date", _("is missing. Every note needs the date it describes: date = 2024-03-01."))
        status = _text(ctx, note, "status", npath)
        if status and status not in STATUSES:
            ctx.problem(
                f"{npath}.status",
                _("%(value)r is not a status. Use one of: %(allowed)s.")
                % {"value": status, "allowed": ", ".join(STATUSES)},
            )
            status = ""
        text = _text(ctx, note, "text", npath)
        if not text and not status and "status" not in note:
            ctx.problem(npath, _("a note needs a text = … or a status = … (or both)."))
        out.append(
            {"_path": npath, "date": date, "status": status, "text": text, "author": _text(ctx, note, "author", npath)}
        )
        _unknown(ctx, note, npath, {"date", "status", "text", "author"})
    return out
