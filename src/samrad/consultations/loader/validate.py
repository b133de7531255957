"""Check a parsed consultation file and turn it into plain, normalised data for load.py.

Every problem is collected (not just the first), with the key path and line, so a planner can fix the
whole file in one go.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from .errors import Problem
from .locate import KeyLocator
from .municipalities import municipalities
from .registry import SECTIONS

TZ = ZoneInfo("Europe/Stockholm")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TOP_LEVEL = {
    "schema_version",
    "consultation",
    "publication",
    "survey",
    "role_categories",
    "municipalities",
    "areas",
    "questions",
    "events",
}
QUESTION_KINDS = ("challenges", "attractiveness", "sustainability", "other")
EVENT_KINDS = ("area_dialogue", "municipal_dialogue", "sector_workshop", "other")
EVENT_FORMATS = ("digital", "physical")
STATUSES = ("planning", "open", "analysing", "published", "closed")
RULES = ("same_area", "mixed", "keep_previous")
# First path segments the site uses itself; a consultation with such a slug could not be reached.
RESERVED_SLUGS = {"admin", "anmalan", "en", "i18n", "konto", "media", "mina-uppgifter", "personal", "static"}
_MISSING = object()


def type_name(kind) -> str:
    return {
        str: _("text"),
        int: _("a whole number"),
        bool: _("true or false"),
        list: _("a list"),
        dict: _("a table"),
        "datetime": _("a date or date and time"),
    }[kind]


@dataclass
class Ctx:
    locator: KeyLocator
    problems: list[Problem] = field(default_factory=list)

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(key=key, message=message, line=self.locator.line_of(key)))

    def get(
        self,
        table: dict,
        key: str,
        path: str,
        kind,
        *,
        required: bool = True,
        default=None,
        choices: tuple[str, ...] | None = None,
        slug: bool = False,
    ):
        full = f"{path}.{key}" if path else key
        value = table.get(key, _MISSING)
        if value is _MISSING:
            if required:
                self.problem(full, _("is missing. Add %(key)s = … here.") % {"key": key})
            return default
        if kind == "datetime":
            return self._datetime(value, full)
        if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
            self.problem(
                full, _("should be %(expected)s, not %(value)r.") % {"expected": type_name(kind), "value": value}
            )
            return default
        if kind is str:
            value = value.strip()
            if required and not value:
                self.problem(full, _("is empty. Write a value between the quotes."))
                return default
        if choices is not None and value not in choices:
            self.problem(
                full,
                _("%(value)r is not allowed here. Use one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(choices)},
            )
            return default
        if slug and not SLUG.match(value):
            self.problem(
                full,
                _(
                    "%(value)r is not a valid slug. Use lower-case letters a–z, digits and hyphens, "
                    "e.g. “bild-och-form”."
                )
                % {"value": value},
            )
            return default
        return value

    def _datetime(self, value, full: str):
        if isinstance(value, dt.datetime):
            return value if value.tzinfo else value.replace(tzinfo=TZ)
        if isinstance(value, dt.date):
            return dt.datetime.combine(value, dt.time(0, 0), tzinfo=TZ)
        self.problem(
            full,
            _("should be a date (2022-06-01) or a date and time (2022-06-01T09:00:00+02:00), not %(value)r.")
            % {"value": value},
        )
        return None

    def table_list(self, data: dict, key: str) -> list[tuple[str, dict]]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.problem(key, _("should be a list of tables: write each item as [[%(key)s]].") % {"key": key})
            return []
        items = []
        for i, item in enumerate(value):
            path = f"{key}[{i}]"
            if not isinstance(item, dict):
                self.problem(path, _("should be a table, written as [[%(key)s]].") % {"key": key})
                continue
            items.append((path, item))
        return items

    def unique(self, items: list[tuple[str, dict]], key: str = "slug") -> None:
        seen: dict[str, str] = {}
        for path, item in items:
            value = item.get(key)
            if isinstance(value, str) and value in seen:
                self.problem(
                    f"{path}.{key}",
                    _("%(value)r is used twice (also at %(other)s). Slugs must be unique.")
                    % {"value": value, "other": seen[value]},
                )
            elif isinstance(value, str):
                seen[value] = path


def validate(data: dict, ctx: Ctx) -> dict[str, Any]:
    """Return normalised plan data; problems go to ctx."""
    for key in data:
        if key not in TOP_LEVEL and key not in SECTIONS:
            ctx.problem(
                key,
                _("is not a known section. Known sections: %(known)s.")
                % {"known": ", ".join(sorted(TOP_LEVEL | set(SECTIONS)))},
            )
    version = data.get("schema_version", 1)
    if version != 1:
        ctx.problem(
            "schema_version", _("this version of samrad reads schema_version = 1, not %(value)r.") % {"value": version}
        )

    plan: dict[str, Any] = {}
    c = data.get("consultation")
    if not isinstance(c, dict):
        ctx.problem("consultation", _("the [consultation] table is missing. Add it with slug, name and organiser."))
        c = {}
    plan["consultation"] = {
        "slug": ctx.get(c, "slug", "consultation", str, slug=True),
        "name": ctx.get(c, "name", "consultation", str),
        "organiser": ctx.get(c, "organiser", "consultation", str),
        "logo": ctx.get(c, "logo", "consultation", str, required=False, default=""),
        "status": ctx.get(c, "status", "consultation", str, required=False, choices=STATUSES),
        "is_example": ctx.get(c, "example", "consultation", bool, required=False, default=False),
        "intro": ctx.get(c, "intro", "consultation", str, required=False, default=""),
        "results_intro": ctx.get(c, "results_intro", "consultation", str, required=False, default=""),
        "participants_text": ctx.get(c, "participants_text", "consultation", str, required=False, default=""),
    }
    if plan["consultation"]["slug"] in RESERVED_SLUGS:
        ctx.problem(
            "consultation.slug",
            _('%(value)r is used by the site itself. Choose another slug, e.g. "%(value)s-2024".')
            % {"value": plan["consultation"]["slug"]},
        )
    plan["consultation"].update(_plan_period(c, ctx))

    p = data.get("publication", {})
    if not isinstance(p, dict):
        ctx.problem("publication", _("should be a table: [publication]."))
        p = {}
    minimum = ctx.get(p, "min_participants", "publication", int, required=False, default=5)
    if isinstance(minimum, int) and minimum < 1:
        ctx.problem("publication.min_participants", _("must be at least 1."))
    plan["publication"] = {
        "min_participants": minimum,
        "withheld_text": ctx.get(p, "withheld_text", "publication", str, required=False, default=""),
        "followup_text": ctx.get(p, "followup_text", "publication", str, required=False, default=""),
        "processing_banner": ctx.get(p, "processing_banner", "publication", str, required=False, default=""),
    }

    plan["survey"] = _survey(data.get("survey"), ctx)
    plan["role_categories"] = _simple_list(data, "role_categories", ctx, extra={"description": str})
    plan["municipalities"] = municipalities(data, c, ctx)
    plan["areas"] = _simple_list(data, "areas", ctx, extra={"description": str, "neighbour": str})
    plan["questions"] = _questions(data, ctx)
    plan["events"] = _events(data, ctx, plan)

    area_slugs = {a["slug"] for a in plan["areas"]}
    for a in plan["areas"]:
        if a.get("neighbour") and a["neighbour"] not in area_slugs:
            ctx.problem(
                f"{a['_path']}.neighbour",
                _("names the area %(value)r, which is not in [[areas]].") % {"value": a["neighbour"]},
            )
        if a.get("neighbour") == a["slug"]:
            ctx.problem(f"{a['_path']}.neighbour", _("an area cannot be its own neighbour."))

    plan["sections"] = {}
    for name, section in SECTIONS.items():
        if name in data:
            section.validate(data[name], ctx)
            plan["sections"][name] = data[name]
    return plan


def _plan_period(c: dict, ctx: Ctx) -> dict:
    value = c.get("plan_period", _MISSING)
    key = "consultation.plan_period"
    if value is _MISSING:
        ctx.problem(key, _('is missing. Write e.g. plan_period = "2024–2027".'))
        return {"plan_period_start": None, "plan_period_end": None}
    years: list = []
    if isinstance(value, str):
        years = [int(y) for y in re.findall(r"\d{4}", value)]
    elif isinstance(value, list) and all(isinstance(y, int) and not isinstance(y, bool) for y in value):
        years = value
    if len(years) != 2:
        ctx.problem(key, _('should be two years, e.g. "2024–2027", not %(value)r.') % {"value": value})
        return {"plan_period_start": None, "plan_period_end": None}
    if years[0] > years[1]:
        ctx.problem(
            key, _("the first year (%(start)s) is after the last (%(end)s).") % {"start": years[0], "end": years[1]}
        )
    return {"plan_period_start": years[0], "plan_period_end": years[1]}


def _survey(s, ctx: Ctx) -> dict | None:
    if s is None:
        return None
    if not isinstance(s, dict):
        ctx.problem("survey", _("should be a table: [survey]."))
        return None
    opens = ctx.get(s, "opens", "survey", "datetime")
    closes = ctx.get(s, "closes", "survey", "datetime")
    if isinstance(s.get("closes"), dt.date) and not isinstance(s.get("closes"), dt.datetime) and closes:
        closes = closes + dt.timedelta(days=1)  # a closing date means: open all of that day
    if opens and closes and closes <= opens:
        ctx.problem(
            "survey.closes",
            _("is before the survey opens (%(opens)s). Dates are in the wrong order.") % {"opens": s.get("opens")},
        )
    length = ctx.get(s, "max_answer_length", "survey", int, required=False, default=5000)
    if isinstance(length, int) and length < 10:
        ctx.problem("survey.max_answer_length", _("must be at least 10 characters."))
    return {
        "opens_at": opens,
        "closes_at": closes,
        "title": ctx.get(s, "title", "survey", str, required=False, default=""),
        "intro": ctx.get(s, "intro", "survey", str, required=False, default=""),
        "thanks": ctx.get(s, "thanks", "survey", str, required=False, default=""),
        "max_answer_length": length,
    }


def _simple_list(data: dict, key: str, ctx: Ctx, extra: dict) -> list[dict]:
    items = ctx.table_list(data, key)
    ctx.unique(items)
    out = []
    for order, (path, item) in enumerate(items):
        row = {
            "_path": path,
            "order": order,
            "slug": ctx.get(item, "slug", path, str, slug=True),
            "name": ctx.get(item, "name", path, str),
        }
        for name, kind in extra.items():
            row[name] = ctx.get(item, name, path, kind, required=False, default=None if kind is int else "")
        _unknown_keys(item, path, {"slug", "name", *extra}, ctx)
        out.append(row)
    return out


def _questions(data: dict, ctx: Ctx) -> list[dict]:
    items = ctx.table_list(data, "questions")
    ctx.unique(items)
    out = []
    for order, (path, item) in enumerate(items):
        out.append(
            {
                "_path": path,
                "order": order,
                "slug": ctx.get(item, "slug", path, str, slug=True),
                "text": ctx.get(item, "text", path, str),
                "label": ctx.get(item, "label", path, str),
                "kind": ctx.get(item, "kind", path, str, required=False, default="other", choices=QUESTION_KINDS),
                "in_survey": ctx.get(item, "survey", path, bool, required=False, default=True),
                "help_text": ctx.get(item, "help", path, str, required=False, default=""),
            }
        )
        _unknown_keys(item, path, {"slug", "text", "label", "kind", "survey", "help"}, ctx)
    return out


def _events(data: dict, ctx: Ctx, plan: dict) -> list[dict]:
    items = ctx.table_list(data, "events")
    ctx.unique(items)
    questions = {q["slug"] for q in plan["questions"]}
    areas = {a["slug"] for a in plan["areas"]}
    out = []
    for path, item in items:
        ev = {
            "_path": path,
            "slug": ctx.get(item, "slug", path, str, slug=True),
            "title": ctx.get(item, "title", path, str),
            "kind": ctx.get(item, "kind", path, str, required=False, default="other", choices=EVENT_KINDS),
            "format": ctx.get(item, "format", path, str, required=False, default="physical", choices=EVENT_FORMATS),
            "starts_at": ctx.get(item, "starts", path, "datetime"),
            "ends_at": ctx.get(item, "ends", path, "datetime"),
            "place": ctx.get(item, "place", path, str, required=False, default=""),
            "link": ctx.get(item, "link", path, str, required=False, default=""),
            "description": ctx.get(item, "description", path, str, required=False, default=""),
            "participants_text": ctx.get(item, "participants_text", path, str, required=False, default=""),
            "capacity": ctx.get(item, "capacity", path, int, required=False),
            "registration_opens_at": ctx.get(item, "registration_opens", path, "datetime", required=False),
            "registration_closes_at": ctx.get(item, "registration_closes", path, "datetime", required=False),
        }
        if ev["starts_at"] and ev["ends_at"] and ev["ends_at"] <= ev["starts_at"]:
            ctx.problem(f"{path}.ends", _("is before the event starts. Dates are in the wrong order."))
        if (
            ev["registration_closes_at"]
            and ev["registration_opens_at"]
            and (ev["registration_closes_at"] <= ev["registration_opens_at"])
        ):
            ctx.problem(f"{path}.registration_closes", _("is before registration opens. Dates are in the wrong order."))
        if ev["link"] and not re.match(r"^https?://", ev["link"]):
            ctx.problem(f"{path}.link", _("should be a web address starting with https://."))
        if isinstance(ev["capacity"], int) and ev["capacity"] < 1:
            ctx.problem(f"{path}.capacity", _("must be at least 1."))
        ev["rounds"] = _rounds(item, path, ctx, questions, areas)
        _unknown_keys(
            item,
            path,
            {
                "slug",
                "title",
                "kind",
                "format",
                "starts",
                "ends",
                "place",
                "link",
                "description",
                "participants_text",
                "capacity",
                "registration_opens",
                "registration_closes",
                "rounds",
            },
            ctx,
        )
        out.append(ev)
    return out


def _rounds(event: dict, path: str, ctx: Ctx, questions: set[str], areas: set[str]) -> list[dict]:
    rounds = []
    for i, (rpath, r) in enumerate(ctx.table_list({f"{path}.rounds": event.get("rounds", [])}, f"{path}.rounds")):
        number = i + 1
        row = {
            "_path": rpath,
            "number": number,
            "question": ctx.get(r, "question", rpath, str, required=False),
            "rule": ctx.get(r, "rule", rpath, str, required=False, default="mixed", choices=RULES),
            "min_size": ctx.get(r, "min_size", rpath, int, required=False, default=2),
            "max_size": ctx.get(r, "max_size", rpath, int, required=False, default=4),
            "keep_round": ctx.get(r, "keep_round", rpath, int, required=False),
            "areas": ctx.get(r, "areas", rpath, list, required=False, default=[]),
        }
        for j, area in enumerate(row["areas"] or []):
            if area not in areas:
                ctx.problem(
                    f"{rpath}.areas",
                    _("item %(n)d names the area %(value)r, which is not in [[areas]].") % {"n": j + 1, "value": area},
                )
        if row["question"] and row["question"] not in questions:
            ctx.problem(
                f"{rpath}.question",
                _("names the question %(value)r, which is not in [[questions]].") % {"value": row["question"]},
            )
        if isinstance(row["min_size"], int) and isinstance(row["max_size"], int):
            if row["min_size"] < 1:
                ctx.problem(f"{rpath}.min_size", _("must be at least 1."))
            if row["min_size"] > row["max_size"]:
                ctx.problem(f"{rpath}.max_size", _("is smaller than min_size (%(min)d).") % {"min": row["min_size"]})
        if row["rule"] == "keep_previous":
            keep = row["keep_round"] if row["keep_round"] is not None else number - 1
            if number == 1:
                ctx.problem(
                    f"{rpath}.rule", _('the first round has no earlier groups to keep. Use "same_area" or "mixed".')
                )
            elif not (isinstance(keep, int) and 1 <= keep < number):
                ctx.problem(
                    f"{rpath}.keep_round",
                    _("must name an earlier round of this event (1 to %(last)d).") % {"last": number - 1},
                )
            row["keep_round"] = keep
        elif row["keep_round"] is not None:
            ctx.problem(f"{rpath}.keep_round", _('only applies when rule = "keep_previous".'))
        _unknown_keys(r, rpath, {"question", "rule", "min_size", "max_size", "keep_round", "areas"}, ctx)
        rounds.append(row)
    return rounds


def _unknown_keys(item: dict, path: str, known: set[str], ctx: Ctx) -> None:
    for key in item:
        if key not in known:
            ctx.problem(
                f"{path}.{key}",
                _("is not a known key here. Known keys: %(known)s.") % {"known": ", ".join(sorted(known))},
            )
